"""What one submission may cost, in one place (stated to users in docs/archivos_problematicos.md).

Each limit refuses the file with a Spanish message and remedy (`ArchivoInutilizable`, exit
code 2) and nothing is written:

==========================  =====================  ==========================================
limit                       value                  where it is enforced
==========================  =====================  ==========================================
file size                   200 MB                 `apoyo.read.deteccion` (before reading)
rows                        row 1,048,576          the readers, as rows stream (a workbook
                            (1,048,575 data rows)  row or a text line past Excel's last row)
text line length            4 MB                   `apoyo.read.texto` (before parsing)
decompressed size (zip)     2 GiB in all; a part   `apoyo.read.ooxml` (before parsing; also
                            over 100 MB may not    a part that decompresses to more than it
                            compress over 200:1    declares is refused)
DTD / XML entities          none allowed           `apoyo.read.ooxml` (before parsing)
time per file               `TIEMPO_MAXIMO` s      `con_plazo`, between batches of rows
==========================  =====================  ==========================================

The time budget counts from the start of a file's job (reading included) and is checked before
each batch of `FILAS_POR_VISTAZO` rows, in every pass over the rows (checking, marking,
exporting); the first read of a workbook (python-calamine loading the sheet) cannot be
interrupted, so a budget can be overrun by that much.

>>> from apoyo.read.tabla import Tabla
>>> t = Tabla("a.csv", "csv", None, [], 1, {}, lambda: iter(range(10)))
>>> _ = con_plazo(t, 60)
>>> sum(t.filas())
45
>>> _ = con_plazo(t, 0.5, inicio=time.monotonic() - 1)
>>> next(t.filas())
Traceback (most recent call last):
...
apoyo.errors.ArchivoInutilizable: La revisión pasó del tiempo máximo de 0.5 segundos por archivo (antes de revisar la primera fila) y se detuvo; no se escribió ningún resultado.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from itertools import chain, islice
from typing import Any

from apoyo.read import inutilizable
from apoyo.read.deteccion import FILA_MAXIMA, LINEA_MAXIMA, TAMANO_MAXIMO
from apoyo.read.ooxml import DESCOMPRIMIDO_MAXIMO
from apoyo.read.tabla import Tabla

__all__ = ["DESCOMPRIMIDO_MAXIMO", "FILA_MAXIMA", "LINEA_MAXIMA", "FILAS_POR_VISTAZO", "TAMANO_MAXIMO",
           "TIEMPO_MAXIMO", "con_plazo"]

#: Default time budget per file, in seconds (15 minutes): a full sheet of 1,048,575 rows is
#: checked and marked in well under two minutes.
TIEMPO_MAXIMO = 900.0
#: Rows between two looks at the clock (not `apoyo.check.LOTE`, the clean rows a destination
#: gets at a time).
FILAS_POR_VISTAZO = 4096


def con_plazo(tabla: Tabla, segundos: float | None, inicio: float | None = None) -> Tabla:
    """Make every pass over `tabla`'s rows stop once `segundos` have gone by since `inicio`
    (default: now). None or 0: no limit. Changes `tabla` in place and returns it.

    Passing over the rows then raises `ArchivoInutilizable` (`inutilizable.tiempo_agotado`)
    at the first batch boundary after the deadline.
    """
    if not segundos or segundos <= 0:
        return tabla
    limite = (time.monotonic() if inicio is None else inicio) + segundos
    filas = tabla.filas

    def lotes() -> Iterator[list[Any]]:
        fuente = filas()
        try:
            n = 0
            while True:
                if time.monotonic() > limite:
                    raise inutilizable.tiempo_agotado(segundos, n)
                lote = list(islice(fuente, FILAS_POR_VISTAZO))
                if not lote:
                    return
                n += len(lote)
                yield lote
        finally:
            cerrar = getattr(fuente, "close", None)
            if cerrar is not None:
                cerrar()

    def con_limite() -> Iterator[Any]:
        # The rows pass through C iterators: no Python code runs per row.
        return chain.from_iterable(lotes())

    tabla.filas = con_limite
    return tabla
