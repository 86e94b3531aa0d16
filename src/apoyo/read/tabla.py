"""What every reader returns: a `Tabla`, re-iterable rows of raw cell values plus metadata.

Readers never normalise or judge values: a cell arrives as the reader found it (str, float, int,
bool, datetime/date, or None for empty); judging is the core's job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

from apoyo.record import Hallazgo
from apoyo.schema import CAMPOS


class FilaLeida(NamedTuple):
    """One non-empty data row: a ``(fila, celdas)`` pair, so it unpacks as the
    ``(row number, values)`` pairs `apoyo.check.revisar` takes. The readers build it with
    ``tuple.__new__(FilaLeida, (fila, celdas))`` (one C call: a million rows pay no Python
    ``__new__``).

    Attributes:
        fila: the row number the spreadsheet shows (header = 1) or the text file's line number.
        celdas: the raw cell values of the whole source row, column A first, padded with None to
            the width of the header row.
    """

    fila: int
    celdas: tuple[Any, ...]


class HojaAparte(NamedTuple):
    """A worksheet besides the one read that holds apoyos (``otra-hoja-con-datos``), as the
    marked copy carries it along (`Tabla.otras_hojas`).

    Attributes:
        nombre: its name.
        oculta: it is hidden.
        filas: its non-empty rows (as counted for the warning).
        celdas: its rows from A1 as the reader gives them (``""`` for an empty cell), read
            only when iterated.
    """

    nombre: str
    oculta: bool
    filas: int
    celdas: Iterator[list[Any]]


@dataclass
class Tabla:
    """A submission as read from one file.

    Attributes:
        archivo: the file name (no folder; it is what the report shows).
        formato: "xlsx", "xlsm", "ods", "csv" or "txt".
        hoja: the sheet read (None for text files).
        encabezados: the header row's cells as strings ("" for empty), column A first.
        fila_encabezado: row number of the header row (1-based).
        columnas: canonical field -> 0-based column index in `celdas`, for the fields found.
        filas: a callable returning a fresh iterator over the non-empty data rows, in order
            (the file can be streamed more than once: check, then mark or export).
        hallazgos: file-level findings of the reader (missing/duplicate columns, macros...).
        aspirante: values of the template's `Aspirante` sheet, keyed by the template's field
            names (nombre, cargo, entidad, distrito, municipio, responsable, fecha), if present.
        metadatos: facts about the file for the report (encoding, delimitador,
            version_plantilla, hojas...). No personal data.
        liberar: frees what the reader keeps to make later passes cheap (the loaded sheet of a
            workbook); a pass after it reads the file again. Call it when done with the rows.
        filas_previstas: at most this many data rows, when the reader knows it before a pass
            (workbooks: from the sheet's last used row); None if unknown.
        otras_hojas: a callable yielding the other worksheets that hold apoyos, one at a time
            (each loaded only while it is consumed), for the marked copy to carry along.
    """

    archivo: str
    formato: str
    hoja: str | None
    encabezados: list[str]
    fila_encabezado: int
    columnas: dict[str, int]
    filas: Callable[[], Iterator[FilaLeida]]
    hallazgos: list[Hallazgo] = field(default_factory=list)
    aspirante: dict[str, str] = field(default_factory=dict)
    metadatos: dict[str, Any] = field(default_factory=dict)
    liberar: Callable[[], None] = field(default=lambda: None, repr=False, compare=False)
    filas_previstas: int | None = None
    otras_hojas: Callable[[], Iterator[HojaAparte]] = field(default=lambda: iter(()),
                                                            repr=False, compare=False)

    def tomador(self) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
        """The function from a row's `FilaLeida.celdas` to its eight raw values in `CAMPOS`
        order (None for an absent column), as `valores` gives them."""
        idx: Sequence[int | None] = [self.columnas.get(c) for c in CAMPOS]
        if None not in idx and max(idx) < len(self.encabezados):  # type: ignore[type-var]
            # All eight columns found (the usual case), and rows are padded to the header's
            # width (`FilaLeida`): one C call per row.
            return itemgetter(*idx)  # type: ignore[return-value]

        def tomador(celdas: Sequence[Any]) -> tuple[Any, ...]:
            return tuple(celdas[i] if i is not None and i < len(celdas) else None for i in idx)
        return tomador

    def valores(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """Yield ``(fila, values)`` with the eight raw values in `CAMPOS` order (None if absent)."""
        tomar = self.tomador()
        for f in self.filas():
            yield f.fila, tomar(f.celdas)
