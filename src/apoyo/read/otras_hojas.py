"""Worksheets besides the one read that hold apoyos too (``otra-hoja-con-datos``).

The reader checks and exports a single sheet (`apoyo.read.libro`): ``Apoyos`` if present, else
the worksheet whose header row names the most fields. Rows typed in another sheet (one sheet per
town, a copy «Apoyos (2)», the data in «Hoja1» beside an empty «Apoyos») would silently stay out;
this module recognises such sheets so that the reader (`apoyo.read.libro.hojas_con_datos`) and
the Excel add-in (`apoyo.excel.adaptador.hojas_con_apoyos`) can warn about each one. No I/O
here.

A sheet counts when it has a header row (`apoyo.read.encabezado.buscar_encabezado`) that names at
least one identifier column (`IDENTIFICADORES`: clave de elector, OCR or CIC; see
`encabezado_de_apoyos`) and at least one non-empty row below it; "non-empty" is the reader's own
rule for data rows: a cell other than ``""``, None or whitespace, ``Resultado`` and flags columns
not counted. A header of generic labels only (a staff list «Nombre, Apellido paterno, Apellido
materno, Sección, Teléfono», totals by section) does not make a sheet of apoyos. A sheet without
such a header row counts too when its first rows plainly are apoyos (`parecen_apoyos`: rows of at
least `CELDAS_DE_UN_APOYO` filled cells, one of them shaped like a clave de elector); then all
its non-empty rows are counted and the warning says it has no header row.

When the sheet read (``Apoyos``) has no header row at all, the reader cannot go on; the sheets
found here then name where the data is (`apoyo.read.inutilizable.datos_en_otra_hoja`).

>>> contar_filas_con_datos([["", 7.0], ["", " "], [None, "\\xa0"], [0.0], ["", "", "OK"]],
...                        frozenset({2}))
2
>>> filas = [["Hoja de Tapachula"], ["Clave del Estado", "Sección", "Nombre", "OCR"],
...          ["07", "1726", "SOFIA", "1726668657279"], ["", "", "", ""], ["07", "", "", ""]]
>>> filas_con_datos(filas)
2
>>> filas_con_datos(filas[:2]), filas_con_datos([["Municipio", "Total"], ["Tuxtla", 10.0]])
(0, None)
>>> sin_encabezado = [["07", "1726", "SOFIA", "VAZQUEZ", "SANCHEZ", "VZSNSF92021707M101",
...                    "1726668657279", "767794671"]] * 3
>>> contenido_de_hoja(sin_encabezado), contenido_de_hoja(filas), contenido_de_hoja(filas[:2])
((3, False), (2, True), (0, True))
>>> contenido_de_hoja([["Municipio", "Total"], ["Tuxtla", 10.0]]) is None
True
>>> capturistas = [["Nombre", "Apellido paterno", "Apellido materno", "Sección", "Teléfono"],
...                ["ANA", "LOPEZ", "RUIZ", "1726", "9611234567"]]
>>> contenido_de_hoja(capturistas) is None, contenido_de_hoja(capturistas[:1] + sin_encabezado)
(True, (4, False))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any


from apoyo.errors import hallazgo
from apoyo.read.encabezado import FILAS_A_EXPLORAR, Encabezado, buscar_encabezado
from apoyo.record import Hallazgo
from apoyo.schema import HOJA_ASPIRANTE, HOJA_INSTRUCCIONES, HOJA_RESUMEN, plegar

#: Folded names (`apoyo.schema.plegar`) of the template's sheets that never hold apoyos.
HOJAS_SIN_APOYOS = frozenset(map(plegar, (HOJA_RESUMEN, HOJA_ASPIRANTE, HOJA_INSTRUCCIONES)))

#: Filled cells a headerless row needs to look like an apoyo (of the eight; one or two of OCR,
#: CIC, materno may be missing).
CELDAS_DE_UN_APOYO = 5
#: How many headerless rows must look like apoyos (fewer only when the sheet has fewer rows).
APOYOS_SIN_ENCABEZADO = 2
#: The identifier fields: a header row naming none of them is not one of a sheet of apoyos.
IDENTIFICADORES = ("clave_elector", "ocr", "cic")
# The shape of a clave de elector (`apoyo.identifiers.clave_elector`), ASCII only.
_CLAVE_ELECTOR = re.compile(r"[A-Z]{6}[0-9]{8}[HMX][0-9]{3}")


@dataclass(frozen=True)
class OtraHoja:
    """A worksheet, not the one read, that holds apoyos.

    Attributes:
        nombre: its name.
        filas: its non-empty rows (below the header when it has one).
        con_encabezado: it has a header row; else its rows were recognised by `parecen_apoyos`.
        oculta: it is hidden.
    """

    nombre: str
    filas: int
    con_encabezado: bool
    oculta: bool = False


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


def _con_contenido(celdas: Sequence[Any]) -> int:
    """How many cells of a row have content (the rule of `contar_filas_con_datos`)."""
    return sum(1 for v in celdas
               if v is not None and not (v.__class__ is str and (not v or v.isspace())))


def _parece_apoyo(celdas: Sequence[Any]) -> bool:
    return _con_contenido(celdas) >= CELDAS_DE_UN_APOYO and any(
        v.__class__ is str and _CLAVE_ELECTOR.fullmatch(v.strip().upper()) for v in celdas)


def parecen_apoyos(filas: Sequence[Sequence[Any]]) -> bool:
    """The first non-empty rows of a sheet without a header row plainly are apoyos: at least
    `APOYOS_SIN_ENCABEZADO` of them (all of them, if the sheet has fewer) have
    `CELDAS_DE_UN_APOYO` filled cells, one a clave de elector (18 characters: 6 letters, 8
    digits, H/M/X, 3 digits). Conservative: a totals or notes sheet has no such cell.

    >>> fila = ["07", "1726", "SOFIA", "VAZQUEZ", "SANCHEZ", "vzsnsf92021707m101 "]
    >>> parecen_apoyos([fila, fila]), parecen_apoyos([fila]), parecen_apoyos([["Notas"], fila])
    (True, True, False)
    >>> parecen_apoyos([fila[:3] + ["VZSNSF92021707M101"]] * 2), parecen_apoyos([])
    (False, False)
    """
    parecidas = sum(1 for celdas in filas if _parece_apoyo(celdas))
    return parecidas >= min(APOYOS_SIN_ENCABEZADO, max(len(filas), 1))


def encabezado_de_apoyos(enc: Encabezado) -> bool:
    """A header row found in another sheet is one of apoyos: it names at least one identifier
    column (`IDENTIFICADORES`). Four generic labels (name, surnames, section) are enough for
    `buscar_encabezado` but also head a staff list or totals by section.

    >>> from apoyo.read.encabezado import mapear
    >>> encabezado_de_apoyos(mapear(["Nombre", "Paterno", "Materno", "Sección", "OCR"], 1))
    True
    >>> encabezado_de_apoyos(mapear(["Nombre", "Paterno", "Materno", "Sección"], 1))
    False
    """
    return any(campo in enc.columnas for campo in IDENTIFICADORES)


def contenido_de_hoja(filas: Iterable[Sequence[Any]]) -> tuple[int, bool] | None:
    """What a sheet holds: ``(data rows, has a header row)``, or None when it does not look
    like apoyos.

    Args:
        filas: as for `filas_con_datos`; iterated once.

    Returns:
        With a header row of apoyos (`encabezado_de_apoyos`): the number of non-empty rows
        below it, True (0 rows for a header alone). Without one (no header row, or one naming
        no identifier column): when the first `FILAS_A_EXPLORAR` non-empty rows (that header
        among them) satisfy `parecen_apoyos`, the number of non-empty rows of the whole sheet,
        False. Else None.
    """
    restantes = iter(filas)
    vistas: list[Sequence[Any]] = []  # the first non-empty rows
    llenas = [0]  # non-empty rows taken from `restantes` so far

    def anotando() -> Iterator[tuple[int, Sequence[Any]]]:
        for numero, celdas in enumerate(restantes, start=1):
            if contar_filas_con_datos((celdas,)):
                llenas[0] += 1
                if len(vistas) < FILAS_A_EXPLORAR:
                    vistas.append(celdas)
            yield numero, celdas

    anotadas = anotando()
    # `buscar_encabezado` stops right after the header row (or the last row it examines):
    # `restantes` goes on below it.
    enc = buscar_encabezado(anotadas)
    if enc is not None:
        if encabezado_de_apoyos(enc):
            return contar_filas_con_datos(restantes, enc.ignoradas), True
        # A header of something else: the sheet is judged by its first rows, as without one.
        while len(vistas) < FILAS_A_EXPLORAR and next(anotadas, None) is not None:
            pass
    if not parecen_apoyos(vistas):
        return None
    return llenas[0] + contar_filas_con_datos(restantes), False


def _filas(cuenta: int) -> str:
    return "1 fila" if cuenta == 1 else f"{cuenta:,} filas"


def avisos_de(otras: Iterable[OtraHoja], revisada: str) -> list[Hallazgo]:
    """One ``otra-hoja-con-datos`` warning per sheet of `otras` (`apoyo.read.libro.hojas_con_datos`): file-level
    findings (no row, no field, no personal data: the sheet's name and its number of data
    rows), in the same order."""
    return [
        hallazgo(
            "otra-hoja-con-datos", None, None,
            hoja=otra.nombre, oculta=" (oculta)" if otra.oculta else "", revisada=revisada,
            contenido=(f"los encabezados y {_filas(otra.filas)} con datos" if otra.con_encabezado
                       else f"{_filas(otra.filas)} con datos que parecen apoyos, sin fila de "
                       "encabezados"),
        )
        for otra in otras
    ]

