"""Readers: turn a submitted file into a `Tabla` of raw rows (no judging, no normalising).

Usage::

    tabla = leer(Path("apoyos.xlsx"))
    for fila, valores in tabla.valores():  # the eight raw values in CAMPOS order
        ...

Accepted: .xlsx, .xlsm, .xlsb, .ods, .xls (python-calamine) and .csv, .txt, .tsv (stdlib csv).
The content decides the reader, not the extension alone. Anything unusable raises
`ArchivoInutilizable` with a Spanish message and remedy; nothing else escapes `leer`.
"""

from __future__ import annotations

from pathlib import Path

from apoyo.errors import ArchivoInutilizable
from apoyo.read.celdas import ErrorDeCelda
from apoyo.read.deteccion import FILA_MAXIMA, LINEA_MAXIMA, TAMANO_MAXIMO, detectar
from apoyo.read.tabla import FilaLeida, Tabla

__all__ = ["FILA_MAXIMA", "LINEA_MAXIMA", "TAMANO_MAXIMO", "ArchivoInutilizable", "ErrorDeCelda",
           "FilaLeida", "Tabla", "leer"]


def leer(ruta: Path | str) -> Tabla:
    """Read a submission file.

    Args:
        ruta: path to a .xlsx/.xlsm/.xlsb/.ods/.xls workbook or a .csv/.txt/.tsv text file.

    Returns:
        A `Tabla`: the chosen sheet, the header row and its column mapping, file-level
        findings (``columna-faltante``, ``columna-repetida``, ``macros-ignoradas``,
        ``plantilla-antigua``, ``contenido-oculto``, ``celdas-combinadas``,
        ``otra-hoja-con-datos``), the row-level
        ``celda-formula`` warnings, and `Tabla.filas`, which streams the non-empty data rows
        anew on each call (it raises `ArchivoInutilizable` for data past Excel's last row,
        `FILA_MAXIMA`, or if the file changes or breaks between passes).

    Raises:
        ArchivoInutilizable: the file is missing, empty, bigger than `TAMANO_MAXIMO`, of an
            unknown type, encrypted, not a spreadsheet, damaged, a zip bomb, with a DTD or XML
            entities, a text line longer than `LINEA_MAXIMA`, or has no header row.
    """
    from apoyo.read.libro import leer_libro
    from apoyo.read.texto import leer_texto

    ruta = Path(ruta)
    det = detectar(ruta)
    if det.tipo == "libro":
        return leer_libro(ruta, det)
    return leer_texto(ruta, det)
