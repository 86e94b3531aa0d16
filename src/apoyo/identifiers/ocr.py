"""OCR: the 13 digits on the back of the credencial para votar (models C and later).

It may begin with 0, so it is text. Public samples suggest the first 4 digits are the sección,
zero-padded, and the last 9 the citizen identifier (domain.md, Likely): that is only a
warning-level cross-check (`prefijo_seccion`). No check digit is known.

>>> validate("0204346340346")
'0204346340346'
>>> prefijo_seccion("0204346340346")
204
>>> validate("231133620811")
Traceback (most recent call last):
    ...
apoyo.identifiers._errors.InvalidLength: ocr-longitud
>>> is_valid("12345678901AB")
False
"""

from __future__ import annotations

from apoyo.identifiers._errors import InvalidFormat, InvalidLength

LONGITUD = 13


def compact(value: str) -> str:
    """Remove blanks and hyphens."""
    return "".join(str(value).split()).replace("-", "")


def validate(value: str) -> str:
    """Return the 13 digits, or raise `InvalidFormat` (``ocr-formato``: not only digits) or
    `InvalidLength` (``ocr-longitud``, with ``longitud``)."""
    text = compact(value)
    if not (text.isascii() and text.isdigit()):
        raise InvalidFormat("ocr-formato")
    if len(text) != LONGITUD:
        raise InvalidLength("ocr-longitud", longitud=len(text))
    return text


def is_valid(value: str) -> bool:
    """True when `validate` would succeed."""
    try:
        validate(value)
    except ValueError:
        return False
    return True


def sin_cero_inicial(value: str, seccion: str) -> str | None:
    """The OCR with the leading zeros a spreadsheet dropped, or None.

    A sección below 1000 makes the OCR start with 0 (its first 4 digits are the sección,
    zero-padded); Excel, storing the OCR as a number, drops those zeros (12 digits for
    sección 191, 11 for sección 12). Restored only when the digits begin with the sección
    itself and are exactly that many short: a digit lost elsewhere leaves another prefix or
    length, and stays an error.

    >>> sin_cero_inicial("191000123211", "191"), sin_cero_inicial("12000123211", "12")
    ('0191000123211', '0012000123211')
    >>> sin_cero_inicial("019100012321", "191"), sin_cero_inicial("191000123211", "19")
    (None, None)
    """
    text = compact(value)
    if not (seccion.isascii() and seccion.isdigit() and 0 < int(seccion) < 1000
            and text.isascii() and text.isdigit()):
        return None
    cifras = str(int(seccion))
    ceros = 4 - len(cifras)
    if len(text) == LONGITUD - ceros and text.startswith(cifras):
        return "0" * ceros + text
    return None


def prefijo_seccion(value: str) -> int:
    """The sección that the first 4 digits suggest (Likely, for a warning only)."""
    return int(validate(value)[:4])
