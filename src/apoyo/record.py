"""The record model: one row of a submission (`Registro`) and one finding about it (`Hallazgo`).

>>> r = Registro(fila=2, clave_estado="07", seccion="1726", nombre="SOFIA")
>>> r.clave_estado, r.ocr
('07', '')
>>> Hallazgo(fila=2, campo="ocr", codigo="ocr-longitud", severidad="error",
...          valor="123", mensaje="m", remedio="r").severidad
'error'
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Severidad = Literal["error", "aviso"]


class Registro(BaseModel):
    """One submission row after normalisation: the eight DERFE fields as text.

    Every field is a string (empty when the cell was empty); codes keep their leading zeros.
    `fila` is the row number the spreadsheet shows (header = 1) or the text file's line number.
    """

    model_config = ConfigDict(frozen=True)

    fila: int
    clave_estado: str = ""
    seccion: str = ""
    nombre: str = ""
    apellido_paterno: str = ""
    apellido_materno: str = ""
    clave_elector: str = ""
    ocr: str = ""
    cic: str = ""


class Hallazgo(BaseModel):
    """A finding: what is wrong (or was repaired) in one cell, row or file, and how to fix it.

    Attributes:
        fila: row number as the spreadsheet shows it (header = 1) or text line; None for the file.
        campo: canonical field name (`apoyo.schema.CAMPOS`) or None for row/file-level findings.
        codigo: stable kebab-case code declared in `apoyo.errors.CATALOGO`.
        severidad: ``"error"`` (the row cannot be sent to DERFE) or ``"aviso"`` (worth a look).
        valor: the cell value as found (before normalisation), or None.
        mensaje: Spanish sentence saying what is wrong.
        remedio: Spanish sentence saying how to fix it.
    """

    model_config = ConfigDict(frozen=True)

    fila: int | None
    campo: str | None
    codigo: str
    severidad: Severidad
    valor: str | None = None
    mensaje: str
    remedio: str
