"""Results of checking: per row (`FilaRevisada`) and per file (`Revision`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
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


#: Row findings a `Revision` keeps in memory (about 1.4 KB each); past them only their counts
#: (and the first row of each code) are kept. A file whose every row needs its names put in
#: upper case and their accents taken off has six findings a row: without a bound, 1,048,575
#: rows would take about 9 GB. Every finding still reaches `revisar`'s `sumidero` (the CLI's
#: JSON report) and the destination (the marked copy).
MAX_EN_MEMORIA = 50_000


@dataclass
class Revision:
    """The outcome of checking one file.

    Attributes:
        archivo: file name as given to the reader.
        filas: number of non-empty data rows.
        filas_validas: rows without errors.
        hallazgos: file-level findings first (fila None), then row findings by row: all of
            them, or, when `anotar` was given more than `MAX_EN_MEMORIA`, those of the first
            rows up to that many (a row's findings are kept or counted together; `omitidos`
            counts the others).
        metadatos: facts for the report header (format, sheet, encoding, cut-off date...).
        omitidos: row findings given to `anotar` but not kept, per ``(codigo, severidad)``.
    """

    archivo: str
    filas: int = 0
    filas_validas: int = 0
    hallazgos: list[Hallazgo] = field(default_factory=list)
    metadatos: dict[str, Any] = field(default_factory=dict)
    fecha_corte: date | None = None
    omitidos: Counter[tuple[str, str]] = field(default_factory=Counter)
    _primera_omitida: dict[str, int | None] = field(default_factory=dict, repr=False)
    _en_memoria: int = field(default=0, repr=False)
    _anotados: tuple[int, int] | None = field(default=None, repr=False)  # their slice

    def anotar(self, hallazgos: Sequence[Hallazgo]) -> None:
        """Add one row's findings: kept while fewer than `MAX_EN_MEMORIA` row findings were
        given, else only counted (`omitidos`)."""
        if self._en_memoria < MAX_EN_MEMORIA:
            inicio = len(self.hallazgos) if self._anotados is None else self._anotados[0]
            self.hallazgos.extend(hallazgos)
            self._anotados = (inicio, len(self.hallazgos))
            self._en_memoria += len(hallazgos)
            return
        omitidos, primera = self.omitidos, self._primera_omitida
        for h in hallazgos:
            omitidos[h.codigo, h.severidad] += 1
            if h.codigo not in primera:
                primera[h.codigo] = h.fila

    def no_anotados(self) -> list[Hallazgo]:
        """The findings not given through `anotar` (the reader's, ``sin-registros``...)."""
        if self._anotados is None:
            return list(self.hallazgos)
        inicio, fin = self._anotados
        return self.hallazgos[:inicio] + self.hallazgos[fin:]

    @property
    def completa(self) -> bool:
        """True when `hallazgos` holds every finding (none was omitted)."""
        return not self.omitidos

    @property
    def errores(self) -> int:
        """Number of findings with severidad "error" (omitted ones included)."""
        return (sum(1 for h in self.hallazgos if h.severidad == "error")
                + sum(n for (_, sev), n in self.omitidos.items() if sev == "error"))

    @property
    def avisos(self) -> int:
        """Number of findings with severidad "aviso" (omitted ones included)."""
        return (sum(1 for h in self.hallazgos if h.severidad == "aviso")
                + sum(n for (_, sev), n in self.omitidos.items() if sev == "aviso"))

    def por_codigo(self) -> Counter[str]:
        """Count of findings per code (omitted ones included)."""
        cuenta = Counter(h.codigo for h in self.hallazgos)
        for (codigo, _), n in self.omitidos.items():
            cuenta[codigo] += n
        return cuenta

    def primeras(self) -> dict[str, int | None]:
        """First row of each code (None: a file-level finding), in order of appearance."""
        primeras: dict[str, int | None] = {}
        for h in self.hallazgos:
            primeras.setdefault(h.codigo, h.fila)
        for codigo, fila in self._primera_omitida.items():
            primeras.setdefault(codigo, fila)
        return primeras
