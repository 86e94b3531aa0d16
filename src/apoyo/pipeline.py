"""One file through the whole job: read -> normalise -> check -> mark (report, marked copy).

The CLI and any other front end call these; they only differ in how they show the result.
"""

from __future__ import annotations

import errno
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apoyo.check import Contexto, FilaRevisada, Revision, Vistos, revisar, revisar_filas
from apoyo.errors import ArchivoInutilizable
from apoyo.read import leer
from apoyo.read.tabla import Tabla

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


def _con_avance(filas: Iterator[tuple[int, Any]], avance: Avance | None,
                cada: int = 5_000) -> Iterator[tuple[int, Any]]:
    n = 0
    for item in filas:
        n += 1
        if avance and n % cada == 0:
            avance(n)
        yield item


def revisar_tabla(tabla: Tabla, contexto: Contexto, vistos: Vistos | None = None,
                  avance: Avance | None = None) -> Revision:
    """Check a table read by `apoyo.read.leer`; the scope defaults to its Aspirante sheet."""
    contexto = contexto.con_aspirante(tabla.aspirante)
    revision = revisar(_con_avance(tabla.valores(), avance), contexto, tabla.archivo,
                       tabla.hallazgos, vistos)
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
    from apoyo.mark import escribir_revisado
    from apoyo.report import escribir_reporte

    inicio = time.monotonic()
    salidas = salidas_de(entrega, carpeta)
    tabla = con_plazo(leer(entrega), plazo, inicio)
    revision = revisar_tabla(tabla, contexto, vistos(tabla) if vistos else None, avance)
    try:
        with escritura_atomica(salidas.reporte) as reporte_tmp:
            escribir_reporte(revision, reporte_tmp)
            escribir_revisado(tabla, revision, salidas.revisado)
    finally:
        tabla.liberar()  # the loaded sheet served both passes (check, marked copy)
    return tabla, revision, salidas


def filas_revisadas(tabla: Tabla, contexto: Contexto) -> Iterator[FilaRevisada]:
    """Stream the checked rows of `tabla` (for the export)."""
    return revisar_filas(tabla.valores(), contexto.con_aspirante(tabla.aspirante),
                         archivo=tabla.archivo)
