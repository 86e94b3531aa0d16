"""Shared data and writers for the reader tests (a uniquely named module: `conftest` is not
importable by name when several test folders have one)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from compartido import CASOS  # noqa: E402  (../shared/cases beside the repository)

ENCABEZADOS = [
    "Clave del Estado",
    "Sección electoral",
    "Nombre(s)",
    "Apellido paterno",
    "Apellido materno",
    "Clave de elector",
    "OCR",
    "CIC",
]
FILA_1 = ["07", "1726", "SOFIA", "VAZQUEZ", "SANCHEZ", "VZSNSF92021707M101", "1726668657279",
          "767794671"]
FILA_2 = ["07", "752", "MARÍA", "PÉREZ", "CASTAÑEDA", "PRCSMR50102707M484", "0752325589669",
          "817530666"]

Hojas = dict[str, Sequence[Sequence[Any]]]


def escribir_libro(
    ruta: Path, hojas: Hojas, inicio: tuple[int, int] = (0, 0), **opciones: Any
) -> Path:
    """Write an .xlsx/.xlsm with xlsxwriter: each sheet's rows from `inicio` (0-based row, col).

    A None cell is not written; "" is not written either (xlsxwriter skips empty strings).
    """
    libro = xlsxwriter.Workbook(str(ruta), opciones)
    for nombre, filas in hojas.items():
        hoja = libro.add_worksheet(nombre)
        for i, fila in enumerate(filas):
            for j, valor in enumerate(fila):
                if valor is not None:
                    hoja.write(inicio[0] + i, inicio[1] + j, valor)
    libro.close()
    return ruta
