"""The add-in warns about other sheets holding apoyos, as the CLI's reader does
(``otra-hoja-con-datos``): found by a tester, the add-in checked the data sheet and said nothing
of rows typed in another sheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl

import apoyo.excel
from apoyo.read import leer

RESPALDO = ("La hoja «Respaldo» también tiene los encabezados y 3 filas con datos, pero solo se "
            "revisó la hoja «Apoyos»: esos datos no se revisaron ni se exportan.")
HOJA2 = ("La hoja «Hoja2» (oculta) también tiene 4 filas con datos que parecen apoyos, sin fila "
         "de encabezados, pero solo se revisó la hoja «Apoyos»: esos datos no se revisaron ni se "
         "exportan.")


def _hojas(xl):
    filas = [list(f) for f in xl.filas_ejemplo(20)]
    return {
        "Apoyos": [xl.ENCABEZADO, *filas[:10]],
        "Aspirante": xl.ASPIRANTE,
        "Respaldo": [xl.ENCABEZADO, *filas[10:13]],
        "Notas": [["Municipio", "Total"], ["Tuxtla", 10], ["Comitán", 4]],
        "Hoja2": filas[13:17],  # no header row, but plainly apoyos
    }


def test_alerta_y_resumen_nombran_las_otras_hojas(abrir, xl):
    hojas = _hojas(xl)
    payload = xl.carga([xl.hoja(nombre, valores, **({"visibility": "Hidden"}
                                                      if nombre == "Hoja2" else {}))
                        for nombre, valores in hojas.items()])
    book = abrir(payload)
    apoyo.excel.validar()
    acts = book.json()["actions"]
    alerta = acts[-1]["args"][0]
    assert alerta.endswith(f"\n\nAdemás: {RESPALDO} {HOJA2}")
    [resumen] = [a for a in acts if a["func"] == "setValues"
                 and a["sheet_position"] == len(hojas)]
    filas = resumen["values"]
    i = filas.index(["Hallazgos del archivo", "", "", "", ""])
    como = ("Cómo corregir: Junte todas las filas en una sola hoja (se revisa y se exporta una "
            "sola hoja por archivo) y vuelva a validar; o borre la hoja que sobra.")
    assert filas[i + 1:] == [
        ["Hallazgo", "Severidad", "Qué pasa y cómo corregirlo", "", ""],
        ["Otra hoja con datos (otra-hoja-con-datos)", "Aviso", f"{RESPALDO}\n{como}", "", ""],
        ["Otra hoja con datos (otra-hoja-con-datos)", "Aviso", f"{HOJA2}\n{como}", "", ""],
    ]
    pares = {f[0]: f[1] for f in filas[1:14]}
    assert (pares["Aspirante"], pares["Cargo"]) == ("María López Hernández", "Gubernatura")
    # The data sheet alone is written to: the other sheets are only read.
    assert {a["sheet_position"] for a in acts if a["func"] == "setValues"} == {0, len(hojas)}


def test_lo_mismo_que_la_linea_de_comandos(abrir, xl, tmp_path: Path):
    hojas = _hojas(xl)
    libro = openpyxl.Workbook()
    libro.remove(libro.active)
    for nombre, valores in hojas.items():
        hoja = libro.create_sheet(nombre)
        for fila in valores:
            hoja.append(list(fila))
    libro["Hoja2"].sheet_state = "hidden"
    ruta = tmp_path / "entrega.xlsx"
    libro.save(ruta)
    de_cli = [h for h in leer(ruta).hallazgos if h.codigo == "otra-hoja-con-datos"]

    payload = xl.carga([xl.hoja(nombre, valores, **({"visibility": "Hidden"}
                                                      if nombre == "Hoja2" else {}))
                        for nombre, valores in hojas.items()])
    abrir(payload)
    book = apoyo.excel.adaptador._llamador()
    v = apoyo.excel.adaptador.validar_libro(book, avisar=False)
    del_excel = [h for h in v.revision.hallazgos if h.codigo == "otra-hoja-con-datos"]
    assert [h.mensaje for h in de_cli] == [RESPALDO, HOJA2]
    assert del_excel == de_cli


def test_plantilla_sola_no_lee_sus_otras_hojas(abrir, xl):
    # Aspirante (and Instrucciones, Resumen) never hold apoyos: not even read.
    payload = xl.entrega(30)
    book = abrir(payload)
    v = apoyo.excel.adaptador.validar_libro(book, avisar=False)
    assert [h for h in v.revision.hallazgos if h.codigo == "otra-hoja-con-datos"] == []


def test_hoja_activa_con_una_lista_de_personal_no_tapa_los_apoyos(abrir, xl):
    """As the CLI's reader: the sheet whose header names the most fields is checked; a staff
    list (no identifier column) is not warned about either."""
    capturistas = [["Nombre", "Apellido paterno", "Apellido materno", "Sección", "Teléfono"],
                   *[["ANA", "LOPEZ", "RUIZ", "1726", "9611234567"]] * 5]
    filas = [list(f) for f in xl.filas_ejemplo(20)]
    payload = xl.carga([xl.hoja("Capturistas", capturistas),
                        xl.hoja("Hoja1", [xl.ENCABEZADO, *filas]),
                        xl.hoja("Aspirante", xl.ASPIRANTE)], activa=0)
    book = abrir(payload)
    v = apoyo.excel.adaptador.validar_libro(book, avisar=False)
    assert v.hoja == "Hoja1"
    assert (v.revision.filas, v.revision.filas_validas) == (20, 20)
    assert [h.codigo for h in v.revision.hallazgos if h.fila is None] == []


def test_resumen_del_usuario_con_apoyos_no_se_borra(abrir, xl):
    """Found by a tester (with the CLI): a user's «Resumen» sheet holding apoyos was not warned
    about, and the add-in would have emptied it to write its summary there."""
    filas = [list(f) for f in xl.filas_ejemplo(6)]
    hojas = {"Apoyos": [xl.ENCABEZADO, *filas[:4]], "Resumen": [xl.ENCABEZADO, *filas[4:]]}
    book = abrir(xl.carga([xl.hoja(nombre, valores) for nombre, valores in hojas.items()]))
    apoyo.excel.validar()
    acts = book.json()["actions"]
    assert ("La hoja «Resumen» también tiene los encabezados y 2 filas con datos"
            in acts[-1]["args"][0])
    # The summary goes to a new sheet «Resumen (2)»; «Resumen» is neither emptied nor written.
    assert [a["args"] for a in acts if a["func"] == "addSheet"] == [[2, "Resumen (2)"]]
    assert not [a for a in acts if a["sheet_position"] == 1
                and a["func"] in ("setValues", "clearContents", "clear")]


def test_resumen_del_usuario_revisado_no_se_borra(abrir, xl):
    """A user's only sheet of apoyos may be named «Resumen»: it is the sheet checked and marked,
    and the summary goes to «Resumen (2)», never over the apoyos."""
    filas = [list(f) for f in xl.filas_ejemplo(3)]
    book = abrir(xl.carga([xl.hoja("Resumen", [xl.ENCABEZADO, *filas])]))
    v = apoyo.excel.adaptador.validar_libro(book, avisar=False)
    assert (v.hoja, v.revision.filas) == ("Resumen", 3)
    acts = book.json()["actions"]
    assert [a["args"] for a in acts if a["func"] == "addSheet"] == [[1, "Resumen (2)"]]
    assert not [a for a in acts if a["sheet_position"] == 0
                and a["func"] in ("clearContents", "clear")]
