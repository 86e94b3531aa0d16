"""The marked copy: values in place, colours, notes, Resultado, Resumen, limits, atomicity."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from .ayudas_marcado import (
    ARGB_AVISO,
    ARGB_ERROR,
    ARGB_OK,
    ENCABEZADOS,
    FILA_LIMPIA,
    relleno,
    revision,
    tabla,
)
from python_calamine import CalamineWorkbook

from apoyo.errors import CATALOGO, hallazgo
from apoyo.mark import MAX_NOTAS, escribir_revisado, ruta_revisado
from apoyo.read.tabla import FilaLeida
from apoyo.record import Hallazgo
from apoyo.schema import (
    COLUMNA_MARCAS,
    COLUMNA_RESULTADO,
    HOJA_APOYOS,
    HOJA_ASPIRANTE,
    HOJA_RESUMEN,
)

H_MACROS = hallazgo("macros-ignoradas", None, None)
H_NUMERO = hallazgo("numero-convertido", 3, "clave_estado", 7, despues="07")
H_ESTADO = hallazgo("clave-estado-invalida", 3, "clave_estado", "7")
H_NOMBRE = hallazgo("nombre-invalido", 3, "nombre", "=1+1", caracteres="=, +")
H_FILA = hallazgo("sin-ocr-ni-cic", 3, None)
H_MAYUS = hallazgo("mayusculas-corregidas", 4, "nombre", "sofia", despues="SOFIA")
FILA_3 = (7, 1726.0, "=1+1", "+52", "-3", "@x", "", None)
FILA_4 = ("07", "1726", "sofia", "GARCIA", "LOPEZ", "GRLPSF90010107M123", "1726123456789", "")


def _bloque(h: Hallazgo) -> str:
    gravedad = "Error" if h.severidad == "error" else "Aviso"
    return f"{gravedad}: {CATALOGO[h.codigo].titulo}\n{h.mensaje}\nCómo corregir: {h.remedio}"


@pytest.fixture
def marcado(tmp_path: Path) -> Path:
    t = tabla([(2, FILA_LIMPIA), (3, FILA_3), (4, FILA_4)],
              metadatos={"hojas": ["Apoyos", "Aspirante"], "version_plantilla": "1"})
    r = revision([H_MACROS, H_NUMERO, H_ESTADO, H_NOMBRE, H_FILA, H_MAYUS], filas=3)
    return escribir_revisado(t, r, tmp_path)


def _resumen(ruta: Path) -> dict[str, object]:
    """Label (column A) -> value (column B) of the Resumen sheet."""
    hoja = openpyxl.load_workbook(ruta)[HOJA_RESUMEN]
    return {str(a): b for a, b, *_ in hoja.iter_rows(values_only=True) if a is not None}


def test_nombre_y_hojas(marcado: Path, tmp_path: Path) -> None:
    assert marcado == tmp_path / "entrega.revisado.xlsx"
    # The original had an Aspirante sheet (template version 1): the copy keeps one.
    assert openpyxl.load_workbook(marcado).sheetnames == [HOJA_APOYOS, HOJA_RESUMEN,
                                                          HOJA_ASPIRANTE]
    assert ruta_revisado(tabla([]), tmp_path / "otro.xlsx") == tmp_path / "otro.xlsx"


def test_encabezado_valores_y_resultado(marcado: Path) -> None:
    hoja = openpyxl.load_workbook(marcado)[HOJA_APOYOS]
    assert [c.value for c in hoja[1]] == [*ENCABEZADOS, COLUMNA_RESULTADO]
    assert all(c.font.b for c in hoja[1])
    assert hoja.freeze_panes == "A2"
    assert hoja.auto_filter.ref == "A1:I4"
    assert [c.value for c in hoja[2]] == [*FILA_LIMPIA, "OK"]
    assert [c.value for c in hoja[4]][:8] == list(FILA_4)
    assert hoja["I3"].value == (
        "clave-estado-invalida, nombre-invalido, sin-ocr-ni-cic, numero-convertido")
    assert hoja["I4"].value == "mayusculas-corregidas"


def test_tipos_como_se_leyeron_y_sin_formulas(marcado: Path) -> None:
    hoja = openpyxl.load_workbook(marcado)[HOJA_APOYOS]
    a, b, c, d, e, f, g, h = (hoja.cell(3, col) for col in range(1, 9))
    assert (a.value, a.data_type) == (7, "n")
    assert (b.value, b.data_type) == (1726, "n")
    for celda, texto in ((c, "=1+1"), (d, "+52"), (e, "-3"), (f, "@x"), (g, "")):
        assert (celda.value, celda.data_type) == (texto, "s")
    assert h.value is None
    assert hoja["A2"].number_format == "@"  # a corrected value typed there stays text


def test_colores(marcado: Path) -> None:
    hoja = openpyxl.load_workbook(marcado)[HOJA_APOYOS]
    assert relleno(hoja["A3"]) == ARGB_ERROR  # a warning and an error: the error wins
    assert relleno(hoja["C3"]) == ARGB_ERROR
    assert relleno(hoja["C4"]) == ARGB_AVISO
    assert relleno(hoja["I2"]) == ARGB_OK
    assert relleno(hoja["I3"]) == ARGB_ERROR
    assert relleno(hoja["I4"]) == ARGB_AVISO
    sin_marca = ["A2", "B2", "H2", "B3", "D3", "H3", "A4", "B4", "H4"]
    assert [relleno(hoja[ref]) for ref in sin_marca] == [None] * len(sin_marca)


def test_notas(marcado: Path) -> None:
    hoja = openpyxl.load_workbook(marcado)[HOJA_APOYOS]
    notas = {c.coordinate: c.comment.text for fila in hoja.iter_rows() for c in fila if c.comment}
    assert notas == {
        "A3": _bloque(H_NUMERO) + "\n\n" + _bloque(H_ESTADO),
        "C3": _bloque(H_NOMBRE),
        "I3": _bloque(H_FILA),  # row-level finding: on the Resultado cell
        "C4": _bloque(H_MAYUS),
    }
    assert notas["C4"] == (
        "Aviso: Convertido a mayúsculas\n«Nombre(s)» tenía minúsculas; se convirtió a «SOFIA».\n"
        "Cómo corregir: No hace falta hacer nada; en adelante capture en mayúsculas, como en la "
        "credencial."
    )


def test_resumen(marcado: Path) -> None:
    pares = _resumen(marcado)
    assert pares["Libro"] == "entrega.xlsx"
    assert pares["Hoja revisada"] == "Apoyos"
    assert pares["Formato"] == "xlsx"
    assert pares["Fecha de corte (edades)"] == "2025-01-15"
    assert pares["Fecha de revisión"] == date.today().isoformat()
    assert (pares["Filas con datos"], pares["Filas válidas (se pueden exportar)"]) == (3, 2)
    assert (pares["Filas con errores"], pares["Errores (una fila puede tener varios)"], pares["Avisos"]) == (1, 3, 3)
    assert pares["Notas en celdas"] == "4 celdas marcadas, cada una con su nota."
    assert pares["Hojas del archivo original"] == "Apoyos, Aspirante"
    assert pares["Versión de la plantilla"] == "1"

    hoja = openpyxl.load_workbook(marcado)[HOJA_RESUMEN]
    filas = {f[0].value: f for f in hoja.iter_rows() if f[0].value}
    assert [c.value for c in filas["Código"]] == [
        "Código", "Severidad", "Descripción", "Cantidad", "Primera fila"]
    estado = filas["clave-estado-invalida"]
    assert [c.value for c in estado] == [
        "clave-estado-invalida", "Error", "Clave del Estado inválida", 1, "Fila 3 (A3)"]
    assert estado[4].hyperlink.location == "'Apoyos'!A3"
    assert relleno(estado[1]) == ARGB_ERROR
    assert filas["sin-ocr-ni-cic"][4].hyperlink.location == "'Apoyos'!I3"
    assert filas["mayusculas-corregidas"][4].hyperlink.location == "'Apoyos'!C4"
    assert relleno(filas["mayusculas-corregidas"][1]) == ARGB_AVISO
    assert [c.value for c in filas["macros-ignoradas"]][:4] == [
        "macros-ignoradas", "Aviso", "Macros ignoradas", 1]
    assert filas["macros-ignoradas"][4].hyperlink is None
    # File-level findings, with what to do.
    assert [c.value for c in filas["Macros ignoradas (macros-ignoradas)"]][:3] == [
        "Macros ignoradas (macros-ignoradas)", "Aviso",
        f"{H_MACROS.mensaje}\nCómo corregir: {H_MACROS.remedio}"]


def test_relectura_con_calamine_da_los_mismos_valores(tmp_path: Path) -> None:
    raras = ("a\x01b\x1fc", "_x0041_ literal", "x\r\ny\tz", "  dos espacios  ", "\ufffe", "<&>",
             "Ñandú ÁÉÍ", "\u200bcero")
    filas = [(2, FILA_LIMPIA), (3, raras), (5, FILA_3), (9, (datetime(2024, 2, 29, 13, 5),
                                                            date(1999, 12, 31), True, 1e16,
                                                            "07", None, None, "fin"))]
    t = tabla(filas)
    ruta = escribir_revisado(t, revision([hallazgo("sin-ocr-ni-cic", 5, None)], 4), tmp_path)
    leido = CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name(HOJA_APOYOS).to_python()
    assert leido[0] == [*ENCABEZADOS, COLUMNA_RESULTADO]
    assert leido[1] == [*FILA_LIMPIA, "OK"]
    assert leido[2] == [*raras[:4], "\ufffd", *raras[5:], "OK"]  # U+FFFE: see next test
    assert leido[3] == leido[5] == [""] * 9  # rows 4 and 6-8 stay empty
    assert leido[4] == [7.0, 1726.0, "=1+1", "+52", "-3", "@x", "", "", "sin-ocr-ni-cic"]
    assert leido[8] == [datetime(2024, 2, 29, 13, 5), date(1999, 12, 31), True, 1e16, "07", "",
                        "", "fin", "OK"]


def test_caracteres_prohibidos_en_xml(tmp_path: Path) -> None:
    """XML 1.0 forbids most C0 controls: they are written as Excel's _xHHHH_ escape (lossless);
    lone surrogates and the non-characters U+FFFE/U+FFFF become U+FFFD. Parts stay well-formed."""
    t = tabla([(2, ("\x00\x07\x0b", "\ud800x\uffff", "ok", "", "", "", "", ""))])
    ruta = escribir_revisado(t, revision([], 1), tmp_path)
    with zipfile.ZipFile(ruta) as z:
        for nombre in z.namelist():
            if nombre.endswith((".xml", ".rels", ".vml")):
                ET.fromstring(z.read(nombre))  # raises on invalid XML
        hoja = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert '<t xml:space="preserve">_x0000__x0007__x000B_</t>' in hoja  # \x0b is a blank
    assert "<t>\ufffdx\ufffd</t>" in hoja
    assert "<dimension" not in hoja
    leido = CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name(HOJA_APOYOS).to_python()
    assert leido[1][:3] == ["\x00\x07\x0b", "\ufffdx\ufffd", "ok"]
    # openpyxl does not decode the escape in inline strings: it shows it as typed.
    assert openpyxl.load_workbook(ruta)[HOJA_APOYOS]["A2"].value == "_x0000__x0007__x000B_"


def test_encabezado_que_no_esta_en_la_fila_1(tmp_path: Path) -> None:
    t = tabla([(5, FILA_LIMPIA), (7, FILA_4)], fila_encabezado=4)
    r = revision([hallazgo("mayusculas-corregidas", 7, "nombre", "sofia", despues="SOFIA")], 2)
    ruta = escribir_revisado(t, r, tmp_path)
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    assert all(c.value is None for fila in hoja.iter_rows(min_row=1, max_row=3) for c in fila)
    assert [c.value for c in hoja[4]] == [*ENCABEZADOS, COLUMNA_RESULTADO]
    assert hoja["A5"].value == "07" and hoja["I5"].value == "OK"
    assert hoja["I7"].value == "mayusculas-corregidas" and hoja["C7"].comment is not None
    assert hoja.freeze_panes == "A5"
    assert hoja.auto_filter.ref == "A4:I7"
    textos = [str(c) for fila in openpyxl.load_workbook(ruta)[HOJA_RESUMEN].iter_rows(
        values_only=True) for c in fila if c]
    assert ("Los encabezados están en la fila 4, como en el archivo original; las filas de "
            "arriba se dejaron vacías para conservar la numeración.") in textos


def test_tope_de_notas(tmp_path: Path) -> None:
    assert MAX_NOTAS == 10_000
    filas = [(n, FILA_4) for n in range(2, 7)]
    hallazgos = [hallazgo("mayusculas-corregidas", n, "nombre", "sofia", despues="SOFIA")
                 for n in range(2, 7)]
    ruta = escribir_revisado(tabla(filas), revision(hallazgos, 5), tmp_path, max_notas=2,
                             reporte="entrega.reporte.json")
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    assert [hoja.cell(n, 3).comment is not None for n in range(2, 7)] == [True, True] + [False] * 3
    assert [relleno(hoja.cell(n, 3)) for n in range(2, 7)] == [ARGB_AVISO] * 5
    assert [hoja.cell(n, 9).value for n in range(2, 7)] == ["mayusculas-corregidas"] * 5
    pares = _resumen(ruta)
    assert pares["Notas en celdas"] == (
        "2 de 5 celdas marcadas llevan nota (máximo 2): primero las celdas con errores y luego "
        "las que solo tienen avisos, cada grupo en orden de fila; la lista completa de hallazgos "
        "está en el reporte JSON «entrega.reporte.json».")


def test_columna_resultado_existente_se_reutiliza(tmp_path: Path) -> None:
    """Re-checking a marked copy: its old Resultado column is replaced, not duplicated."""
    encabezados = [*ENCABEZADOS, COLUMNA_RESULTADO]
    t = tabla([(2, (*FILA_LIMPIA, "clave-estado-invalida"))], encabezados=encabezados)
    ruta = escribir_revisado(t, revision([], 1), tmp_path)
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    assert [c.value for c in hoja[1]] == encabezados
    assert [c.value for c in hoja[2]] == [*FILA_LIMPIA, "OK"]


def test_sin_hallazgos_no_hay_notas(tmp_path: Path) -> None:
    ruta = escribir_revisado(tabla([(2, FILA_LIMPIA)]), revision([], 1), tmp_path)
    with zipfile.ZipFile(ruta) as z:
        assert not [n for n in z.namelist() if "comments" in n or n.endswith(".vml")]
    textos = [c for fila in openpyxl.load_workbook(ruta)[HOJA_RESUMEN].iter_rows(
        values_only=True) for c in fila if c]
    assert "Sin errores ni avisos: todas las filas están listas para exportar." in textos


def test_sin_filas(tmp_path: Path) -> None:
    ruta = escribir_revisado(tabla([]), revision([hallazgo("sin-registros", None, None)], 0),
                             tmp_path)
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    assert hoja.max_row == 1 and hoja.auto_filter.ref == "A1:I1"


def test_filas_fuera_de_orden(tmp_path: Path) -> None:
    t = tabla([(3, FILA_LIMPIA), (2, FILA_LIMPIA)])
    with pytest.raises(ValueError, match="fuera de orden"):
        escribir_revisado(t, revision([], 2), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_escritura_atomica_si_falla_a_medias(tmp_path: Path) -> None:
    ruta = escribir_revisado(tabla([(2, FILA_LIMPIA)]), revision([], 1), tmp_path)
    anterior = ruta.read_bytes()

    def filas() -> Iterator[FilaLeida]:
        for n in range(2, 20_000):
            if n == 15_000:
                raise OSError(28, "No space left on device")
            yield from tabla([(n, FILA_LIMPIA)]).filas()

    t = tabla([])
    t.filas = filas
    with pytest.raises(OSError):
        escribir_revisado(t, revision([], 20_000), tmp_path)
    assert ruta.read_bytes() == anterior
    assert [p.name for p in tmp_path.iterdir()] == [ruta.name]


def test_los_hallazgos_desordenados_se_ordenan(tmp_path: Path) -> None:
    hallazgos = [hallazgo("mayusculas-corregidas", n, "nombre", "s", despues="S") for n in (4, 2)]
    ruta = escribir_revisado(tabla([(2, FILA_4), (3, FILA_LIMPIA), (4, FILA_4)]),
                             revision(hallazgos, 3), tmp_path)
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    assert [hoja.cell(n, 9).value for n in (2, 3, 4)] == [
        "mayusculas-corregidas", "OK", "mayusculas-corregidas"]


def test_columnas_viejas_del_verificador_quedan_vacias(tmp_path: Path) -> None:
    """An older Resultado column and a flags column that is not last hold what an earlier
    check wrote: the copy leaves them empty and writes the verdict in the last Resultado."""
    encabezados = [*ENCABEZADOS, COLUMNA_RESULTADO, COLUMNA_MARCAS, "Notas", COLUMNA_RESULTADO]
    viejas = ("OK", "_____E__E", "llamar", "OK")
    t = tabla([(2, (*FILA_LIMPIA, *viejas)), (3, (*FILA_3, *viejas))], encabezados=encabezados)
    r = revision([H_ESTADO], filas=2)
    ruta = escribir_revisado(t, r, tmp_path)
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    assert [c.value for c in hoja[1]] == encabezados
    assert [c.value for c in hoja[2]] == [*FILA_LIMPIA, None, None, "llamar", "OK"]
    assert [c.value for c in hoja[3]][8:] == [None, None, "llamar", "clave-estado-invalida"]
    assert relleno(hoja.cell(3, 1)) == ARGB_ERROR
