"""One file through the whole job: read -> normalise -> check -> mark (report, marked copy).

The CLI and any other front end call these; they only differ in how they show the result.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from apoyo.check import Contexto, Destino, Revision, Vistos, revisar
from apoyo.errors import ArchivoInutilizable
from apoyo.read import leer
from apoyo.read.tabla import Tabla
from apoyo.record import Hallazgo

if TYPE_CHECKING:
    from apoyo.export import ResultadoExportacion

Avance = Callable[[int], None]


@dataclass(frozen=True)
class Salidas:
    """Where the outputs of one validated file went; `otras_hojas`: what the marked copy did
    with the original's other sheets with apoyos (`apoyo.mark.otras_hojas.resumen_de`), if
    there were any."""

    reporte: Path
    revisado: Path
    otras_hojas: str | None = None


def salidas_de(entrega: Path, carpeta: Path | None) -> Salidas:
    """Output paths for `entrega`: `<stem>.reporte.json` and `<stem>.revisado.xlsx` in
    `carpeta` (default: the input's folder). Raises `ArchivoInutilizable` when an output would
    overwrite the input itself, `IsADirectoryError` when a folder has an output's name."""
    carpeta = carpeta or entrega.parent
    salidas = Salidas(carpeta / f"{entrega.stem}.reporte.json",
                      carpeta / f"{entrega.stem}.revisado.xlsx")
    for ruta in (salidas.reporte, salidas.revisado):
        if ruta.is_dir():  # not replaceable (and a folder would take the file inside it)
            raise IsADirectoryError(errno.EISDIR, "output path is a folder", str(ruta))
        if ruta.exists() and entrega.exists() and ruta.samefile(entrega):
            raise ArchivoInutilizable(
                f"La salida «{ruta.name}» sobrescribiría el archivo de entrada.",
                "Cambie el nombre del archivo de entrada o indique otra carpeta con --salida.",
            )
    return salidas


def _con_avance(filas: Iterator[Any], avance: Avance | None,
                cada: int = 5_000) -> Iterator[Any]:
    """`filas`, calling ``avance(rows so far)`` every `cada` rows. The rows pass in batches
    through C iterators (`itertools.chain`): no Python code runs per row."""
    if avance is None:
        return filas

    def lotes() -> Iterator[list[Any]]:
        n = 0
        while lote := list(islice(filas, cada)):
            yield lote
            n += len(lote)
            avance(n)

    return chain.from_iterable(lotes())


@contextlib.contextmanager
def pasada_rapida() -> Iterator[None]:
    """Tune the interpreter for one pass over the rows, then restore it.

    * Python's cyclic garbage collector is paused: a pass allocates millions of short-lived
      tuples, freed by reference counting as soon as a row is done, yet the collector would
      walk the young objects every 700 allocations (about 10 % of the time of a
      1,048,575-row file, `bench/run.py`). Memory stays bounded: nothing of a row outlives it
      but its findings, and any cycle made meanwhile is collected once the collector resumes.
    * The GIL switch interval drops from 5 ms to 0.5 ms: the thread that deflates the marked
      copy (`apoyo.mark.xlsx_rapido`) needs the GIL back after each zlib call, and would
      otherwise wait up to 5 ms each time while the main thread checks rows (the marked copy
      of 100,000 clean rows: 3.3 -> 2.5 µs a row).
    """
    activo = gc.isenabled()
    intervalo = sys.getswitchinterval()
    gc.disable()
    sys.setswitchinterval(min(intervalo, 0.0005))
    try:
        yield
    finally:
        sys.setswitchinterval(intervalo)
        if activo:
            gc.enable()


def revisar_tabla(tabla: Tabla, contexto: Contexto, vistos: Vistos | None = None,
                  avance: Avance | None = None,
                  destino: Destino | None = None,
                  sumidero: Callable[[tuple[Hallazgo, ...]], None] | None = None) -> Revision:
    """Check a table read by `apoyo.read.leer`; the scope defaults to its Aspirante sheet.

    `destino` (e.g. a `apoyo.mark.revisado.CopiaMarcada`) gets every row read as soon as it
    is checked (`apoyo.check.Destino`); `sumidero` every row's findings (`apoyo.check.revisar`).
    """
    contexto = contexto.con_aspirante(tabla.aspirante)
    with pasada_rapida():
        revision = revisar(_con_avance(tabla.filas(), avance), contexto, tabla.archivo,
                           tabla.hallazgos, vistos, tomar=tabla.tomador(), destino=destino,
                           sumidero=sumidero)
    revision.metadatos = {**tabla.metadatos, "formato": tabla.formato, "hoja": tabla.hoja,
                          "fila_encabezado": tabla.fila_encabezado}
    if contexto.entidad:
        revision.metadatos["entidad"] = contexto.entidad
    return revision


def validar_archivo(entrega: Path, contexto: Contexto, carpeta: Path | None = None,
                    vistos: Callable[[Tabla], Vistos] | None = None,
                    avance: Avance | None = None,
                    plazo: float | None = None) -> tuple[Tabla, Revision, Salidas]:
    """Read, check and write the report and the marked copy of one submission.

    `vistos`, given the table read, returns the first occurrences shared with the aspirant's
    other files (None: this file alone). `plazo`: time budget in seconds for the whole job
    (`apoyo.limites.con_plazo`; None or 0: none).

    Both outputs are written to temporary files and put in place together
    (`apoyo.atomic.escrituras_juntas`): if either fails, both earlier outputs stay as they were.

    Raises:
        ArchivoInutilizable: the file cannot be used, or the time budget ran out (nothing is
            written).
        OSError: an output could not be written (earlier outputs stay intact).
    """
    from apoyo.atomic import escrituras_juntas
    from apoyo.limites import con_plazo
    from apoyo.mark.revisado import CopiaMarcada
    from apoyo.report import HallazgosEnDisco, escribir_reporte

    inicio = time.monotonic()
    salidas = salidas_de(entrega, carpeta)
    tabla = con_plazo(leer(entrega), plazo, inicio)
    # One pass: each row is written to the marked copy as soon as it is checked; what needs
    # every row (the Resumen, the notes, the report) is written after the last one.
    try:
        with escrituras_juntas(), CopiaMarcada(
                tabla, salidas.revisado, reporte=salidas.reporte.name,
                filas_previstas=tabla.filas_previstas) as copia, HallazgosEnDisco(
                salidas.reporte.parent) as de_filas:
            revision = revisar_tabla(tabla, contexto, vistos(tabla) if vistos else None, avance,
                                     destino=copia, sumidero=de_filas)
            escribir_reporte(revision, salidas.reporte, de_filas)
            copia.concluir(revision)
    finally:
        tabla.liberar()
    return tabla, revision, replace(salidas, otras_hojas=copia.otras_hojas)


def exportar_tabla(tabla: Tabla, contexto: Contexto, aspirante: str, carpeta: Path,
                   formato: Literal["xlsx", "txt"] = "xlsx") -> ResultadoExportacion:
    """Check `tabla` and write its DERFE file and rejects file (`apoyo.export.exportar`) in
    the same pass: each row is written as soon as it is checked."""
    from apoyo.export.derfe import Exportacion

    contexto = contexto.con_aspirante(tabla.aspirante)
    tomar = tabla.tomador()
    with Exportacion(aspirante, carpeta, formato, tomar=tomar,
                     origen=tabla.archivo) as exportacion, pasada_rapida():
        revisar(tabla.filas(), contexto, tabla.archivo, tomar=tomar, destino=exportacion)
    assert exportacion.resultado is not None
    return exportacion.resultado
