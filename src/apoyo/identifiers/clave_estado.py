"""Clave del Estado: the two-digit code of the entity where the citizen is registered.

INE and INEGI number the 32 entities alike, 01 Aguascalientes to 32 Zacatecas (domain.md,
Confirmed). Excel turns ``07`` into the number 7; a single digit is the unambiguous code ``07``.

>>> validate("07")
'07'
>>> validate(7.0), validate(" 7 ")
('07', '07')
>>> nombre("07")
'Chiapas'
>>> validate("33")
Traceback (most recent call last):
    ...
apoyo.identifiers._errors.InvalidComponent: clave-estado-invalida
>>> is_valid("7A")
False
"""

from __future__ import annotations

from apoyo.identifiers._errors import InvalidComponent, InvalidFormat

ENTIDADES: dict[str, str] = {
    "01": "Aguascalientes", "02": "Baja California", "03": "Baja California Sur",
    "04": "Campeche", "05": "Coahuila", "06": "Colima", "07": "Chiapas", "08": "Chihuahua",
    "09": "Ciudad de México", "10": "Durango", "11": "Guanajuato", "12": "Guerrero",
    "13": "Hidalgo", "14": "Jalisco", "15": "México", "16": "Michoacán", "17": "Morelos",
    "18": "Nayarit", "19": "Nuevo León", "20": "Oaxaca", "21": "Puebla", "22": "Querétaro",
    "23": "Quintana Roo", "24": "San Luis Potosí", "25": "Sinaloa", "26": "Sonora",
    "27": "Tabasco", "28": "Tamaulipas", "29": "Tlaxcala", "30": "Veracruz", "31": "Yucatán",
    "32": "Zacatecas",
}


def compact(value: str | int | float) -> str:
    """Strip blanks and restore the leading zero of a one-digit code (7, 7.0, "7" -> "07")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "".join(str(value).split())
    return text.zfill(2) if len(text) == 1 and text.isdigit() else text


def validate(value: str | int | float) -> str:
    """Return the two-digit code, or raise `InvalidFormat` (not digits) / `InvalidComponent`
    (not 01-32). Both carry the catalogue code ``clave-estado-invalida``."""
    try:
        code = compact(value)
    except ValueError:  # an int beyond sys.get_int_max_str_digits() has no text form
        raise InvalidComponent("clave-estado-invalida") from None
    if not (code.isascii() and code.isdigit()):
        raise InvalidFormat("clave-estado-invalida")
    if code not in ENTIDADES:
        raise InvalidComponent("clave-estado-invalida")
    return code


def is_valid(value: str | int | float) -> bool:
    """True when `validate` would succeed."""
    try:
        validate(value)
    except ValueError:
        return False
    return True


def nombre(value: str | int | float) -> str:
    """Return the entity's name for a valid code; raises like `validate`."""
    return ENTIDADES[validate(value)]
