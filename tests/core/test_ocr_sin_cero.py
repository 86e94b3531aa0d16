"""An OCR whose leading zeros a spreadsheet dropped (sección under 1000, saved as a number, then
as CSV: text of 12 or 11 digits) gets them back with a warning; any other short OCR stays an
error (found by a tester: valid citizens were rejected with ``ocr-longitud``)."""

from __future__ import annotations

import pytest

from ._nucleo import fila, revisada

A, E = "aviso", "error"


@pytest.mark.parametrize(("seccion", "ocr", "restituido"), [
    ("191", "191000123211", "0191000123211"),
    ("0191", "191000123211", "0191000123211"),
    ("12", "12000123211", "0012000123211"),
    ("7", "7000123211", "0007000123211"),
])
def test_ceros_restituidos(seccion: str, ocr: str, restituido: str) -> None:
    r = revisada(fila(seccion=seccion, ocr=ocr))
    assert r.registro.ocr == restituido
    assert r.valida
    [ajuste] = [h for h in r.hallazgos if h.campo == "ocr"]
    assert (ajuste.codigo, ajuste.severidad, ajuste.valor) == ("formato-ajustado", A, ocr)
    assert ajuste.mensaje == f"«OCR» se ajustó de «{ocr}» a «{restituido}»."


@pytest.mark.parametrize(("seccion", "ocr"), [
    ("191", "019100012321"),    # a digit lost at the end, not the leading zero
    ("191", "192000123211"),    # another prefix
    ("1726", "726668657279"),   # a 4-digit sección has no leading zero to lose
    ("191", "19100012321"),     # two digits short
])
def test_otros_ocr_cortos_siguen_siendo_error(seccion: str, ocr: str) -> None:
    r = revisada(fila(seccion=seccion, ocr=ocr))
    assert r.registro.ocr == ocr
    assert [(h.campo, h.codigo, h.severidad) for h in r.hallazgos if h.campo == "ocr"] == [
        ("ocr", "ocr-longitud", E)]
