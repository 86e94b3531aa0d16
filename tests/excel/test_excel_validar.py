"""The desktop entry point `apoyo.excel.validar()` run for real through xlwings' remote engine.

A payload with ``client: "VBA"`` is what Excel's VBA client sends; `set_mock_caller` makes
``xw.Book.caller()`` return it, exactly as ``RunPython`` would on Windows/macOS. What Excel would
do is read from ``book.json()["actions"]`` and applied to the `Excel` model of conftest.
"""

from __future__ import annotations

import pytest

import apoyo.excel
from apoyo.errors import CATALOGO
from apoyo.read.inutilizable import sin_encabezado
from apoyo.schema import COLOR_AVISO, COLOR_ERROR, COLOR_OK, ETIQUETAS

N = 1200  # every planted fault of apoyo.example appears once (one every 97 rows)

#: Row of each planted fault (row i of the example is spreadsheet row i + 2) and the Resultado
#: text the CLI's marked copy gives it.
ESPERADO = {
    98: "clave-elector-fecha",
    195: "clave-elector-longitud",
    292: "ocr-longitud",
    389: "sin-ocr-ni-cic",
    486: "duplicado-clave-elector, duplicado-ocr, duplicado-cic",
    583: "nombre-invalido",
    680: "campo-obligatorio",
    777: "cic-digito-verificador",
    874: "espacios-corregidos, mayusculas-corregidas",
    971: "formato-ajustado",
    1068: "cic-con-digito",
    1165: "ocr-seccion",
}
#: Marked data cells (row, column 1-based in the template's order) and their fill.
CELDAS = {
    (98, 6): COLOR_ERROR, (195, 6): COLOR_ERROR, (292, 7): COLOR_ERROR, (389, 7): COLOR_ERROR,
    (486, 6): COLOR_ERROR, (486, 7): COLOR_ERROR, (486, 8): COLOR_ERROR, (583, 4): COLOR_ERROR,
    (680, 3): COLOR_ERROR, (777, 8): COLOR_ERROR, (874, 3): COLOR_AVISO, (874, 4): COLOR_AVISO,
    (971, 1): COLOR_AVISO, (1068, 8): COLOR_AVISO, (1165, 7): COLOR_AVISO,
}
ALERTA = ("Se revisaron 1,200 filas de la hoja «Apoyos»: 1,192 válidas y 8 con errores "
          "(10 errores y 7 avisos en total). Rojo = error, amarillo = aviso; el detalle está en "
          "la columna Resultado y en la hoja Resumen.")


def _correr(abrir, payload, entrada=apoyo.excel.validar):
    book = abrir(payload)
    entrada()
    return book.json()["actions"]


def test_marca_la_clave_del_mes_13_en_rojo_y_escribe_resultado_de_una_vez(abrir, xl):
    acts = _correr(abrir, xl.entrega(N))
    # The clave de elector (column F) of the "month 13" row 98 is red, alone in its call.
    assert {"func": "setRangeColor", "args": [COLOR_ERROR], "values": None,
            "sheet_position": 0, "start_row": 97, "start_column": 5, "row_count": 1,
            "column_count": 1} in acts
    # Resultado (column I, header already there as in the template): one setValues, rows 2..
    escrituras = [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == 0]
    assert len(escrituras) == 1
    [res] = escrituras
    assert (res["start_row"], res["start_column"], res["row_count"]) == (1, 8, N)
    esperado = [[ESPERADO.get(fila, "OK")] for fila in range(2, N + 2)]
    assert res["values"] == esperado


def test_colores_finales_iguales_a_los_de_la_copia_marcada(abrir, xl):
    payload = xl.entrega(N)
    excel = xl.Excel(payload).aplicar(_correr(abrir, payload))
    colores = excel.hoja("Apoyos")["colores"]
    datos = {c: v for c, v in colores.items() if c[1] <= 8}
    assert datos == CELDAS
    resultado = {f: v for (f, c), v in colores.items() if c == 9}
    assert set(resultado) == set(range(2, N + 2))
    for fila, color in resultado.items():
        texto = ESPERADO.get(fila, "OK")
        if texto == "OK":
            assert color == COLOR_OK
        elif any(CATALOGO[c].severidad == "error" for c in texto.split(", ")):
            assert color == COLOR_ERROR
        else:
            assert color == COLOR_AVISO


def test_resumen_y_alerta(abrir, xl):
    payload = xl.entrega(N)
    acts = _correr(abrir, payload)
    assert [a["args"] for a in acts if a["func"] == "addSheet"] == [[2, "Resumen"]]
    [resumen] = [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == 2]
    filas = resumen["values"]
    assert filas[0][0] == "Resumen de la validación de apoyos ciudadanos"
    pares = {f[0]: f[1] for f in filas[1:14]}
    assert pares["Hoja revisada"] == "Apoyos"
    assert pares["Entidad de la candidatura"] == "07"
    assert (pares["Filas con datos"], pares["Filas válidas (se pueden exportar)"],
            pares["Filas con errores"], pares["Errores (una fila puede tener varios)"],
            pares["Avisos"]) == (
        1200, 1192, 8, 10, 7)
    assert pares["Notas en celdas"].startswith("no disponibles con este cliente")
    i = filas.index(["Código", "Severidad", "Descripción", "Cantidad", "Primera fila"])
    tabla = {f[0]: f[1:] for f in filas[i + 1:]}
    assert tabla["clave-elector-fecha"] == ["error", "Fecha de nacimiento imposible", 1, 98]
    assert tabla["duplicado-ocr"] == ["error", "OCR repetido", 1, 486]
    assert tabla["espacios-corregidos"] == ["aviso", "Espacios corregidos", 2, 874]
    assert len(tabla) == 15
    # errors first, then warnings, each group by code (the CLI's order)
    severidades = [v[0] for v in tabla.values()]
    assert severidades == sorted(severidades, key=lambda s: s != "error")
    # the data sheet is active again, and the alert comes last
    assert acts[-2]["func"] == "activateSheet" and acts[-2]["args"] == [0]
    assert acts[-1]["func"] == "alert"
    assert acts[-1]["args"] == [ALERTA, "Apoyo ciudadano", "ok", "critical", ""]


def test_sin_datos_personales_en_resumen_ni_alerta(abrir, xl):
    payload = xl.entrega(N)
    valores = {v for fila in payload["sheets"][0]["values"][1:] for v in fila if v}
    acts = _correr(abrir, payload)
    textos = [a["args"][0] for a in acts if a["func"] == "alert"]
    textos += [str(v) for a in acts if a["func"] == "setValues" for f in a["values"] for v in f]
    for texto in textos:
        for valor in valores:
            if len(valor) >= 6:  # names and identifiers, not "07"
                assert valor not in texto


def test_columnas_en_otro_orden_y_sin_columna_resultado(abrir, xl):
    orden = [5, 7, 0, 2, 1, 6, 4, 3]  # clave de elector first, CIC second...
    payload = xl.entrega(N, orden=orden, resultado=False)
    acts = _correr(abrir, payload)
    # The header gets "Resultado" right after the eight columns, in the same single write.
    [res] = [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == 0]
    assert (res["start_row"], res["start_column"], res["row_count"]) == (0, 8, N + 1)
    assert res["values"][0] == ["Resultado"]
    assert res["values"][1:] == [[ESPERADO.get(f, "OK")] for f in range(2, N + 2)]
    excel = xl.Excel(payload).aplicar(acts)
    colores = excel.hoja("Apoyos")["colores"]
    nueva = {c: orden.index(c - 1) + 1 for c in range(1, 9)}  # template column -> this one
    esperado = {(f, nueva[c]): v for (f, c), v in CELDAS.items()}
    assert {c: v for c, v in colores.items() if c[1] <= 8} == esperado
    assert colores[(98, 1)] == COLOR_ERROR  # the clave is column A here


def test_hoja_con_otro_nombre_y_otra_hoja_activa(abrir, xl):
    payload = xl.entrega(N, hoja_datos="Captura 2024", activa=1)  # Aspirante is active
    acts = _correr(abrir, payload)
    assert acts[-1]["args"][0] == ALERTA.replace("«Apoyos»", "«Captura 2024»")
    [res] = [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == 0]
    assert res["values"][96] == ["clave-elector-fecha"]
    assert {"func": "activateSheet", "args": [0]}.items() <= acts[-2].items()


def test_encabezado_debajo_de_un_titulo(abrir, xl):
    base = xl.entrega(50)
    valores = [["Apoyos de la aspirante"], [], *base["sheets"][0]["values"]]
    payload = xl.carga([xl.hoja("Apoyos", valores), xl.hoja("Aspirante", xl.ASPIRANTE)])
    acts = _correr(abrir, payload)
    [res] = [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == 0]
    assert (res["start_row"], res["row_count"]) == (3, 50)  # data from row 4


def test_hoja_inutilizable_da_alerta_en_espanol_sin_tocar_nada(abrir, xl):
    payload = xl.carga([xl.hoja("Hoja1", [["Lista de asistentes"], ["Ana", "Pérez"]])])
    acts = _correr(abrir, payload)
    assert [a["func"] for a in acts] == ["alert"]
    error = sin_encabezado(20, "Hoja1")
    assert acts[0]["args"] == [f"{error.mensaje}\n\nQué hacer: {error.remedio}",
                               "Apoyo ciudadano", "ok", "critical", ""]
    assert "No se encontró la fila de encabezados en la hoja «Hoja1»" in acts[0]["args"][0]


def test_libro_vacio_sin_registros(abrir, xl):
    payload = xl.entrega(0)
    acts = _correr(abrir, payload)
    assert not [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == 0]
    assert acts[-1]["args"][0].startswith("La hoja «Apoyos» no tiene registros")
    [resumen] = [a for a in acts if a["func"] == "setValues"]
    assert ["sin-registros", "error", "Archivo sin registros", 1, "archivo"] in resumen["values"]


def test_columna_faltante_se_dice_en_la_alerta(abrir, xl):
    filas = [f[:7] for f in xl.filas_ejemplo(20)]  # no CIC column
    payload = xl.carga([xl.hoja("Apoyos", [xl.ENCABEZADO[:7], *filas])])
    acts = _correr(abrir, payload)
    assert acts[-1]["args"][0].endswith("Además: No se encontró la columna «CIC».")


def test_segunda_corrida_no_duplica_marcas(abrir, xl):
    payload = xl.entrega(N, resultado=False)
    primera = _correr(abrir, payload)
    excel = xl.Excel(payload).aplicar(primera)
    antes = excel.estado()
    segunda = _correr(abrir, excel.carga())
    excel.aplicar(segunda)
    assert excel.estado() == antes
    assert [h["name"] for h in excel.hojas] == ["Apoyos", "Aspirante", "Resumen"]
    # the second run empties Resumen instead of adding another sheet, and writes the same
    funcs = [a["func"] for a in segunda]
    assert "addSheet" not in funcs and funcs.count("sheetClear") == 1
    assert len(segunda) == len(primera)
    # and it first clears the fills of the eight columns + Resultado over the data rows
    assert segunda[0] == {"func": "setRangeColor", "args": ["#FFFFFF"], "values": None,
                          "sheet_position": 0, "start_row": 1, "start_column": 0,
                          "row_count": N, "column_count": 9}


def test_celda_corregida_pierde_su_marca(abrir, xl):
    payload = xl.entrega(N)
    excel = xl.Excel(payload).aplicar(_correr(abrir, payload))
    apoyos = excel.hoja("Apoyos")
    assert apoyos["colores"][(98, 6)] == COLOR_ERROR
    clave = apoyos["valores"][(98, 6)]
    apoyos["valores"][(98, 6)] = clave[:8] + "01" + clave[10:]  # the reviewer fixes the month
    excel.aplicar(_correr(abrir, excel.carga()))
    assert (98, 6) not in apoyos["colores"]
    assert apoyos["colores"][(98, 9)] == COLOR_OK
    assert apoyos["valores"][(98, 9)] == "OK"
    assert excel.alertas[-1][0].startswith("Se revisaron 1,200 filas de la hoja «Apoyos»: 1,193")


def test_filas_borradas_al_final_se_limpian(abrir, xl):
    payload = xl.entrega(300)
    excel = xl.Excel(payload).aplicar(_correr(abrir, payload))
    apoyos = excel.hoja("Apoyos")
    for (f, c) in list(apoyos["valores"]):
        if f > 200 and c <= 8:
            del apoyos["valores"][(f, c)]  # contents deleted, fills (and Resultado) remain
    excel.aplicar(_correr(abrir, excel.carga()))
    assert not [c for c in apoyos["colores"] if c[0] > 200]
    assert not [c for c in apoyos["valores"] if c[0] > 200]


def test_etiquetas_del_encabezado_no_cambian(abrir, xl):
    payload = xl.entrega(30)
    excel = xl.Excel(payload).aplicar(_correr(abrir, payload))
    fila1 = [excel.hoja("Apoyos")["valores"][(1, c)] for c in range(1, 10)]
    assert fila1 == [*ETIQUETAS.values(), "Resultado"]


@pytest.mark.parametrize("cliente, vacio", [("VBA", "#FFFFFF"), ("Office.js", None)])
def test_como_se_quita_un_relleno_segun_el_cliente(abrir, xl, cliente, vacio):
    acts = _correr(abrir, xl.entrega(30, cliente=cliente))
    assert acts[0]["func"] == "setRangeColor" and acts[0]["args"] == [vacio]


def test_acciones_que_entiende_el_cliente_vba(abrir, xl):
    """Every action of the VBA path is a Sub of xlwings' VBA client (addin/Remote.bas), which
    runs them with ``Application.Run action("func"), wb, action``."""
    import re
    from pathlib import Path

    import xlwings

    remoto = (Path(xlwings.__file__).parent / "addin" / "Remote.bas").read_text("latin-1")
    conocidas = set(re.findall(r"^Sub (\w+)\(wb As Workbook, action As Dictionary\)", remoto,
                               re.MULTILINE))
    assert {"setValues", "setRangeColor", "alert"} <= conocidas
    payload = xl.entrega(N, resultado=False)
    primera = _correr(abrir, payload)
    segunda = _correr(abrir, xl.Excel(payload).aplicar(primera).carga())
    usadas = {a["func"] for a in primera + segunda}
    assert usadas <= conocidas, usadas - conocidas


def test_lite_no_importa_lectores_compilados():
    """xlwings Lite runs in Pyodide: the adapter must not import python-calamine."""
    import subprocess
    import sys

    codigo = ("import sys, apoyo.excel.lite; "
              "print(sorted(m for m in sys.modules if m.startswith('python_calamine')))")
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                            check=True, env={"XLWINGS_LICENSE_KEY": "noncommercial",
                                             "PATH": ""})
    assert salida.stdout.strip() == "[]"
