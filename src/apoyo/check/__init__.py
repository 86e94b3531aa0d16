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
from itertools import islice
from typing import Any, Generic, Protocol, TypeVar

from apoyo.check.context import Contexto
from apoyo.check.cross import hallazgos_del_ambito, revisar_cruzadas
from apoyo.check.duplicates import ARCHIVOS, Tabla, Vistos
from apoyo.check.fast import avanzador, comprobador
from apoyo.check.field import revisar_campos, revisar_reparada
from apoyo.check.revision import FilaRevisada, Revision
from apoyo.errors import hallazgo
from apoyo.normalize import en_blanco
from apoyo.record import Hallazgo
from apoyo.schema import CAMPOS

__all__ = ["LOTE", "Contexto", "Destino", "FilaRevisada", "Revision", "Vistos", "revisar",
           "revisar_cada", "revisar_filas"]

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


class Destino(Protocol):
    """Where `revisar` sends each row as soon as it is checked (the marked copy, the export).

    Items of rows that the fast path found clean (and not repeated) are appended to
    `pendientes`, a run at a time (`apoyo.check.fast.avanzador`: most rows of a file go there);
    `vaciar` is called whenever it holds `LOTE` or more. Every other row (and, seldom, a clean
    one the compiled run left to the full path) goes to `revisada`, in order: the destination must
    write its pending rows before it. The eight values of a pending row are texts the fast path
    accepted (letters, digits, ``'.-`` and inner single spaces: nothing to escape), or None for
    an empty cell. A destination whose `pendientes` is None gets every row through `revisada`.
    """

    pendientes: list[Any] | None

    def vaciar(self) -> None:
        """Write the rows in `pendientes` and empty it."""

    def revisada(self, item: Any, textos: tuple[str, ...] | None,
                 hallazgos: tuple[Hallazgo, ...] | None) -> None:
        """A row with findings (or without any of the eight values: `textos` None)."""


#: Clean rows a `Destino` gets at a time.
LOTE = 2048


def revisar_cada(
    filas: Iterable[T],
    contexto: Contexto,
    vistos: Vistos | None = None,
    archivo: str = "",
    tomar: Callable[[Any], Sequence[Any]] | None = None,
) -> Iterator[tuple[T, int, tuple[str, ...] | None, tuple[Hallazgo, ...] | None]]:
    """The engine of `revisar_filas`: ``(item, row number, normalised texts, findings)`` for
    each item of `filas`, in order; ``(item, row number, None, None)`` for a row whose eight
    values are all empty (not a row: not counted).

    Args:
        filas: ``(fila, values)`` pairs (a `apoyo.read.tabla.FilaLeida` is one).
        contexto, vistos, archivo: as for `revisar_filas`.
        tomar: applied to the second element of each pair (e.g. `Tabla.tomador`, from a
            row's cells to the eight values).

    A clean row (`apoyo.check.fast`, about 2 µs) only has its three identifiers recorded for
    duplicates, inline; a row that is clean once its values are repaired gets the repairs'
    warnings (`apoyo.check.field.revisar_reparada`); any other row goes through the full rules.
    """
    return iter(_Recorrido(filas, contexto, vistos, archivo, tomar))


class _Recorrido(Generic[T]):
    """One pass of `revisar_cada` over `filas`; with a `destino`, clean rows go to
    ``destino.pendientes`` instead of being yielded, and are counted in `limpias` (final once
    the iteration ends)."""

    def __init__(self, filas: Iterable[T], contexto: Contexto, vistos: Vistos | None,
                 archivo: str, tomar: Callable[[Any], Sequence[Any]] | None,
                 destino: Destino | None = None) -> None:
        self.filas, self.contexto, self.archivo = filas, contexto, archivo
        self.vistos = vistos if vistos is not None else Vistos()
        self.tomar, self.destino = tomar, destino
        self.limpias = 0

    def __iter__(
        self,
    ) -> Iterator[tuple[T, int, tuple[str, ...] | None, tuple[Hallazgo, ...] | None]]:
        destino = self.destino
        pendientes = destino.pendientes if destino is not None else None
        marca = self.vistos.marca(self.archivo)
        tablas = self.vistos.tablas()
        una = self._una(marca, tablas)
        # Clean rows go to `pendientes` a run at a time (`avanzador`, compiled when built);
        # without a destination every row is yielded, through `una`.
        avanzar = (avanzador(self.contexto, tablas, marca, self.tomar) if pendientes is not None
                   else None)
        filas = iter(self.filas)
        desviadas = 0
        while lote := list(islice(filas, LOTE)):
            n, i = len(lote), 0
            while i < n:
                if avanzar is not None:
                    k = avanzar(lote, i)
                    if k > i:
                        pendientes.extend(lote[i:k])  # type: ignore[union-attr]
                        desviadas += k - i
                        if len(pendientes) >= LOTE:  # type: ignore[arg-type]
                            destino.vaciar()  # type: ignore[union-attr]
                        if k == n:
                            break
                    i = k
                yield una(lote[i])
                i += 1
        self.limpias += desviadas

    def _una(
        self, marca: int, tablas: tuple[Tabla, Tabla, Tabla],
    ) -> Callable[[Any], tuple[Any, int, tuple[str, ...] | None, tuple[Hallazgo, ...] | None]]:
        """The check of one item, for the rows the fast run stopped at (or every row, without
        a destination): empty, repairable, full rules, or clean (maybe repeated)."""
        contexto, vistos, archivo, tomar = self.contexto, self.vistos, self.archivo, self.tomar
        limpia = comprobador(contexto)
        reparaciones: dict[tuple[Any, ...], Any] = {}
        claves, ocrs, cics = tablas
        primera_clave, primer_ocr, primer_cic = claves.setdefault, ocrs.setdefault, cics.setdefault
        sin_hallazgos: tuple[Hallazgo, ...] = ()

        def una(item: Any) -> tuple[Any, int, tuple[str, ...] | None,
                                    tuple[Hallazgo, ...] | None]:
            fila, valores = item
            if tomar is not None:
                valores = tomar(valores)
            limpios = limpia(valores)
            if limpios is None:
                if all(map(en_blanco, valores)):
                    return item, fila, None, None
                reparada = revisar_reparada(fila, valores, contexto, limpia, reparaciones)
                if reparada is None:
                    return item, fila, *_revisar_completa(fila, valores, contexto, vistos, archivo)
                textos, hallazgos = reparada
                hallazgos += vistos.revisar(archivo, fila, dict(zip(CAMPOS, textos)),
                                            {c: bool(t) for c, t in zip(CAMPOS, textos)})
                hallazgos.sort(key=_orden)
                return item, fila, textos, tuple(hallazgos)
            codigo = fila * ARCHIVOS + marca
            _, _, _, _, _, clave, ocr, cic = limpios
            if (primera_clave(clave, codigo) == codigo
                    and (not ocr or primer_ocr(ocr, codigo) == codigo)
                    and (not cic or primer_cic(cic, codigo) == codigo)):
                return item, fila, limpios, sin_hallazgos
            # A repeated identifier (rare): record the others too, then name every repetition.
            if ocr:
                primer_ocr(ocr, codigo)
            if cic:
                primer_cic(cic, codigo)
            hallazgos = []
            for campo, tabla, valor in zip(_DUPLICABLES, tablas, (clave, ocr, cic)):
                if valor and tabla[valor] != codigo:
                    hallazgos.append(vistos.hallazgo_de(campo, archivo, fila, valor, tabla[valor]))
            return item, fila, limpios, tuple(hallazgos)

        return una


def revisar_filas(
    filas: Iterable[Any],
    contexto: Contexto,
    vistos: Vistos | None = None,
    archivo: str = "",
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
        tomar: from the second element of each pair to the eight values (see `revisar_cada`).

    Yields:
        `FilaRevisada` for each non-empty row, in order. A row's result is final when yielded
        (duplicates only look back), so an export can stream.
    """
    for _, fila, textos, hallazgos in revisar_cada(filas, contexto, vistos, archivo, tomar):
        if textos is not None and hallazgos is not None:
            yield FilaRevisada(fila, textos, hallazgos)


def revisar(
    filas: Iterable[Any],
    contexto: Contexto,
    archivo: str,
    hallazgos_archivo: Iterable[Hallazgo] = (),
    vistos: Vistos | None = None,
    *,
    tomar: Callable[[Any], Sequence[Any]] | None = None,
    destino: Destino | None = None,
    sumidero: Callable[[tuple[Hallazgo, ...]], None] | None = None,
) -> Revision:
    """Check a whole file and collect the findings (without keeping the rows).

    Args:
        filas, contexto, vistos: as for `revisar_filas`.
        archivo: file name for the report.
        hallazgos_archivo: file-level findings found while reading (missing columns...).
        tomar: from the second element of each pair to the eight values (see `revisar_cada`).
        destino: gets every row as soon as it is checked (`Destino`), e.g. to write the
            marked copy or the export in the same pass; its pending rows are written
            (`Destino.vaciar`) before this returns.
        sumidero: gets the findings of each row that has any, in row order (e.g. the JSON
            report being written): every one, also past what the `Revision` keeps.

    Returns:
        `Revision` with row counts and findings (file-level ones first, with the scope's
        `apoyo.check.cross.hallazgos_del_ambito`; row findings past
        `apoyo.check.revision.MAX_EN_MEMORIA` only counted). A file with no data row gets the
        ``sin-registros`` error.
    """
    revision = Revision(archivo=archivo,
                        hallazgos=[*hallazgos_archivo, *hallazgos_del_ambito(contexto)],
                        fecha_corte=contexto.fecha_corte)
    total = con_error = 0
    anotar = revision.anotar
    recorrido = _Recorrido(filas, contexto, vistos, archivo, tomar, destino)
    revisada = destino.revisada if destino is not None else None
    for item, _, textos, hallazgos in recorrido:
        if revisada is not None:
            revisada(item, textos, hallazgos)
        if textos is None:
            continue
        total += 1
        if hallazgos:
            anotar(hallazgos)
            if sumidero is not None:
                sumidero(hallazgos)
            con_error += any(h.severidad == "error" for h in hallazgos)
    if destino is not None and destino.pendientes:
        destino.vaciar()
    revision.filas = total + recorrido.limpias
    revision.filas_validas = revision.filas - con_error
    if revision.filas == 0:
        revision.hallazgos.append(hallazgo("sin-registros", None, None))
    return revision
