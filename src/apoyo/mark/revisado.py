"""The marked copy: the submission as read, with every finding coloured, noted and summarised.

Layout decisions:

* Rows keep the number they had in the original (`FilaLeida.fila`), so the row numbers in the
  findings are the ones the reviewer sees. The header goes where it was (`Tabla.fila_encabezado`);
  rows above it (titles in the original) stay empty and the Resumen says why.
* The ``Resultado`` column goes right after the last column of the header. If the file already
  has a column labelled ``Resultado`` (it is an earlier marked copy), that column is reused and
  its old values are replaced.
* Cells beyond the header's width are not copied (readers pad or trim rows to that width).
* Row findings of the reader (`Tabla.hallazgos` with a `fila`: ``celda-formula``,
  ``linea-otra-codificacion``...) are marked on their row like the rules' findings: on the
  field's cell, or on the Resultado cell when they name no field.
* Notes are capped at `MAX_NOTAS` cells: cells with an error get theirs first, in row order;
  cells with warnings only get the notes left over, in row order too (as the Excel add-in,
  `apoyo.excel.adaptador`). Past the cap cells are still coloured and the Resultado column still
  lists the codes, and the Resumen says so and where the full list is (the JSON report). Only the
  findings of the cells that may still get a note are kept while the rows stream (at most
  `MAX_NOTAS` cells), never all of a file's.
* The values of the template's ``Aspirante`` sheet that the reader uses (`Tabla.aspirante`, the
  template version) are written to an ``Aspirante`` sheet with the template's labels, so that
  checking the marked copy again finds the same aspirant and scope.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise, repeat
from operator import attrgetter, contains, itemgetter, lt, or_
from pathlib import Path
from types import TracebackType
from typing import Any

from xlsxwriter.workbook import Workbook

from apoyo.atomic import escritura_atomica
from apoyo.check import LOTE
from apoyo.check.revision import Revision
from apoyo.mark import resumen
from apoyo.mark.otras_hojas import copiar_otras_hojas, resumen_de
from apoyo.mark.xlsx_rapido import (
    OPCIONES_XLSXWRITER,
    EscritorHoja,
    EstilosCelda,
    FormatosCelda,
    Nota,
    estilos_de_sonda,
    partes_notas,
    preparar_notas,
)
from apoyo.read.encabezado import mapear
from apoyo.read.tabla import FilaLeida, Tabla
from apoyo.record import Hallazgo, Severidad
from apoyo.schema import (
    CAMPOS,
    COLOR_AVISO,
    COLOR_ERROR,
    COLOR_OK,
    COLUMNA_RESULTADO,
    HOJA_APOYOS,
    HOJA_ASPIRANTE,
    HOJA_RESUMEN,
    plegar,
)
from apoyo.summary import RESULTADO_OK, severidad_de, texto_nota, texto_resultado
from apoyo.template import _textos as T

#: Most cells that get a note (comment). Excel slows down with many notes and the file grows
#: about 1.5 kB per note; past the cap cells keep their colour and the Resultado column its codes,
#: and the full list is in the JSON report. Cells with an error get their notes first.
MAX_NOTAS = 10_000

AUTOR_NOTAS = "Revisión de apoyos"

# Minimum column widths (characters) of the eight fields; other columns get 17 (a date-time
# fits); wider headers widen their column, up to 40.
_ANCHOS = {
    "clave_estado": 10,
    "seccion": 11,
    "nombre": 22,
    "apellido_paterno": 20,
    "apellido_materno": 20,
    "clave_elector": 22,
    "ocr": 16,
    "cic": 12,
}
_ANCHO_RESULTADO = 42
_FILAS_EXCEL = 1_048_576
#: The row number of a `FilaLeida` or of a `Hallazgo`.
_NUMERO_DE_FILA = attrgetter("fila")
_CELDAS = attrgetter("celdas")
_FILA_Y_COLUMNA = itemgetter(0, 1)
# The order of a row's findings (as `apoyo.check` sorts them): by field, errors first.
_ORDEN_CAMPO = {c: i for i, c in enumerate(CAMPOS)}

#: The template's label of each `Tabla.aspirante` key, in the template's order (the reader maps
#: each back to its key: `apoyo.read.aspirante.clave_de_etiqueta`).
ETIQUETAS_ASPIRANTE = {
    "nombre": T.ETIQUETA_NOMBRE,
    "cargo": T.ETIQUETA_CARGO,
    "entidad": T.ETIQUETA_ENTIDAD,
    "distrito": T.ETIQUETA_DISTRITO,
    "municipio": T.ETIQUETA_MUNICIPIO,
    "responsable": T.ETIQUETA_RESPONSABLE,
    "fecha": T.ETIQUETA_FECHA,
}
_NOTA_ASPIRANTE = (
    "Datos de la hoja «Aspirante» del archivo original que usa la revisión, copiados como texto "
    "para que al validar de nuevo esta copia se revise con el mismo aspirante y el mismo ámbito."
)

#: A cell that may get a note: (1-based row, 0-based column, its findings).
_Celda = tuple[int, int, list[Hallazgo]]


@dataclass
class _Marcas:
    """What the findings say about the sheet, gathered in one pass before writing it.

    Notes: `con_error` holds the first cells with an error (up to the cap), `solo_avisos` the
    first cells with warnings only, trimmed so that both together never pass the cap (the error
    cells found later take the place of the last warning cells). Both are in sheet order.
    """

    con_error: list[_Celda] = field(default_factory=list)
    solo_avisos: list[_Celda] = field(default_factory=list)
    celdas_marcadas: int = 0
    celdas_con_error: int = 0
    primera: dict[str, tuple[int, int]] = field(default_factory=dict)  # code -> (fila, col)

    def notas(self) -> list[Nota]:
        """The notes to write, in sheet order."""
        elegidas = sorted(self.con_error + self.solo_avisos, key=_FILA_Y_COLUMNA)
        return [Nota(fila, col, _partes_nota(hallazgos)) for fila, col, hallazgos in elegidas]


def ruta_revisado(tabla: Tabla, destino: Path) -> Path:
    """Where the marked copy of `tabla` goes: ``destino/<stem>.revisado.xlsx`` if `destino` is a
    folder, `destino` itself otherwise."""
    destino = Path(destino)
    if destino.is_dir():
        return destino / f"{Path(tabla.archivo).stem}.revisado.xlsx"
    return destino


def escribir_revisado(tabla: Tabla, revision: Revision, destino: Path, *,
                      max_notas: int = MAX_NOTAS, reporte: str | None = None) -> Path:
    """Write the marked copy of a checked submission and return its path.

    Args:
        tabla: the submission as read; its rows are streamed once more (`Tabla.filas`).
        revision: the outcome of checking `tabla`; row findings in ascending row order are used
            as they are, otherwise sorted.
        destino: a folder (the file is ``<stem of tabla.archivo>.revisado.xlsx``) or the path of
            the ``.xlsx`` to write. Written atomically: on failure an earlier file is intact.
        max_notas: most cells with a note (default `MAX_NOTAS`).
        reporte: file name of the JSON report with every finding, named in the Resumen when
            notes were capped (default ``<stem>.reporte.json``, the CLI's name).

    Returns:
        The path written.

    Raises:
        ValueError: `tabla.filas()` yields rows out of order or above the header row, or
            `revision` does not hold every finding (`Revision.completa`).
        OSError: the file cannot be written (the temporary file is removed).

    (`CopiaMarcada` writes the same file while the rows are being checked, in one pass.)
    """
    if not revision.completa:
        raise ValueError("escribir_revisado necesita todos los hallazgos (use CopiaMarcada)")
    ruta = ruta_revisado(tabla, destino)
    # The reader's row findings are in `revision` (its file-level list) and `CopiaMarcada`
    # takes them from `tabla`: once.
    por_fila = _por_fila(revision, frozenset(h for h in tabla.hallazgos if h.fila is not None))
    with CopiaMarcada(tabla, ruta, max_notas=max_notas, reporte=reporte,
                      filas_previstas=revision.filas) as copia:
        grupos = _agrupar(por_fila)
        siguiente, hallazgos = next(grupos, (None, ()))
        sin_hallazgos: Sequence[Hallazgo] = ()
        for leida in tabla.filas():
            n = leida.fila
            while siguiente is not None and siguiente < n:  # findings of rows not read: skip
                siguiente, hallazgos = next(grupos, (None, ()))
            if siguiente != n:
                copia.fila(leida, sin_hallazgos)
                continue
            copia.fila(leida, hallazgos)
            siguiente, hallazgos = next(grupos, (None, ()))
        copia.concluir(revision)
    return ruta


def _por_fila(revision: Revision, sin: frozenset[Hallazgo] = frozenset()) -> list[Hallazgo]:
    """The row findings of `revision` but those in `sin`, by row."""
    por_fila = [h for h in revision.hallazgos if h.fila is not None and h not in sin]
    if any(a.fila > b.fila for a, b in pairwise(por_fila)):  # type: ignore[operator]
        por_fila.sort(key=_NUMERO_DE_FILA)
    return por_fila


class CopiaMarcada:
    """The marked copy written row by row, as the rows are checked: one pass over the file.

    Use as a context manager on the path to write (written atomically)::

        with CopiaMarcada(tabla, ruta) as copia:
            for leida in tabla.filas():
                copia.fila(leida, findings_of_that_row)
            copia.concluir(revision)

    or as the `apoyo.check.Destino` of `apoyo.check.revisar` (``revisar(..., destino=copia)``):
    rows without findings then wait in `pendientes` and are written in bulk.

    The sheet's rows are streamed as they come; what depends on all of them (the Resumen sheet,
    the notes, the autofilter range) is written by `concluir`, after the last row. The reader's
    row findings (`Tabla.hallazgos` with a `fila`) are added to their row's here, whichever way
    the row comes (`fila`, `revisada` or `pendientes`). Styles are
    those of a provisional structure workbook built first; the final one must give the same
    (checked, `RuntimeError` otherwise).

    Args:
        tabla: the submission as read (layout: header row, columns, file name).
        ruta: the ``.xlsx`` to write.
        max_notas, reporte: as for `escribir_revisado`.
        filas_previstas: at most this many rows will be written (None: up to Excel's limit);
            only decides whether the sheet part needs ZIP64.
    """

    def __init__(self, tabla: Tabla, ruta: Path, *, max_notas: int = MAX_NOTAS,
                 reporte: str | None = None, filas_previstas: int | None = None) -> None:
        self._tabla = tabla
        self._ruta = Path(ruta)
        self._max_notas = max_notas
        self._reporte = reporte or f"{Path(tabla.archivo).stem}.reporte.json"
        self._ancho = ancho = len(tabla.encabezados)
        # The checkers' columns, as the reader sees them: Resultado (the last one, else a new
        # column after the header) and the others it ignores (an older Resultado, flags).
        suyas = mapear(tabla.encabezados, tabla.fila_encabezado)
        self._col_res = col_res = (suyas.resultado if suyas.resultado is not None
                                   else ancho)
        self._viejas = frozenset(i for i in suyas.ignoradas if i != col_res and i < ancho)
        self._ncols = ncols = max(ancho, col_res + 1)
        campo_de_col = {col: campo for campo, col in tabla.columnas.items()}
        # Column of each field's findings; row-level findings (campo None) go to Resultado.
        self._col_de_campo: dict[str | None, int] = {
            campo: col for campo, col in tabla.columnas.items() if col < ancho
        }
        self._anchos = [
            _ANCHO_RESULTADO if col == col_res else min(
                max(len(tabla.encabezados[col]) + 3, _ANCHOS.get(campo_de_col.get(col, ""), 17)),
                40)
            for col in range(ncols)
        ]
        filas = filas_previstas if filas_previstas is not None else _FILAS_EXCEL
        self._celdas_previstas = filas * ncols
        self._concluida = False
        #: What became of the original's other sheets (`apoyo.mark.otras_hojas.resumen_de`),
        #: once concluded.
        self.otras_hojas: str | None = None
        # The reader's row findings, by row; each is taken when its row is written.
        self._del_lector = _del_lector(tabla)

    def __enter__(self) -> CopiaMarcada:  # noqa: PYI034 - Python 3.10 has no typing.Self
        xlsx, self._formatos = self._estructura(Revision(archivo=self._tabla.archivo), _Marcas())
        self._sonda = estilos_de_sonda(xlsx, HOJA_APOYOS, self._tabla.fila_encabezado + 1)
        base, aviso, error, res_ok = (f.estilos(self._sonda) for f in self._formatos)
        relleno = {"aviso": aviso, "error": error}
        estilos = [base] * self._ncols
        estilos[self._col_res] = res_ok
        self._marcadas = _FilasMarcadas(estilos, relleno, self._col_de_campo, self._col_res)
        self._pila = contextlib.ExitStack()
        try:
            tmp = self._pila.enter_context(escritura_atomica(self._ruta))
            self._escritor = self._pila.enter_context(EscritorHoja(
                xlsx, HOJA_APOYOS, tmp, fila_inicial=self._tabla.fila_encabezado + 1,
                estilos=estilos, celdas_previstas=self._celdas_previstas, referencias=False,
                diferido=True,
            ))
        except BaseException as error:
            # Unwind with the error, so that `escritura_atomica` puts nothing in place.
            self._pila.__exit__(type(error), error, error.__traceback__)
            raise
        self._marcas = _Marcas()
        self._ok = (RESULTADO_OK,)
        self._reemplazar = self._col_res < self._ancho
        # Rows without findings wait here and are written in bulk (`EscritorHoja.filas_texto`)
        # when Resultado is the last column: their cells before it, then "OK" (cells past
        # the header's width are not copied, as row by row).
        # What the checkers' other columns hold (`_viejas`: an older Resultado, the flags
        # column when it is not last) belongs to an earlier check: the copy leaves them empty,
        # row by row (a rare layout).
        self._en_bloque = self._col_res >= self._ancho - 1 and not self._viejas
        self._antes_de_resultado = itemgetter(slice(0, self._col_res))
        self._pendientes: list[FilaLeida] = []
        self.pendientes = self._pendientes if self._en_bloque else None
        # Only the eight fields before Resultado: the fast path checked every cell written
        # from `pendientes`.
        self._seguras = sorted(self._tabla.columnas.values()) == list(range(self._col_res))
        return self

    def __exit__(self, tipo: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if tipo is None and not self._concluida:  # nothing to finish the file with: roll back
            error = RuntimeError("CopiaMarcada: falta concluir()")
            self._pila.__exit__(RuntimeError, error, None)
            raise error
        self._pila.__exit__(tipo, exc, tb)

    def fila(self, leida: FilaLeida, hallazgos: Sequence[Hallazgo] | None) -> None:
        """Write one row as read, marked with its findings (rows in ascending order; None or
        empty: no finding)."""
        if not hallazgos and self._en_bloque:  # written with the next block
            pendientes = self._pendientes
            pendientes.append(leida)
            if len(pendientes) >= LOTE:
                self._vaciar()
            return
        if self._pendientes:
            self._vaciar()
        self._una(leida, hallazgos)

    def revisada(self, leida: FilaLeida, textos: tuple[str, ...] | None,
                 hallazgos: Sequence[Hallazgo] | None) -> None:
        """`fila`, as an `apoyo.check.Destino` (whose clean rows wait in `pendientes`): the
        rows that come here are written at once, so that `pendientes` only ever holds rows
        the fast path accepted."""
        if self._pendientes:
            self._vaciar(self._seguras)
        self._una(leida, hallazgos)

    def vaciar(self) -> None:
        """Write the rows waiting in `pendientes` (`apoyo.check.Destino`): their values are
        texts the fast path accepted, so when the columns before Resultado are the eight
        fields, nothing in them needs escaping (`EscritorHoja.filas_texto`, ``seguras``)."""
        if self._pendientes:
            self._vaciar(self._seguras)

    def _una(self, leida: FilaLeida, hallazgos: Sequence[Hallazgo] | None) -> None:
        n, celdas = leida.fila, leida.celdas
        if self._del_lector:
            del_lector = self._del_lector.pop(n, None)
            if del_lector is not None:
                hallazgos = _juntar(hallazgos, del_lector)
        ancho = self._ancho
        if len(celdas) != ancho:
            celdas = tuple(celdas[:ancho]) + (None,) * (ancho - len(celdas))
        if self._viejas:
            celdas = tuple(None if i in self._viejas else v for i, v in enumerate(celdas))
        col_res = self._col_res
        if not hallazgos:
            valores = (celdas[:col_res] + self._ok + celdas[col_res + 1:] if self._reemplazar
                       else celdas + self._ok)
            self._escritor.fila(n, valores)
            return
        _marcar(self._marcas, n, hallazgos, self._col_de_campo, self._col_res, self._max_notas)
        patron, fila_estilos, texto = self._marcadas.de(hallazgos)
        valores = list(celdas) + [None] * (self._ncols - ancho)
        valores[col_res] = texto
        self._escritor.fila(n, valores, fila_estilos, patron)

    def _vaciar(self, seguras: bool = False) -> None:
        """Write the rows without findings waiting in `_pendientes`: their cells before
        Resultado in bulk, but a row with an empty cell (written differently) on its own.
        `seguras`: every text is known to need no escaping."""
        leidas = self._pendientes
        numeros = list(map(_NUMERO_DE_FILA, leidas))
        celdas = list(map(_CELDAS, leidas))
        datos = list(map(self._antes_de_resultado, celdas))
        # On their own: rows with an empty cell, or shorter than the header (padded there).
        aparte = list(map(or_, map(contains, datos, repeat(None)),
                          map(lt, map(len, celdas), repeat(self._ancho))))
        # ...and rows with a finding of the reader (rare: one C call per block otherwise).
        del_lector = self._del_lector
        if del_lector and not del_lector.keys().isdisjoint(numeros):
            aparte = list(map(or_, aparte, map(del_lector.__contains__, numeros)))
        inicio = 0
        while True:
            try:
                k = aparte.index(True, inicio)
            except ValueError:
                break
            self._escritor.filas_texto(numeros[inicio:k], datos[inicio:k], self._ok,
                                       seguras=seguras)
            self._una(leidas[k], None)
            inicio = k + 1
        self._escritor.filas_texto(numeros[inicio:], datos[inicio:], self._ok, seguras=seguras)
        leidas.clear()

    def concluir(self, revision: Revision) -> None:
        """Give the outcome of the check (after the last row): the Resumen, notes and the
        rest of the workbook are written when the block ends. The notes and the marked cells
        are those of the rows written (gathered row by row: `revision` need not hold every
        finding)."""
        if self._pendientes:
            self._vaciar()
        marcas = self._marcas
        notas = marcas.notas()
        xlsx, formatos = self._estructura(revision, marcas, len(notas), final=True)
        sonda = estilos_de_sonda(xlsx, HOJA_APOYOS, self._tabla.fila_encabezado + 1)
        if [f.estilos(sonda) for f in formatos] != [f.estilos(self._sonda)
                                                   for f in self._formatos]:
            raise RuntimeError("CopiaMarcada: los estilos del libro final no coinciden")
        partes = partes_notas(notas, self._anchos, AUTOR_NOTAS) if notas else None
        self._escritor.concluir(xlsx, partes)
        self._concluida = True

    def _estructura(self, revision: Revision, marcas: _Marcas, notas: int = 0, *,
                    final: bool = False) -> tuple[bytes, tuple[FormatosCelda, ...]]:
        """The structure, by XlsxWriter: styles, header, notes plumbing (for `notas` notes),
        the Resumen and Aspirante sheets; when `final`, the original's other sheets with
        apoyos too (`apoyo.mark.otras_hojas`)."""
        tabla, ncols, col_res = self._tabla, self._ncols, self._col_res
        salida = io.BytesIO()
        libro = Workbook(salida, OPCIONES_XLSXWRITER)
        hoja = libro.add_worksheet(HOJA_APOYOS)
        fila_enc = tabla.fila_encabezado
        base = FormatosCelda(libro)
        aviso = FormatosCelda(libro, {"bg_color": COLOR_AVISO, "pattern": 1}, vacia=True)
        error = FormatosCelda(libro, {"bg_color": COLOR_ERROR, "pattern": 1}, vacia=True)
        res_ok = FormatosCelda(libro, {"bg_color": COLOR_OK, "pattern": 1})
        encabezado = libro.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "pattern": 1, "bottom": 1, "num_format": "@"}
        )
        for col in range(ncols):
            etiqueta = COLUMNA_RESULTADO if col == col_res else tabla.encabezados[col]
            hoja.write_string(fila_enc - 1, col, etiqueta, encabezado)
            hoja.set_column(col, col, self._anchos[col], base.texto)
        col_sonda = 0
        for formatos in (base, aviso, error, res_ok):
            col_sonda = formatos.sondear(hoja, fila_enc, col_sonda)
        if notas:
            preparar_notas(hoja, fila_enc)
        hoja.freeze_panes(fila_enc, 0)
        hoja.autofilter(fila_enc - 1, 0, fila_enc - 1, ncols - 1)
        hoja.set_landscape()
        hoja.set_paper(1)  # carta
        hoja.fit_to_pages(1, 0)
        hoja.repeat_rows(fila_enc - 1)
        hoja.set_footer("&LApoyos &C&F&RPágina &P de &N")
        hoja.activate()
        if final:
            hechas = copiar_otras_hojas(libro, tabla.otras_hojas(),
                                        (HOJA_APOYOS, HOJA_RESUMEN, HOJA_ASPIRANTE))
            self.otras_hojas = resumen_de(hechas)
        resumen.escribir(libro, tabla, revision, marcas.primera, otras_hojas=self.otras_hojas,
                         notas=notas, celdas_marcadas=marcas.celdas_marcadas,
                         celdas_con_error=marcas.celdas_con_error,
                         max_notas=self._max_notas, reporte=self._reporte)
        _hoja_aspirante(libro, tabla)
        libro.close()
        return salida.getvalue(), (base, aviso, error, res_ok)


def _del_lector(tabla: Tabla) -> dict[int, list[Hallazgo]]:
    """The reader's findings of data rows (`Tabla.hallazgos` with a `fila` below the header),
    by row."""
    por_fila: dict[int, list[Hallazgo]] = {}
    for h in tabla.hallazgos:
        if h.fila is not None and h.fila > tabla.fila_encabezado:
            por_fila.setdefault(h.fila, []).append(h)
    return por_fila


def _orden(h: Hallazgo) -> tuple[int, bool]:
    return _ORDEN_CAMPO.get(h.campo or "", 99), h.severidad != "error"


def _juntar(de_reglas: Sequence[Hallazgo] | None,
            del_lector: Sequence[Hallazgo]) -> tuple[Hallazgo, ...]:
    """A row's findings: the rules' and the reader's, by field, errors first (as the rules')."""
    return tuple(sorted((*(de_reglas or ()), *del_lector), key=_orden))


def _hoja_aspirante(libro: Workbook, tabla: Tabla) -> None:
    """Add the ``Aspirante`` sheet: what the reader took from the original's (`Tabla.aspirante`
    and the template version), as texts under the template's labels (column A label, column B
    value), so that reading the marked copy gives the same. Nothing when the original had no such
    sheet and none of those values."""
    version = tabla.metadatos.get("version_plantilla")
    tenia = any(isinstance(n, str) and plegar(n) == plegar(HOJA_ASPIRANTE)
                for n in tabla.metadatos.get("hojas") or ())
    if not (tenia or tabla.aspirante or version is not None):
        return
    hoja = libro.add_worksheet(HOJA_ASPIRANTE)
    etiqueta = libro.add_format({"bold": True, "valign": "top"})
    valor = libro.add_format({"num_format": "@", "valign": "top", "text_wrap": True})
    nota = libro.add_format({"italic": True, "text_wrap": True, "valign": "top"})
    hoja.set_column(0, 0, 28)
    hoja.set_column(1, 1, 42)
    pares = [(ETIQUETAS_ASPIRANTE[clave], tabla.aspirante.get(clave, ""))
             for clave in ETIQUETAS_ASPIRANTE]
    pares += [(clave.capitalize(), texto) for clave, texto in tabla.aspirante.items()
              if clave not in ETIQUETAS_ASPIRANTE]
    if version is not None:
        pares.append((T.ETIQUETA_VERSION, str(version)))
    for fila, (texto_etiqueta, texto) in enumerate(pares):
        hoja.write_string(fila, 0, texto_etiqueta, etiqueta)
        if texto:
            hoja.write_string(fila, 1, texto, valor)
        else:
            hoja.write_blank(fila, 1, None, valor)
    # Below, a label-less explanation (the reader skips rows without a value in column B).
    fila = len(pares) + 1
    hoja.merge_range(fila, 0, fila, 1, _NOTA_ASPIRANTE, nota)
    hoja.set_row(fila, 48)


def _agrupar(por_fila: Sequence[Hallazgo]) -> Iterator[tuple[int, list[Hallazgo]]]:
    """Yield ``(fila, findings)`` for each row, from findings sorted by row."""
    i, total = 0, len(por_fila)
    while i < total:
        fila = por_fila[i].fila
        j = i + 1
        while j < total and por_fila[j].fila == fila:
            j += 1
        yield fila, list(por_fila[i:j])  # type: ignore[misc]
        i = j


class _FilasMarcadas:
    """Styles and Resultado text of rows with findings, kept per pattern of findings (rows with
    the same codes on the same fields look the same)."""

    def __init__(self, estilos: list[EstilosCelda], relleno: dict[str, EstilosCelda],
                 col_de_campo: dict[str | None, int], col_res: int) -> None:
        self._estilos = estilos
        self._relleno = relleno
        self._col_de_campo = col_de_campo
        self._col_res = col_res
        self._vistas: dict[tuple[Any, ...], tuple[Any, list[EstilosCelda], str]] = {}

    def de(self, hallazgos: Sequence[Hallazgo]) -> tuple[Any, list[EstilosCelda], str]:
        """``(pattern, styles per column, Resultado text)`` of a row with these findings."""
        clave = tuple([(h.codigo, h.severidad, h.campo) for h in hallazgos])
        vista = self._vistas.get(clave)
        if vista is None:
            # Severity per marked column (an error wins), the Resultado cell the row's worst.
            por_celda: dict[int, Severidad] = {}
            for h in hallazgos:
                col = self._col_de_campo.get(h.campo, self._col_res)
                if h.severidad == "error" or col not in por_celda:
                    por_celda[col] = h.severidad
            por_celda[self._col_res] = severidad_de(hallazgos) or "aviso"
            estilos = list(self._estilos)
            for col, severidad in por_celda.items():
                estilos[col] = self._relleno[severidad]
            vista = (tuple(por_celda.items()), estilos, texto_resultado(hallazgos))
            if len(self._vistas) < 4096:
                self._vistas[clave] = vista
        return vista


def _partes_nota(hallazgos: Sequence[Hallazgo]) -> tuple[tuple[str, bool], ...]:
    """The note of a cell (`apoyo.summary.texto_nota`) as text runs, each title line in bold."""
    partes: list[tuple[str, bool]] = []
    for k, bloque in enumerate(texto_nota(hallazgos).split("\n\n")):
        titulo, _, resto = bloque.partition("\n")
        partes.append((("\n\n" if k else "") + titulo, True))
        if resto:
            partes.append(("\n" + resto, False))
    return tuple(partes)


def _marcar(marcas: _Marcas, fila: int, hallazgos: Sequence[Hallazgo],
            col_de_campo: dict[str | None, int], col_res: int, max_notas: int) -> None:
    """Add one row's findings (rows in ascending order) to `marcas`: the first marked cell
    per code, the number of marked cells and the cells that may get a note (`_Marcas`: at most
    `max_notas`, cells with an error first)."""
    primera = marcas.primera
    por_celda: dict[int, list[Hallazgo]] = {}
    for h in hallazgos:
        col = col_de_campo.get(h.campo, col_res)
        por_celda.setdefault(col, []).append(h)
        if h.codigo not in primera:
            primera[h.codigo] = (fila, col)
    marcas.celdas_marcadas += len(por_celda)
    con_error, solo_avisos = marcas.con_error, marcas.solo_avisos
    for col in sorted(por_celda):
        de_celda = por_celda[col]
        if any(h.severidad == "error" for h in de_celda):
            marcas.celdas_con_error += 1
            if len(con_error) < max_notas:
                con_error.append((fila, col, de_celda))
                if len(con_error) + len(solo_avisos) > max_notas:
                    solo_avisos.pop()  # the last warning cell gives its note to this error
        elif len(con_error) + len(solo_avisos) < max_notas:
            solo_avisos.append((fila, col, de_celda))
