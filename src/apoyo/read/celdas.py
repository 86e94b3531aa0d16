"""Small helpers on raw cell values: the error-cell marker, emptiness and text forms.

python-calamine turns every error cell (``#N/A``, ``#DIV/0!``, ``#VALUE!``...) into ``""``, the
same as an empty cell. For .xlsx/.xlsm/.ods the reader recovers them from the sheet XML and
passes an `ErrorDeCelda`: a `str` holding the error text, so a checker that knows nothing about
it still sees a value that is not a valid code or name, and one that does can test
``isinstance``.

>>> e = ErrorDeCelda("#N/A")
>>> e, isinstance(e, str), e == "#N/A"
(ErrorDeCelda('#N/A'), True, True)
>>> es_vacio(None), es_vacio(" \\xa0\\t"), es_vacio(0.0), es_vacio("0")
(True, True, False, False)
>>> fila_vacia([None, "  ", "\u200b"], frozenset()), fila_vacia([None, "OK"], frozenset({1}))
(False, True)
>>> ajustar_ancho(["A", None, None, None], 2), ajustar_ancho(["A"], 3)
(('A', None), ('A', None, None))
>>> [a_texto(v) for v in (7.0, 7.5, 12, "  X ", None)]
['7', '7.5', '12', 'X', '']
>>> import datetime
>>> a_texto(datetime.datetime(2024, 3, 1)), a_texto(datetime.datetime(2024, 3, 1, 9, 30))
('2024-03-01', '2024-03-01T09:30:00')
"""

from __future__ import annotations

import datetime
from typing import Any


class ErrorDeCelda(str):
    """A spreadsheet error value (``#N/A``, ``#DIV/0!``, ``#REF!``...) found in a cell.

    It is a `str` equal to the error text Excel shows; the type says it came from a formula
    error, not from typed text.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"ErrorDeCelda({str.__repr__(self)})"


def es_vacio(valor: Any) -> bool:
    """True for None, "" and strings of whitespace only (NBSP and tabs included)."""
    return valor is None or (isinstance(valor, str) and (valor == "" or valor.isspace()))


def fila_vacia(celdas: list[Any], ignoradas: frozenset[int]) -> bool:
    """True if every cell is None or whitespace, not counting the columns in `ignoradas`.

    `celdas` has "" already turned into None. An `ErrorDeCelda` counts as content.
    """
    for i, v in enumerate(celdas):
        if v is None or (v.__class__ is str and v.isspace()) or i in ignoradas:
            continue
        return False
    return True


def ajustar_ancho(celdas: list[Any], ancho: int) -> tuple[Any, ...]:
    """Pad with None to `ancho`, or drop trailing None cells beyond it."""
    fin = len(celdas)
    if fin < ancho:
        return tuple(celdas) + (None,) * (ancho - fin)
    while fin > ancho and celdas[fin - 1] is None:
        fin -= 1
    return tuple(celdas[:fin])


def a_texto(valor: Any) -> str:
    """A cell value as display text: integral floats without ".0", dates in ISO, trimmed.

    Used for labels and the Aspirante sheet, never for the eight data fields (those stay raw).
    """
    if valor is None:
        return ""
    if isinstance(valor, str):
        return valor.strip()
    if isinstance(valor, bool):
        return "VERDADERO" if valor else "FALSO"
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, datetime.datetime):
        if valor.time() == datetime.time(0, 0):
            return valor.date().isoformat()
        return valor.isoformat()
    if isinstance(valor, (datetime.date, datetime.time)):
        return valor.isoformat()
    return str(valor)
