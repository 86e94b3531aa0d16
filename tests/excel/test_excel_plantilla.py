"""Validating a workbook of the capture template (version 2): the cells are coloured by the
template's conditional formatting, keyed on the hidden flags column J that the checker writes
together with Resultado in one call. Other workbooks keep the colouring by runs.

What the conditional formatting does with the flags is rendered by LibreOffice in
tests/template/test_plantilla_libreoffice.py; here the flags themselves are checked, and the
colours they give (the template's rules, `FORMATO_CONDICIONAL`, applied in Python) are compared
with the fills the run-based colouring paints for the same submission.
"""

from __future__ import annotations

import pytest

from apoyo.check import Contexto
from apoyo.excel import validar_libro
from apoyo.excel.adaptador import usa_marcas, version_plantilla
from apoyo.read.encabezado import mapear
from apoyo.schema import COLOR_AVISO, COLOR_ERROR, COLOR_OK, COLUMNA_MARCAS, COLUMNA_RESULTADO
from apoyo.template import FORMATO_CONDICIONAL

LIMPIA = "________V"


def _mes_13(clave: str) -> str:
    """The same clave de elector with month 13 in its birth date (clave-elector-fecha)."""
    return clave[:8] + "13" + clave[10:]


def _filas(xl):
    """Ten example rows (all valid) with known faults planted in rows 3 to 6 and row 7 empty.

    Row 3: error in F; row 4: warning in A (entity "7"); row 5: both; row 6: an error and a
    warning in the same cell F (a leading space and month 13); row 7: no data at all.
    """
    filas = [list(f) for f in xl.filas_ejemplo(10)]
    filas[1][5] = _mes_13(filas[1][5])
    filas[2][0] = "7"
    filas[3][0] = "7"
    filas[3][5] = _mes_13(filas[3][5])
    filas[4][5] = " " + _mes_13(filas[4][5])
    filas[5] = [""] * 8
    return filas


#: What validation writes in I:J for `_filas` (rows 2 to 11): Resultado and the flags.
ESCRITO = [
    ["OK", LIMPIA],
    ["clave-elector-fecha", "_____E__E"],
    ["formato-ajustado", "A_______A"],
    ["clave-elector-fecha, formato-ajustado", "A____E__E"],
    ["clave-elector-fecha, espacios-corregidos", "_____E__E"],
    ["", ""],
    ["OK", LIMPIA],
    ["OK", LIMPIA],
    ["OK", LIMPIA],
    ["OK", LIMPIA],
]


def _validar(abrir, xl, payload, **kw):
    book = abrir(payload)
    v = validar_libro(book, Contexto(fecha_corte=xl.CORTE), **kw)
    return v, book.json()["actions"]


def test_marcas_exactas_en_una_sola_escritura_y_ningun_color_por_celda(abrir, xl):
    v, acts = _validar(abrir, xl, xl.entrega(filas=_filas(xl), plantilla="2"))
    assert v.con_marcas is True and v.llamadas_color == 1
    assert [a["func"] for a in acts] == [
        "setRangeColor",  # old fills of A:I (an earlier validation by runs), one call
        "setValues",  # Resultado and flags, I2:J11
        "addSheet", "setValues", "setRangeColor", "setRangeColor", "setAutofit",  # Resumen
        "activateSheet", "alert",
    ]
    assert acts[0] == {"func": "setRangeColor", "args": ["#FFFFFF"], "values": None,
                       "sheet_position": 0, "start_row": 1, "start_column": 0,
                       "row_count": 10, "column_count": 9}
    escritura = acts[1]
    assert (escritura["sheet_position"], escritura["start_row"], escritura["start_column"],
            escritura["row_count"], escritura["column_count"]) == (0, 1, 8, 10, 2)
    assert escritura["values"] == ESCRITO


def test_mismos_colores_que_por_tramos(abrir, xl):
    """The template's rules applied to the flags give exactly the fills the run-based
    colouring paints on the same rows (the look does not change)."""
    filas = [list(f) for f in xl.filas_ejemplo(1200)]  # every planted fault of the example
    payload = xl.entrega(filas=filas, plantilla="2")
    v, acts = _validar(abrir, xl, payload)
    assert v.con_marcas
    excel = xl.Excel(payload).aplicar(acts)
    apoyos = excel.hoja("Apoyos")
    assert not apoyos["colores"]  # nothing painted directly (the clearing is "no fill")
    por_marcas = {}
    for fila in range(2, 1202):
        marcas = apoyos["valores"][(fila, 10)]
        for col in range(1, 10):
            color = _formato_condicional(marcas, col)
            if color is not None:
                por_marcas[(fila, col)] = color

    sin_plantilla = xl.entrega(filas=filas)
    _, acts_tramos = _validar(abrir, xl, sin_plantilla)
    por_tramos = xl.Excel(sin_plantilla).aplicar(acts_tramos).hoja("Apoyos")["colores"]
    assert por_marcas == por_tramos
    assert sum(c == COLOR_ERROR for c in por_marcas.values()) == 10 + 8  # cells + rows
    assert sum(c == COLOR_OK for c in por_marcas.values()) == 1200 - 12  # rows without findings


def _formato_condicional(marcas: str, col: int) -> str | None:
    """What the template's conditional formatting shows in column `col` (1-based) for a row
    whose flags are `marcas`: the first rule whose range has the column and whose formula
    ``MID($J2,COLUMN(),1)="X"`` holds."""
    for rango, formula, color in FORMATO_CONDICIONAL:
        primera, ultima = rango.split(":")
        columnas = range(ord(primera[0]) - 64, ord(ultima[0]) - 63)
        marca = formula.rsplit('"', 2)[1]
        if col in columnas and marcas[col - 1:col] == marca:
            return color
    return None


def test_reglas_del_formato_condicional():
    assert [(r, f) for r, f, _ in FORMATO_CONDICIONAL] == [
        ("A2:I1048576", '=MID($J2,COLUMN(),1)="E"'),
        ("A2:I1048576", '=MID($J2,COLUMN(),1)="A"'),
        ("I2:I1048576", '=MID($J2,COLUMN(),1)="V"'),
    ]
    assert [c for _, _, c in FORMATO_CONDICIONAL] == [COLOR_ERROR, COLOR_AVISO, COLOR_OK]
    assert _formato_condicional("_____E__E", 6) == COLOR_ERROR
    assert _formato_condicional("A_______A", 1) == COLOR_AVISO
    assert _formato_condicional(LIMPIA, 9) == COLOR_OK
    assert _formato_condicional(LIMPIA, 1) is None
    assert _formato_condicional("", 9) is None


def test_revalidar_corrige_marcas_y_borra_las_de_filas_vaciadas(abrir, xl):
    payload = xl.entrega(filas=_filas(xl), plantilla="2")
    v, acts = _validar(abrir, xl, payload)
    excel = xl.Excel(payload).aplicar(acts)
    apoyos = excel.hoja("Apoyos")
    assert [apoyos["valores"].get((f, 10), "") for f in range(2, 12)] == [m for _, m in ESCRITO]
    # The reviewer fixes the month of row 3 and empties rows 10 and 11 (flags stay behind).
    apoyos["valores"][(3, 6)] = _filas(xl)[1][5][:8] + "01" + _filas(xl)[1][5][10:]
    for fila in (10, 11):
        for col in range(1, 9):
            apoyos["valores"].pop((fila, col), None)
    segunda = _validar(abrir, xl, excel.carga())[1]
    [escritura] = [a for a in segunda if a["func"] == "setValues" and a["sheet_position"] == 0]
    assert (escritura["start_row"], escritura["row_count"]) == (1, 10)  # down to row 11
    assert escritura["values"][1] == ["OK", LIMPIA]
    assert escritura["values"][8:] == [["", ""], ["", ""]]
    excel.aplicar(segunda)
    assert not [c for c in apoyos["valores"] if c[0] >= 10]
    # a third validation changes nothing
    antes = excel.estado()
    excel.aplicar(_validar(abrir, xl, excel.carga())[1])
    assert excel.estado() == antes


def test_office_js_en_la_plantilla_escribe_marcas_y_sin_notas(abrir, xl):
    v, acts = _validar(abrir, xl, xl.entrega(filas=_filas(xl), plantilla="2",
                                             cliente="Office.js"))
    assert v.con_marcas and v.notas == 0
    assert acts[0]["func"] == "setRangeColor" and acts[0]["args"] == [None]
    [escritura] = [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == 0]
    assert escritura["values"] == ESCRITO
    assert not [a for a in acts if a["func"] in ("addNote", "deleteNote")]


@pytest.mark.parametrize("caso", ["version_1", "sin_columna_de_marcas", "columnas_movidas",
                                  "sin_nombre_de_version", "version_en_otra_celda"])
def test_otros_libros_se_colorean_por_tramos(abrir, xl, caso):
    filas = _filas(xl)
    if caso == "version_1":  # a workbook of the first template: no flags column
        payload = xl.entrega(filas=filas, plantilla="1", marcas=False)
    elif caso == "sin_columna_de_marcas":
        payload = xl.entrega(filas=filas, plantilla="2", marcas=False)
    elif caso == "columnas_movidas":
        payload = xl.entrega(filas=filas, plantilla="2", orden=[1, 0, 2, 3, 4, 5, 6, 7])
    else:
        payload = xl.entrega(filas=filas, plantilla="2")
        if caso == "sin_nombre_de_version":
            payload["names"] = []
        else:  # the name points to an empty cell
            payload["names"][0] = {**payload["names"][0], "address": "$B$9"}
    v, acts = _validar(abrir, xl, payload)
    assert v.con_marcas is False
    # As the CLI says of such a file: only the first template's workbook is of another version.
    antiguas = [(h.fila, h.valor) for h in v.revision.hallazgos if h.codigo == "plantilla-antigua"]
    assert antiguas == ([(None, "1")] if caso == "version_1" else [])
    resumen = [c for a in acts if a["func"] == "setValues" and a["sheet_position"] != 0
               for fila in a["values"] for c in fila]
    assert ("plantilla-antigua" in resumen) == (caso == "version_1")
    [escritura] = [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == 0]
    assert escritura["column_count"] == 1  # Resultado alone; the flags column is not touched
    assert [f[0] for f in escritura["values"]] == [r for r, _ in ESCRITO]
    colores = [a for a in acts if a["func"] == "setRangeColor" and a["sheet_position"] == 0]
    # clearing, then a run per marked cell and the Resultado column (green, then its runs)
    assert len(colores) == v.llamadas_color and len(colores) > 5
    celdas = {(a["start_row"] + 1, a["start_column"] + 1): a["args"][0] for a in colores[1:]
              if a["row_count"] == 1}
    assert celdas[(3, 6)] == COLOR_ERROR  # the clave de elector is F in every case


def test_version_y_decision(abrir, xl):
    payload = xl.entrega(3, plantilla="2")
    book = abrir(payload)
    assert version_plantilla(book) == "2"
    plantilla = mapear(["Clave del Estado", "Sección electoral", "Nombre(s)", "Apellido paterno",
                        "Apellido materno", "Clave de elector", "OCR", "CIC",
                        COLUMNA_RESULTADO, COLUMNA_MARCAS], 1)
    assert usa_marcas(book, plantilla)
    # The header must be where the template has it: not in row 2, not with J elsewhere.
    assert not usa_marcas(book, mapear(plantilla.etiquetas + ["", COLUMNA_MARCAS], 2))
    assert not usa_marcas(book, mapear(plantilla.etiquetas + ["", COLUMNA_MARCAS], 1))
    # A number in the version cell reads as text; another version says no.
    payload["sheets"][1]["values"][7][1] = 2.0
    assert version_plantilla(abrir(payload)) == "2"
    payload["sheets"][1]["values"][7][1] = "1"
    assert version_plantilla(abrir(payload)) == "1"
    assert not usa_marcas(abrir(payload), plantilla)
    payload["names"] = []
    assert version_plantilla(abrir(payload)) is None
