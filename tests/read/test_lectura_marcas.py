"""A workbook of the capture template (version 2) after a validation in Excel: the hidden flags
column J (`COLUMNA_MARCAS`) is ignored like Resultado. Re-validating gives the same findings as
without it, a row whose only content is flags is empty, the marked copy does not carry it, and a
workbook of the first template gets ``plantilla-antigua``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from .ayudas_lectura import ENCABEZADOS, FILA_1, FILA_2

from apoyo.check import Contexto
from apoyo.errors import hallazgo
from apoyo.example import generar
from apoyo.pipeline import validar_archivo
from apoyo.read import leer
from apoyo.schema import COLUMNA_MARCAS, COLUMNA_RESULTADO, VERSION_PLANTILLA
from apoyo.template import escribir_plantilla

CORTE = date(2026, 11, 29)


def _validada(ruta: Path, filas, marcas: dict[int, tuple[str, str]]) -> Path:
    """The template filled with `filas` from row 2, then Resultado (I) and flags (J) written
    in the rows of `marcas` (row -> (Resultado, flags)), as the in-Excel checker leaves them."""
    escribir_plantilla(ruta, filas=filas)
    libro = openpyxl.load_workbook(ruta)
    hoja = libro["Apoyos"]
    for fila, (resultado, texto) in marcas.items():
        hoja.cell(fila, 9).value = resultado or None
        hoja.cell(fila, 10).value = texto
    libro.save(ruta)
    return ruta


def test_columna_de_marcas_ignorada(tmp_path: Path) -> None:
    # Row 5 only has flags left over (its data was deleted after a validation).
    ruta = _validada(tmp_path / "validada.xlsx", [FILA_1, FILA_2],
                     {2: ("OK", "________V"), 3: ("OK", "________V"), 5: ("", "_____E__E")})
    assert openpyxl.load_workbook(ruta)["Apoyos"].column_dimensions["J"].hidden
    tabla = leer(ruta)
    assert tabla.encabezados == [*ENCABEZADOS, COLUMNA_RESULTADO]  # J is not part of the width
    assert tabla.metadatos["version_plantilla"] == VERSION_PLANTILLA == "2"
    assert tabla.hallazgos == []  # no "contenido-oculto" for the hidden J, no old template
    assert list(tabla.valores()) == [(2, tuple(FILA_1)), (3, tuple(FILA_2))]


def test_fila_con_solo_marcas_en_otra_posicion_es_vacia(libro) -> None:  # noqa: ANN001
    # The flags column among other columns (someone typed a header after it): still ignored.
    encabezado = [*ENCABEZADOS, COLUMNA_RESULTADO, COLUMNA_MARCAS, "Observaciones"]
    ruta = libro("otra.xlsx", {"Apoyos": [encabezado, [*FILA_1, "OK", "________V", "x"],
                                          [None] * 9 + ["A_______A"]]})
    tabla = leer(ruta)
    assert tabla.encabezados == encabezado
    assert [f.fila for f in tabla.filas()] == [2]
    assert tabla.hallazgos == []


def test_revalidar_da_los_mismos_hallazgos_y_la_copia_no_lleva_marcas(tmp_path: Path) -> None:
    filas = generar(300, 5, fecha_corte=CORTE)
    for carpeta in ("a", "b"):  # the outputs go beside each input
        (tmp_path / carpeta).mkdir()
    limpia = escribir_plantilla(tmp_path / "a" / "entrega.xlsx", filas=filas)
    # The same file after a validation in Excel: every row has Resultado and flags, and
    # two rows past the data keep flags of rows deleted since.
    marcas = {f: ("x", "_____E__E") for f in range(2, 302)}
    marcas |= {302: ("", "A_______A"), 303: ("", "________V")}
    validada = _validada(tmp_path / "b" / "entrega.xlsx", filas, marcas)
    resultados = []
    for ruta in (limpia, validada):
        tabla, revision, salidas = validar_archivo(ruta, Contexto(fecha_corte=CORTE))
        resultados.append(revision)
        copia = openpyxl.load_workbook(salidas.revisado)["Apoyos"]
        assert [c.value for c in copia[1]] == [*ENCABEZADOS, COLUMNA_RESULTADO]
        assert copia.max_column == 9 and copia.max_row == 301
    a, b = resultados
    assert (b.filas, b.filas_validas) == (a.filas, a.filas_validas) == (300, a.filas_validas)
    assert [(h.fila, h.campo, h.codigo) for h in b.hallazgos] == \
        [(h.fila, h.campo, h.codigo) for h in a.hallazgos]
    assert a.errores > 0


@pytest.mark.parametrize("version", ["1", 1.0])
def test_plantilla_version_1_da_aviso(libro, version) -> None:  # noqa: ANN001
    ruta = libro("v1.xlsx", {"Aspirante": [["Versión de la plantilla", version]],
                             "Apoyos": [[*ENCABEZADOS, COLUMNA_RESULTADO], FILA_1]})
    tabla = leer(ruta)
    assert tabla.hallazgos == [hallazgo("plantilla-antigua", None, None, "1", actual="2")]
    assert tabla.hallazgos[0].mensaje == ("El archivo usa la versión «1» de la plantilla; la "
                                          "actual es la 2.")
