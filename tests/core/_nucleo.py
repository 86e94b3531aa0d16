"""Shared data of the core tests: a valid base row, the cut-off date, the shared test files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from apoyo.check import Contexto, revisar_filas
from apoyo.schema import CAMPOS

CORTE = date(2026, 11, 29)
CTX = Contexto(fecha_corte=CORTE)
from compartido import CASOS, DATOS  # noqa: F401  (tests/ is on sys.path)

# A clean row from ../shared/cases/excel_numeros.xlsx (row 2), as text.
# Letters: VAZQUEZ -> V+Z, SANCHEZ -> S+N, SOFIA -> S+F; 920217 = 17 Feb 1992 (34 at the cut-off);
# born in 07, M, 101. OCR starts with the section 1726; Tuxtla Gutiérrez (INE 102), district 9.
BASE = ("07", "1726", "SOFIA", "VAZQUEZ", "SANCHEZ", "VZSNSF92021707M101", "1726668657279",
        "767794671")


def fila(**cambios: Any) -> list[Any]:
    """The base row with some fields replaced."""
    assert set(cambios) <= set(CAMPOS), cambios
    return [cambios.get(c, v) for c, v in zip(CAMPOS, BASE)]


def hallazgos_de(valores: list[Any], contexto: Contexto = CTX, numero: int = 5):
    """Findings of one row checked alone, as (fila, campo, codigo, severidad) tuples."""
    [r] = list(revisar_filas([(numero, valores)], contexto))
    return [(h.fila, h.campo, h.codigo, h.severidad) for h in r.hallazgos]


def revisada(valores: list[Any], contexto: Contexto = CTX, numero: int = 5):
    [r] = list(revisar_filas([(numero, valores)], contexto))
    return r
