"""CIC (Código de Identificación de Credencial): 9 digits, model D credentials onward.

It is the document number of line 1 of the machine-readable zone (ICAO Doc 9303, TD1):
``IDMEX`` + CIC (9) + check digit + ``<<`` + 13 digits. The check digit uses ICAO's 7-3-1
weights (digits as their value, ``<`` as 0, A=10 ... Z=35), verified on public samples
(domain.md, Confirmed). A 10-digit entry is the CIC with its check digit typed too: accepted
when the digit is right, an error when it is wrong.

>>> digito_verificador("123456789")
'7'
>>> validate("123456789"), validate("1234567897")
('123456789', '123456789')
>>> validate("1234567890")
Traceback (most recent call last):
    ...
apoyo.identifiers._errors.InvalidChecksum: cic-digito-verificador
>>> parse_mrz("IDMEX1234567897<<0204346340346")
('123456789', '0204346340346')
"""

from __future__ import annotations

import re

from apoyo.identifiers._errors import InvalidChecksum, InvalidFormat, InvalidLength

LONGITUD = 9
_PESOS = (7, 3, 1)
_MRZ = re.compile(r"IDMEX([0-9]{9})([0-9])<<([0-9]{13})<*")  # ASCII only: \d takes any script


def _valor(caracter: str) -> int:
    if caracter.isdigit():
        return int(caracter)
    if caracter == "<":
        return 0
    return ord(caracter) - ord("A") + 10


def digito_verificador(value: str) -> str:
    """ICAO 9303 check digit of `value` (digits, ``<`` and A-Z): sum of value x 7,3,1 mod 10."""
    return str(sum(_valor(c) * _PESOS[i % 3] for i, c in enumerate(value)) % 10)


def compact(value: str) -> str:
    """Remove blanks and hyphens."""
    return "".join(str(value).split()).replace("-", "")


def validate(value: str) -> str:
    """Return the 9-digit CIC.

    Raises `InvalidFormat` (``cic-formato``), `InvalidLength` (``cic-longitud``, with
    ``longitud``) or `InvalidChecksum` (``cic-digito-verificador``, with ``esperado``) for a
    10-digit value whose last digit is not the check digit of the first nine.
    """
    text = compact(value)
    if not (text.isascii() and text.isdigit()):
        raise InvalidFormat("cic-formato")
    if len(text) == LONGITUD + 1:
        esperado = digito_verificador(text[:LONGITUD])
        if text[-1] != esperado:
            raise InvalidChecksum("cic-digito-verificador", esperado=esperado)
        return text[:LONGITUD]
    if len(text) != LONGITUD:
        raise InvalidLength("cic-longitud", longitud=len(text))
    return text


def is_valid(value: str) -> bool:
    """True when `validate` would succeed."""
    try:
        validate(value)
    except ValueError:
        return False
    return True


def parse_mrz(value: str) -> tuple[str, str] | None:
    """Return (CIC, the 13 digits) from a typed MRZ line 1, or None if it is not one or its
    check digit is wrong."""
    match = _MRZ.fullmatch(compact(value).upper())
    if not match or digito_verificador(match.group(1)) != match.group(2):
        return None
    return match.group(1), match.group(3)
