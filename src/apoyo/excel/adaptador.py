"""The in-Excel checker: one xlwings ``Book`` in, marks + ``Resumen`` + alert out.

Works on any xlwings book: desktop Excel (``RunPython``), or the remote engine
(``xw.Book(json=payload)``: xlwings Server with the VBA or Office.js client, xlwings Lite).
The same core as the CLI does the checking (`apoyo.check.revisar_filas`, the header mapping of
`apoyo.read.encabezado`), so findings and messages are the CLI's.

What `validar_libro` does to the workbook, in order (the number of Excel calls does not grow
with the number of rows; in the capture template it does not grow with the marked cells either,
elsewhere it grows with the runs of marked cells):

1. reads the data sheet once (``used_range``; of the sheets with a header row, the one naming
   the most of the eight columns, the active sheet first on a tie: `localizar`), the other
   sheets that are not the template's (to warn about apoyos there), the ``Aspirante`` sheet and,
   when the header is laid out like the template's, the cell of the name ``VERSION_PLANTILLA``;
2. on desktop, unprotects the data sheet (re-protected at the end with the same options);
3. clears the fills of the mapped columns and of ``Resultado`` over the data rows (one call per
   contiguous block of columns) and the notes there;
4. writes the ``Resultado`` column in one call (its header too when it was missing; xlwings
   itself splits a value write of more than 100,000 cells into blocks of rows);
5. colours the cells:

   * **capture template, version `VERSION_PLANTILLA`** (the defined name says so, the eight
     columns are A:H under a header in row 1, ``Resultado`` is I and the hidden flags column
     `COLUMNA_MARCAS` is J): no colour call at all. The ``Resultado`` write of step 4 also
     writes, in the same call, each row's flags text in J (`apoyo.excel.marcas.marcas_de_fila`;
     empty for rows without data, so old flags go away) and the template's conditional
     formatting paints the cells from it;
   * **any other workbook**: one call per contiguous vertical run of same-colour cells in a
     column; the ``Resultado`` column is painted green over its span in one call, then its
     error/warning runs on top;
6. adds notes (message + remedy) where the client supports them, at most `MAX_NOTAS`: cells
   with errors first, then cells with warnings only (`_elegir_notas`);
7. creates or empties and rewrites the ``Resumen`` sheet (one value write), reactivates the
   data sheet, and shows a Spanish alert with the totals.

Re-running gives the same marks: nothing is added on top of the previous run's marks.
Nothing is logged; alerts and ``Resumen`` carry counts, codes, titles and row numbers only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PureWindowsPath
from typing import Any

from apoyo.check import Contexto, FilaRevisada, Revision, revisar_filas
from apoyo.check.cross import hallazgos_del_ambito
from apoyo.errors import ArchivoInutilizable, hallazgo
from apoyo.excel import libro as L
from apoyo.excel.marcas import (
    Tramo,
    bloques_de_columnas,
    marcas_de_fila,
    plan_columna_resultado,
    tramos,
)
from apoyo.read import inutilizable
from apoyo.read.aspirante import FILAS_MAXIMAS, leer_pares
from apoyo.read.celdas import a_texto, es_vacio
from apoyo.read.encabezado import FILAS_A_EXPLORAR, Encabezado, buscar_encabezado
from apoyo.read.otras_hojas import HOJAS_SIN_APOYOS, OtraHoja, avisos_de, contenido_de_hoja
from apoyo.record import Hallazgo
from apoyo.schema import (
    CAMPOS,
    COLOR_AVISO,
    COLOR_ERROR,
    COLOR_OK,
    COLUMNA_RESULTADO,
    HOJA_APOYOS,
    HOJA_ASPIRANTE,
    HOJA_RESUMEN,
    VERSION_PLANTILLA,
    plegar,
)
from apoyo.summary import (
    ANCHO_RESUMEN,
    COLUMNAS_DEL_ARCHIVO,
    SECCION_DEL_ARCHIVO,
    fila_encabezado_tabla,
    filas_del_archivo,
    filas_resumen,
    severidad_de,
    texto_nota,
    texto_resultado,
)

#: At most this many cell notes per validation (each is one Excel call on desktop).
MAX_NOTAS = 200
#: Title of every alert.
TITULO = "Apoyo ciudadano"
#: Fill of the Resumen sheet's title and table header (the template's light blue).
COLOR_ENCABEZADO_RESUMEN = "#DDEBF7"
#: Defined name of the template's version cell (``Aspirante!$B$8``).
NOMBRE_VERSION = "VERSION_PLANTILLA"

_COLOR = {"error": COLOR_ERROR, "aviso": COLOR_AVISO}

Confirmar = Callable[[str], bool]


@dataclass
class Validacion:
    """The outcome of `validar_libro`.

    Attributes:
        hoja: name of the sheet checked.
        encabezado: its header row and column mapping.
        revision: counts and findings (file-level findings first), as `apoyo.check.revisar`
            returns them.
        filas: every non-empty data row, checked (what the export writes), with its errors
            only (its warnings are in `revision`: a sheet where every row has some stays
            small in memory).
        aspirante: values of the Aspirante sheet (nombre, entidad, ...), possibly empty.
        columna_resultado: 1-based column of ``Resultado``.
        notas: notes added.
        sin_notas: why no notes were added (Spanish), or None.
        llamadas_color: number of ``.color`` calls made.
        libro: the workbook's name.
        con_marcas: the workbook is the capture template (version `VERSION_PLANTILLA`): the
            cells were coloured by writing its hidden flags column, not by colour calls.
    """

    hoja: str
    encabezado: Encabezado
    revision: Revision
    filas: list[FilaRevisada]
    aspirante: dict[str, str]
    columna_resultado: int
    notas: int = 0
    sin_notas: str | None = None
    llamadas_color: int = 0
    libro: str = ""
    con_marcas: bool = False

    @property
    def rechazadas(self) -> int:
        """Rows with at least one error (they would go to the rejects file)."""
        return self.revision.filas - self.revision.filas_validas


# ---- reading ----------------------------------------------------------------------------------


def _leer_hoja(sheet: Any) -> list[list[Any]]:
    """The sheet's values from A1 to the end of its used range, in one read (2-D list)."""
    ultima = sheet.used_range.last_cell
    filas, columnas = ultima.row, ultima.column
    valores = sheet.range((1, 1), (filas, columnas)).options(ndim=2, err_to_str=True).value
    return [list(f) for f in valores or []]


def _por_nombre(book: Any, nombre: str) -> Any | None:
    for sheet in book.sheets:
        if sheet.name.casefold() == nombre.casefold():
            return sheet
    return None


def localizar(book: Any) -> tuple[Any, list[list[Any]], Encabezado]:
    """Find the data sheet and read it: of the sheets with a header row (the CLI's header
    detection), the one whose header names the most of the eight fields; on a tie the active
    one, then ``Apoyos``, then the first in the workbook (a staff list «Nombre, Apellido
    paterno, Apellido materno, Sección» on the active sheet does not hide the apoyos of
    another). The search stops at a header naming all eight. Sheets with the names our files
    use («Resumen», «Aspirante», «Instrucciones») are read only when no other sheet has a header
    row and they hold apoyos under one (`apoyo.read.otras_hojas.contenido_de_hoja`), as in the
    CLI's reader.

    Returns:
        ``(sheet, values from A1, header)``.

    Raises:
        ArchivoInutilizable: no sheet has a header row (the CLI's message).
    """
    candidatas = [book.sheets.active]
    apoyos = _por_nombre(book, HOJA_APOYOS)
    if apoyos is not None:
        candidatas.append(apoyos)
    candidatas += list(book.sheets)
    vistas: set[str] = set()
    mejor: tuple[Any, list[list[Any]], Encabezado] | None = None
    for sheet in candidatas:
        if sheet.name in vistas or plegar(sheet.name) in HOJAS_SIN_APOYOS:
            continue
        vistas.add(sheet.name)
        valores = _leer_hoja(sheet)
        encabezado = buscar_encabezado((i + 1, fila) for i, fila in enumerate(valores))
        if encabezado is not None and (
                mejor is None or len(encabezado.columnas) > len(mejor[2].columnas)):
            mejor = sheet, valores, encabezado
            if len(encabezado.columnas) == len(CAMPOS):
                break
    if mejor is not None:
        return mejor
    # As the CLI's reader: a sheet with one of our names («Resumen»...) is read only when no
    # other sheet has a header row and it holds apoyos under one.
    for sheet in book.sheets:
        if plegar(sheet.name) not in HOJAS_SIN_APOYOS:
            continue
        valores = _leer_hoja(sheet)
        contenido = contenido_de_hoja(valores)
        if contenido is None or not (contenido[0] and contenido[1]):
            continue
        encabezado = buscar_encabezado((i + 1, fila) for i, fila in enumerate(valores))
        if encabezado is not None:
            return sheet, valores, encabezado
    unica = len(book.sheets) == 1
    raise inutilizable.sin_encabezado(FILAS_A_EXPLORAR, book.sheets.active.name if unica
                                      else None)


def hojas_con_apoyos(book: Any, revisada: Any) -> list[OtraHoja]:
    """The other worksheets that hold apoyos, as the CLI's reader finds them
    (`apoyo.read.otras_hojas.contenido_de_hoja`): a header row with data below it, or headerless
    rows that plainly are apoyos; sheets with the template's names too (a user's «Resumen» with
    apoyos). Each other sheet costs two Excel calls (its used range, its values), plus one for
    its visibility when it holds apoyos. Their ``otra-hoja-con-datos`` warnings:
    ``apoyo.read.otras_hojas.avisos_de(hojas, revisada.name)``.

    Args:
        book: an ``xlwings.Book``.
        revisada: the data sheet (``xlwings.Sheet``), skipped.

    Returns:
        The sheets with apoyos, in the workbook's sheet order (names and row counts only).
    """
    otras: list[OtraHoja] = []
    for sheet in book.sheets:
        if sheet.name == revisada.name:
            continue
        contenido = contenido_de_hoja(_leer_hoja(sheet))
        if contenido is None or not contenido[0]:
            continue
        otras.append(OtraHoja(sheet.name, contenido[0], contenido[1], not _visible(sheet)))
    return otras


def _visible(sheet: Any) -> bool:
    """The sheet is visible; True when the client does not say (the remote engine's payload
    may lack it)."""
    try:
        return bool(sheet.visible)
    except (KeyError, AttributeError, NotImplementedError):
        return True


def leer_aspirante(book: Any) -> dict[str, str]:
    """Values of the template's ``Aspirante`` sheet (labels in A, values in B); {} if absent."""
    sheet = _por_nombre(book, HOJA_ASPIRANTE)
    if sheet is None:
        return {}
    ultima = sheet.used_range.last_cell
    filas = min(ultima.row, FILAS_MAXIMAS)
    valores = sheet.range((1, 1), (filas, 2)).options(ndim=2).value or []
    datos, _version = leer_pares(valores)
    return datos


def version_plantilla(book: Any) -> str | None:
    """The template version the workbook declares: the value of the cell its defined name
    ``VERSION_PLANTILLA`` points to, as text (``"2"``; a number 2.0 reads ``"2"``).

    Returns:
        The version, or None when the name is absent, is not a cell, or the cell is empty.
    """
    try:
        valor = book.names[NOMBRE_VERSION].refers_to_range.value
    except Exception:  # noqa: BLE001 - absent name, or a name that is not a range
        return None
    texto = a_texto(valor) if not isinstance(valor, list) else ""
    return texto or None


def usa_marcas(book: Any, encabezado: Encabezado) -> bool:
    """Whether the data sheet is the capture template's, so that its cells are coloured by the
    hidden flags column and the template's conditional formatting (see the module docstring).

    True only when the workbook declares version `VERSION_PLANTILLA` (`version_plantilla`)
    **and** the header is where the template has it: row 1, the eight fields in A:H in
    `CAMPOS` order, ``Resultado`` in I and `COLUMNA_MARCAS` in J. A workbook made with an
    earlier template, or one whose columns were moved, is coloured by runs instead.
    """
    n = len(CAMPOS)
    return (encabezado.fila == 1
            and encabezado.columnas == {c: i for i, c in enumerate(CAMPOS)}
            and encabezado.resultado == n and encabezado.marcas == n + 1
            and encabezado.ignoradas == {n, n + 1}
            and version_plantilla(book) == VERSION_PLANTILLA)


def _valores_campos(fila: Sequence[Any], columnas: dict[str, int]) -> tuple[Any, ...]:
    return tuple(fila[columnas[c]] if c in columnas and columnas[c] < len(fila) else None
                 for c in CAMPOS)


def _columna_resultado(encabezado: Encabezado, valores: list[list[Any]]) -> tuple[int, bool]:
    """0-based column of Resultado and whether its header already exists."""
    if encabezado.resultado is not None:
        return encabezado.resultado, True  # the last one, as the marked copy does
    ocupadas = 0
    for fila in valores:
        for i in range(len(fila) - 1, -1, -1):
            if not es_vacio(fila[i]):
                ocupadas = max(ocupadas, i + 1)
                break
    return max(len(encabezado.etiquetas), ocupadas), False


def _ultima_fila(valores: list[list[Any]], minimo: int) -> int:
    """1-based last row with any non-empty cell (at least `minimo`)."""
    for i in range(len(valores) - 1, minimo - 1, -1):
        if any(not es_vacio(v) for v in valores[i]):
            return i + 1
    return minimo


# ---- writing ----------------------------------------------------------------------------------


def _pintar(sheet: Any, tramo: Tramo, sin_relleno: str | None) -> None:
    rango = sheet.range((tramo.fila, tramo.columna),
                        (tramo.fila + tramo.filas - 1, tramo.columna))
    rango.color = tramo.color if tramo.color is not None else sin_relleno


def _objetivo(h: Hallazgo, encabezado: Encabezado, col_resultado: int) -> int:
    """1-based column a finding is marked in: its field's column, else Resultado."""
    if h.campo in encabezado.columnas:
        return encabezado.columnas[h.campo] + 1
    return col_resultado + 1


def escribir_resumen(book: Any, filas: list[list[Any]],
                     con_apoyos: Collection[str] = ()) -> Any:
    """Create (or empty) the ``Resumen`` sheet and write `filas` into it in one call.

    The sheet goes last; the title and the table header get a light fill; columns are
    autofitted from row 2 (the title would make column A too wide). A sheet named «Resumen»
    that is among `con_apoyos` (names of the sheets holding apoyos: the data sheet and
    `hojas_con_apoyos`) is the user's, never emptied: the summary then goes to «Resumen (2)»
    (or the next such name). Returns the sheet.
    """
    ocupadas = {nombre.casefold() for nombre in con_apoyos}
    nombre, n = HOJA_RESUMEN, 1
    while ((sheet := _por_nombre(book, nombre)) is not None
           and sheet.name.casefold() in ocupadas):
        n += 1
        nombre = f"{HOJA_RESUMEN} ({n})"
    if sheet is not None:
        sheet.clear()
    else:
        sheet = book.sheets.add(nombre, after=book.sheets[len(book.sheets) - 1])
    sheet.range((1, 1)).value = filas
    sheet.range((1, 1), (1, ANCHO_RESUMEN)).color = COLOR_ENCABEZADO_RESUMEN
    cabecera = fila_encabezado_tabla(filas)
    if cabecera is not None:
        sheet.range((cabecera + 1, 1), (cabecera + 1, ANCHO_RESUMEN)).color = (
            COLOR_ENCABEZADO_RESUMEN)
    sheet.range((2, 1), (len(filas), ANCHO_RESUMEN)).columns.autofit()
    return sheet


def validar_libro(book: Any, contexto: Contexto | None = None, *, avisar: bool = True,
                  max_notas: int = MAX_NOTAS, hoy: date | None = None) -> Validacion:
    """Check the workbook's data sheet and mark it in place (see the module docstring).

    Args:
        book: an ``xlwings.Book`` (desktop or remote engine).
        contexto: check parameters (default: cut-off today); the scope left unset is taken
            from the Aspirante sheet, as in the CLI.
        avisar: show the totals alert at the end.
        max_notas: cap on cell notes.
        hoy: the date written in Resumen (default today).

    Returns:
        The `Validacion` (counts, findings, checked rows for the export).

    Raises:
        ArchivoInutilizable: no sheet has a header row (nothing was written).
        HojaBloqueada: the data sheet is protected with a password (nothing was written).
    """
    sheet, valores, encabezado = localizar(book)
    aspirante = leer_aspirante(book)
    contexto = (contexto or Contexto()).con_aspirante(aspirante)

    primera = encabezado.fila + 1  # first data row, 1-based
    datos = ((i + 1, _valores_campos(valores[i], encabezado.columnas))
             for i in range(encabezado.fila, len(valores)))
    # As the CLI's reader: a workbook of another template version says so (file level).
    version = version_plantilla(book)
    antigua = ([hallazgo("plantilla-antigua", None, None, version, actual=VERSION_PLANTILLA)]
               if version is not None and version != VERSION_PLANTILLA else [])
    otras = hojas_con_apoyos(book, sheet)
    revision = Revision(archivo=book.name, hallazgos=[*antigua, *encabezado.hallazgos,
                                                      *avisos_de(otras, sheet.name),
                                                      *hallazgos_del_ambito(contexto)],
                        fecha_corte=contexto.fecha_corte)

    col_res, hay_encabezado_res = _columna_resultado(encabezado, valores)
    ultima = _ultima_fila(valores, encabezado.fila)
    n = max(ultima - primera + 1, 0)
    con_marcas = usa_marcas(book, encabezado)

    # What each cell should look like: fills (run-based colouring) or flags (the template).
    resultado: list[str] = [""] * n
    color_res: list[str | None] = [None] * n
    colores: dict[int, list[str | None]] = {c + 1: [None] * n
                                            for c in encabezado.columnas.values()}
    marcas: list[str] = [""] * n  # rows without data: no flags (old ones are cleared)
    limpia = marcas_de_fila({}, col_res + 1, None)
    # One pass over the checked rows; what is kept is bounded: per row its texts and errors
    # (the export's), the findings of the first `max_notas` cells with an error and of the
    # first `max_notas` cells with warnings only (`_elegir_notas`), counts.
    con_error: dict[tuple[int, int], list[Hallazgo]] = {}
    solo_avisos: dict[tuple[int, int], list[Hallazgo]] = {}
    celdas_marcadas = 0
    revisadas: list[FilaRevisada] = []
    for r in revisar_filas(datos, contexto, archivo=book.name):
        revision.filas += 1
        revision.filas_validas += r.valida
        revision.anotar(r.hallazgos)
        i = r.fila - primera
        resultado[i] = texto_resultado(r.hallazgos)
        severidad = severidad_de(r.hallazgos)
        color_res[i] = _COLOR[severidad] if severidad else COLOR_OK
        errores = tuple(h for h in r.hallazgos if h.severidad == "error")
        revisadas.append(r if len(errores) == len(r.hallazgos)
                         else FilaRevisada(r.fila, r.valores, errores))
        if not r.hallazgos:
            marcas[i] = limpia
            continue
        peor: dict[int, str] = {}  # marked column -> worst severity of its findings
        de_la_fila: dict[int, list[Hallazgo]] = {}
        for h in r.hallazgos:
            col = _objetivo(h, encabezado, col_res)
            de_la_fila.setdefault(col, []).append(h)
            if col in colores and peor.get(col) != "error":
                peor[col] = h.severidad
                colores[col][i] = _COLOR[h.severidad]
        celdas_marcadas += len(de_la_fila)
        for col, hs in de_la_fila.items():  # rows come in order: later cells never win a note
            grupo = con_error if any(h.severidad == "error" for h in hs) else solo_avisos
            if len(grupo) < max_notas:
                grupo[r.fila, col] = hs
        if con_marcas:
            marcas[i] = marcas_de_fila(peor, col_res + 1, severidad)
    if revision.filas == 0:
        revision.hallazgos.append(hallazgo("sin-registros", None, None))
    revision.metadatos = {"hoja": sheet.name, "fila_encabezado": encabezado.fila}

    sin_relleno = L.sin_relleno(book)
    validacion = Validacion(sheet.name, encabezado, revision, revisadas, aspirante, col_res + 1,
                            libro=book.name, con_marcas=con_marcas)
    validacion.sin_notas = L.motivo_sin_notas(book, sheet)
    bloques = bloques_de_columnas([*colores, col_res + 1])
    with L.pantalla_quieta(book), L.desprotegida(sheet):
        # 1. previous marks: fills and notes of the data rows of our columns
        if n:
            for c1, c2 in bloques:
                sheet.range((primera, c1), (ultima, c2)).color = sin_relleno
                validacion.llamadas_color += 1
            if validacion.sin_notas is None:
                L.borrar_notas(sheet, [(primera, c1, ultima, c2) for c1, c2 in bloques])
        # 2. the Resultado column, one write (with the flags column next to it, template)
        if con_marcas:
            if n:
                sheet.range((primera, col_res + 1)).value = [list(par) for par in
                                                             zip(resultado, marcas)]
        else:
            columna = [[v] for v in resultado]
            if not hay_encabezado_res:
                sheet.range((encabezado.fila, col_res + 1)).value = [[COLUMNA_RESULTADO],
                                                                     *columna]
            elif columna:
                sheet.range((primera, col_res + 1)).value = columna
        # 3. fills, grouped in runs (the template's conditional formatting needs none)
        plan: list[Tramo] = []
        if not con_marcas:
            for col in sorted(colores):
                plan += tramos(colores[col], col, primera)
            plan += plan_columna_resultado(color_res, col_res + 1, primera, COLOR_OK)
        for tramo in plan:
            _pintar(sheet, tramo, sin_relleno)
        validacion.llamadas_color += len(plan)
        # 4. notes, capped
        if validacion.sin_notas is None:
            for (fila, col), hs in _elegir_notas(con_error, solo_avisos, max_notas):
                sheet.range((fila, col)).add_note(texto_nota(hs))
                validacion.notas += 1
    filas = filas_resumen(
        revision, libro=book.name, hoja=sheet.name, fecha_revision=hoy or date.today(),
        notas=_frase_notas(validacion, celdas_marcadas, max_notas),
        entidad=contexto.entidad, aspirante=aspirante.get("nombre"),
        cargo=aspirante.get("cargo"))
    if del_archivo := filas_del_archivo(revision):
        relleno = [None] * (ANCHO_RESUMEN - len(COLUMNAS_DEL_ARCHIVO))
        filas += [[None] * ANCHO_RESUMEN, [SECCION_DEL_ARCHIVO, *[None] * (ANCHO_RESUMEN - 1)],
                  [*COLUMNAS_DEL_ARCHIVO, *relleno], *[[*f, *relleno] for f in del_archivo]]
    escribir_resumen(book, filas, [sheet.name, *(o.nombre for o in otras)])
    sheet.activate()
    if avisar:
        alerta(book, mensaje_totales(validacion),
               modo="critical" if revision.errores else "info")
    return validacion


def _elegir_notas(con_error: dict[tuple[int, int], list[Hallazgo]],
                  solo_avisos: dict[tuple[int, int], list[Hallazgo]],
                  max_notas: int) -> list[tuple[tuple[int, int], list[Hallazgo]]]:
    """The cells that get a note, in sheet order: errors first (a reviewer must fix those),
    then cells with warnings only, up to `max_notas` in all.

    Args:
        con_error, solo_avisos: ``(row, column) -> findings`` of the first cells, in row order,
            with at least one error, and with warnings only (each at most `max_notas` long).
        max_notas: the cap on notes.

    Returns:
        ``((row, column), findings)`` pairs sorted by row and column.
    """
    elegidas = list(con_error.items())[:max_notas]
    elegidas += list(solo_avisos.items())[:max_notas - len(elegidas)]
    return sorted(elegidas)


def _frase_notas(v: Validacion, con_hallazgos: int, max_notas: int) -> str:
    if v.sin_notas is not None:
        return v.sin_notas
    if con_hallazgos > max_notas:
        return (f"{v.notas:,} (máximo {max_notas:,} por validación: primero las celdas con "
                f"errores, luego las que solo tienen avisos; de las otras "
                f"{con_hallazgos - v.notas:,}, el detalle está en la columna Resultado)")
    return f"{v.notas:,} (máximo {max_notas:,} por validación)"


# ---- messages -----------------------------------------------------------------------------------


def mensaje_totales(v: Validacion) -> str:
    """The Spanish totals of a validation, for the alert (counts only, no cell values)."""
    r = v.revision
    if r.filas == 0:
        texto = (f"La hoja «{v.hoja}» no tiene registros debajo de los encabezados. Capture los "
                 "apoyos debajo de la fila de encabezados y vuelva a validar.")
    elif v.rechazadas == 0:
        texto = (f"Se revisaron {r.filas:,} filas de la hoja «{v.hoja}»: todas son válidas"
                 + (f" ({r.avisos:,} avisos en amarillo)." if r.avisos else "."))
    else:
        texto = (f"Se revisaron {r.filas:,} filas de la hoja «{v.hoja}»: {r.filas_validas:,} "
                 f"válidas y {v.rechazadas:,} con errores ({r.errores:,} errores y "
                 f"{r.avisos:,} avisos en total). Rojo = error, amarillo = aviso; el detalle "
                 f"está en la columna {COLUMNA_RESULTADO} y en la hoja {HOJA_RESUMEN}.")
    de_archivo = [h.mensaje for h in r.hallazgos if h.fila is None and h.codigo != "sin-registros"]
    if de_archivo:
        texto += "\n\nAdemás: " + " ".join(de_archivo)
    return texto


def alerta(book: Any, texto: str, *, botones: str = "ok", modo: str = "info") -> str | None:
    """Show a Spanish alert titled `TITULO`; returns the button pressed on desktop ("yes",
    "no", "ok"), None on the remote engine (the client shows it after the script ends)."""
    return book.app.alert(texto, title=TITULO, buttons=botones, mode=modo)


def preguntar(book: Any) -> Confirmar:
    """A yes/no question through `alerta` (on the remote engine the answer is always no)."""
    return lambda texto: alerta(book, texto, botones="yes_no") == "yes"


# ---- export -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanExportacion:
    """Where and what `ejecutar_exportacion` will write.

    Attributes:
        aspirante: name of the aspirant (from the Aspirante sheet).
        archivo: the export's file name (``NOMBRE.xlsx``).
        carpeta: folder of the open workbook (or the one given).
        validas, rechazadas: rows that go to the export / to the rejects file.
    """

    aspirante: str
    archivo: str
    carpeta: Path
    validas: int
    rechazadas: int


def _carpeta_del_libro(book: Any) -> Path | str:
    """The open workbook's folder, or a Spanish reason why there is none."""
    if L.es_remoto(book):
        return ("Exportar necesita Excel de escritorio con Python (el complemento «Apoyo "
                "ciudadano»): desde Excel para la web o xlwings Lite no se pueden escribir "
                "archivos. También puede exportar con «apoyo exportar ARCHIVO» en una terminal.")
    nombre = str(book.fullname)
    if nombre.lower().startswith(("http://", "https://")):
        return ("El libro está guardado en OneDrive o SharePoint y no tiene una carpeta local "
                "donde escribir la exportación. Guarde una copia en una carpeta de su equipo "
                "(Archivo > Guardar como) y vuelva a intentarlo.")
    ruta = PureWindowsPath(nombre) if "\\" in nombre else Path(nombre)
    if len(ruta.parts) < 2:
        return ("El libro todavía no está guardado, así que no tiene carpeta. Guárdelo "
                "(Archivo > Guardar como) y vuelva a intentarlo.")
    return Path(str(ruta.parent))


def _nombre_exportacion(aspirante: str, formato: str) -> str:
    from apoyo.export import nombre_archivo

    nombre = nombre_archivo(aspirante)
    return nombre if nombre.lower().endswith(f".{formato}") else f"{nombre}.{formato}"


def preparar_exportacion(book: Any, v: Validacion, carpeta: Path | None = None,
                         formato: str = "xlsx") -> PlanExportacion | str:
    """Decide whether the rows just checked can be exported, and where.

    Args:
        book: the workbook validated.
        v: its `Validacion`.
        carpeta: output folder (default: the workbook's own folder, desktop only).
        formato: "xlsx" or "txt", as in the CLI.

    Returns:
        A `PlanExportacion`, or a Spanish sentence saying why not (no aspirant name, a column
        missing or named twice (`apoyo.export.impedimento`), no valid row, no folder, or the
        export would overwrite the open workbook).
    """
    nombre = v.aspirante.get("nombre", "").strip()
    try:
        archivo = _nombre_exportacion(nombre, formato)
    except ValueError:
        return ("Para exportar falta el nombre del aspirante: escríbalo en la hoja «Aspirante» "
                "(Nombre del aspirante) y vuelva a intentarlo.")
    from apoyo.export import impedimento

    # A column missing or named twice first: fixing rows would not make the file exportable.
    if (motivo := impedimento(v.encabezado.hallazgos)) is not None:
        return " ".join(motivo)
    if v.revision.filas_validas == 0:
        return ("Ninguna fila está lista para exportar: corrija los errores marcados en rojo y "
                "vuelva a validar.")
    destino = carpeta if carpeta is not None else _carpeta_del_libro(book)
    if isinstance(destino, str):
        return destino
    if not L.es_remoto(book) and archivo.casefold() == Path(str(book.fullname)).name.casefold():
        return (f"El libro abierto ya se llama «{archivo}», el nombre que lleva la exportación. "
                "Guárdelo con otro nombre (por ejemplo agregando «_captura») y vuelva a "
                "intentarlo.")
    return PlanExportacion(nombre, archivo, destino, v.revision.filas_validas, v.rechazadas)


def pregunta_exportacion(plan: PlanExportacion) -> str:
    """The yes/no question offering the export (Spanish)."""
    if plan.rechazadas == 0:
        return (f"¿Exportar ahora las {plan.validas:,} filas a «{plan.archivo}» en la carpeta "
                "del libro?")
    return (f"¿Exportar ahora solo las {plan.validas:,} filas válidas a «{plan.archivo}»? Las "
            f"{plan.rechazadas:,} filas con errores irán a un archivo de rechazados con sus "
            "motivos. Responda No para corregirlas primero y volver a validar.")


def ejecutar_exportacion(book: Any, v: Validacion, plan: PlanExportacion,
                         formato: str = "xlsx") -> Any | None:
    """Write the export (and the rejects file) with `apoyo.export.exportar`, then alert.

    The open workbook is neither saved nor renamed. Returns the exporter's result
    (``ResultadoExportacion``), or None when writing failed (a Spanish alert says why).
    """
    from apoyo.export import exportar as exportar_filas

    try:
        res = exportar_filas(v.filas, plan.aspirante, plan.carpeta, formato,
                             origen=v.revision.archivo or None)
    except OSError:
        alerta(book, f"No se pudo escribir «{plan.archivo}» en la carpeta del libro. Si ese "
               "archivo está abierto en Excel, ciérrelo; revise también que la carpeta permita "
               "escribir, y vuelva a intentarlo.", modo="critical")
        return None
    texto = f"Se exportaron {res.validas:,} filas a:\n{res.ruta}"
    if res.rechazadas:
        texto += (f"\n\nLas {res.rechazadas:,} filas con errores quedaron en:\n"
                  f"{res.ruta_rechazados}\ncon sus motivos; corríjalas y vuelva a exportar.")
    for viejo in res.retirados:  # with rows exported, only an old rejects file
        texto += (f"\n\nSe borró «{viejo.name}», de una exportación anterior, porque ya no "
                  "hay filas con errores.")
    alerta(book, texto)
    return res


def exportar_libro(book: Any, v: Validacion, confirmar: Confirmar, *,
                   carpeta: Path | None = None, formato: str = "xlsx") -> Any | None:
    """Export after a validation: directly when there are no errors; when rows have errors,
    only if `confirmar` accepts exporting the valid rows alone; otherwise a Spanish alert
    says why not.

    Returns:
        The exporter's result, or None when nothing was written.
    """
    plan = preparar_exportacion(book, v, carpeta, formato)
    if isinstance(plan, str):
        alerta(book, mensaje_totales(v) + "\n\n" + plan, modo="critical")
        return None
    if plan.rechazadas and not confirmar(mensaje_totales(v) + "\n\n" +
                                         pregunta_exportacion(plan)):
        return None
    return ejecutar_exportacion(book, v, plan, formato)


def flujo_cinta(book: Any, confirmar: Confirmar, *, carpeta: Path | None = None,
                contexto: Contexto | None = None) -> Validacion:
    """The ribbon button: validate, then one alert with the totals that also offers the
    export (yes/no) when it is possible — all rows, or the valid ones only."""
    v = validar_libro(book, contexto, avisar=False)
    plan = preparar_exportacion(book, v, carpeta)
    totales = mensaje_totales(v)
    if isinstance(plan, str):
        alerta(book, totales + "\n\n" + plan,
               modo="critical" if v.revision.errores else "info")
    elif confirmar(totales + "\n\n" + pregunta_exportacion(plan)):
        ejecutar_exportacion(book, v, plan)
    return v


# ---- entry points ------------------------------------------------------------------------------


def con_alertas(book: Any, accion: Callable[[], object]) -> None:
    """Run `accion`, turning every failure into a Spanish alert instead of a traceback.

    ``APOYO_DEPURAR=1`` re-raises unexpected errors (as the CLI does).
    """
    try:
        accion()
    except (ArchivoInutilizable, L.HojaBloqueada) as exc:
        alerta(book, f"{exc.mensaje}\n\nQué hacer: {exc.remedio}", modo="critical")
    except Exception as exc:
        if os.environ.get("APOYO_DEPURAR"):
            raise
        alerta(book, f"Error interno inesperado ({type(exc).__name__}); la validación no "
               "terminó. Vuelva a hacer clic en Validar; si se repite, reporte el problema a "
               "quien le dio la herramienta (con APOYO_DEPURAR=1 se muestra el detalle).",
               modo="critical")


def _llamador() -> Any:
    import xlwings as xw

    return xw.Book.caller()


def validar() -> None:
    """``RunPython "import apoyo.excel; apoyo.excel.validar()"``: check the calling workbook,
    mark it, write Resumen and show the totals."""
    book = _llamador()
    con_alertas(book, lambda: validar_libro(book))


def exportar() -> None:
    """``RunPython "import apoyo.excel; apoyo.excel.exportar()"``: re-check the calling
    workbook (refreshing the marks) and write ``NOMBRE.xlsx`` + rejects next to it; while
    rows have errors, ask before exporting only the valid ones."""
    book = _llamador()

    def accion() -> None:
        v = validar_libro(book, avisar=False)
        exportar_libro(book, v, preguntar(book))

    con_alertas(book, accion)


def main() -> None:
    """The ribbon add-in's entry point (``apoyo_xl.main()``): validate, then offer the export
    in a yes/no alert."""
    book = _llamador()
    con_alertas(book, lambda: flujo_cinta(book, preguntar(book)))


__all__ = [
    "MAX_NOTAS",
    "PlanExportacion",
    "Validacion",
    "alerta",
    "con_alertas",
    "ejecutar_exportacion",
    "escribir_resumen",
    "exportar",
    "exportar_libro",
    "flujo_cinta",
    "leer_aspirante",
    "localizar",
    "main",
    "mensaje_totales",
    "pregunta_exportacion",
    "preparar_exportacion",
    "usa_marcas",
    "validar",
    "validar_libro",
    "version_plantilla",
]
