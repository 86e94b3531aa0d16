"""More header abbreviations found by a tester («AP. PAT.», «C.I.C.», «Cve.Elec.», «Nom.»...)
and a header typed in DOS code page 850 read as Windows-1252 («Secci¢n electoral»): each names
its field, in real .xlsx and .csv files, with the exact column mapping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from apoyo.read import leer
from apoyo.schema import _ALIAS, CAMPOS, campo_de_encabezado, plegar

from .ayudas_lectura import FILA_1

Texto = Callable[..., Path]

#: Each label the tester listed, and its field.
ETIQUETAS_DEL_PROBADOR = [
    ("EDO", "clave_estado"),
    ("SECC", "seccion"),
    ("NOMBRE", "nombre"),
    ("AP. PAT.", "apellido_paterno"),
    ("AP. MAT.", "apellido_materno"),
    ("Ap.Pat", "apellido_paterno"),
    ("Ap.Mat", "apellido_materno"),
    ("A. Paterno", "apellido_paterno"),
    ("A. Materno", "apellido_materno"),
    ("CVE. DE ELECTOR", "clave_elector"),
    ("Cve.Elec.", "clave_elector"),
    ("NÚM. OCR", "ocr"),
    ("No. CIC", "cic"),
    ("Núm. CIC", "cic"),
    ("C.I.C.", "cic"),
    ("O.C.R.", "ocr"),
    ("Sección Elec.", "seccion"),
    ("Nom.", "nombre"),
    ("Secci¢n electoral", "seccion"),
]

#: Three whole headers made of them, in `CAMPOS` order.
ENCABEZADOS = [
    ["EDO", "SECC", "NOMBRE", "AP. PAT.", "AP. MAT.", "CVE. DE ELECTOR", "NÚM. OCR", "C.I.C."],
    ["Edo.", "Sección Elec.", "Nom.", "Ap.Pat", "Ap.Mat", "Cve.Elec.", "O.C.R.", "No. CIC"],
    ["EDO", "Secci¢n electoral", "NOMBRE", "A. Paterno", "A. Materno", "CVE. DE ELECTOR",
     "NÚM. OCR", "Núm. CIC"],
]
#: Columns shuffled, with columns that name no field among them: the mapping must follow.
ORDEN = [7, 2, 0, 5, 1, 6, 3, 4]


@pytest.mark.parametrize(("etiqueta", "campo"), ETIQUETAS_DEL_PROBADOR)
def test_cada_etiqueta_nombra_su_campo(etiqueta: str, campo: str) -> None:
    assert campo_de_encabezado(etiqueta) == campo
    assert campo_de_encabezado(f"  {etiqueta.lower()} ") == campo


def test_ningun_alias_nombra_dos_campos() -> None:
    # Each alias is stored folded (else it could never match), and every listed label folds
    # to one key only: two labels of different fields never fold alike.
    assert all(plegar(alias) == alias for alias in _ALIAS)
    assert set(_ALIAS.values()) == set(CAMPOS)
    campos_por_plegado: dict[str, set[str]] = {}
    for etiqueta, campo in ETIQUETAS_DEL_PROBADOR:
        campos_por_plegado.setdefault(plegar(etiqueta), set()).add(campo)
    assert all(len(c) == 1 for c in campos_por_plegado.values()), campos_por_plegado


def test_lo_que_no_es_un_campo_sigue_sin_serlo() -> None:
    for etiqueta in ("A.", "Ap.", "Pat. y Mat.", "Elec.", "C.I.", "No.", "Núm.", "Folio",
                     "Teléfono", "Nombre completo"):
        assert campo_de_encabezado(etiqueta) is None, etiqueta


def test_plegar_repara_cp850_solo_dentro_de_una_palabra() -> None:
    assert plegar("Secci¢n electoral") == "seccion electoral"
    assert plegar("N£mero de CIC") == "numero de cic"
    assert (plegar("PE¥A"), plegar("Pe¤a")) == ("pena", "pena")
    assert plegar("Veh¡culo") == "vehiculo"
    # A real «¡» (after a space or at the start) and signs outside words stay signs.
    assert plegar("¡Hola! Sección") == "hola seccion"
    assert plegar("Costo ¢5") == "costo 5"
    assert plegar("SecciÃ³n electoral") == "seccion electoral"  # UTF-8 mojibake, as before


def _esperado(orden: list[int]) -> dict[str, int]:
    """Field -> column when the header's columns are in `orden` (indexes into `CAMPOS`), with a
    column that names no field first."""
    return {CAMPOS[j]: i + 1 for i, j in enumerate(orden)}


def _tabla(encabezado: list[str], orden: list[int]) -> list[list[str]]:
    return [["Folio", *(encabezado[j] for j in orden)],
            ["1", *(FILA_1[j] for j in orden)]]


@pytest.mark.parametrize("encabezado", ENCABEZADOS)
def test_xlsx_con_las_abreviaturas(tmp_path: Path, encabezado: list[str]) -> None:
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "Apoyos"
    for fila in _tabla(encabezado, ORDEN):
        hoja.append(fila)
    libro.save(ruta := tmp_path / "abreviaturas.xlsx")
    tabla = leer(ruta)
    assert tabla.columnas == _esperado(ORDEN)
    assert tabla.hallazgos == []
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]


@pytest.mark.parametrize("encabezado", ENCABEZADOS)
@pytest.mark.parametrize("codificacion", ["utf-8", "utf-8-sig"])
def test_csv_con_las_abreviaturas(texto: Texto, encabezado: list[str],
                                  codificacion: str) -> None:
    contenido = "".join(",".join(f) + "\r\n" for f in _tabla(encabezado, ORDEN))
    tabla = leer(texto("abreviaturas.csv", contenido, codificacion))
    assert tabla.columnas == _esperado(ORDEN)
    assert tabla.hallazgos == []
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]


def test_csv_en_orden_oficial(texto: Texto) -> None:
    contenido = "\n".join(";".join(f) for f in (ENCABEZADOS[0], FILA_1)) + "\n"
    tabla = leer(texto("probador.csv", contenido, "utf-8"))
    assert tabla.columnas == {c: i for i, c in enumerate(CAMPOS)}
    assert tabla.hallazgos == []


def test_csv_en_cp1252_con_el_signo_de_cp850(texto: Texto) -> None:
    # «Secci¢n electoral» saved as Windows-1252 (¢ is byte A2): the file is read as it comes,
    # and its header names the Sección electoral either way.
    encabezado = ENCABEZADOS[2]
    contenido = "\r\n".join(",".join(f) for f in (encabezado, FILA_1)) + "\r\n"
    tabla = leer(texto("cp1252.csv", contenido, "cp1252"))
    assert tabla.columnas == {c: i for i, c in enumerate(CAMPOS)}
    assert tabla.hallazgos == []
