"""Hidden rows and columns are found whatever the order of the tag's attributes (found by a
tester: openpyxl writes ``<col hidden="1" min="8" max="8" .../>``, with ``hidden`` first, and
that hidden column H got no ``contenido-oculto`` warning; XlsxWriter writes it last)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from .ayudas_lectura import ENCABEZADOS, FILA_1, FILA_2

from apoyo.read import leer
from apoyo.read.ooxml import DetallesHoja, _ocultos_en


@pytest.mark.parametrize("etiqueta", [
    b'<col hidden="1" min="8" max="8" width="9"/>',
    b'<col min="8" max="8" hidden="1"/>',
    b"<x:col\thidden='true' min='8' max='8'/>",
])
def test_columna_oculta_en_cualquier_orden(etiqueta: bytes) -> None:
    detalles = DetallesHoja()
    _ocultos_en(b"<cols>" + etiqueta + b"</cols>", detalles)
    assert detalles.columnas_ocultas == [(7, 7)]


@pytest.mark.parametrize("etiqueta", [b'<row hidden="1" r="3">', b'<row r="3" hidden="1">'])
def test_fila_oculta_en_cualquier_orden(etiqueta: bytes) -> None:
    detalles = DetallesHoja()
    _ocultos_en(etiqueta + b'<c r="A3" t="inlineStr"><is><t>07</t></is></c></row>', detalles)
    assert detalles.filas_ocultas == [3]


def test_sin_ocultos_no_avisa() -> None:
    detalles = DetallesHoja()
    _ocultos_en(b'<cols><col min="8" max="8" hidden="0"/></cols><row r="3" hidden="false">',
                detalles)
    assert (detalles.columnas_ocultas, detalles.filas_ocultas) == ([], [])


def test_libro_de_openpyxl_con_columna_y_fila_ocultas(tmp_path: Path) -> None:
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "Apoyos"
    for fila in (ENCABEZADOS, FILA_1, FILA_2):
        hoja.append(list(fila))
    hoja.column_dimensions["H"].hidden = True
    hoja.row_dimensions[3].hidden = True
    libro.save(tmp_path / "ocultas.xlsx")
    [aviso] = [h for h in leer(tmp_path / "ocultas.xlsx").hallazgos
               if h.codigo == "contenido-oculto"]
    assert aviso.mensaje == (
        "La hoja «Apoyos» tiene 1 fila oculta (la 3) y la columna H oculta; se revisó igual "
        "que lo visible, y en la copia marcada todo queda a la vista.")
