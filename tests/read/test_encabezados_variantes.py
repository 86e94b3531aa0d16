"""Header spellings found by a tester: mojibake (UTF-8 read as Windows-1252, «SecciÃ³n
electoral») and common abbreviations («Secc.», «Ap. Paterno», «No. OCR»...) name their field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from .ayudas_lectura import ENCABEZADOS, FILA_1, FILA_2, escribir_libro

from apoyo.read import leer
from apoyo.schema import CAMPOS, campo_de_encabezado, plegar

Texto = Callable[..., Path]


def _mojibake(texto: str, veces: int = 1) -> str:
    """`texto` as UTF-8 read as Windows-1252 (`veces` times), as Excel shows a UTF-8 CSV."""
    for _ in range(veces):
        texto = texto.encode("utf-8").decode("cp1252", errors="replace")
    return texto


@pytest.mark.parametrize(("etiqueta", "campo"), [
    ("SecciÃ³n electoral", "seccion"),
    ("SECCIÃ“N", "seccion"),
    (_mojibake("Sección electoral", 2), "seccion"),  # read so twice
    ("SecciÃ³n (hasta 4 dÃ\xadgitos)", "seccion"),  # with a hint, itself mangled
    ("Clave de electÃ³r", "clave_elector"),  # read back: «Clave de electór», accents aside
    ("TelÃ©fono", None),  # read back, still not a field's name
])
def test_encabezado_mal_codificado(etiqueta: str, campo: str | None) -> None:
    assert campo_de_encabezado(etiqueta) == campo


def test_plegar_lee_el_utf8_pero_no_toca_lo_que_no_lo_es() -> None:
    assert plegar("SecciÃ³n electoral") == "seccion electoral"
    assert plegar("JOÃO") == plegar("JOAO") == "joao"  # "Ã" then "O": not UTF-8 bytes
    assert plegar("Apellido materno") == "apellido materno"


def test_csv_con_encabezados_mal_codificados(texto: Texto) -> None:
    # The header row was saved once as UTF-8 and re-saved as "ANSI" by a spreadsheet program:
    # every accented label is mangled; the data rows here are plain ASCII.
    encabezados = [_mojibake(e) for e in ENCABEZADOS]
    assert encabezados[1] == "SecciÃ³n electoral"
    contenido = "".join(",".join(f) + "\r\n" for f in (encabezados, FILA_1))
    tabla = leer(texto("mojibake.csv", contenido, "utf-8"))
    assert tabla.columnas == {c: i for i, c in enumerate(CAMPOS)}
    assert tabla.hallazgos == []  # no columna-faltante for Sección electoral
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]


def test_libro_con_encabezado_mal_codificado(tmp_path: Path) -> None:
    encabezados = ["Clave del Estado", "SecciÃ³n electoral", *ENCABEZADOS[2:]]
    tabla = leer(escribir_libro(tmp_path / "m.xlsx", {"Apoyos": [encabezados, FILA_2]}))
    assert tabla.columnas["seccion"] == 1
    assert [h.codigo for h in tabla.hallazgos] == []
    assert list(tabla.valores()) == [(2, tuple(FILA_2))]


@pytest.mark.parametrize(("etiqueta", "campo"), [
    ("No. OCR", "ocr"), ("Núm. OCR", "ocr"), ("Nº OCR", "ocr"), ("N° OCR", "ocr"),
    ("Número de OCR", "ocr"),
    ("Secc.", "seccion"), ("Secc", "seccion"), ("SECC. ELECTORAL", "seccion"),
    ("Ap. Paterno", "apellido_paterno"), ("Ap. Materno", "apellido_materno"),
    ("Edo.", "clave_estado"), ("Clave Edo.", "clave_estado"), ("Cve. Edo.", "clave_estado"),
    ("Cve. Elector", "clave_elector"), ("Clave Elector", "clave_elector"),
    ("Cve. de Elector", "clave_elector"),
    # Unchanged: the full labels, «Estado» alone, and what names no field.
    ("Clave del Estado", "clave_estado"), ("Estado", "clave_estado"), ("No.", None),
    ("Ap.", None), ("Núm.", None), ("Teléfono (OCR)", None),
])
def test_abreviaturas(etiqueta: str, campo: str | None) -> None:
    assert campo_de_encabezado(etiqueta) == campo


def test_libro_con_encabezados_abreviados(tmp_path: Path) -> None:
    abreviados = ["Edo.", "Secc.", "Nombre", "Ap. Paterno", "Ap. Materno", "Cve. Elector",
                  "No. OCR", "CIC"]
    tabla = leer(escribir_libro(tmp_path / "abreviados.xlsx", {"Hoja1": [abreviados, FILA_1]}))
    assert tabla.columnas == {c: i for i, c in enumerate(CAMPOS)}
    assert tabla.hallazgos == []  # none missing, none repeated
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]


def test_csv_con_otras_abreviaturas(texto: Texto) -> None:
    abreviados = ["Clave Edo.", "Secc", "Nombre(s)", "Ap. Paterno", "Ap. Materno",
                  "Clave Elector", "Núm. OCR", "CIC"]
    contenido = "".join(";".join(f) + "\n" for f in (abreviados, FILA_2))
    tabla = leer(texto("abreviados.csv", contenido, "cp1252"))
    assert tabla.columnas == {c: i for i, c in enumerate(CAMPOS)}
    assert tabla.hallazgos == []
    assert list(tabla.valores()) == [(2, tuple(FILA_2))]


def test_estado_y_clave_del_estado_siguen_siendo_la_misma_columna(tmp_path: Path) -> None:
    # «Edo.» beside «Clave del Estado» is a repeated column, as «Estado» was: not a new field.
    tabla = leer(escribir_libro(tmp_path / "dos.xlsx",
                                {"Hoja1": [[*ENCABEZADOS, "Edo."], [*FILA_1, "07"]]}))
    assert tabla.columnas["clave_estado"] == 0
    assert [(h.codigo, h.campo, h.mensaje) for h in tabla.hallazgos] == [
        ("columna-repetida", "clave_estado",
         "La columna «Clave del Estado» aparece más de una vez (columnas A y I); se revisó la "
         "primera.")]
