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

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from apoyo.check.context import Contexto
from apoyo.check.cross import revisar_cruzadas
from apoyo.check.duplicates import ARCHIVOS, Vistos
from apoyo.check.fast import comprobador
from apoyo.check.field import revisar_campos
from apoyo.check.revision import FilaRevisada, Revision
from apoyo.errors import hallazgo
from apoyo.normalize import en_blanco
from apoyo.record import Hallazgo
from apoyo.schema import CAMPOS

__all__ = ["Contexto", "FilaRevisada", "Revision", "Vistos", "revisar", "revisar_cada",
           "revisar_filas"]

T = TypeVar("T")

_ORDEN = {c: i for i, c in enumerate(CAMPOS)}
_DUPLICABLES = ("clave_elector", "ocr", "cic")


def _orden(h: Hallazgo) -> tuple[int, bool]:
    return _ORDEN.get(h.campo or "", 99), h.severidad != "error"


def _revisar_completa(fila: int, valores: Sequence[Any], contexto: Contexto,
                      vistos: Vistos, archivo: str) -> tuple[tuple[str, ...], tuple[Hallazgo, ...]]:
    """The full rules: field rules, cross-field rules, then duplicates against `vistos`."""
    textos, validos, hallazgos = revisar_campos(fila, valores, contexto)
    hallazgos += revisar_cruzadas(fila, textos, validos, contexto)
    hallazgos += vistos.revisar(archivo, fila, textos, validos)
    hallazgos.sort(key=_orden)
    return tuple(textos[c] for c in CAMPOS), tuple(hallazgos)


def revisar_fila(fila: int, valores: Sequence[Any], contexto: Contexto,
                 vistos: Vistos, archivo: str = "") -> FilaRevisada:
    """Check one row: field rules, cross-field rules, then duplicates against `vistos`."""
    for _, _, textos, hallazgos in revisar_cada([(fila, valores)], contexto, vistos, archivo):
        if textos is not None and hallazgos is not None:
            return FilaRevisada(fila, textos, hallazgos)
    return FilaRevisada(fila, *_revisar_completa(fila, valores, contexto, vistos, archivo))


def revisar_cada(
    filas: Iterable[T],
    contexto: Contexto,
    vistos: Vistos | None = None,
    archivo: str = "",
    par: Callable[[T], tuple[int, Sequence[Any]]] | None = None,
    tomar: Callable[[Any], Sequence[Any]] | None = None,
) -> Iterator[tuple[T, int, tuple[str, ...] | None, tuple[Hallazgo, ...] | None]]:
    """The engine of `revisar_filas` and `revisar`: ``(item, row number, normalised texts,
    findings)`` for each item of `filas`, in order; ``(item, row number, None, None)`` for a row
    whose eight values are all empty (not a row: not counted).

    Args:
        filas: ``(fila, values)`` pairs, or any items that `par` turns into such pairs (for
            instance the rows of a `Tabla`, to write each one as it is checked).
        contexto, vistos, archivo: as for `revisar_filas`.
        tomar: applied to the second element of each pair (e.g. `Tabla.tomador`, from a
            row's cells to the eight values).

    A clean row (`apoyo.check.fast`, about 2 µs) only has its three identifiers recorded for
    duplicates, inline; any other row goes through the full rules.
    """
    vistos = vistos if vistos is not None else Vistos()
    limpia = comprobador(contexto)
    claves, ocrs, cics = vistos.tablas()
    primera_clave, primer_ocr, primer_cic = claves.setdefault, ocrs.setdefault, cics.setdefault
    marca = vistos.marca(archivo)
    sin_hallazgos: tuple[Hallazgo, ...] = ()
    for item in filas:
        fila, valores = item if par is None else par(item)  # type: ignore[misc]
        if tomar is not None:
            valores = tomar(valores)
        limpios = limpia(valores)
        if limpios is None:
            if all(map(en_blanco, valores)):
                yield item, fila, None, None
                continue
            yield item, fila, *_revisar_completa(fila, valores, contexto, vistos, archivo)
            continue
        codigo = fila * ARCHIVOS + marca
        _, _, _, _, _, clave, ocr, cic = limpios
        if (primera_clave(clave, codigo) == codigo and (not ocr or primer_ocr(ocr, codigo) == codigo)
                and (not cic or primer_cic(cic, codigo) == codigo)):
            yield item, fila, limpios, sin_hallazgos
            continue
        # A repeated identifier (rare): record the others too, then name every repetition.
        if ocr:
            primer_ocr(ocr, codigo)
        if cic:
            primer_cic(cic, codigo)
        hallazgos = []
        for campo, tabla, valor in zip(_DUPLICABLES, (claves, ocrs, cics), (clave, ocr, cic)):
            if valor and tabla[valor] != codigo:
                hallazgos.append(vistos.hallazgo_de(campo, archivo, fila, valor, tabla[valor]))
        yield item, fila, limpios, tuple(hallazgos)


def revisar_filas(
    filas: Iterable[Any],
    contexto: Contexto,
    vistos: Vistos | None = None,
    archivo: str = "",
    par: Callable[[Any], tuple[int, Sequence[Any]]] | None = None,
    tomar: Callable[[Any], Sequence[Any]] | None = None,
) -> Iterator[FilaRevisada]:
    """Check rows one by one, as a stream.

    Args:
        filas: ``(fila, values)`` pairs, the eight raw values in `CAMPOS` order (as
            `apoyo.read.tabla.Tabla.valores` yields them). Rows whose values are all empty are
            skipped and not counted.
        contexto: cut-off date, scope, catalogue, options.
        vistos: first occurrences shared across files of one aspirant (a new one if None).
        archivo: file name, to name it in cross-file duplicate messages.
        par, tomar: turn each item of `filas` into a ``(fila, values)`` pair (see
            `revisar_cada`).

    Yields:
        `FilaRevisada` for each non-empty row, in order. A row's result is final when yielded
        (duplicates only look back), so an export can stream.
    """
    for _, fila, textos, hallazgos in revisar_cada(filas, contexto, vistos, archivo, par, tomar):
        if textos is not None and hallazgos is not None:
            yield FilaRevisada(fila, textos, hallazgos)


def revisar(
    filas: Iterable[Any],
    contexto: Contexto,
    archivo: str,
    hallazgos_archivo: Iterable[Hallazgo] = (),
    vistos: Vistos | None = None,
    *,
    par: Callable[[Any], tuple[int, Sequence[Any]]] | None = None,
    tomar: Callable[[Any], Sequence[Any]] | None = None,
    al_revisar: Callable[[Any, tuple[Hallazgo, ...] | None], object] | None = None,
) -> Revision:
    """Check a whole file and collect the findings (without keeping the rows).

    Args:
        filas, contexto, vistos: as for `revisar_filas`.
        archivo: file name for the report.
        hallazgos_archivo: file-level findings found while reading (missing columns...).
        par, tomar: turn each item of `filas` into a ``(fila, values)`` pair (see
            `revisar_cada`).
        al_revisar: called with each item and its findings (None for an empty row) as soon as
            it is checked, e.g. to write the marked copy in the same pass.

    Returns:
        `Revision` with row counts and findings (file-level ones first). A file with no data
        row gets the ``sin-registros`` error.
    """
    revision = Revision(archivo=archivo, hallazgos=list(hallazgos_archivo),
                        fecha_corte=contexto.fecha_corte)
    total = con_error = 0
    todos = revision.hallazgos
    for item, _, textos, hallazgos in revisar_cada(filas, contexto, vistos, archivo, par, tomar):
        if al_revisar is not None:
            al_revisar(item, hallazgos)
        if textos is None:
            continue
        total += 1
        if hallazgos:
            todos.extend(hallazgos)
            con_error += any(h.severidad == "error" for h in hallazgos)
    revision.filas = total
    revision.filas_validas = total - con_error
    if revision.filas == 0:
        revision.hallazgos.append(hallazgo("sin-registros", None, None))
    return revision
