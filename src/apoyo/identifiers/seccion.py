"""Sección electoral: a positive integer, numbered per entity (the key is (entity, sección)).

Sections go up to a few thousand per entity (Chiapas: 2,419 in INE's 2025 catalogue), so a
valid number is 1-9999 (domain.md, Confirmed). Whether it exists needs INE's catalogue
(`apoyo.catalog`).

>>> validate("1726"), validate(" 0204 "), validate(191.0)
('1726', '204', '191')
>>> validate("0")
Traceback (most recent call last):
    ...
apoyo.identifiers._errors.InvalidComponent: seccion-invalida
>>> is_valid("12A"), is_valid("10000")
(False, False)
"""

from __future__ import annotations

from apoyo.identifiers._errors import InvalidComponent, InvalidFormat

MAXIMA = 9999


def compact(value: str | int | float) -> str:
    """Strip blanks; an integral number becomes its digits (191.0 -> "191")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "".join(str(value).split())


def validate(value: str | int | float) -> str:
    """Return the section without leading zeros, or raise `InvalidFormat` (not digits) or
    `InvalidComponent` (0 or above 9999); both carry the code ``seccion-invalida``."""
    try:
        text = compact(value)
    except ValueError:  # an int beyond sys.get_int_max_str_digits() has no text form
        raise InvalidComponent("seccion-invalida") from None
    if not (text.isascii() and text.isdigit()):
        raise InvalidFormat("seccion-invalida")
    if len(text.lstrip("0")) > len(str(MAXIMA)):  # int() refuses more than 4300 digits
        raise InvalidComponent("seccion-invalida")
    number = int(text)
    if not 1 <= number <= MAXIMA:
        raise InvalidComponent("seccion-invalida")
    return str(number)


def is_valid(value: str | int | float) -> bool:
    """True when `validate` would succeed."""
    try:
        validate(value)
    except ValueError:
        return False
    return True
