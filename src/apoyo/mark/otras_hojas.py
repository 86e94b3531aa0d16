"""The other worksheets with apoyos, carried along in the marked copy.

Only one sheet of a workbook is checked (`apoyo.read.libro`); each other worksheet holding apoyos
gets the warning ``otra-hoja-con-datos``. The marked copy keeps those sheets too, values only
(same name, same place of each cell, hidden if it was hidden), so that nothing the aspirant's
team typed is missing from it, and validating the marked copy again warns about the same sheets
with the same row counts (found by a tester: the copy held only Apoyos, Resumen and Aspirante,
and its validation said nothing of the other sheet).

A sheet whose name Excel does not allow (an .ods sheet may have more than 31 characters, or
``: / * ? [ ]``), or that the copy already uses (Resumen, Apoyos), is copied under a name made
from it (`nombre_en_copia`: «Resumen (2)»). A sheet of more than `FILAS_MAXIMAS` non-empty rows
is not copied (it would be held whole in memory while the copy is written): the copy's Resumen
and the command say so (found by a tester: such sheets were left out without a word).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from apoyo.read.tabla import HojaAparte

#: Sheets with more non-empty rows than this are not copied.
FILAS_MAXIMAS = 100_000
#: What Excel does not allow in a sheet name, and its longest one.
_PROHIBIDOS = str.maketrans({c: "_" for c in "[]:*?/\\"})
_LARGO_MAXIMO = 31

#: Number formats for the date and time values a reader gives (as Excel shows them in Mexico).
_FORMATOS = {datetime: "dd/mm/yyyy hh:mm:ss", date: "dd/mm/yyyy", time: "hh:mm:ss",
             timedelta: "[h]:mm:ss"}


@dataclass(frozen=True)
class HojaCopiada:
    """What became of one other sheet: `copia` is its name in the marked copy, None when it was
    not copied (over `FILAS_MAXIMAS` rows)."""

    nombre: str
    filas: int
    copia: str | None


def nombre_en_copia(nombre: str, usados: Collection[str]) -> str:
    """A sheet name Excel allows, made from `nombre`, that differs (ignoring case) from every
    name in `usados`: forbidden characters become «_», leading and trailing apostrophes go, it
    is cut to 31 characters, and « (2)», « (3)»... is added when taken.

    >>> nombre_en_copia("Resumen", {"Apoyos", "Resumen"})
    'Resumen (2)'
    >>> nombre_en_copia("Hoja:1/2", set()), nombre_en_copia("'Citas'", set())
    ('Hoja_1_2', 'Citas')
    >>> nombre_en_copia("Apoyos del municipio de Tuxtla Gutiérrez", set())
    'Apoyos del municipio de Tuxtla'
    """
    base = nombre.translate(_PROHIBIDOS).strip("'")[:_LARGO_MAXIMO].rstrip() or "Hoja"
    tomados = {u.casefold() for u in usados} | {"history"}  # Excel reserves «History»
    candidato, n = base, 1
    while candidato.casefold() in tomados:
        n += 1
        sufijo = f" ({n})"
        candidato = base[:_LARGO_MAXIMO - len(sufijo)].rstrip("'") + sufijo
    return candidato


def copiar_otras_hojas(libro: Workbook, hojas: Iterable[HojaAparte],
                       usados: Collection[str]) -> list[HojaCopiada]:
    """Add each sheet of `hojas` to `libro` (an XlsxWriter workbook being built), its values
    where they were: texts as texts (never formulas), numbers, booleans, and dates and times
    with a date format. `usados`: the names the copy has or will have (Apoyos, Resumen...).

    Returns:
        What became of each sheet, in order (`HojaCopiada`).
    """
    formatos: dict[type, Any] = {}
    hechas: list[HojaCopiada] = []
    tomados = set(usados)
    for aparte in hojas:
        if aparte.filas > FILAS_MAXIMAS:
            hechas.append(HojaCopiada(aparte.nombre, aparte.filas, None))
            continue
        nombre = nombre_en_copia(aparte.nombre, tomados)
        tomados.add(nombre)
        hoja = libro.add_worksheet(nombre)
        if aparte.oculta:
            hoja.hide()
        for i, celdas in enumerate(aparte.celdas):
            for j, valor in enumerate(celdas):
                _escribir(libro, hoja, i, j, valor, formatos)
        hechas.append(HojaCopiada(aparte.nombre, aparte.filas, nombre))
    return hechas


def resumen_de(hechas: Iterable[HojaCopiada]) -> str | None:
    """One Spanish sentence on what became of the other sheets (for the Resumen and the
    command), or None when there were none.

    >>> resumen_de([HojaCopiada("Tapachula", 7, "Tapachula"),
    ...             HojaCopiada("Hoja:1", 2, "Hoja_1"), HojaCopiada("Todo", 250000, None)])
    'Se copiaron sin revisar: «Tapachula»; «Hoja:1» (como «Hoja_1»). No se copió «Todo» (250,000 filas, más de 100,000): está solo en el archivo original; junte sus filas con las de la hoja revisada y vuelva a validar.'
    """
    hechas = list(hechas)
    if not hechas:
        return None
    copiadas = [f"«{h.nombre}»" if h.copia == h.nombre else f"«{h.nombre}» (como «{h.copia}»)"
                for h in hechas if h.copia is not None]
    partes = [f"Se copiaron sin revisar: {'; '.join(copiadas)}."] if copiadas else []
    partes += [f"No se copió «{h.nombre}» ({h.filas:,} filas, más de {FILAS_MAXIMAS:,}): "
               "está solo en el archivo original; junte sus filas con las de la hoja revisada y "
               "vuelva a validar." for h in hechas if h.copia is None]
    return " ".join(partes)


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
