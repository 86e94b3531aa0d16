"""The other worksheets with apoyos, carried along in the marked copy.

Only one sheet of a workbook is checked (`apoyo.read.libro`); each other worksheet holding apoyos
gets the warning ``otra-hoja-con-datos``. The marked copy keeps those sheets too, values only
(same name, same place of each cell, hidden if it was hidden), so that nothing the aspirant's
team typed is missing from it, and validating the marked copy again warns about the same sheets
with the same row counts (found by a tester: the copy held only Apoyos, Resumen and Aspirante,
and its validation said nothing of the other sheet).

A sheet of more than `FILAS_MAXIMAS` non-empty rows is not copied (it would be held whole in
memory while the copy is written); nor is one whose name the copy already uses (Apoyos, when the
sheet read had another name).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from xlsxwriter.exceptions import DuplicateWorksheetName, InvalidWorksheetName
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from apoyo.read.tabla import HojaAparte

#: Sheets with more non-empty rows than this are not copied.
FILAS_MAXIMAS = 50_000

#: Number formats for the date and time values a reader gives (as Excel shows them in Mexico).
_FORMATOS = {datetime: "dd/mm/yyyy hh:mm:ss", date: "dd/mm/yyyy", time: "hh:mm:ss",
             timedelta: "[h]:mm:ss"}


def copiar_otras_hojas(libro: Workbook, hojas: Iterable[HojaAparte]) -> list[str]:
    """Add each sheet of `hojas` to `libro` (an XlsxWriter workbook being built), its values
    where they were: texts as texts (never formulas), numbers, booleans, and dates and times
    with a date format.

    Returns:
        The names of the sheets not copied: over `FILAS_MAXIMAS` rows, or a name already in
        `libro`.
    """
    formatos: dict[type, Any] = {}
    sin_copiar: list[str] = []
    for aparte in hojas:
        if aparte.filas > FILAS_MAXIMAS:
            sin_copiar.append(aparte.nombre)
            continue
        try:
            hoja = libro.add_worksheet(aparte.nombre)
        except (DuplicateWorksheetName, InvalidWorksheetName):
            sin_copiar.append(aparte.nombre)
            continue
        if aparte.oculta:
            hoja.hide()
        fila0, col0 = aparte.inicio
        for i, celdas in enumerate(aparte.celdas):
            for j, valor in enumerate(celdas):
                _escribir(libro, hoja, fila0 + i, col0 + j, valor, formatos)
    return sin_copiar


def _escribir(libro: Workbook, hoja: Worksheet, fila: int, col: int, valor: Any,
              formatos: dict[type, Any]) -> None:
    """One cell; nothing for an empty one (``""`` or None)."""
    if valor is None or valor == "":
        return
    if isinstance(valor, str):
        hoja.write_string(fila, col, valor)
    elif isinstance(valor, bool):
        hoja.write_boolean(fila, col, valor)
    elif isinstance(valor, (int, float)):
        hoja.write_number(fila, col, valor)
    elif isinstance(valor, (datetime, date, time, timedelta)):
        tipo = next(t for t in _FORMATOS if isinstance(valor, t))
        if tipo not in formatos:
            formatos[tipo] = libro.add_format({"num_format": _FORMATOS[tipo]})
        hoja.write_datetime(fila, col, valor, formatos[tipo])
    else:  # anything else a reader may give: as the text it shows
        hoja.write_string(fila, col, str(valor))
