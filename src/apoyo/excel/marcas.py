"""Planning the marks of a checked sheet: which cells get which fill, grouped into few calls.

Pure functions over row/column numbers (1-based, as Excel counts), no spreadsheet library:
the adapter turns each `Tramo` into one ``range.color = ...`` call. In desktop Excel every
call is a round trip, and through the remote engine every call is one action, so cells are
grouped into contiguous vertical runs of the same colour within a column.

>>> tramos([None, "#F00", "#F00", None, "#F00", "#FF0"], columna=3, primera_fila=2)
[Tramo(columna=3, fila=3, filas=2, color='#F00'), Tramo(columna=3, fila=6, filas=1, color='#F00'), Tramo(columna=3, fila=7, filas=1, color='#FF0')]
>>> tramos(["#0F0", None, "#0F0", "#F00", "#0F0", None], columna=9, primera_fila=2,
...        fondo="#0F0")
[Tramo(columna=9, fila=2, filas=5, color='#0F0'), Tramo(columna=9, fila=3, filas=1, color=None), Tramo(columna=9, fila=5, filas=1, color='#F00')]
>>> bloques_de_columnas([1, 2, 3, 5, 9, 8])
[(1, 3), (5, 5), (8, 9)]

In the capture template (version 2) no cell is coloured by a call: the checker writes one text
per row in the hidden flags column and the template's conditional formatting paints the cells
from it (`marcas_de_fila`):

>>> marcas_de_fila({6: "error", 1: "aviso"}, columna_resultado=9, severidad="error")
'A____E__E'
>>> marcas_de_fila({}, columna_resultado=9, severidad=None)
'________V'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from apoyo.schema import MARCA_AVISO, MARCA_ERROR, MARCA_NADA, MARCA_VALIDA

_MARCA = {"error": MARCA_ERROR, "aviso": MARCA_AVISO}


@dataclass(frozen=True)
class Tramo:
    """A vertical run of cells of one column that get the same fill.

    Attributes:
        columna: 1-based column.
        fila: 1-based first row.
        filas: number of rows (>= 1).
        color: ``"#RRGGBB"``, or None for "no fill".
    """

    columna: int
    fila: int
    filas: int
    color: str | None


def tramos(colores: Sequence[str | None], columna: int, primera_fila: int,
           fondo: str | None = None) -> list[Tramo]:
    """The calls that give one column the fills `colores`, starting from a cleared column.

    Args:
        colores: wanted fill of each row from `primera_fila` down (None: no fill).
        columna: 1-based column.
        primera_fila: 1-based row of ``colores[0]``.
        fondo: when given, the whole span is first painted `fondo` in one call, and then only
            the rows whose colour differs from it (None included) are painted, run by run.
            The background spans from the first to the last row that has a fill.
            Cheaper for a column where most rows share one colour (the Resultado column,
            mostly "OK").

    Returns:
        Runs in painting order (the background first). Without `fondo`, rows whose colour is
        None produce no call (the column was cleared before).
    """
    salida: list[Tramo] = []
    base: str | None = None
    inicio, n = 0, len(colores)
    if fondo is not None:
        pintadas = [i for i, c in enumerate(colores) if c is not None]
        if pintadas:
            # Paint the background only from the first to the last row with a fill.
            inicio, n = pintadas[0], pintadas[-1] + 1
            salida.append(Tramo(columna, primera_fila + inicio, n - inicio, fondo))
            base = fondo
    while inicio < n:
        color = colores[inicio]
        fin = inicio + 1
        while fin < n and colores[fin] == color:
            fin += 1
        if color != base:
            salida.append(Tramo(columna, primera_fila + inicio, fin - inicio, color))
        inicio = fin
    return salida


def bloques_de_columnas(columnas: Iterable[int]) -> list[tuple[int, int]]:
    """Group column numbers into contiguous ``(first, last)`` blocks, in ascending order."""
    bloques: list[tuple[int, int]] = []
    for c in sorted(set(columnas)):
        if bloques and c == bloques[-1][1] + 1:
            bloques[-1] = (bloques[-1][0], c)
        else:
            bloques.append((c, c))
    return bloques


def plan_columna_resultado(colores: Sequence[str | None], columna: int, primera_fila: int,
                           mas_comun: str | None) -> list[Tramo]:
    """The cheaper of "plain runs" and "background + exceptions" for one column."""
    simple = tramos(colores, columna, primera_fila)
    if mas_comun is None:
        return simple
    con_fondo = tramos(colores, columna, primera_fila, fondo=mas_comun)
    return con_fondo if len(con_fondo) < len(simple) else simple


def marcas_de_fila(celdas: Mapping[int, str], columna_resultado: int,
                   severidad: str | None) -> str:
    """The text of one data row in the template's flags column.

    Args:
        celdas: 1-based column -> "error" or "aviso", the worst finding marked in that cell
            (columns left out get nothing); columns past `columna_resultado` are ignored.
        columna_resultado: 1-based column of Resultado; the text has one character per column
            from A to it, so that the character of column ``c`` is ``MID(text, c, 1)``.
        severidad: the row's worst finding ("error", "aviso"), or None for a row without
            findings.

    Returns:
        `columna_resultado` characters: `MARCA_ERROR`, `MARCA_AVISO` or `MARCA_NADA` per
        column, and at the position of Resultado the row's verdict (`MARCA_ERROR`,
        `MARCA_AVISO`, or `MARCA_VALIDA` for a row without findings).

    Raises:
        KeyError: a severity other than "error" or "aviso".
    """
    texto = [MARCA_NADA] * columna_resultado
    for columna, sev in celdas.items():
        if 1 <= columna < columna_resultado:
            texto[columna - 1] = _MARCA[sev]
    texto[columna_resultado - 1] = _MARCA[severidad] if severidad is not None else MARCA_VALIDA
    return "".join(texto)
