"""Results of checking: per row (`FilaRevisada`) and per file (`Revision`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from apoyo.record import Hallazgo, Registro
from apoyo.schema import CAMPOS


@dataclass(frozen=True, slots=True)
class FilaRevisada:
    """One row after normalisation and every row-level rule.

    Attributes:
        fila: row number shown to the user (header = 1) or text line.
        valores: the eight normalised texts in `apoyo.schema.CAMPOS` order (what the export
            writes).
        hallazgos: the row's findings, errors and warnings, in field order.
    """

    fila: int
    valores: tuple[str, ...]
    hallazgos: tuple[Hallazgo, ...]

    @property
    def registro(self) -> Registro:
        """The normalised values as a `Registro` (built on demand: rows are many)."""
        return Registro(fila=self.fila, **dict(zip(CAMPOS, self.valores)))

    @property
    def valida(self) -> bool:
        """True when the row has no error (warnings allowed): it can go to DERFE."""
        return not self.hallazgos or not any(h.severidad == "error" for h in self.hallazgos)


@dataclass
class Revision:
    """The outcome of checking one file.

    Attributes:
        archivo: file name as given to the reader.
        filas: number of non-empty data rows.
        filas_validas: rows without errors.
        hallazgos: file-level findings first (fila None), then row findings by row.
        metadatos: facts for the report header (format, sheet, encoding, cut-off date...).
    """

    archivo: str
    filas: int = 0
    filas_validas: int = 0
    hallazgos: list[Hallazgo] = field(default_factory=list)
    metadatos: dict[str, Any] = field(default_factory=dict)
    fecha_corte: date | None = None

    @property
    def errores(self) -> int:
        """Number of findings with severidad "error"."""
        return sum(1 for h in self.hallazgos if h.severidad == "error")

    @property
    def avisos(self) -> int:
        """Number of findings with severidad "aviso"."""
        return sum(1 for h in self.hallazgos if h.severidad == "aviso")

    def por_codigo(self) -> Counter[str]:
        """Count of findings per code."""
        return Counter(h.codigo for h in self.hallazgos)
