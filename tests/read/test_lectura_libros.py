"""Generated workbooks: layout variations, template sheets, macros, cell types, other formats."""

from __future__ import annotations

import datetime
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from .ayudas_lectura import ENCABEZADOS, FILA_1, FILA_2, escribir_libro

from apoyo.errors import hallazgo
from apoyo.read import ErrorDeCelda, leer
from apoyo.schema import CAMPOS, VERSION_PLANTILLA

Libro = Callable[..., Path]


def test_datos_desde_c5(libro: Libro) -> None:
    ruta = libro("c5.xlsx", {"Hoja1": [ENCABEZADOS, FILA_1, FILA_2]}, inicio=(4, 2))
    tabla = leer(ruta)
    assert tabla.fila_encabezado == 5
    assert tabla.encabezados == ["", "", *ENCABEZADOS]
    assert tabla.columnas == {campo: i + 2 for i, campo in enumerate(CAMPOS)}
    filas = list(tabla.filas())
    assert [f.fila for f in filas] == [6, 7]
    assert filas[0].celdas == (None, None, *FILA_1)
    assert list(tabla.valores()) == [(6, tuple(FILA_1)), (7, tuple(FILA_2))]
    assert tabla.fila_encabezado == 5 and "filas_encabezado" not in tabla.metadatos


def test_titulo_arriba_del_encabezado(libro: Libro) -> None:
    filas = [["Apoyos ciudadanos de ANA"], [], ["Corte al 1 de marzo"], ENCABEZADOS, FILA_1]
    tabla = leer(libro("titulo.xlsx", {"Datos": filas}))
    assert tabla.fila_encabezado == 4
    assert [f.fila for f in tabla.filas()] == [5]


def test_columnas_en_otro_orden_y_columnas_extra(libro: Libro) -> None:
    orden = [7, 6, 5, 4, 3, 2, 1, 0]
    encabezados = ["Teléfono"] + [ENCABEZADOS[i] for i in orden] + ["Observaciones"]
    fila = ["5555"] + [FILA_1[i] for i in orden] + ["ok"]
    tabla = leer(libro("orden.xlsx", {"Apoyos": [encabezados, fila]}))
    assert tabla.columnas == {CAMPOS[i]: 1 + n for n, i in enumerate(orden)}
    assert tabla.hallazgos == []
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]
    assert next(tabla.filas()).celdas == tuple(fila)


def test_columna_faltante(libro: Libro) -> None:
    sin_cic = [ENCABEZADOS[:7], FILA_1[:7]]
    tabla = leer(libro("sin_cic.xlsx", {"Apoyos": sin_cic}))
    assert tabla.hallazgos == [hallazgo("columna-faltante", None, "cic")]
    assert tabla.hallazgos[0].mensaje == "No se encontró la columna «CIC»."
    assert list(tabla.valores()) == [(2, (*FILA_1[:7], None))]


def test_columna_repetida(libro: Libro) -> None:
    encabezados = [*ENCABEZADOS, "OCR"]
    tabla = leer(libro("rep.xlsx", {"Apoyos": [encabezados, [*FILA_1, "999"]]}))
    assert tabla.columnas["ocr"] == 6
    assert tabla.hallazgos == [hallazgo("columna-repetida", None, "ocr", columnas="G y I")]
    assert tabla.hallazgos[0].mensaje == (
        "La columna «OCR» aparece más de una vez (columnas G y I); se revisó la primera."
    )


def test_solo_encabezado(libro: Libro) -> None:
    tabla = leer(libro("vacio.xlsx", {"Apoyos": [ENCABEZADOS]}))
    assert list(tabla.filas()) == []
    assert tabla.hallazgos == []  # sin-registros is the checker's finding


def test_filas_en_blanco_en_medio(libro: Libro) -> None:
    filas = [ENCABEZADOS, FILA_1, [], [None, "  ", "\xa0"], FILA_2, [], ["", "", "\t"]]
    tabla = leer(libro("blancos.xlsx", {"Apoyos": filas}))
    assert [f.fila for f in tabla.filas()] == [2, 5]


def test_filas_con_formato_sin_datos(tmp_path: Path) -> None:
    ruta = tmp_path / "formato.xlsx"
    wb = xlsxwriter.Workbook(str(ruta))
    ws = wb.add_worksheet("Apoyos")
    texto = wb.add_format({"num_format": "@", "bg_color": "#FFFF00"})
    ws.set_column(0, 7, 18, texto)
    ws.write_row(0, 0, ENCABEZADOS)
    ws.write_row(1, 0, FILA_1)
    for fila in range(2, 2000):
        ws.write_blank(fila, 0, None, texto)
    wb.close()
    assert [f.fila for f in leer(ruta).filas()] == [2]


def test_resultado_y_resumen_ignorados(tmp_path: Path) -> None:
    ruta = escribir_libro(
        tmp_path / "marcado.xlsx",
        {
            "Resumen": [ENCABEZADOS, ["x"] * 8],
            "Apoyos": [
                [*ENCABEZADOS, "Resultado"],
                [*FILA_1, "OK"],
                [None] * 8 + ["Sin datos"],
                [*FILA_2, "2 errores"],
            ],
        },
    )
    tabla = leer(ruta)
    assert tabla.hoja == "Apoyos"
    assert tabla.metadatos["hojas"] == ["Resumen", "Apoyos"]
    assert "resultado" not in tabla.columnas and len(tabla.columnas) == 8
    # Resumen is never read, but a row under the eight headers there is said.
    assert [(h.codigo, h.mensaje.split(",")[0]) for h in tabla.hallazgos] == [
        ("otra-hoja-con-datos", "La hoja «Resumen» también tiene los encabezados y 1 fila con "
                                "datos")]
    assert [f.fila for f in tabla.filas()] == [2, 4]
    assert next(tabla.valores()) == (2, tuple(FILA_1))


def test_resumen_nunca_es_la_hoja_de_datos(tmp_path: Path) -> None:
    ruta = escribir_libro(
        tmp_path / "r.xlsx",
        {"Resumen": [ENCABEZADOS, FILA_1], "Hoja2": [["notas"]], "Datos": [ENCABEZADOS, FILA_2]},
    )
    tabla = leer(ruta)
    assert tabla.hoja == "Datos"
    assert list(tabla.valores()) == [(2, tuple(FILA_2))]


def test_primera_hoja_visible_con_encabezado(tmp_path: Path) -> None:
    ruta = tmp_path / "oculta.xlsx"
    wb = xlsxwriter.Workbook(str(ruta))
    portada = wb.add_worksheet("Portada")
    portada.write(0, 0, "Instrucciones de captura")
    oculta = wb.add_worksheet("Vieja")
    oculta.write_row(0, 0, ENCABEZADOS)
    oculta.write_row(1, 0, FILA_2)
    oculta.hide()
    buena = wb.add_worksheet("Captura")
    buena.write_row(0, 0, ENCABEZADOS)
    buena.write_row(1, 0, FILA_1)
    wb.close()
    tabla = leer(ruta)
    assert tabla.hoja == "Captura"
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]


def test_hoja_apoyos_tiene_prioridad(tmp_path: Path) -> None:
    ruta = escribir_libro(
        tmp_path / "p.xlsx", {"Otra": [ENCABEZADOS, FILA_2], "Apoyos": [ENCABEZADOS, FILA_1]}
    )
    assert leer(ruta).hoja == "Apoyos"


def test_hoja_aspirante_y_version(tmp_path: Path) -> None:
    aspirante = [
        ["Nombre del aspirante", "ANA LÓPEZ PÉREZ"],
        ["Cargo", "Diputación local"],
        ["Entidad", "Chiapas"],
        ["Distrito", 7.0],
        ["Municipio", None],
        ["Responsable", "JUAN PÉREZ"],
        ["Fecha", datetime.date(2024, 3, 1)],
        ["Versión de la plantilla", VERSION_PLANTILLA],
    ]
    ruta = tmp_path / "plantilla.xlsx"
    wb = xlsxwriter.Workbook(str(ruta))
    fecha = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws = wb.add_worksheet("Aspirante")
    for i, (etiqueta, valor) in enumerate(aspirante):
        ws.write(i, 0, etiqueta)
        if isinstance(valor, datetime.date):
            ws.write_datetime(i, 1, valor, fecha)
        elif valor is not None:
            ws.write(i, 1, valor)
    datos = wb.add_worksheet("Apoyos")
    datos.write_row(0, 0, ENCABEZADOS)
    datos.write_row(1, 0, FILA_1)
    wb.close()
    tabla = leer(ruta)
    assert tabla.aspirante == {
        "nombre": "ANA LÓPEZ PÉREZ",
        "cargo": "Diputación local",
        "entidad": "Chiapas",
        "distrito": "7",
        "responsable": "JUAN PÉREZ",
        "fecha": "2024-03-01",
    }
    assert tabla.metadatos["version_plantilla"] == VERSION_PLANTILLA
    assert tabla.hallazgos == []


def test_plantilla_antigua(libro: Libro) -> None:
    ruta = libro(
        "vieja.xlsx",
        {"Aspirante": [["Versión de la plantilla", 0.0]], "Apoyos": [ENCABEZADOS, FILA_1]},
    )
    tabla = leer(ruta)
    assert tabla.metadatos["version_plantilla"] == "0"
    assert tabla.hallazgos == [
        hallazgo("plantilla-antigua", None, None, "0", actual=VERSION_PLANTILLA)
    ]


def test_version_en_nombre_definido(tmp_path: Path) -> None:
    ruta = tmp_path / "nombre.xlsx"
    wb = xlsxwriter.Workbook(str(ruta))
    wb.add_worksheet("Apoyos").write_row(0, 0, ENCABEZADOS)
    wb.get_worksheet_by_name("Apoyos").write_row(1, 0, FILA_1)
    wb.define_name("VersionPlantilla", '="99"')
    wb.close()
    tabla = leer(ruta)
    assert tabla.metadatos["version_plantilla"] == "99"
    assert [h.codigo for h in tabla.hallazgos] == ["plantilla-antigua"]


def test_xlsm_macros_ignoradas(tmp_path: Path) -> None:
    origen = escribir_libro(tmp_path / "m.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1]})
    ruta = tmp_path / "con_macros.xlsm"
    with zipfile.ZipFile(origen) as src, zipfile.ZipFile(ruta, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not executed")
    tabla = leer(ruta)
    assert tabla.formato == "xlsm"
    assert tabla.hallazgos == [hallazgo("macros-ignoradas", None, None)]
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]


def test_tipos_de_celda_y_errores(tmp_path: Path) -> None:
    ruta = tmp_path / "tipos.xlsx"
    wb = xlsxwriter.Workbook(str(ruta))
    ws = wb.add_worksheet("Apoyos")
    fecha = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, ENCABEZADOS)
    ws.write_number(1, 0, 7)
    ws.write_formula(1, 1, "=NA()", None, "#N/A")
    ws.write_datetime(1, 2, datetime.datetime(2024, 1, 2), fecha)
    ws.write_boolean(1, 3, True)
    ws.write_formula(1, 4, "=1/0", None, "#DIV/0!")
    ws.write_string(1, 5, "ABC")
    ws.write_formula(2, 6, "=1/0", None, "#DIV/0!")  # a row whose only content is an error
    wb.close()
    filas = list(leer(ruta).filas())
    assert [f.fila for f in filas] == [2, 3]
    celdas = filas[0].celdas
    assert celdas[0] == 7.0
    assert isinstance(celdas[1], ErrorDeCelda) and celdas[1] == "#N/A"
    assert celdas[2] == datetime.date(2024, 1, 2)
    assert celdas[3] is True
    assert celdas[4] == ErrorDeCelda("#DIV/0!")
    assert celdas[5:] == ("ABC", None, None)
    assert filas[1].celdas[6] == "#DIV/0!"


def test_celdas_rellenadas_al_ancho_del_encabezado(libro: Libro) -> None:
    tabla = leer(libro("corta.xlsx", {"Apoyos": [ENCABEZADOS, ["07", "1234"]]}))
    assert next(tabla.filas()).celdas == ("07", "1234", None, None, None, None, None, None)


def test_libro_escrito_con_openpyxl(tmp_path: Path) -> None:
    ruta = tmp_path / "openpyxl.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Apoyos"
    ws.append(ENCABEZADOS)
    ws.append(FILA_1)
    ws["D10"] = "PEREZ"
    wb.save(ruta)
    assert [f.fila for f in leer(ruta).filas()] == [2, 10]


def test_xls_con_extension_xlsx_se_lee_por_contenido(
    libro: Libro, convertir: Callable[[Path, str], Path], tmp_path: Path
) -> None:
    xls = convertir(libro("origen.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1]}), "xls")
    disfrazado = tmp_path / "disfrazado.xlsx"
    shutil.copy(xls, disfrazado)
    tabla = leer(disfrazado)
    assert tabla.formato == "xls"
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]


@pytest.mark.parametrize("formato", ["ods", "xls"])
def test_ods_y_xls_desde_c5(
    libro: Libro, convertir: Callable[[Path, str], Path], formato: str
) -> None:
    origen = libro(
        f"c5_{formato}.xlsx",
        {"Apoyos": [ENCABEZADOS, FILA_1, [], FILA_2], "Resumen": [["x"]]},
        inicio=(4, 2),
    )
    tabla = leer(convertir(origen, formato))
    assert tabla.formato == formato
    assert tabla.hoja == "Apoyos"
    assert tabla.fila_encabezado == 5
    assert tabla.columnas["clave_estado"] == 2
    assert list(tabla.valores()) == [(6, tuple(FILA_1)), (8, tuple(FILA_2))]


@pytest.mark.parametrize("extension", [".xls", ".csv", ".ods"])
def test_xlsx_con_otra_extension_se_lee_por_contenido(
    libro: Libro, tmp_path: Path, extension: str
) -> None:
    origen = libro("origen.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1]})
    renombrado = tmp_path / f"renombrado{extension}"
    shutil.copy(origen, renombrado)
    tabla = leer(renombrado)
    assert tabla.formato == "xlsx"
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]


def test_error_de_celda_se_reconoce_en_valores(tmp_path: Path) -> None:
    ruta = tmp_path / "na.xlsx"
    wb = xlsxwriter.Workbook(str(ruta))
    ws = wb.add_worksheet("Apoyos")
    ws.write_row(2, 1, ENCABEZADOS)  # header at B3: error cell columns are absolute
    ws.write_row(3, 1, FILA_1[:6])
    ws.write_formula(3, 7, "=BUSCARV()", None, "#N/A")
    wb.close()
    fila, valores = next(leer(ruta).valores())
    assert fila == 4
    assert valores[6] == ErrorDeCelda("#N/A") and isinstance(valores[6], ErrorDeCelda)
    assert valores[7] is None


@pytest.mark.parametrize("inicio", [(0, 0), (2, 1)])
def test_filas_mas_anchas_que_el_encabezado(tmp_path: Path, inicio: tuple[int, int]) -> None:
    # A note typed two columns past the header in the second data row makes every row of the
    # sheet wider than the header: the empty cells past it are dropped (rows of the header's
    # width), the note is kept in its row.
    ruta = escribir_libro(tmp_path / "ancho.xlsx", {"Apoyos": [
        ENCABEZADOS, FILA_1, [*FILA_2, None, "nota"], FILA_1[:7]]}, inicio)
    tabla = leer(ruta)
    ancho = inicio[1] + len(ENCABEZADOS)
    filas = list(tabla.filas())
    assert [len(f.celdas) for f in filas] == [ancho, ancho + 2, ancho]
    assert filas[0].celdas == (None,) * inicio[1] + tuple(FILA_1)
    assert filas[1].celdas[-3:] == (FILA_2[-1], None, "nota")
    assert filas[2].celdas == (None,) * inicio[1] + tuple(FILA_1[:7]) + (None,)
    assert [f.fila for f in filas] == [inicio[0] + n for n in (2, 3, 4)]
