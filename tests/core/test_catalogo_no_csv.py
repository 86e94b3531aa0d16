"""A --catalogo that is not INE's CSV (found by a tester: an Excel workbook gave «Error interno
inesperado»): an empty file, a workbook, a binary file, UTF-16 text, wrong columns, a folder...
each is refused with exit 2 and a Spanish message saying what to use instead. The real
catalogues are read in place from the shared data (tests needing them skip when absent)."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from apoyo.catalog import CatalogoInvalido, CatalogoSecciones
from compartido import DATOS, MOTIVO

CORTE = "2026-11-29"
ENCABEZADO = "ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION"
PEQUENO = f"{ENCABEZADO}\r\n7,9,102,TUXTLA GUTIÉRREZ,1726\r\n7,7,1,ACACOYAGUA,2\r\n"
GUARDAR = ("Use el catálogo de secciones del INE como archivo CSV con las columnas ENTIDAD, "
           "DISTRITO, MUNICIPIO, NOMBRE_MUNICIPIO, SECCION; si lo tiene abierto en Excel, "
           "guárdelo con «Guardar como» y el tipo «CSV UTF-8 (delimitado por comas)», y use ese "
           "archivo .csv.")
con_datos = pytest.mark.skipif(not DATOS.is_dir(), reason=MOTIVO)


def apoyo(*args: str | Path, columnas: int = 100) -> subprocess.CompletedProcess[str]:
    """Run the real command line (`python -m apoyo`)."""
    return subprocess.run([sys.executable, "-m", "apoyo", *map(str, args)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "COLUMNS": str(columnas)})


def unir(texto: str) -> str:
    return " ".join(texto.split())


def _libro(ruta: Path, texto: str, delimitador: str = ",") -> Path:
    """The catalogue `texto` opened in Excel and saved as a workbook."""
    libro = openpyxl.Workbook()
    for linea in texto.splitlines():
        libro.active.append(linea.split(delimitador))
    libro.save(ruta)
    return ruta


def _invalido(datos: bytes, origen: str = "cat.csv") -> CatalogoInvalido:
    with pytest.raises(CatalogoInvalido) as info:
        CatalogoSecciones.desde_bytes(datos, origen)
    assert isinstance(info.value, ValueError)
    assert str(info.value) == info.value.mensaje
    return info.value


# ---- desde_bytes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("datos", [PEQUENO.encode("utf-8"), PEQUENO.encode("utf-8-sig"),
                                   PEQUENO.encode("cp1252"),
                                   PEQUENO.replace(",", "|").encode("utf-8"),
                                   (PEQUENO + ",,,,\r\n,,,,\r\n").encode("utf-8")])
def test_lee_csv_utf8_ansi_y_con_filas_vacias(datos: bytes) -> None:
    cat = CatalogoSecciones.desde_bytes(datos, "cat.csv")
    assert len(cat) == 2
    assert cat.buscar("07", 1726).nombre_municipio == "TUXTLA GUTIÉRREZ"


@con_datos
@pytest.mark.parametrize(("nombre", "secciones"), [
    ("Catalogo-cps.csv", 2295), ("Catalogo-col.csv", 430), ("Catalogo-ags.csv", 736)])
def test_catalogos_reales(nombre: str, secciones: int) -> None:
    cat = CatalogoSecciones.desde_bytes((DATOS / nombre).read_bytes(), nombre)
    assert len(cat) == secciones


@pytest.mark.parametrize("datos", [b"", b"   \r\n\r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n"])
def test_vacio(datos: bytes) -> None:
    error = _invalido(datos)
    assert error.mensaje == "El catálogo «cat.csv» está vacío."
    assert error.remedio == GUARDAR


def test_libro_de_excel(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "otro.xlsx", PEQUENO)
    error = _invalido(ruta.read_bytes(), "otro.xlsx")
    assert error.mensaje == (
        "El catálogo «otro.xlsx» es un libro de Excel (u otro archivo de Office o comprimido), "
        "no un archivo CSV; el catálogo debe ser el CSV del INE.")
    assert error.remedio == GUARDAR


def test_libro_antiguo_de_excel() -> None:
    error = _invalido(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "otro.xls")
    assert "es un libro de Excel" in error.mensaje


@pytest.mark.parametrize("codificacion", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16(codificacion: str) -> None:
    error = _invalido(PEQUENO.encode(codificacion))
    assert error.mensaje == ("El catálogo «cat.csv» está guardado como texto Unicode (UTF-16), "
                             "no como CSV UTF-8.")
    assert "CSV UTF-8" in error.remedio


@pytest.mark.parametrize(("datos", "parece"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01\x02", "un documento PDF"),
    (bytes(range(1, 32)) * 50, "un archivo binario"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "una imagen PNG"),
])
def test_binario(datos: bytes, parece: str) -> None:
    assert _invalido(datos).mensaje == (
        f"El catálogo «cat.csv» no es un archivo de texto CSV: parece {parece}.")


def test_columnas_equivocadas() -> None:
    error = _invalido(b"A,B,C\n1,2,3\n")
    assert error.mensaje == (
        "El catálogo «cat.csv» no tiene las columnas ENTIDAD, DISTRITO, MUNICIPIO, SECCION; se "
        "espera el formato del INE: ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION.")
    assert error.remedio == GUARDAR


def test_solo_encabezados() -> None:
    error = _invalido(f"{ENCABEZADO}\n,,,,\n".encode())
    assert error.mensaje == "El catálogo «cat.csv» tiene los encabezados pero ninguna sección."


def test_numero_invalido_dice_la_linea_fisica() -> None:
    error = _invalido(f"{ENCABEZADO}\n7,9,102,T,1726\n\n7,9,102,T,X\n".encode())
    assert error.mensaje == ("La línea 4 del catálogo «cat.csv» no tiene números válidos en "
                             "ENTIDAD, DISTRITO, MUNICIPIO o SECCION.")
    assert error.remedio.startswith("Corrija la línea 4")


def test_texto_que_no_es_csv() -> None:
    # An unclosed quote running to the end of the file: the csv module refuses it.
    error = _invalido(f'{ENCABEZADO}\n7,9,102,"T\x0b,1726'.encode() + b"x" * 200_000)
    assert error.mensaje.startswith("El catálogo «cat.csv» no se pudo leer como CSV")


# ---- the command line ----------------------------------------------------------------------------


@pytest.fixture
def entrega(tmp_path: Path) -> Path:
    ruta = tmp_path / "base.xlsx"
    run = apoyo("ejemplo", "--filas", "5", "--salida", ruta)
    assert run.returncode == 0, run.stderr
    return ruta


def _refusa(entrega: Path, catalogo: Path, orden: str = "validar") -> str:
    antes = sorted(p.name for p in entrega.parent.iterdir())
    run = apoyo(orden, entrega, "--catalogo", catalogo, "--fecha-corte", CORTE)
    assert run.returncode == 2, run.stdout + run.stderr
    salida = unir(run.stderr)
    assert "Error interno" not in salida and "Traceback" not in salida
    assert sorted(p.name for p in entrega.parent.iterdir()) == antes  # nothing written
    return salida


@pytest.mark.parametrize("orden", ["validar", "exportar"])
def test_cli_catalogo_en_excel(entrega: Path, orden: str) -> None:
    otro = _libro(entrega.parent / "otro.xlsx", PEQUENO)
    assert _refusa(entrega, otro, orden) == (
        "No se pudo usar: El catálogo «otro.xlsx» es un libro de Excel (u otro archivo de Office "
        f"o comprimido), no un archivo CSV; el catálogo debe ser el CSV del INE. Qué hacer: "
        f"{GUARDAR}")


@con_datos
def test_cli_catalogo_real_guardado_como_libro(entrega: Path) -> None:
    otro = _libro(entrega.parent / "Catalogo-cps.xlsx",
                  (DATOS / "Catalogo-cps.csv").read_text(encoding="utf-8"))
    assert "es un libro de Excel" in _refusa(entrega, otro)


@con_datos
def test_cli_catalogo_real_en_utf16(entrega: Path) -> None:
    otro = entrega.parent / "Catalogo-col.csv"
    otro.write_text((DATOS / "Catalogo-col.csv").read_text(encoding="utf-8"), encoding="utf-16")
    assert "está guardado como texto Unicode (UTF-16)" in _refusa(entrega, otro)


@pytest.mark.parametrize(("contenido", "dice"), [
    (b"", "El catálogo «cat.csv» está vacío."),
    (b"A,B,C\n1,2,3\n", "no tiene las columnas ENTIDAD, DISTRITO, MUNICIPIO, SECCION"),
    (PEQUENO.encode("utf-16"), "está guardado como texto Unicode (UTF-16)"),
    (bytes(range(256)) * 8, "no es un archivo de texto CSV"),
    (f"{ENCABEZADO}\n".encode(), "tiene los encabezados pero ninguna sección"),
])
def test_cli_catalogos_que_no_sirven(entrega: Path, contenido: bytes, dice: str) -> None:
    catalogo = entrega.parent / "cat.csv"
    catalogo.write_bytes(contenido)
    assert dice in _refusa(entrega, catalogo)


def test_cli_catalogo_que_es_carpeta(entrega: Path) -> None:
    carpeta = entrega.parent / "catalogos"
    carpeta.mkdir()
    assert _refusa(entrega, carpeta) == (
        "No se pudo usar: El catálogo «" + str(carpeta) + "» es una carpeta, no un archivo. "
        "Qué hacer: Indique con --catalogo el archivo CSV del catálogo de secciones del INE que "
        "está dentro de la carpeta (por ejemplo --catalogo carpeta/Catalogo.csv).")


def test_cli_catalogo_que_no_existe(entrega: Path) -> None:
    assert "No existe el catálogo" in _refusa(entrega, entrega.parent / "no_hay.csv")


@con_datos
def test_cli_catalogo_real_con_otra_extension(entrega: Path) -> None:
    # Content decides, not the name: INE's CSV named .txt is used.
    otro = entrega.parent / "catalogo.txt"
    otro.write_bytes((DATOS / "Catalogo-cps.csv").read_bytes())
    run = apoyo("validar", entrega, "--catalogo", otro, "--fecha-corte", CORTE)
    assert run.returncode in (0, 1), run.stdout + run.stderr
    assert "No se pudo usar" not in run.stderr


# ---- the help of --catalogo wraps (it was cut to «ENTIDAD,DISTRITO,MUNICIPIO,NO…») ---------------


@pytest.mark.parametrize("orden", ["validar", "exportar"])
@pytest.mark.parametrize("columnas", [80, 100])
def test_ayuda_de_catalogo_completa(orden: str, columnas: int) -> None:
    run = apoyo(orden, "--help", columnas=columnas)
    assert run.returncode == 0, run.stderr
    assert "…" not in run.stdout
    # The help column of the options box, joined back.
    partes = [linea.split("│")[1] for linea in run.stdout.splitlines() if linea.count("│") == 2]
    texto = unir(" ".join(partes))
    assert ("Catálogo de secciones del INE, en CSV (columnas ENTIDAD, DISTRITO, MUNICIPIO, "
            "NOMBRE_MUNICIPIO, SECCION). Con él, una sección inexistente es error.") in texto
