"""The xlwings Lite / xlwings Server script `apoyo.excel.lite.validar`, called the way the
server calls scripts (``xlwings.server.script`` + ``custom_scripts_call``) with an Office.js
payload; and the notes, which only Office.js clients with ``notes_supported`` get."""

from __future__ import annotations

import asyncio
import copy
import types

import pytest
import xlwings as xw

from apoyo.check import Contexto
from apoyo.excel import lite, validar_libro
from apoyo.schema import COLOR_ERROR

N = 1200


def _por_servidor(payload):
    """Run the script as xlwings Server does: decorate, inject the Book, collect actions."""
    from xlwings.server import custom_scripts_call, script

    modulo = types.ModuleType("custom_scripts_apoyo")
    modulo.validar = script(name="Validar apoyos")(lite.validar)
    book = xw.Book(json=copy.deepcopy(payload))
    devuelto = asyncio.run(custom_scripts_call(modulo, "validar",
                                               typehint_to_value={xw.Book: book}))
    assert devuelto is book
    return book.json()["actions"]


def test_script_registrado_para_lite_y_server():
    from xlwings.server import custom_scripts_meta, script

    modulo = types.ModuleType("main")
    modulo.validar = script(name="Validar apoyos")(lite.validar)
    [meta] = custom_scripts_meta(modulo)
    assert meta["function_name"] == "validar"
    assert meta["name"] == "Validar apoyos"


def test_script_marca_y_agrega_notas_con_mensaje_y_remedio(xl):
    acts = _por_servidor(xl.entrega(N, cliente="Office.js"))
    assert {"func": "setRangeColor", "args": [COLOR_ERROR], "sheet_position": 0,
            "start_row": 97, "start_column": 5}.items() <= next(
        a for a in acts if a["func"] == "setRangeColor" and a["start_row"] == 97).items()
    notas = {a["args"][0]: a["args"][1] for a in acts if a["func"] == "addNote"}
    assert len(notas) == 15  # one per marked data cell
    assert notas["$F$98"].startswith("Error: Fecha de nacimiento imposible\nLa clave de elector")
    assert "\nCómo corregir: Revise los dígitos 7 a 12 (AAMMDD)" in notas["$F$98"]
    assert notas["$C$874"].count("Aviso: ") == 2
    [resumen] = [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == 2]
    assert ["Notas en celdas", "15 (máximo 200 por validación)", "", "", ""] in resumen["values"]
    assert acts[-1]["func"] == "alert"


def test_notas_no_se_duplican_al_repetir(xl, abrir):
    payload = xl.entrega(N, cliente="Office.js")
    excel = xl.Excel(payload).aplicar(_por_servidor(payload))
    antes = excel.estado()
    segunda = _por_servidor(excel.carga())
    # the 15 notes of the first run are deleted, then written again (the model refuses a
    # second note on a cell)
    assert sum(a["func"] == "deleteNote" for a in segunda) == 15
    excel.aplicar(segunda)
    assert excel.estado() == antes


def test_notas_de_otras_columnas_se_respetan(xl):
    payload = xl.entrega(100, cliente="Office.js")
    payload["sheets"][0]["notes"] = [{"address": "K5"}, {"address": "A1"}, {"address": "B7"}]
    acts = _por_servidor(payload)
    borradas = [a["args"][0] for a in acts if a["func"] == "deleteNote"]
    assert borradas == ["$B$7"]  # data area only (rows 2.., the eight columns + Resultado)


def test_tope_de_notas_declarado_en_resumen(xl, abrir):
    book = abrir(xl.entrega(N, cliente="Office.js"))
    v = validar_libro(book, Contexto(fecha_corte=xl.CORTE), max_notas=5)
    acts = book.json()["actions"]
    assert v.notas == 5 and sum(a["func"] == "addNote" for a in acts) == 5
    [resumen] = [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == 2]
    frase = {f[0]: f[1] for f in resumen["values"]}["Notas en celdas"]
    assert frase.startswith("5 (máximo 5 por validación")
    assert "de las otras 10, el detalle está en la columna Resultado" in frase


@pytest.mark.parametrize("caso, esperado", [
    ("sin_soporte", "esta versión de Excel no permite notas"),
    ("plantilla", "no se agregan en la plantilla oficial"),
])
def test_sin_notas_cuando_el_cliente_no_puede(xl, caso, esperado):
    if caso == "sin_soporte":
        payload = xl.entrega(N, cliente="Office.js", notas_soportadas=False)
    else:
        nombre = {"name": "VERSION_PLANTILLA", "sheet_index": 1, "address": "$B$8",
                  "book_scope": True, "scope_sheet_index": None, "scope_sheet_name": None}
        payload = xl.entrega(N, cliente="Office.js", nombres=[nombre])
    acts = _por_servidor(payload)
    assert not [a for a in acts if a["func"] in ("addNote", "deleteNote")]
    [resumen] = [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == 2]
    frase = {f[0]: f[1] for f in resumen["values"]}["Notas en celdas"]
    assert frase.startswith(esperado)


def test_script_con_hoja_inutilizable(xl):
    payload = xl.carga([xl.hoja("Hoja1", [["nada"]])], cliente="Office.js")
    acts = _por_servidor(payload)
    assert [a["func"] for a in acts] == ["alert"]
    assert acts[0]["args"][0].startswith("No se encontró la fila de encabezados")


def test_main_de_lite_importa_el_script():
    import apoyo.excel.lite.main as main_lite

    assert main_lite.validar is lite.validar


def test_requirements_de_lite():
    from importlib import resources

    texto = resources.files("apoyo.excel.lite").joinpath("requirements.txt").read_text("utf-8")
    lineas = [ln.strip() for ln in texto.splitlines() if ln.strip() and not ln.startswith("#")]
    assert f"xlwings=={xw.__version__}" in lineas
    assert any(ln.startswith("apoyo-ciudadano") for ln in lineas)
