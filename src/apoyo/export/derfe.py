"""The file sent to DERFE: the valid rows, eight text columns, named after the aspirant.

Decisions:

* Only rows without errors (`FilaRevisada.valida`) are exported, with their normalised values
  (`FilaRevisada.valores`), in the order read. Rows with errors go to
  ``<NOMBRE>_rechazados.xlsx`` (row number, the eight fields, and the reasons: code, message and
  how to fix it, for each error). With no rejected row no rejects file is written, and one left
  by an earlier export is deleted, so it cannot be mistaken for the current one. Likewise with
  no valid row no DERFE file is written (an empty file must not be sent), and one of the same
  format (``.xlsx`` or ``.txt``) left by an earlier export is deleted, so a stale file is not
  sent instead.
* xlsx: sheet ``Apoyos``, header = the labels of `apoyo.schema.ETIQUETAS`, every value an
  (inline) text cell, columns and cells formatted as text (``@``), so leading zeros stay and
  what a user types there stays text. An empty value is an empty text cell.
* txt: UTF-8 **with BOM** (Excel and most Windows tools, as at DERFE, then read accents and Ñ
  right; without it they assume the ANSI code page), tab-separated, CRLF line ends, same header.
  A tab or line break inside a value (the checker's normalisation already removes them) would
  break the layout, so it is written as a space.
* Formula injection (OWASP "CSV injection"): xlsx cells are text, never formulas. The txt carries
  the exact values DERFE needs, without a protecting prefix: codes are digits, and the checker
  rejects names with characters other than letters, spaces, apostrophe, hyphen and dot
  (``nombre-invalido``), so no valid row has ``=``, ``+``, ``@``, parentheses, ``!`` or ``|``;
  and a name starting with a hyphen (``-JUAN``, which a spreadsheet opening the txt would read
  as a formula) is ``nombre-invalido`` too, so no valid value starts like a formula.
* Streaming: rows are written as they come (one pass over `filas`); each file is written through
  `apoyo.atomic.escritura_atomica` and both are put in place together, with the removal of
  the stale ones (`apoyo.atomic.retirar`), in one all-or-nothing step
  (`apoyo.atomic.escrituras_juntas`), so on failure earlier files stay intact.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains, itemgetter
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TextIO

from apoyo.atomic import escritura_atomica, escrituras_juntas, retirar
from apoyo.check.revision import FilaRevisada
from apoyo.errors import ArchivoInutilizable
from apoyo.export.marca import origen_de_exportacion, propiedades
from apoyo.export.nombre import nombre_archivo
from apoyo.mark.xlsx_rapido import EscritorHoja, libro_tabla
from apoyo.record import Hallazgo
from apoyo.schema import CAMPOS, ETIQUETAS, HOJA_APOYOS

HOJA_RECHAZADOS = "Rechazados"
_ANCHOS = (10, 11, 22, 20, 20, 22, 16, 12)
_FILAS_POR_ESCRITURA = 8192
_ANCHO_MOTIVOS = 70
_LETRAS_POR_LINEA = 75  # of the wrapped Motivos column, to give each row its height
_CELDAS = itemgetter(1)


@dataclass(frozen=True)
class ResultadoExportacion:
    """What `exportar` wrote.

    Attributes:
        ruta: the DERFE file (``<NOMBRE>.xlsx`` or ``.txt``), or None when no row could be
            exported (an empty file is not written: it must not be sent by mistake; a file
            of an earlier export with that name and format is deleted, so that a stale one
            is not sent either).
        ruta_rechazados: ``<NOMBRE>_rechazados.xlsx``, or None when no row was rejected (a
            file of an earlier export with that name is deleted).
        validas: rows exported.
        rechazadas: rows with errors, listed in the rejects file.
        retirados: files of an earlier export that this one deleted (see `ruta` and
            `ruta_rechazados`), in that order.
    """

    ruta: Path | None
    ruta_rechazados: Path | None
    validas: int
    rechazadas: int
    retirados: tuple[Path, ...] = ()


def impedimento(hallazgos_del_archivo: Iterable[Hallazgo]) -> tuple[str, str] | None:
    """Why a file cannot be exported at all, as Spanish ``(what is wrong, how to fix it)``, or
    None.

    * A field named by two columns (``columna-repetida``): the check read the first, but which
      one DERFE should get only the user knows (a tester's file had the first «OCR» column
      empty and the data in the second: the export went out without OCR).
    * A field named by no column (``columna-faltante``): the DERFE file would go out with that
      column empty (a tester's header «AP. PAT.», «C.I.C.»... was not recognised, and the
      surnames and CIC were lost); all the missing ones are named, with their official labels
      (`apoyo.schema.ETIQUETAS`) to rename the headers to.

    * Formulas in the data whose results the file does not hold (``formula-sin-resultado``):
      their values are unknown; read as empty they would go out as missing surnames or OCR (a
      tester's file written by openpyxl was exported without the surnames its formulas made).

    A repeated column or formulas without results are reported first (whichever the reader
    found first); the missing columns otherwise.
    """
    faltantes: list[str] = []
    for h in hallazgos_del_archivo:
        if h.codigo == "columna-repetida":
            etiqueta = ETIQUETAS.get(h.campo or "", h.campo)
            return (f"La columna «{etiqueta}» aparece más de una vez y no se sabe cuál enviar a "
                    "la DERFE; no se exportó nada.", h.remedio)
        if h.codigo == "formula-sin-resultado":
            return (f"{h.mensaje} No se exportó nada.", h.remedio)
        if h.codigo == "columna-faltante":
            etiqueta = ETIQUETAS.get(h.campo or "", h.campo or "")
            if etiqueta not in faltantes:
                faltantes.append(etiqueta)
    if not faltantes:
        return None
    lista = ", ".join(f"«{e}»" for e in faltantes[:-1])
    lista = f"{lista} y «{faltantes[-1]}»" if lista else f"«{faltantes[-1]}»"
    if len(faltantes) == 1:
        return (f"No se encontró la columna {lista}; el archivo para la DERFE no puede ir sin "
                "ella, así que no se exportó nada.",
                f"Cambie el encabezado de esa columna para que diga exactamente {lista}, el "
                "nombre oficial, o agregue la columna con ese encabezado si no existe; luego "
                "vuelva a exportar.")
    return (f"No se encontraron las columnas {lista}; el archivo para la DERFE no puede ir sin "
            "ellas, así que no se exportó nada.",
            f"Cambie los encabezados de esas columnas para que digan exactamente {lista}, los "
            "nombres oficiales, o agregue con ese encabezado las que no existan; luego vuelva a "
            "exportar. Lo más seguro es copiar los datos a la plantilla oficial.")


def exportar(filas: Iterable[FilaRevisada], aspirante: str, carpeta: Path,
             formato: Literal["xlsx", "txt"] = "xlsx", *,
             origen: str | None = None) -> ResultadoExportacion:
    """Write the DERFE file of the valid rows, and the rejects file of the others.

    Args:
        filas: the checked rows, in order (consumed once).
        aspirante: the aspirant's name; the file is ``carpeta/<nombre_archivo(aspirante)>.xlsx``
            (or ``.txt``).
        carpeta: an existing folder.
        formato: ``"xlsx"`` (default) or ``"txt"`` (tab-separated UTF-8 with BOM, CRLF).
        origen: the submission's file name (no folder), recorded in the .xlsx so that a folder
            check leaves the export out while the submission is beside it
            (`apoyo.export.marca`).

    Returns:
        A `ResultadoExportacion` with the paths and counts.

    Raises:
        ValueError: unknown `formato`, or an aspirant name without letters (`nombre_archivo`).
        OSError: a file cannot be written, replaced or deleted; files from earlier exports
            are then left intact (none is replaced or deleted) and no temporary file remains.

    (`Exportacion` writes the same files as the rows are checked, without `FilaRevisada`.)
    """
    with Exportacion(aspirante, carpeta, formato, origen=origen) as exportacion:
        escribir = exportacion.fila
        for fila in filas:
            escribir(fila.fila, fila.valores, fila.hallazgos)
    assert exportacion.resultado is not None  # set on a normal exit
    return exportacion.resultado


class Exportacion:
    """The export written row by row: ``with Exportacion(aspirante, carpeta) as e:`` then
    ``e.fila(row number, normalised values, findings)`` for each checked row in order; the
    files are put in place when the block ends without error (`resultado` then says what was
    written). Arguments and errors as for `exportar`.

    It is also an `apoyo.check.Destino` for `apoyo.check.revisar`, given `tomar` (from a
    row's cells to its eight values, `Tabla.tomador`): the clean rows then wait in
    `pendientes` as read and are written in bulk, the others come through `revisada`.
    `origen`: the submission's file name, recorded in the .xlsx (`apoyo.export.marca`).
    """

    def __init__(self, aspirante: str, carpeta: Path,
                 formato: Literal["xlsx", "txt"] = "xlsx", *,
                 tomar: Callable[[Sequence[Any]], Sequence[Any]] | None = None,
                 origen: str | None = None) -> None:
        if formato not in ("xlsx", "txt"):
            raise ValueError(f"Formato de exportación desconocido «{formato}»: use «xlsx» o «txt».")
        nombre = nombre_archivo(aspirante)
        carpeta = Path(carpeta)
        self._formato = formato
        self._origen = origen
        self._ruta = carpeta / f"{nombre}.{formato}"
        self._ruta_rechazados = carpeta / f"{nombre}_rechazados.xlsx"
        self.validas = self.rechazadas = 0
        self._rechazos: EscritorHoja | None = None
        self._tomar = tomar
        self.pendientes: list[Any] | None = None
        """Clean rows as read, ``(fila, celdas)``, waiting to be written (xlsx with `tomar`)."""
        self.resultado: ResultadoExportacion | None = None
        """Set when the block ends without error."""

    def __enter__(self) -> Exportacion:  # noqa: PYI034 - Python 3.10 has no typing.Self
        for ruta in (self._ruta, self._ruta_rechazados):
            if ruta.is_dir() and not ruta.is_symlink():  # the user's folder: checked up front
                raise IsADirectoryError(errno.EISDIR, "output path is a folder", str(ruta))
        self._no_reemplazar_otra()
        # The rejects file is opened at the first rejected row, and closed after the main file.
        self._todo = contextlib.ExitStack()
        self._todo.enter_context(escrituras_juntas())  # both files in place together, or none
        self._pila_rechazados = self._todo.enter_context(contextlib.ExitStack())
        self._pila = pila = self._todo.enter_context(contextlib.ExitStack())
        try:
            self._bloques: _EnBloques | None = None
            if self._formato == "xlsx":
                hoja = _abrir_xlsx(pila, self._ruta, [ETIQUETAS[c] for c in CAMPOS], _ANCHOS,
                                   [True] * len(CAMPOS), HOJA_APOYOS,
                                   propiedades=propiedades(self._origen))
                self._bloques = pila.enter_context(_EnBloques(hoja))
                self._pendientes = self._bloques.filas
                if self._tomar is not None:
                    self.pendientes = []
            else:
                self._escribir = pila.enter_context(_txt(self._ruta)).fila
        except BaseException as error:
            # Unwind with the error, so that `escrituras_juntas` puts nothing in place.
            self._todo.__exit__(type(error), error, error.__traceback__)
            raise
        return self

    def _no_reemplazar_otra(self) -> None:
        """Refuse to replace the export of another submission file of the same aspirant
        (found by a tester: exporting «parte2.xlsx» silently replaced the export of
        «parte1.xlsx», whose rows then were in no file for the DERFE, and the duplicates
        between the two parts were never checked). Only an .xlsx export records its origin
        (`apoyo.export.marca`); one that does not say is replaced as before."""
        if not self._origen or not self._ruta.is_file():
            return
        anterior = origen_de_exportacion(self._ruta)
        if anterior and anterior != self._origen:
            raise ArchivoInutilizable(
                f"Ya existe «{self._ruta.name}», exportado de «{anterior}»: exportar "
                f"«{self._origen}» lo reemplazaría y las filas de «{anterior}» ya no estarían "
                "en el archivo para la DERFE.",
                f"La DERFE recibe un solo archivo por aspirante: junte las filas de «{anterior}» "
                f"y de «{self._origen}» en un solo archivo, valídelo (así se encuentran los "
                "apoyos repetidos entre los dos) y exporte ese; o guarde esta exportación en "
                "otra carpeta (en la línea de comandos, con --salida), o mueva o borre "
                f"«{self._ruta.name}» si ya no sirve.")

    def __exit__(self, tipo: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if tipo is None and self.pendientes:
            try:
                self.vaciar()
            except BaseException as error:
                self._todo.__exit__(type(error), error, error.__traceback__)
                raise
        if tipo is None:
            # Earlier outputs this export makes stale go in the same all-or-nothing step as
            # the new ones (`escrituras_juntas`): if any change fails, none is made.
            viejos = []
            if self.validas == 0:  # nothing to send: the file is not put in place
                self._pila.__exit__(_SinFilas, _SinFilas(), None)
                viejos.append(self._ruta)
            if self._rechazos is None:
                viejos.append(self._ruta_rechazados)
            retirados = tuple(p for p in viejos if os.path.lexists(p) and not p.is_dir())
            for viejo in viejos:
                retirar(viejo)
        self._todo.__exit__(tipo, exc, tb)
        if tipo is not None:
            return
        self.resultado = ResultadoExportacion(
            self._ruta if self.validas else None,
            None if self._rechazos is None else self._ruta_rechazados,
            self.validas, self.rechazadas, retirados,
        )

    def vaciar(self) -> None:
        """Write the clean rows waiting in `pendientes` (`apoyo.check.Destino`)."""
        leidas = self.pendientes
        if not leidas or self._bloques is None or self._tomar is None:
            return
        if self._pendientes:  # rows given to `fila` before these
            self._bloques.vaciar()
        filas = list(map(self._tomar, map(_CELDAS, leidas)))
        vacias = list(map(contains, filas, repeat(None)))
        if True in vacias:  # an absent value is an empty text cell
            for i in compress(range(len(filas)), vacias):
                filas[i] = tuple("" if v is None else v for v in filas[i])
        leidas.clear()
        self.validas += len(filas)
        self._bloques.vaciar(filas)

    def revisada(self, leida: Sequence[Any], textos: tuple[str, ...] | None,
                 hallazgos: Sequence[Hallazgo] | None) -> None:
        """A row with findings, or an empty one (`textos` None: nothing is written)
        (`apoyo.check.Destino`)."""
        if textos is None or hallazgos is None:
            return
        if self.pendientes:
            self.vaciar()
        self.fila(leida[0], textos, hallazgos)

    def fila(self, fila: int, valores: tuple[str, ...], hallazgos: Sequence[Hallazgo]) -> None:
        """One checked row: to the DERFE file if it has no error, else to the rejects file."""
        if not hallazgos or not any(h.severidad == "error" for h in hallazgos):
            self.validas += 1
            if self._bloques is None:
                self._escribir(self.validas + 1, valores)
                return
            pendientes = self._pendientes
            pendientes.append(valores)
            if len(pendientes) >= _FILAS_POR_ESCRITURA:
                self._bloques.vaciar()
            return
        if self._rechazos is None:
            self._rechazos = _abrir_xlsx(
                self._pila_rechazados, self._ruta_rechazados,
                ["Fila", *(ETIQUETAS[c] for c in CAMPOS), "Motivos"],
                (6, *_ANCHOS, _ANCHO_MOTIVOS), [False, *[True] * len(CAMPOS), True],
                HOJA_RECHAZADOS, filtro=True, ajustar=(len(CAMPOS) + 1,),
            )
        self.rechazadas += 1
        motivos = _motivos(hallazgos)
        lineas = max(1, math.ceil(len(motivos) / _LETRAS_POR_LINEA))
        self._rechazos.fila(self.rechazadas + 1, (fila, *valores, motivos),
                            alto=15.0 * lineas if lineas > 1 else None)


class _EnBloques:
    """Valid rows gathered in `filas` and written in bulk (`EscritorHoja.filas_texto`, about
    1 µs a row) from row 2 on."""

    def __init__(self, hoja: EscritorHoja) -> None:
        self._hoja = hoja
        self._siguiente = 2
        self.filas: list[tuple[str, ...]] = []

    def vaciar(self, seguras: list[Sequence[str]] | None = None) -> None:
        """Write the rows gathered in `filas`; or, given `seguras`, those rows instead: texts
        the fast path accepted (`EscritorHoja.filas_texto` need not check them)."""
        filas = self.filas if seguras is None else seguras
        inicio, self._siguiente = self._siguiente, self._siguiente + len(filas)
        self._hoja.filas_texto(range(inicio, self._siguiente), filas, seguras=seguras is not None)
        filas.clear()

    def __enter__(self) -> _EnBloques:
        return self

    def __exit__(self, tipo: object, *_: object) -> None:
        if tipo is None:
            self.vaciar()


class _SinFilas(Exception):
    """Thrown into the DERFE file's writers to discard it: no row could be exported."""


def _abrir_xlsx(pila: contextlib.ExitStack, ruta: Path, encabezados: list[str],
                anchos: tuple[float, ...], texto: list[bool], hoja: str, *,
                filtro: bool = False, ajustar: tuple[int, ...] = (),
                propiedades: dict[str, str] | None = None) -> EscritorHoja:
    libro, estilos = libro_tabla(hoja, encabezados, anchos, texto, filtro=filtro, ajustar=ajustar,
                                 propiedades=propiedades)
    tmp = pila.enter_context(escritura_atomica(ruta))
    return pila.enter_context(EscritorHoja(libro, hoja, tmp, fila_inicial=2, estilos=estilos))


def _motivos(hallazgos: Sequence[Hallazgo]) -> str:
    """The errors of a row: ``[code] message Cómo corregir: remedy``, joined by `` | ``."""
    return " | ".join(
        f"[{h.codigo}] {h.mensaje} Cómo corregir: {h.remedio}"
        for h in hallazgos if h.severidad == "error"
    )


class _LineasTxt:
    """Rows of the tab-separated text, buffered and written in blocks."""

    def __init__(self, archivo: TextIO) -> None:
        self._archivo = archivo
        self._lineas: list[str] = []

    def fila(self, _n: int, valores: tuple[str, ...]) -> None:
        linea = "\t".join(valores)
        if linea.count("\t") != len(valores) - 1 or "\n" in linea or "\r" in linea:
            linea = "\t".join(" ".join(v.split("\t")).replace("\r\n", " ").replace("\r", " ")
                              .replace("\n", " ") for v in valores)
        self._lineas.append(linea)
        if len(self._lineas) >= _FILAS_POR_ESCRITURA:
            self.vaciar()

    def vaciar(self) -> None:
        if self._lineas:
            self._archivo.write("\r\n".join(self._lineas) + "\r\n")
            self._lineas.clear()


@contextlib.contextmanager
def _txt(ruta: Path) -> Iterator[_LineasTxt]:
    """Tab-separated UTF-8 text (with BOM, CRLF line ends, the header), written atomically."""
    with escritura_atomica(ruta) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as archivo:
        archivo.write("\t".join(ETIQUETAS[c] for c in CAMPOS) + "\r\n")
        lineas = _LineasTxt(archivo)
        yield lineas
        lineas.vaciar()
