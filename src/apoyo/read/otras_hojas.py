"""Worksheets besides the one read that hold apoyos too (``otra-hoja-con-datos``).

The reader checks and exports a single sheet (`apoyo.read.libro`): ``Apoyos`` if present, else
the first worksheet with a header row. Rows typed in another sheet (one sheet per town, a copy
«Apoyos (2)», the data in «Hoja1» beside an empty «Apoyos») would silently stay out; this module
finds such sheets so that the reader can warn about each one.

A sheet counts when it has a header row (`apoyo.read.encabezado.buscar_encabezado`) and at least
one non-empty row below it; "non-empty" is the reader's own rule for data rows: a cell other than
``""``, None or whitespace, ``Resultado`` and flags columns not counted.

>>> contar_filas_con_datos([["", 7.0], ["", " "], [None, "\\xa0"], [0.0], ["", "", "OK"]],
...                        frozenset({2}))
2
>>> filas = [["Hoja de Tapachula"], ["Clave del Estado", "Sección", "Nombre", "OCR"],
...          ["07", "1726", "SOFIA", "1726668657279"], ["", "", "", ""], ["07", "", "", ""]]
>>> filas_con_datos(filas)
2
>>> filas_con_datos(filas[:2]), filas_con_datos([["Municipio", "Total"], ["Tuxtla", 10.0]])
(0, None)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

import python_calamine as pc

from apoyo.errors import hallazgo
from apoyo.read.encabezado import buscar_encabezado
from apoyo.record import Hallazgo
from apoyo.schema import plegar


def contar_filas_con_datos(filas: Iterable[Sequence[Any]],
                           ignoradas: frozenset[int] = frozenset()) -> int:
    """How many of `filas` have a cell with content.

    Args:
        filas: rows of cell values as python-calamine gives them (``""`` for an empty cell;
            None is accepted too), all indexed from the same column.
        ignoradas: indexes, in those rows, of the columns whose content does not count
            (``Resultado``, the template's flags column).

    Returns:
        The number of rows with a cell that is not ``""``, None or whitespace outside
        `ignoradas` (a number, a date, ``0.0`` count). Each row costs the look at its first cells
        up to the first one with content; no row is kept.
    """
    cuenta = 0
    for celdas in filas:
        for i, valor in enumerate(celdas):
            if valor.__class__ is str:
                if not valor or valor.isspace():
                    continue
            elif valor is None:
                continue
            if i in ignoradas:
                continue
            cuenta += 1
            break
    return cuenta


def filas_con_datos(filas: Iterable[Sequence[Any]]) -> int | None:
    """The number of rows with content below a sheet's header row, or None without a header.

    Args:
        filas: a sheet's rows in order from its first row (python-calamine's ``iter_rows()``
            gives that: its first rows are the empty ones above the used range), each from the
            same column; iterated once.

    Returns:
        None when no header row is found among the first non-empty rows (the sheet does not
        look like a table of apoyos); else `contar_filas_con_datos` of the rows below it (0 for
        a header alone).
    """
    restantes = iter(filas)
    # `buscar_encabezado` stops right after the header row: `restantes` goes on below it.
    enc = buscar_encabezado(enumerate(restantes, start=1))
    if enc is None:
        return None
    return contar_filas_con_datos(restantes, enc.ignoradas)


def _filas_de_hoja(libro: pc.CalamineWorkbook, nombre: str) -> int | None:
    """`filas_con_datos` of one sheet, loaded here and released on return; None also when
    python-calamine cannot read that sheet (the sheet read is unaffected: nothing can be said
    about the other one)."""
    try:
        hoja = libro.get_sheet_by_name(nombre)
        if hoja.start is None:  # nothing used at all
            return None
        return filas_con_datos(hoja.iter_rows())
    except pc.CalamineError:
        return None
    except BaseException as exc:  # a Rust panic surfaces as pyo3's PanicException
        if type(exc).__name__ == "PanicException":
            return None
        raise


def avisos_otras_hojas(libro: pc.CalamineWorkbook, revisada: str,
                       excluidas: Collection[str]) -> list[Hallazgo]:
    """One ``otra-hoja-con-datos`` warning per other worksheet with a header and data rows.

    The other worksheets are loaded one at a time, in the workbook's order, and each is released
    before the next is loaded (a sheet may have a million rows). Chart and macro sheets are not
    looked at; hidden worksheets are, and the message says they are hidden.

    Args:
        libro: the open workbook.
        revisada: the name of the sheet that is read (skipped).
        excluidas: folded names (`apoyo.schema.plegar`) of sheets that never hold apoyos (the
            template's Resumen, Aspirante and Instrucciones).

    Returns:
        File-level findings (no row, no field, no personal data: the sheet's name and its number
        of data rows), in the workbook's sheet order; empty when no other sheet has data.

    Raises:
        Nothing from python-calamine: a sheet it cannot read is skipped.
    """
    hallazgos: list[Hallazgo] = []
    for meta in libro.sheets_metadata:
        nombre = meta.name
        if (nombre == revisada or meta.typ != pc.SheetTypeEnum.WorkSheet
                or plegar(nombre) in excluidas):
            continue
        cuenta = _filas_de_hoja(libro, nombre)
        if not cuenta:
            continue
        oculta = meta.visible != pc.SheetVisibleEnum.Visible
        hallazgos.append(hallazgo(
            "otra-hoja-con-datos", None, None,
            hoja=nombre, oculta=" (oculta)" if oculta else "", revisada=revisada,
            filas="1 fila" if cuenta == 1 else f"{cuenta:,} filas",
        ))
    return hallazgos
