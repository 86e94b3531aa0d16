"""Builders for the marked-copy tests: `Tabla` and `Revision` without a reader or a checker."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from apoyo.check.revision import Revision
from apoyo.read.tabla import FilaLeida, Tabla
from apoyo.record import Hallazgo
from apoyo.schema import CAMPOS, COLOR_AVISO, COLOR_ERROR, COLOR_OK, ETIQUETAS

ENCABEZADOS = [ETIQUETAS[c] for c in CAMPOS]
FILA_LIMPIA = ("07", "1726", "SOFIA", "GARCIA", "LOPEZ", "GRLPSF90010107M123", "1726123456789",
               "123456789")

#: What openpyxl reports as a cell's fill colour (ARGB).
ARGB_ERROR = "FF" + COLOR_ERROR[1:].upper()
ARGB_AVISO = "FF" + COLOR_AVISO[1:].upper()
ARGB_OK = "FF" + COLOR_OK[1:].upper()


def tabla(filas: Sequence[tuple[int, Sequence[Any]]], *, encabezados: list[str] | None = None,
          fila_encabezado: int = 1, archivo: str = "entrega.xlsx",
          metadatos: dict[str, Any] | None = None) -> Tabla:
    """A `Tabla` over ``(fila, celdas)`` pairs; columns mapped from the header labels."""
    encabezados = list(encabezados or ENCABEZADOS)
    columnas = {c: encabezados.index(ETIQUETAS[c]) for c in CAMPOS if ETIQUETAS[c] in encabezados}
    leidas = [FilaLeida(n, tuple(celdas)) for n, celdas in filas]
    return Tabla(archivo=archivo, formato="xlsx", hoja="Apoyos", encabezados=encabezados,
                 fila_encabezado=fila_encabezado, columnas=columnas,
                 filas=lambda: iter(leidas), metadatos=metadatos or {})


def revision(hallazgos: list[Hallazgo], filas: int, *, archivo: str = "entrega.xlsx",
             metadatos: dict[str, Any] | None = None) -> Revision:
    """A `Revision` with these findings (valid rows = rows without an error)."""
    con_error = {h.fila for h in hallazgos if h.severidad == "error" and h.fila is not None}
    return Revision(archivo=archivo, filas=filas, filas_validas=filas - len(con_error),
                    hallazgos=hallazgos, metadatos=metadatos or {}, fecha_corte=date(2025, 1, 15))


def relleno(celda: Any) -> str | None:
    """ARGB fill colour of an openpyxl cell, or None when it has no fill."""
    if celda.fill is None or celda.fill.fill_type != "solid":
        return None
    return celda.fill.fgColor.rgb
