"""Finding the header row and mapping its columns to the eight fields (spreadsheets and text).

A header row is the first of the first `FILAS_A_EXPLORAR` non-empty rows whose cells name at
least `MINIMO_CAMPOS` distinct fields (`apoyo.schema.campo_de_encabezado`). A column labelled
``Resultado`` (the checker's verdict column in a marked copy) is ignored, and so is the template's
hidden flags column (`apoyo.schema.COLUMNA_MARCAS`), which is moreover left out of the labels when
it is the last one (so the marked copy does not carry it and the sheet's width is the
template's A:I); a field named twice maps to its first column and yields ``columna-repetida``;
each field not named yields ``columna-faltante``.

>>> enc = buscar_encabezado([(1, ["Listado"]), (3, ["", "OCR", "Nombre", "Paterno",
...                          "Materno", "ocr", "Resultado"])])
>>> enc.fila, enc.columnas, sorted(enc.ignoradas)
(3, {'ocr': 1, 'nombre': 2, 'apellido_paterno': 3, 'apellido_materno': 4}, [6])
>>> [(h.codigo, h.campo) for h in enc.hallazgos][:2]
[('columna-repetida', 'ocr'), ('columna-faltante', 'clave_estado')]
>>> enc.hallazgos[0].mensaje
'La columna «OCR» aparece más de una vez (columnas B y F); se revisó la primera.'
>>> buscar_encabezado([(1, ["Nombre", "OCR", "CIC"])]) is None
True
>>> plantilla = mapear(["Clave del Estado", "Sección electoral", "Nombre(s)", "Apellido paterno",
...                     "Apellido materno", "Clave de elector", "OCR", "CIC", "Resultado",
...                     "Marcas del verificador"], 1)
>>> len(plantilla.etiquetas), sorted(plantilla.ignoradas), plantilla.marcas, plantilla.resultado
(9, [8, 9], 9, 8)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from apoyo.errors import hallazgo
from apoyo.read.celdas import a_texto, es_vacio
from apoyo.record import Hallazgo
from apoyo.schema import (
    CAMPOS,
    COLUMNA_MARCAS,
    COLUMNA_RESULTADO,
    campo_de_encabezado,
    plegar,
)

#: How many non-empty rows (or text records) are examined looking for the header.
FILAS_A_EXPLORAR = 20
#: How many of the eight fields a row must name to be taken as the header.
MINIMO_CAMPOS = 4

_RESULTADO = plegar(COLUMNA_RESULTADO)
_MARCAS = plegar(COLUMNA_MARCAS)


@dataclass(frozen=True)
class Encabezado:
    """The header row found.

    Attributes:
        fila: its row (spreadsheet) or line (text) number, 1-based.
        etiquetas: its cells as text, column A first, without trailing empty cells nor a
            trailing flags column (`apoyo.schema.COLUMNA_MARCAS`).
        columnas: canonical field -> 0-based column index (first occurrence).
        ignoradas: indexes of ``Resultado`` columns and of flags columns (not data, not counted
            for emptiness); a flags column left out of `etiquetas` is still here.
        hallazgos: columna-repetida / columna-faltante findings, in column / `CAMPOS` order.
        marcas: 0-based index of the (first) flags column, or None.
        resultado: 0-based index of the last ``Resultado`` column (the one the checkers write),
            or None.
    """

    fila: int
    etiquetas: list[str]
    columnas: dict[str, int]
    ignoradas: frozenset[int] = frozenset()
    hallazgos: list[Hallazgo] = field(default_factory=list)
    marcas: int | None = None
    resultado: int | None = None


def letra_columna(indice: int) -> str:
    """The spreadsheet letter of a 0-based column index.

    >>> letra_columna(0), letra_columna(25), letra_columna(26), letra_columna(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letras = ""
    n = indice + 1
    while n:
        n, resto = divmod(n - 1, 26)
        letras = chr(65 + resto) + letras
    return letras


def _enumerar(letras: list[str]) -> str:
    """'B', 'B y F', 'B, F y H'."""
    return letras[0] if len(letras) == 1 else ", ".join(letras[:-1]) + " y " + letras[-1]


def mapear(etiquetas: Sequence[str], fila: int) -> Encabezado:
    """Map a header row's labels to fields, with its duplicate/missing-column findings."""
    columnas: dict[str, int] = {}
    repetidas: dict[str, list[int]] = {}
    ignoradas = set()
    marcas: int | None = None
    resultado: int | None = None
    for i, etiqueta in enumerate(etiquetas):
        plegada = plegar(etiqueta)
        if plegada == _RESULTADO:
            ignoradas.add(i)
            resultado = i
            continue
        if plegada == _MARCAS:
            ignoradas.add(i)
            marcas = i if marcas is None else marcas
            continue
        campo = campo_de_encabezado(etiqueta)
        if campo is None:
            continue
        if campo in columnas:
            repetidas.setdefault(campo, [columnas[campo]]).append(i)
        else:
            columnas[campo] = i
    hallazgos = [
        hallazgo(
            "columna-repetida", None, campo, columnas=_enumerar([letra_columna(i) for i in idx])
        )
        for campo, idx in repetidas.items()
    ]
    hallazgos += [hallazgo("columna-faltante", None, c) for c in CAMPOS if c not in columnas]
    visibles = list(etiquetas)
    # A flags column at the end is not part of the sheet's width (nor are empty cells then).
    while visibles and (es_vacio(visibles[-1]) or plegar(visibles[-1]) == _MARCAS):
        visibles.pop()
    return Encabezado(fila, visibles, columnas, frozenset(ignoradas), hallazgos, marcas,
                      resultado)


def _etiquetas(celdas: Sequence[Any]) -> list[str]:
    textos = [a_texto(c) if not isinstance(c, str) else c for c in celdas]
    while textos and es_vacio(textos[-1]):
        textos.pop()
    return ["" if es_vacio(t) else t for t in textos]


def cuenta_campos(celdas: Sequence[Any]) -> int:
    """How many distinct fields a row's cells name."""
    return len({campo_de_encabezado(c) for c in celdas} - {None})


def buscar_encabezado(
    filas: Iterable[tuple[int, Sequence[Any]]], limite: int = FILAS_A_EXPLORAR
) -> Encabezado | None:
    """Find the header among the first `limite` non-empty rows; None if there is none.

    Args:
        filas: ``(row number, cells from column A)`` pairs in order; consumed only as far as
            needed.
        limite: how many non-empty rows to examine.
    """
    vistas = 0
    for numero, celdas in filas:
        if all(es_vacio(c) for c in celdas):
            continue
        if cuenta_campos(celdas) >= MINIMO_CAMPOS:
            return mapear(_etiquetas(celdas), numero)
        vistas += 1
        if vistas >= limite:
            break
    return None
