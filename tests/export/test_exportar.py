"""The DERFE export: file name, eight text columns of valid rows, the rejects list, txt bytes,
atomic writes."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from apoyo.check.revision import FilaRevisada
from apoyo.errors import hallazgo
from apoyo.export import ResultadoExportacion, exportar, nombre_archivo
from apoyo.schema import CAMPOS, ETIQUETAS, HOJA_APOYOS

ENCABEZADOS = [ETIQUETAS[c] for c in CAMPOS]
V2 = ("07", "0012", "SOFIA", "GARCIA", "", "GRLPSF90010107M123", "0012345678901", "")
V3 = ("33", "1726", "ANA", "", "", "", "", "")
V4 = ("07", "1726", "LUZ MA.", "O'BRIEN", "DE LA O", "", "", "012345678")
E_ESTADO = hallazgo("clave-estado-invalida", 3, "clave_estado", "33")
E_SIN = hallazgo("sin-ocr-ni-cic", 3, None)
A_SIN_APELLIDOS = hallazgo("sin-apellidos", 3, None)
A_MAYUS = hallazgo("mayusculas-corregidas", 4, "nombre", "luz ma.", despues="LUZ MA.")
ASPIRANTE = "María López Hernández"


def _filas() -> Iterator[FilaRevisada]:
    yield FilaRevisada(2, V2, ())
    yield FilaRevisada(3, V3, (E_ESTADO, A_SIN_APELLIDOS, E_SIN))
    yield FilaRevisada(4, V4, (A_MAYUS,))


def _celdas(ruta: Path) -> list[list[object]]:
    return [[c.value for c in fila] for fila in openpyxl.load_workbook(ruta).active.iter_rows()]


@pytest.mark.parametrize(("nombre", "esperado"), [
    ("María López Hernández", "MARIA_LOPEZ_HERNANDEZ"),
    ("José Ñúñez  de la O", "JOSE_NUNEZ_DE_LA_O"),
    ("  o'brien-PÉREZ\tJr. ", "O_BRIEN_PEREZ_JR"),
    ("Ana 2", "ANA_2"),
])
def test_nombre_archivo(nombre: str, esperado: str) -> None:
    assert nombre_archivo(nombre) == esperado


@pytest.mark.parametrize("nombre", ["", "   ", "123", "--//..", "李小龙"])
def test_nombre_archivo_sin_letras(nombre: str) -> None:
    with pytest.raises(ValueError, match="no tiene letras"):
        nombre_archivo(nombre)


def test_xlsx_solo_filas_validas_como_texto(tmp_path: Path) -> None:
    resultado = exportar(_filas(), ASPIRANTE, tmp_path)
    assert resultado == ResultadoExportacion(
        tmp_path / "MARIA_LOPEZ_HERNANDEZ.xlsx", tmp_path / "MARIA_LOPEZ_HERNANDEZ_rechazados.xlsx",
        validas=2, rechazadas=1)
    libro = openpyxl.load_workbook(resultado.ruta)
    assert libro.sheetnames == [HOJA_APOYOS]
    hoja = libro.active
    assert [[c.value for c in fila] for fila in hoja.iter_rows()] == [
        ENCABEZADOS, list(V2), list(V4)]
    for fila in hoja.iter_rows(min_row=2):
        assert [c.data_type for c in fila] == ["s"] * 8
        assert [c.number_format for c in fila] == ["@"] * 8
    formato_columna = {col: d.number_format for d in hoja.column_dimensions.values()
                       for col in range(d.min, d.max + 1)}
    assert [formato_columna.get(col) for col in range(1, 9)] == ["@"] * 8
    assert hoja.freeze_panes == "A2"
    leido = CalamineWorkbook.from_path(str(resultado.ruta)).get_sheet_by_name(HOJA_APOYOS)
    assert leido.to_python() == [ENCABEZADOS, list(V2), list(V4)]  # "0012" keeps its zeros


def test_rechazados(tmp_path: Path) -> None:
    resultado = exportar(_filas(), ASPIRANTE, tmp_path)
    assert resultado.ruta_rechazados is not None
    hoja = openpyxl.load_workbook(resultado.ruta_rechazados).active
    assert hoja.title == "Rechazados"
    filas = [[c.value for c in fila] for fila in hoja.iter_rows()]
    assert filas[0] == ["Fila", *ENCABEZADOS, "Motivos"]
    assert filas[1] == [3, *V3, (
        f"[clave-estado-invalida] {E_ESTADO.mensaje} Cómo corregir: {E_ESTADO.remedio} | "
        f"[sin-ocr-ni-cic] {E_SIN.mensaje} Cómo corregir: {E_SIN.remedio}")]
    assert len(filas) == 2
    assert filas[1][9] == (
        "[clave-estado-invalida] La Clave del Estado «33» no existe: debe ser un número de 01 a "
        "32. Cómo corregir: Escriba la clave de dos dígitos de la entidad donde vota el ciudadano "
        "(por ejemplo 07 para Chiapas). | [sin-ocr-ni-cic] El registro no tiene OCR ni CIC. Cómo "
        "corregir: Capture el OCR (13 dígitos) o el CIC (9 dígitos) del reverso de la credencial.")
    assert hoja["A2"].data_type == "n" and hoja["B2"].data_type == "s"
    assert hoja.auto_filter.ref == "A1:J2"
    assert hoja["J2"].alignment.wrap_text  # the reasons wrap, in a row as tall as they need
    assert hoja.row_dimensions[2].height == 15.0 * math.ceil(len(filas[1][9]) / 75)


def test_sin_rechazos_no_hay_archivo_y_se_borra_el_viejo(tmp_path: Path) -> None:
    viejo = tmp_path / "MARIA_LOPEZ_HERNANDEZ_rechazados.xlsx"
    viejo.write_bytes(b"de una exportacion anterior")
    resultado = exportar(iter([FilaRevisada(2, V2, ())]), ASPIRANTE, tmp_path)
    assert (resultado.ruta_rechazados, resultado.validas, resultado.rechazadas) == (None, 1, 0)
    assert not viejo.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["MARIA_LOPEZ_HERNANDEZ.xlsx"]


@pytest.mark.parametrize(("formato", "otro"), [("xlsx", "txt"), ("txt", "xlsx")])
def test_sin_filas_validas_no_se_escribe_el_archivo(tmp_path: Path, formato: str,
                                                    otro: str) -> None:
    # An empty DERFE file must not be sent by mistake, nor a stale one of an earlier export
    # in its place: that one is deleted. The other format's file is not this export's: kept.
    anterior = tmp_path / f"MARIA_LOPEZ_HERNANDEZ.{formato}"
    anterior.write_bytes(b"exportacion anterior")
    ajeno = tmp_path / f"MARIA_LOPEZ_HERNANDEZ.{otro}"
    ajeno.write_bytes(b"exportacion en el otro formato")
    resultado = exportar(iter([FilaRevisada(3, V3, (E_SIN,))]), ASPIRANTE, tmp_path, formato)
    assert (resultado.ruta, resultado.validas, resultado.rechazadas) == (None, 0, 1)
    assert not anterior.exists()
    assert ajeno.read_bytes() == b"exportacion en el otro formato"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([
        ajeno.name, "MARIA_LOPEZ_HERNANDEZ_rechazados.xlsx"])
    assert [f[0] for f in _celdas(tmp_path / "MARIA_LOPEZ_HERNANDEZ_rechazados.xlsx")] == [
        "Fila", 3]


def test_txt_bytes(tmp_path: Path) -> None:
    con_tab = FilaRevisada(5, ("07", "1", "A\tB", "C\r\nD", "", "", "", "123456789"), ())
    resultado = exportar([*_filas(), con_tab], ASPIRANTE, tmp_path, formato="txt")
    assert resultado.ruta == tmp_path / "MARIA_LOPEZ_HERNANDEZ.txt"
    assert resultado.ruta_rechazados == tmp_path / "MARIA_LOPEZ_HERNANDEZ_rechazados.xlsx"
    assert resultado.ruta.read_bytes() == (
        b"\xef\xbb\xbf"
        + "Clave del Estado\tSección electoral\tNombre(s)\tApellido paterno\tApellido materno\t"
          "Clave de elector\tOCR\tCIC\r\n".encode()
        + b"07\t0012\tSOFIA\tGARCIA\t\tGRLPSF90010107M123\t0012345678901\t\r\n"
        + b"07\t1726\tLUZ MA.\tO'BRIEN\tDE LA O\t\t\t012345678\r\n"
        + b"07\t1\tA B\tC D\t\t\t\t123456789\r\n"
    )


def test_valores_como_formula_quedan_como_texto(tmp_path: Path) -> None:
    raros = ("=1+1", "+52", "-3", "@A", "<&>", " 07", "_x0041_", "a\x01")
    resultado = exportar(iter([FilaRevisada(2, raros, ())]), ASPIRANTE, tmp_path)
    hoja = openpyxl.load_workbook(resultado.ruta).active
    assert [(c.value, c.data_type) for c in hoja[2]][:6] == [(v, "s") for v in raros[:6]]
    leido = CalamineWorkbook.from_path(str(resultado.ruta)).get_sheet_by_name(HOJA_APOYOS)
    assert leido.to_python()[1] == list(raros)


def test_formato_desconocido(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Formato de exportación desconocido «csv»"):
        exportar(_filas(), ASPIRANTE, tmp_path, formato="csv")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("formato", ["xlsx", "txt"])
def test_si_falla_a_medias_quedan_los_archivos_anteriores(tmp_path: Path, formato: str) -> None:
    anterior = exportar(_filas(), ASPIRANTE, tmp_path, formato=formato)  # type: ignore[arg-type]
    antes = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert anterior.ruta_rechazados is not None and len(antes) == 2

    def filas_que_fallan() -> Iterator[FilaRevisada]:
        for n in range(2, 30_000):
            if n == 20_000:
                raise OSError(28, "No space left on device")
            yield FilaRevisada(n, V2, ()) if n % 3 else FilaRevisada(n, V3, (E_SIN,))

    with pytest.raises(OSError):
        exportar(filas_que_fallan(), ASPIRANTE, tmp_path, formato=formato)  # type: ignore[arg-type]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == antes  # no temporary files


def test_muchas_filas_en_orden(tmp_path: Path) -> None:
    filas = (FilaRevisada(n, (*V2[:7], f"{n:09d}"), ()) for n in range(2, 20_002))
    resultado = exportar(filas, ASPIRANTE, tmp_path)
    leido = CalamineWorkbook.from_path(str(resultado.ruta)).get_sheet_by_name(HOJA_APOYOS)
    datos = leido.to_python()
    assert len(datos) == 20_001 and resultado.validas == 20_000
    assert [f[7] for f in datos[1:]] == [f"{n:09d}" for n in range(2, 20_002)]
