"""Check: the rules over normalised rows, streaming (read -> normalise -> **check** -> mark/export).

>>> from datetime import date
>>> fila = ("7", "1726", "Sofía", "VAZQUEZ", "SANCHEZ", "VZSNSF92021707M101",
...         "1726668657279", "767794671")
>>> [r] = revisar_filas([(2, fila)], Contexto(fecha_corte=date(2026, 11, 29)))
>>> r.registro.clave_estado, r.registro.nombre, r.valida
('07', 'SOFIA', True)
>>> [h.codigo for h in r.hallazgos]
['formato-ajustado', 'mayusculas-corregidas', 'acentos-quitados']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from apoyo.check.context import Contexto
from apoyo.check.cross import revisar_cruzadas
from apoyo.check.duplicates import Vistos
from apoyo.check.fast import fila_limpia
from apoyo.check.field import revisar_campos
from apoyo.check.revision import FilaRevisada, Revision
from apoyo.errors import hallazgo
from apoyo.normalize import en_blanco
from apoyo.record import Hallazgo
from apoyo.schema import CAMPOS

__all__ = ["Contexto", "FilaRevisada", "Revision", "Vistos", "revisar", "revisar_filas"]

_ORDEN = {c: i for i, c in enumerate(CAMPOS)}


def _presentes(textos: dict[str, str]) -> dict[str, bool]:
    """Validity map of a fast-path row: every non-empty value is valid."""
    return {c: bool(t) for c, t in textos.items()}


def revisar_fila(fila: int, valores: Sequence[Any], contexto: Contexto,
                 vistos: Vistos, archivo: str = "") -> FilaRevisada:
    """Check one row: field rules, cross-field rules, then duplicates against `vistos`."""
    limpios = fila_limpia(valores, contexto)
    if limpios is not None:
        textos = dict(zip(CAMPOS, limpios))
        duplicados = vistos.revisar(archivo, fila, textos, _presentes(textos))
        return FilaRevisada(fila, limpios, tuple(duplicados))
    textos, validos, hallazgos = revisar_campos(fila, valores, contexto)
    hallazgos += revisar_cruzadas(fila, textos, validos, contexto)
    hallazgos += vistos.revisar(archivo, fila, textos, validos)
    hallazgos.sort(key=lambda h: (_ORDEN.get(h.campo or "", 99), h.severidad != "error"))
    return FilaRevisada(fila, tuple(textos[c] for c in CAMPOS), tuple(hallazgos))


def revisar_filas(
    filas: Iterable[tuple[int, Sequence[Any]]],
    contexto: Contexto,
    vistos: Vistos | None = None,
    archivo: str = "",
) -> Iterator[FilaRevisada]:
    """Check rows one by one, as a stream.

    Args:
        filas: ``(fila, values)`` pairs, the eight raw values in `CAMPOS` order (as
            `apoyo.read.tabla.Tabla.valores` yields them). Rows whose values are all empty are
            skipped and not counted.
        contexto: cut-off date, scope, catalogue, options.
        vistos: first occurrences shared across files of one aspirant (a new one if None).
        archivo: file name, to name it in cross-file duplicate messages.

    Yields:
        `FilaRevisada` for each non-empty row, in order. A row's result is final when yielded
        (duplicates only look back), so an export can stream.
    """
    vistos = vistos if vistos is not None else Vistos()
    for fila, valores in filas:
        if all(map(en_blanco, valores)):
            continue
        yield revisar_fila(fila, valores, contexto, vistos, archivo)


def revisar(
    filas: Iterable[tuple[int, Sequence[Any]]],
    contexto: Contexto,
    archivo: str,
    hallazgos_archivo: Iterable[Hallazgo] = (),
    vistos: Vistos | None = None,
) -> Revision:
    """Check a whole file and collect the findings (without keeping the rows).

    Args:
        filas, contexto, vistos: as for `revisar_filas`.
        archivo: file name for the report.
        hallazgos_archivo: file-level findings found while reading (missing columns...).

    Returns:
        `Revision` with row counts and findings (file-level ones first). A file with no data
        row gets the ``sin-registros`` error.
    """
    revision = Revision(archivo=archivo, hallazgos=list(hallazgos_archivo),
                        fecha_corte=contexto.fecha_corte)
    for r in revisar_filas(filas, contexto, vistos, archivo):
        revision.filas += 1
        revision.filas_validas += r.valida
        revision.hallazgos.extend(r.hallazgos)
    if revision.filas == 0:
        revision.hallazgos.append(hallazgo("sin-registros", None, None))
    return revision
