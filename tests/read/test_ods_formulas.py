""".ods formulas and error cells (found by a tester): python-calamine reads an .ods error cell
(``#N/A``, ``#DIV/0!``) as empty, so the row counted as valid, and no formula cell got a
``celda-formula`` warning. ``content.xml`` is now scanned (`apoyo.read.ods`) and an .ods gives the
same findings as the .xlsx LibreOffice saves from the same workbook.

The LibreOffice tests skip, saying why, when ``soffice`` is not installed.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from con_libreoffice import SIN_LIBREOFFICE, SOFFICE, convertir
from .ayudas_lectura import ENCABEZADOS, FILA_1, FILA_2

from apoyo.check import Contexto
from apoyo.pipeline import revisar_tabla
from apoyo.read import leer, ods
from apoyo.read.celdas import ErrorDeCelda

CORTE = date(2026, 11, 29)

# ---- the scan of content.xml -----------------------------------------------------------------

_CELDA = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'


def _texto(valor: str) -> str:
    return _CELDA.format(valor)


_HOJA = (
    # Column definitions: A-B, C hidden, D-XFD (repeated).
    '<table:table-column table:number-columns-repeated="2"/>'
    '<table:table-column table:visibility="collapse"/>'
    '<table:table-column table:number-columns-repeated="16381"/>'
    # 1: header
    + "<table:table-row>" + "".join(map(_texto, "abcd")) + "</table:table-row>"
    # 2-4: repeated empty rows
    + '<table:table-row table:number-rows-repeated="3"><table:table-cell '
      'table:number-columns-repeated="16384"/></table:table-row>'
    # 5: two repeated text cells, then an error cell (LibreOffice marks it) with a note
    + '<table:table-row><table:table-cell table:number-columns-repeated="2" '
      'office:value-type="string"><text:p>x</text:p></table:table-cell>'
      '<table:table-cell table:formula="of:=NA()" office:value-type="string" '
      'office:string-value="" calcext:value-type="error"><office:annotation><text:p>nota'
      '</text:p></office:annotation><text:p>#N/A</text:p></table:table-cell>'
      '<table:table-cell table:number-columns-repeated="16381"/></table:table-row>'
    # 6-7: a repeated row: empty cell, formula giving text, LibreOffice's own error code
    + '<table:table-row table:number-rows-repeated="2"><table:table-cell/>'
      '<table:table-cell table:formula="of:=&quot;07&quot;" office:value-type="string" '
      'office:string-value="07" calcext:value-type="string"><text:p>07</text:p>'
      '</table:table-cell><table:table-cell table:formula="of:=SQRT(-1)" '
      'calcext:value-type="error"><text:p>Err:502</text:p></table:table-cell>'
      '</table:table-row>'
    # 8: a formula with an empty result in an otherwise empty row: no data, not noted
    + '<table:table-row><table:table-cell table:formula="of:=&quot;&quot;"><text:p/>'
      '</table:table-cell></table:table-row>'
    # 9: hidden, with a merged cell over B9:C10 and an error by another writer (unmarked)
    + '<table:table-row table:visibility="collapse"><table:covered-table-cell/>'
      '<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" '
      'office:value-type="string"><text:p>m</text:p></table:table-cell>'
      '<table:covered-table-cell/><table:table-cell table:formula="of:=1/0">'
      '<text:p>#DIV/0!</text:p></table:table-cell></table:table-row>'
    # 10: hidden but empty; then a million repeated empty hidden rows (not expanded)
    + '<table:table-row table:visibility="filter"><table:table-cell/></table:table-row>'
    + '<table:table-row table:number-rows-repeated="1000000" table:visibility="collapse">'
      '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
)

_OTRA = ('<table:table table:name="Resumen"><table:table-row><table:table-cell '
         'table:formula="of:=1/0" calcext:value-type="error"><text:p>#DIV/0!</text:p>'
         '</table:table-cell></table:table-row></table:table>')


def _contenido(nombre: str = "Apoyos &amp; más") -> bytes:
    tabla = f'<table:table table:name="{nombre}">{_HOJA}</table:table>'
    return ods._contenido((_OTRA + tabla).encode())


ESPERADOS = {
    "errores": {5: {2: "#N/A"}, 6: {2: "#VALUE!"}, 7: {2: "#VALUE!"}, 9: {3: "#DIV/0!"}},
    "formulas": {5: [2], 6: [1, 2], 7: [1, 2], 9: [3]},
    "filas_ocultas": [9],
    "columnas_ocultas": [(2, 2)],
    "combinadas": [((8, 1), (9, 2))],
}


def _como_dict(d: ods.DetallesOds) -> dict[str, object]:
    return {"errores": d.errores, "formulas": d.formulas, "filas_ocultas": d.filas_ocultas,
            "columnas_ocultas": d.columnas_ocultas, "combinadas": d.combinadas}


@pytest.mark.parametrize("bloque", [1 << 20, 64, 7])
def test_contenido_con_filas_y_columnas_repetidas(bloque: int) -> None:
    detalles = ods.detalles_de_contenido(_contenido(), "Apoyos & más", bloque)
    assert _como_dict(detalles) == ESPERADOS


def test_otro_prefijo_y_comillas_simples() -> None:
    contenido = _contenido()
    for antes, despues in ((b"<table:", b"<t:"), (b"</table:", b"</t:"), (b" table:", b" t:"),
                           (b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
                            b"xmlns:t='urn:oasis:names:tc:opendocument:xmlns:table:1.0'")):
        contenido = contenido.replace(antes, despues)
    assert b"<t:table-row" in contenido and b"table:" not in contenido.replace(b"table:1.0", b"")
    detalles = ods.detalles_de_contenido(contenido, "Apoyos & más")
    assert _como_dict(detalles) == ESPERADOS


def test_solo_la_hoja_pedida() -> None:
    resumen = ods.detalles_de_contenido(_contenido(), "Resumen")
    assert (resumen.errores, resumen.formulas) == ({1: {0: "#DIV/0!"}}, {1: [0]})
    assert _como_dict(ods.detalles_de_contenido(_contenido(), "Otra")) == _como_dict(
        ods.DetallesOds())


def _ods(ruta: Path, contenido: bytes) -> Path:
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", contenido)
    return ruta


def test_probables_apoyos_y_primera(tmp_path: Path) -> None:
    ruta = _ods(tmp_path / "x.ods", _contenido("Datos"))
    assert list(ods.inspeccionar_probables(ruta)) == ["Datos"]
    assert _como_dict(ods.inspeccionar_hoja(ruta, "Datos")) == ESPERADOS
    assert ods.detalles_de({}, ruta, "Resumen").formulas == {1: [0]}


@pytest.mark.parametrize("contenido", [
    b"",
    b"<no-es-xml",
    b'<!DOCTYPE x [<!ENTITY a "b">]>' + _contenido()[38:],
    _contenido().replace(b"urn:oasis:names:tc:opendocument:xmlns:table:1.0", b"urn:otro"),
])
def test_sin_detalles_sin_excepcion(tmp_path: Path, contenido: bytes) -> None:
    ruta = _ods(tmp_path / "x.ods", contenido)
    assert _como_dict(ods.inspeccionar_hoja(ruta, "Apoyos & más")) == _como_dict(
        ods.DetallesOds())


def test_archivo_que_no_es_zip(tmp_path: Path) -> None:
    ruta = tmp_path / "x.ods"
    ruta.write_bytes(b"PK\x03\x04 roto")
    assert ods.inspeccionar_probables(ruta) == {}
    assert ods.inspeccionar_probables(tmp_path / "no-existe.ods") == {}


# ---- LibreOffice: the .ods gives what its .xlsx gives ----------------------------------------

con_libreoffice = pytest.mark.skipif(SOFFICE is None, reason=SIN_LIBREOFFICE)


@pytest.fixture(scope="module")
def convertidos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An openpyxl workbook with formulas (no cached results), and the .ods and .xlsx
    LibreOffice saves from it (with the results it calculates)."""
    carpeta = tmp_path_factory.mktemp("ods_formulas")
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "Apoyos"
    hoja.append(ENCABEZADOS)
    hoja.append(FILA_1[:7] + ["=NA()"])                          # 2: #N/A in CIC
    hoja.append(FILA_2[:6] + ["=1/0", FILA_2[7]])                # 3: #DIV/0! in OCR
    hoja.append(['="07"', *FILA_2[1:6], "=1/0", "=1/0"])        # 4: text formula, 2 errors
    hoja.append([*FILA_1[:2], '=UPPER("sofia")', *FILA_1[3:7], "=SQRT(-1)"])  # 5: Err:502
    hoja.append([None, None, '=""'])                              # 6: no data
    hoja.append(FILA_2[:7] + ["=1+1"])                           # 7: a number
    hoja.append(FILA_1)                                           # 8: plain, hidden
    hoja.append(FILA_2)                                           # 9: merged A9:A10
    hoja.append([None, *FILA_2[1:]])                              # 10
    hoja.row_dimensions[8].hidden = True
    hoja.column_dimensions["E"].hidden = True
    hoja.merge_cells("A9:A10")
    original = carpeta / "formulas.xlsx"
    libro.save(original)
    perfil = carpeta / "perfil"
    return {
        "original": original,
        "ods": convertir(original, "ods", carpeta / "ods", perfil),
        "xlsx": convertir(original, "xlsx", carpeta / "xlsx", perfil),
    }


def _hallazgos(ruta: Path) -> list[tuple[object, ...]]:
    revision = revisar_tabla(leer(ruta), Contexto(fecha_corte=CORTE))
    return [(h.fila, h.campo, h.codigo, h.severidad, h.valor, h.mensaje)
            for h in revision.hallazgos]


@con_libreoffice
def test_ods_igual_que_xlsx(convertidos: dict[str, Path]) -> None:
    del_ods = _hallazgos(convertidos["ods"])
    assert del_ods == _hallazgos(convertidos["xlsx"])
    formato = ("ocr-formato", "cic-formato")
    assert [(f, c, v) for f, c, cod, _, v, _ in del_ods if cod in formato] == [
        (2, "cic", "#N/A"), (3, "ocr", "#DIV/0!"), (4, "ocr", "#DIV/0!"), (4, "cic", "#DIV/0!"),
        (5, "cic", "#VALUE!")]
    codigos = {cod for _, _, cod, *_ in del_ods}
    assert {"contenido-oculto", "celdas-combinadas"} <= codigos


@con_libreoffice
def test_formulas_como_en_el_original(convertidos: dict[str, Path]) -> None:
    """The formula cells are those of the workbook written with formulas (openpyxl), which
    has no results: only the positions are compared."""
    def formulas(ruta: Path) -> list[tuple[object, ...]]:
        return [(f, c, m) for f, c, cod, _, _, m in _hallazgos(ruta) if cod == "celda-formula"]

    del_ods = formulas(convertidos["ods"])
    assert del_ods == formulas(convertidos["original"])
    assert [(f, c) for f, c, _ in del_ods] == [
        (2, "cic"), (3, "ocr"), (4, "clave_estado"), (4, "ocr"), (4, "cic"), (5, "nombre"),
        (5, "cic"), (7, "cic")]
    assert del_ods[0][2] == ("«CIC» tiene una fórmula; se revisó el valor que el archivo "
                             "guardó como su resultado, sin volver a calcularla.")


@con_libreoffice
def test_errores_llegan_como_error_de_celda(convertidos: dict[str, Path]) -> None:
    tabla = leer(convertidos["ods"])
    try:
        filas = {f.fila: f.celdas for f in tabla.filas()}
    finally:
        tabla.liberar()
    assert filas[2][7] == "#N/A" and isinstance(filas[2][7], ErrorDeCelda)
    assert filas[3][6] == "#DIV/0!" and isinstance(filas[3][6], ErrorDeCelda)
    assert filas[5][7] == "#VALUE!" and isinstance(filas[5][7], ErrorDeCelda)
    assert filas[4][0] == "07" and not isinstance(filas[4][0], ErrorDeCelda)
    assert 6 not in filas


def test_celdas_combinadas_repetidas_no_pasan_del_presupuesto(monkeypatch) -> None:
    """Found by a tester: 1.3 KB of content.xml (a row repeated 100,000 times with a merged
    cell repeated over 16,000 columns) took 5.9 GB; the budget is checked before expanding."""
    from apoyo.read import ods

    monkeypatch.setattr(ods, "_CELDAS_MAXIMAS", 1_000)
    fila = (b'<table:table-row table:number-rows-repeated="100"><table:table-cell '
            b'table:number-columns-repeated="100" table:number-columns-spanned="2">'
            b'<text:p>x</text:p></table:table-cell></table:table-row>')
    pequena = (b'<table:table-row><table:table-cell table:number-columns-spanned="2">'
               b'<text:p>x</text:p></table:table-cell></table:table-row>')
    d = ods.detalles_de_contenido(ods._contenido(
        b'<table:table table:name="Hoja1">' + pequena + fila + b"</table:table>"), "Hoja1")
    assert d.combinadas == [((0, 0), (0, 1))]
