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


def prefijo_seccion(value: str) -> int:
    """The sección that the first 4 digits suggest (Likely, for a warning only)."""
    return int(validate(value)[:4])
