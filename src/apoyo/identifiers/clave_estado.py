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
>>> resolver("Estado de México"), resolver("CDMX"), resolver("20 - Oaxaca"), resolver("Oaxacaa")
('15', '09', '20', None)
"""

from __future__ import annotations

import re

from apoyo.identifiers._errors import InvalidComponent, InvalidFormat
from apoyo.schema import plegar

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

#: Other names people write for an entity (folded as `apoyo.schema.plegar` folds): INEGI's
#: official long names, and the usual short forms. "Estado de …" / "Edo. de …" before any
#: name is understood too (`resolver`).
OTROS_NOMBRES: dict[str, str] = {
    "coahuila de zaragoza": "05", "cdmx": "09", "distrito federal": "09", "df": "09",
    "d f": "09", "edomex": "15", "michoacan de ocampo": "16", "queretaro de arteaga": "22",
    "veracruz de ignacio de la llave": "30",
}
_POR_NOMBRE: dict[str, str] = {
    **{plegar(nombre_): clave for clave, nombre_ in ENTIDADES.items()}, **OTROS_NOMBRES}
_PREFIJOS = ("estado de ", "edo de ")


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


def resolver(valor: str | int | float) -> str | None:
    """The two-digit code for an entity written as people write it, or None.

    Accepts the code (``"07"``, ``"7"``, 7.0), the entity's name of `ENTIDADES` or of
    `OTROS_NOMBRES` with accents, case, punctuation and spacing aside (``"OAXACA"``,
    ``"Ciudad de Mexico"``, ``"CDMX"``), preceded by "Estado de" / "Edo. de"
    (``"Estado de México"`` is 15), and a code with its name when both agree
    (``"20 - Oaxaca"``, ``"20 Oaxaca"``, ``"Oaxaca (20)"``). Not for the rows' Clave del
    Estado column, which DERFE wants as the code (`validate`).

    Returns:
        ``"01"``..``"32"``; None for anything else (an unknown name, a number outside 01-32,
        a code and a name that disagree such as ``"20 Chiapas"``).

    >>> resolver(" oaxaca "), resolver(20), resolver("Edo. de Mexico"), resolver("99")
    ('20', '20', '15', None)
    >>> resolver("Oaxaca (20)"), resolver("20 Chiapas")
    ('20', None)
    """
    if is_valid(valor):
        return validate(valor)
    plegado = plegar(str(valor))
    clave = _de_nombre(plegado)
    if clave is not None:
        return clave
    if partes := re.fullmatch(r"(\d{1,2}) (\D.*)", plegado):
        numero, nombre_ = partes.groups()
    elif partes := re.fullmatch(r"(\D.*) (\d{1,2})", plegado):
        nombre_, numero = partes.groups()
    else:
        return None
    clave = _de_nombre(nombre_)
    return clave if clave is not None and clave == compact(numero) else None


def _de_nombre(plegado: str) -> str | None:
    if plegado in _POR_NOMBRE:
        return _POR_NOMBRE[plegado]
    for prefijo in _PREFIJOS:
        if plegado.startswith(prefijo) and plegado[len(prefijo):] in _POR_NOMBRE:
            return _POR_NOMBRE[plegado[len(prefijo):]]
    return None
