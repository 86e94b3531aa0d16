"""Findings about how a workbook sheet hides or shapes its data: formulas, merged cells, hidden
rows, columns or sheets (``celda-formula``, ``formula-sin-resultado``, ``celdas-combinadas``,
``contenido-oculto``).

Nothing is evaluated or changed: a formula's cached result is what the checker sees, a merged
range's value is in its first cell only (the others read as empty), hidden rows and columns are
read like visible ones. These findings say so, so that the reviewer knows why. The one error:
formulas in the data whose result the file does not hold (``formula-sin-resultado``, written
so by a library such as openpyxl), whose values nobody but a program that calculates them
knows; read as empty they could go to the DERFE without a surname or an OCR.

>>> from apoyo.read.encabezado import mapear
>>> enc = mapear(["Clave del Estado", "Sección", "Nombre", "Paterno", "Materno", "Clave de elector",
...               "OCR", "CIC"], 1)
>>> from apoyo.read.ooxml import DetallesHoja
>>> d = DetallesHoja(formulas={1: [0], 3: [2, 9]}, filas_ocultas=[1, 3, 7],
...                  columnas_ocultas=[(7, 16383)])
>>> [(h.fila, h.campo, h.codigo) for h in avisos_de_hoja("Apoyos", False, enc, d, [])]
[(None, None, 'contenido-oculto'), (3, 'nombre', 'celda-formula')]
>>> avisos_de_hoja("Apoyos", False, enc, d, [])[0].mensaje.split(";")[0]
'La hoja «Apoyos» tiene 2 filas ocultas (3 y 7) y la columna H oculta'
>>> [h.mensaje for h in avisos_de_hoja("Datos", True, enc, DetallesHoja(), [((1, 0), (3, 0))])]
... # doctest: +NORMALIZE_WHITESPACE
['La hoja «Datos», de donde se leyeron los apoyos, está oculta; se revisó igual que lo visible, y
  en la copia marcada todo queda a la vista.',
 'La hoja tiene celdas combinadas entre los datos (A2:A4); solo la primera celda de cada grupo
  tiene el valor y las demás se revisaron como vacías.']
>>> s = DetallesHoja(formulas={2: [3], 4: [3, 9]}, sin_resultado={2: [3], 4: [3, 9]})
>>> [(h.fila, h.campo, h.codigo) for h in avisos_de_hoja("Apoyos", False, enc, s, [])]
... # doctest: +NORMALIZE_WHITESPACE
[(None, None, 'formula-sin-resultado'), (2, 'apellido_paterno', 'celda-formula'),
 (4, 'apellido_paterno', 'celda-formula')]
>>> avisos_de_hoja("Apoyos", False, enc, s, [])[0].mensaje.split(";")[0]
'Hay 2 celdas con fórmula cuyo resultado no está guardado en el archivo (D2 y D4)'
"""

from __future__ import annotations

from collections.abc import Sequence

from apoyo.errors import hallazgo
from apoyo.read.encabezado import Encabezado, letra_columna
from apoyo.read.ooxml import DetallesHoja
from apoyo.record import Hallazgo

#: How many rows or ranges a message lists before "y N más".
_LISTADOS = 5

Rango = tuple[tuple[int, int], tuple[int, int]]  # ((row, col), (row, col)), 0-based, inclusive


def _y(textos: Sequence[str], resto: int = 0) -> str:
    """'a', 'a y b', 'a, b y c'; with `resto` > 0: 'a, b y 3 más'."""
    partes = list(textos) + ([f"{resto:,} más"] if resto > 0 else [])
    return partes[0] if len(partes) == 1 else ", ".join(partes[:-1]) + " y " + partes[-1]


def _oculto(hoja: str, oculta: bool, enc: Encabezado, detalles: DetallesHoja) -> Hallazgo | None:
    ancho = len(enc.etiquetas)
    filas = sorted({f for f in detalles.filas_ocultas if f > enc.fila})
    columnas = sorted({
        c for inicio, fin in detalles.columnas_ocultas
        for c in range(max(inicio, 0), min(fin, ancho - 1) + 1)
        if enc.etiquetas[c] and c != enc.marcas  # the template hides its flags column
    })
    partes = []
    if filas:
        lista = _y([str(f) for f in filas[:_LISTADOS]], len(filas) - _LISTADOS)
        partes.append(f"1 fila oculta (la {filas[0]})" if len(filas) == 1
                      else f"{len(filas):,} filas ocultas ({lista})")
    if columnas:
        letras = _y([letra_columna(c) for c in columnas[:_LISTADOS]], len(columnas) - _LISTADOS)
        partes.append(f"la columna {letras} oculta" if len(columnas) == 1
                      else f"las columnas {letras} ocultas")
    if oculta:
        detalle = f"La hoja «{hoja}», de donde se leyeron los apoyos, está oculta"
        if partes:
            detalle += f" y tiene {' y '.join(partes)}"
    elif partes:
        detalle = f"La hoja «{hoja}» tiene {' y '.join(partes)}"
    else:
        return None
    return hallazgo("contenido-oculto", None, None, detalle=detalle)


def _combinadas(enc: Encabezado, rangos: Sequence[Rango]) -> Hallazgo | None:
    ancho = len(enc.etiquetas)
    # Ranges reaching below the header row (0-based row enc.fila is the first data row).
    sobre_datos = sorted(
        ((r0, c0), (r1, c1)) for (r0, c0), (r1, c1) in rangos
        if r1 >= enc.fila and c0 < ancho and (r0, c0) != (r1, c1)
    )
    if not sobre_datos:
        return None
    textos = [f"{letra_columna(c0)}{r0 + 1}:{letra_columna(c1)}{r1 + 1}"
              for (r0, c0), (r1, c1) in sobre_datos[:_LISTADOS]]
    return hallazgo("celdas-combinadas", None, None,
                    rangos=_y(textos, len(sobre_datos) - _LISTADOS))


def _sin_resultado(enc: Encabezado, detalles: DetallesHoja,
                   campo_de: dict[int, str]) -> Hallazgo | None:
    celdas = [f"{letra_columna(col)}{fila}" for fila in sorted(detalles.sin_resultado)
              if fila > enc.fila for col in sorted(set(detalles.sin_resultado[fila]))
              if col in campo_de]
    if not celdas:
        return None
    que = ("1 celda con fórmula cuyo resultado no está guardado" if len(celdas) == 1 else
           f"{len(celdas):,} celdas con fórmula cuyo resultado no está guardado")
    return hallazgo("formula-sin-resultado", None, None, cuantas=que,
                    celdas=_y(celdas[:_LISTADOS], len(celdas) - _LISTADOS))


def avisos_de_hoja(hoja: str, oculta: bool, enc: Encabezado, detalles: DetallesHoja,
                   combinadas: Sequence[Rango]) -> list[Hallazgo]:
    """The findings for the sheet read: file-level ``contenido-oculto``, ``celdas-combinadas``
    and ``formula-sin-resultado`` (an error), then ``celda-formula`` for each formula cell of
    the eight columns below the header (by row, then column).

    Args:
        hoja: the sheet's name.
        oculta: the sheet itself is hidden.
        enc: its header row.
        detalles: what `apoyo.read.ooxml.inspeccionar_hoja` (or for .ods
            `apoyo.read.ods.inspeccionar_hoja`) found (empty for .xls/.xlsb).
        combinadas: merged ranges as python-calamine gives them.
    """
    campo_de = {col: campo for campo, col in enc.columnas.items()}
    hallazgos = [h for h in (_oculto(hoja, oculta, enc, detalles), _combinadas(enc, combinadas),
                             _sin_resultado(enc, detalles, campo_de))
                 if h is not None]
    for fila in sorted(detalles.formulas):
        if fila <= enc.fila:
            continue
        for col in sorted(set(detalles.formulas[fila])):
            if col in campo_de:
                hallazgos.append(hallazgo("celda-formula", fila, campo_de[col]))
    return hallazgos
