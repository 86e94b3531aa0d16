"""One file through the whole job: read -> normalise -> check -> mark (report, marked copy).

The CLI and any other front end call these; they only differ in how they show the result.
"""

from __future__ import annotations

import errno
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from apoyo.check import Contexto, Revision, Vistos, revisar, revisar_cada
from apoyo.errors import ArchivoInutilizable
from apoyo.read import leer
from apoyo.read.tabla import FilaLeida, Tabla

if TYPE_CHECKING:
    from apoyo.export import ResultadoExportacion

Avance = Callable[[int], None]


@dataclass(frozen=True)
class Salidas:
    """Where the outputs of one validated file went."""

    reporte: Path
    revisado: Path


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


_FILA_Y_CELDAS = attrgetter("fila", "celdas")


def _con_avance(filas: Iterator[Any], avance: Avance | None,
                cada: int = 5_000) -> Iterator[Any]:
    """`filas`, calling ``avance(rows so far)`` every `cada` rows (in batches: no per-row cost)."""
    if avance is None:
        yield from filas
        return
    n = 0
    while lote := list(islice(filas, cada)):
        yield from lote
        n += len(lote)
        avance(n)


def revisar_tabla(tabla: Tabla, contexto: Contexto, vistos: Vistos | None = None,
                  avance: Avance | None = None,
                  al_revisar: Callable[[FilaLeida, Any], object] | None = None) -> Revision:
    """Check a table read by `apoyo.read.leer`; the scope defaults to its Aspirante sheet.

    `al_revisar(leida, findings)` is called for every row read as soon as it is checked
    (findings None for a row without any of the eight values), e.g. `CopiaMarcada.fila`.
    """
    contexto = contexto.con_aspirante(tabla.aspirante)
    if al_revisar is None:
        revision = revisar(_con_avance(tabla.valores(), avance), contexto, tabla.archivo,
                           tabla.hallazgos, vistos)
    else:
        revision = revisar(_con_avance(tabla.filas(), avance), contexto, tabla.archivo,
                           tabla.hallazgos, vistos, par=_FILA_Y_CELDAS, tomar=tabla.tomador(),
                           al_revisar=al_revisar)
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

    The report is written to a temporary file first and only put in place after the marked copy
    is: if either fails, both earlier outputs stay as they were.

    Raises:
        ArchivoInutilizable: the file cannot be used, or the time budget ran out (nothing is
            written).
        OSError: an output could not be written (earlier outputs stay intact).
    """
    from apoyo.atomic import escritura_atomica
    from apoyo.limites import con_plazo
    from apoyo.mark.revisado import CopiaMarcada
    from apoyo.report import escribir_reporte

    inicio = time.monotonic()
    salidas = salidas_de(entrega, carpeta)
    tabla = con_plazo(leer(entrega), plazo, inicio)
    # One pass: each row is written to the marked copy as soon as it is checked; what needs
    # every row (the Resumen, the notes, the report) is written after the last one.
    try:
        with escritura_atomica(salidas.reporte) as reporte_tmp, CopiaMarcada(
                tabla, salidas.revisado, reporte=salidas.reporte.name,
                filas_previstas=tabla.filas_previstas) as copia:
            revision = revisar_tabla(tabla, contexto, vistos(tabla) if vistos else None, avance,
                                     al_revisar=copia.fila)
            escribir_reporte(revision, reporte_tmp)
            copia.concluir(revision)
    finally:
        tabla.liberar()
    return tabla, revision, salidas


def exportar_tabla(tabla: Tabla, contexto: Contexto, aspirante: str, carpeta: Path,
                   formato: Literal["xlsx", "txt"] = "xlsx") -> ResultadoExportacion:
    """Check `tabla` and write its DERFE file and rejects file (`apoyo.export.exportar`) in
    the same pass: each row is written as soon as it is checked."""
    from apoyo.export.derfe import Exportacion

    contexto = contexto.con_aspirante(tabla.aspirante)
    with Exportacion(aspirante, carpeta, formato) as exportacion:
        escribir = exportacion.fila
        for _, fila, textos, hallazgos in revisar_cada(
                tabla.filas(), contexto, None, tabla.archivo, _FILA_Y_CELDAS, tabla.tomador()):
            if textos is not None and hallazgos is not None:
                escribir(fila, textos, hallazgos)
    assert exportacion.resultado is not None
    return exportacion.resultado
