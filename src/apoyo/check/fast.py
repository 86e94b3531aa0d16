"""Fast path for the common case: a row that is already clean and valid.

One compiled regular expression checks the shape of all eight fields at once; the birth date,
the name initials and the catalogue are looked up in caches. A row that passes gets no finding
from the per-field and cross-field rules, exactly as the full rules would decide (a test
compares both paths); anything else — numbers, blanks to repair, any doubt — takes the full
path in `apoyo.check.field` and `apoyo.check.cross`. Duplicates are always checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from apoyo.check.context import Contexto
from apoyo.identifiers import clave_elector

_NOMBRE = r"[A-Z\u00d1'.-]*[A-Z\u00d1][A-Z\u00d1'.-]*(?: [A-Z\u00d1'.-]+)*"
_FILA = re.compile(
    "(0[1-9]|[12][0-9]|3[0-2])\x1f"            # clave_estado
    "([1-9][0-9]{0,3})\x1f"                    # seccion
    f"({_NOMBRE})\x1f"                         # nombre
    f"((?:{_NOMBRE})?)\x1f((?:{_NOMBRE})?)\x1f"  # apellidos
    "([A-Z]{6})([0-9]{6})(0[1-9]|[12][0-9]|3[0-2])[HMX][0-9]{3}\x1f"  # clave_elector
    "([0-9]{13})?\x1f([0-9]{9})?"              # ocr, cic
)


@lru_cache(maxsize=65_536)
def _fecha_plausible(yymmdd: str, corte: date) -> bool:
    """A real date giving a usual age (18-99) for one of its readings (no finding needed)."""
    clave = "AAAAAA" + yymmdd + "01H000"
    return clave_elector.is_valid(clave) and not clave_elector.edad_inusual(clave, corte)


@lru_cache(maxsize=262_144)
def _iniciales(paterno: str, materno: str, nombre: str) -> str:
    return clave_elector.iniciales(paterno, materno, nombre)


def fila_limpia(valores: Sequence[Any], contexto: Contexto) -> tuple[str, ...] | None:
    """The eight values unchanged if the row is clean and valid, else None (use full rules).

    Args:
        valores: eight raw values in `CAMPOS` order.
        contexto: cut-off date, scope and catalogue.
    """
    limpios = tuple("" if v is None else v for v in valores)
    try:
        texto = "\x1f".join(limpios)
    except TypeError:  # a number, date or bool: needs normalising
        return None
    m = _FILA.fullmatch(texto)
    if m is None:
        return None
    entidad, seccion, nombre, paterno, materno, letras, yymmdd, _, ocr, cic = m.groups()
    if not (paterno or materno) or not (ocr or cic):
        return None
    if not _fecha_plausible(yymmdd, contexto.fecha_corte):
        return None
    if letras != _iniciales(paterno, materno, nombre):
        return None
    if ocr and int(ocr[:4]) != int(seccion):
        return None
    if contexto.entidad and entidad != contexto.entidad:
        return None
    if contexto.catalogo and contexto.catalogo.cubre(entidad):
        ubicacion = contexto.catalogo.buscar(entidad, int(seccion))
        if ubicacion is None:
            return None
        if contexto.distrito is not None and ubicacion.distrito != contexto.distrito:
            return None
        if contexto.municipio is not None and ubicacion.municipio != contexto.municipio:
            return None
    return limpios
