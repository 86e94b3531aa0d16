"""The six handed cases, read with exact expectations."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from apoyo.read import Tabla, leer
from apoyo.schema import CAMPOS
from compartido import requerir_compartido

requerir_compartido()

COLUMNAS_EN_ORDEN = {campo: i for i, campo in enumerate(CAMPOS)}
ARCHIVOS = [
    "columnas_formateadas.xlsx",
    "duplicados.xlsx",
    "espacios_acentos.xlsx",
    "excel_cp1252.csv",
    "excel_numeros.xlsx",
    "libreoffice_guardado.xlsx",
]


def _fila(tabla: Tabla, numero: int) -> dict[str, object]:
    for fila, valores in tabla.valores():
        if fila == numero:
            return dict(zip(CAMPOS, valores, strict=True))
    raise AssertionError(f"no hay fila {numero}")


@pytest.mark.parametrize("archivo", ARCHIVOS)
def test_cuenta_y_numeracion_de_filas(casos: Path, archivo: str) -> None:
    esperado = json.loads((casos / archivo).with_suffix(".expected.json").read_text("utf-8"))
    tabla = leer(casos / archivo)
    filas = [f.fila for f in tabla.filas()]
    assert len(filas) == esperado["filas"]
    assert filas == list(range(2, 2 + esperado["filas"]))
    assert tabla.fila_encabezado == 1
    assert tabla.columnas == COLUMNAS_EN_ORDEN
    assert tabla.hallazgos == []
    assert tabla.archivo == archivo
    # every row named in the expectations exists
    for fila, _campo in esperado["errores"]:
        assert fila in filas
    assert set(esperado["limpias"]) <= set(filas)


def test_excel_numeros_conserva_numeros_crudos(casos: Path) -> None:
    tabla = leer(casos / "excel_numeros.xlsx")
    assert tabla.formato == "xlsx" and tabla.hoja == "Apoyos"
    assert tabla.metadatos == {
        "formato": "xlsx", "hoja": "Apoyos", "hojas": ["Apoyos"],
    }
    fila2 = _fila(tabla, 2)
    assert fila2["clave_estado"] == 7.0 and isinstance(fila2["clave_estado"], float)
    assert fila2["seccion"] == 1726.0
    assert fila2["ocr"] == 1726668657279.0
    assert fila2["cic"] == 767794671.0
    assert fila2["clave_elector"] == "VZSNSF92021707M101"
    # row 5: seccion < 1000 and a 12-digit OCR (leading zero lost)
    assert _fila(tabla, 5)["seccion"] == 191.0
    assert _fila(tabla, 5)["ocr"] == 191693691046.0
    # row 7: OCR shown in scientific format is still the full number
    assert _fila(tabla, 7)["ocr"] == 1111793965358.0
    assert _fila(tabla, 10)["clave_elector"] == "GMMRJN50132107H192"


def test_espacios_acentos_sin_tocar(casos: Path) -> None:
    tabla = leer(casos / "espacios_acentos.xlsx")
    assert _fila(tabla, 2)["nombre"] == "\xa0MARTHA"
    assert _fila(tabla, 2)["apellido_paterno"] == "SANCHEZ "
    assert _fila(tabla, 3)["nombre"] == "ANA  LAURA"
    assert _fila(tabla, 3)["apellido_materno"] == "CASTILLO\t"
    assert _fila(tabla, 7)["apellido_paterno"] == "G4RCIA"
    assert _fila(tabla, 10)["ocr"] == " 0102361587332 "
    assert _fila(tabla, 11)["nombre"] is None
    assert _fila(tabla, 12)["apellido_materno"] == "TORRES\u200b"
    assert _fila(tabla, 13)["nombre"] == "JUAN\nCARLOS"
    assert _fila(tabla, 14)["clave_estado"] == "07 "


def test_duplicados_leidos_tal_cual(casos: Path) -> None:
    tabla = leer(casos / "duplicados.xlsx")
    assert _fila(tabla, 6)["clave_elector"] == _fila(tabla, 3)["clave_elector"]
    assert _fila(tabla, 9) == _fila(tabla, 4)
    assert _fila(tabla, 2)["ocr"] == "0680924950219"


def test_libreoffice_encabezados_en_minusculas(casos: Path) -> None:
    tabla = leer(casos / "libreoffice_guardado.xlsx")
    assert tabla.hoja == "libreoffice_guardado"
    assert tabla.encabezados == [
        "clave del estado", "seccion electoral", "nombre(s)", "apellido paterno",
        "apellido materno", "clave de elector", "ocr", "cic",
    ]
    assert tabla.columnas == COLUMNAS_EN_ORDEN
    assert _fila(tabla, 4)["ocr"] == 726874313258.0
    assert _fila(tabla, 8)["clave_elector"] == "RMMROS69020907H59"


def test_excel_cp1252(casos: Path) -> None:
    tabla = leer(casos / "excel_cp1252.csv")
    assert tabla.formato == "csv" and tabla.hoja is None
    assert tabla.metadatos == {
        "formato": "csv", "encoding": "cp1252", "delimitador": ";",
    }
    assert tabla.encabezados[1] == "Sección electoral"
    assert _fila(tabla, 3)["apellido_materno"] == "CASTAÑEDA"
    assert _fila(tabla, 2)["nombre"] == "JOSÉ"
    assert _fila(tabla, 6)["clave_estado"] == "7"
    assert _fila(tabla, 11)["ocr"] == "231133620811"
    assert all(isinstance(v, str) for _, valores in tabla.valores() for v in valores)


def test_valores_primera_y_ultima(casos: Path) -> None:
    valores = list(leer(casos / "columnas_formateadas.xlsx").valores())
    assert valores[0] == (
        2,
        ("07", "2415", "IRMA", "RAMIREZ", "LOPEZ", "RMLPIR44091707M120", "2415528329976",
         "666720306"),
    )
    assert valores[-1][0] == 13
    assert valores[7] == (
        9, ("07", "2263", "JUAN CARLOS", "DIAZ", "MARTINEZ", "DZMRJN88040407H037", None, None)
    )


def test_columnas_formateadas_no_cuestan_tiempo(casos: Path) -> None:
    inicio = time.perf_counter()
    tabla = leer(casos / "columnas_formateadas.xlsx")
    assert sum(1 for _ in tabla.filas()) == 12
    assert time.perf_counter() - inicio < 2


def test_filas_es_reiterable(casos: Path) -> None:
    tabla = leer(casos / "duplicados.xlsx")
    primera = tabla.filas()
    segunda = tabla.filas()
    assert iter(primera) is primera  # an iterator, not a list
    assert list(primera) == list(segunda) == list(tabla.filas())
    assert len(list(tabla.filas())) == 12

