"""Unusable files: each raises ArchivoInutilizable with a specific Spanish message."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from .ayudas_lectura import ENCABEZADOS, FILA_1

from apoyo.errors import ArchivoInutilizable
from apoyo.read import TAMANO_MAXIMO, leer, ooxml

Libro = Callable[..., Path]


def _falla(ruta: Path) -> ArchivoInutilizable:
    with pytest.raises(ArchivoInutilizable) as info:
        leer(ruta)
    error = info.value
    assert error.mensaje and error.remedio
    assert error.__cause__ is None or not isinstance(error.__cause__, ArchivoInutilizable)
    return error


def test_no_existe(tmp_path: Path) -> None:
    error = _falla(tmp_path / "no_hay.xlsx")
    assert error.mensaje == "No se encontró el archivo «no_hay.xlsx»."


def test_carpeta_no_es_archivo(tmp_path: Path) -> None:
    carpeta = tmp_path / "carpeta.xlsx"
    carpeta.mkdir()
    assert "No se encontró el archivo" in _falla(carpeta).mensaje


@pytest.mark.parametrize("nombre", ["vacio.xlsx", "vacio.csv"])
def test_vacio(tmp_path: Path, nombre: str) -> None:
    ruta = tmp_path / nombre
    ruta.write_bytes(b"")
    assert _falla(ruta).mensaje == "El archivo está vacío (0 bytes)."


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_tuberia_no_es_archivo(tmp_path: Path) -> None:
    # Found by a tester: a named pipe (or a link to /dev/zero) was "not found", though there.
    ruta = tmp_path / "tuberia.xlsx"
    os.mkfifo(ruta)
    error = _falla(ruta)
    assert (error.mensaje, error.remedio) == (
        "«tuberia.xlsx» no es un archivo guardado en disco, sino un dispositivo o una conexión "
        "entre programas del sistema: no se puede leer como hoja de cálculo.",
        "Indique la ruta de un archivo .xlsx, .xls, .ods o .csv guardado en una carpeta.")


def test_ods_cifrado_dice_como_en_libreoffice(tmp_path: Path) -> None:
    """Found by a tester: a password-protected .ods was told to use Excel's menus. An .ods
    whose manifest says content.xml is encrypted (as LibreOffice writes it)."""
    ruta = tmp_path / "con_contrasena.ods"
    manifiesto = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="9">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="eA==">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" '
        'manifest:initialisation-vector="eA=="/><manifest:key-derivation '
        'manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" '
        'manifest:salt="eA=="/></manifest:encryption-data></manifest:file-entry>'
        '</manifest:manifest>')
    with zipfile.ZipFile(ruta, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifiesto)
        z.writestr("content.xml", bytes(range(256)))
    error = _falla(ruta)
    assert error.mensaje == ("El libro está protegido con contraseña para abrirlo (cifrado) y "
                             "no se puede leer.")
    assert error.remedio == (
        "Ábralo en LibreOffice Calc con la contraseña, use Archivo > Guardar como, desmarque "
        "«Guardar con contraseña», guarde el archivo y envíelo de nuevo.")


def test_cifrado(libro: Libro, tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    origen = libro("claro.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1]})
    ruta = tmp_path / "con_contrasena.xlsx"
    with origen.open("rb") as f, ruta.open("wb") as salida:
        OOXMLFile(f).encrypt("secreta", salida)
    error = _falla(ruta)
    assert "protegido con contraseña para abrirlo" in error.mensaje
    assert "Archivo > Información > Proteger libro > Cifrar con contraseña" in error.remedio


@pytest.mark.parametrize(
    ("contenido", "parece"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "un documento PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "una imagen PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "una imagen JPEG (foto)"),
    ],
)
def test_no_es_hoja_renombrado(tmp_path: Path, contenido: bytes, parece: str) -> None:
    ruta = tmp_path / "apoyos.xlsx"
    ruta.write_bytes(contenido + b"\x00" * 200)
    error = _falla(ruta)
    assert error.mensaje == f"El archivo no es una hoja de cálculo: parece ser {parece}."


def test_word_renombrado(tmp_path: Path) -> None:
    ruta = tmp_path / "apoyos.xlsx"
    with zipfile.ZipFile(ruta, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    assert "un documento de Word (.docx)" in _falla(ruta).mensaje


def test_html_con_extension_xls(tmp_path: Path) -> None:
    ruta = tmp_path / "reporte.xls"
    ruta.write_text("<html><body><table><tr><td>OCR</td></tr></table></body></html>")
    error = _falla(ruta)
    assert "una página web (HTML)" in error.mensaje
    assert "Guardar como" in error.remedio


def test_zip_truncado(libro: Libro, tmp_path: Path) -> None:
    datos = libro("bueno.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1] * 50}).read_bytes()
    ruta = tmp_path / "cortado.xlsx"
    ruta.write_bytes(datos[: len(datos) // 2])
    assert "El archivo xlsx está dañado o incompleto" in _falla(ruta).mensaje


def test_miembro_dañado(libro: Libro, tmp_path: Path) -> None:
    origen = libro("bueno.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1]})
    ruta = tmp_path / "roto.xlsx"
    with zipfile.ZipFile(origen) as src, zipfile.ZipFile(ruta, "w") as dst:
        for info in src.infolist():
            datos = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                datos = datos[: len(datos) // 2]  # XML cut in the middle
            dst.writestr(info, datos)
    assert "dañado o incompleto" in _falla(ruta).mensaje


def test_sin_encabezado(libro: Libro) -> None:
    ruta = libro("sin.xlsx", {"Hoja1": [["Nombre", "OCR", "CIC"], ["ANA", "1", "2"]]})
    error = _falla(ruta)
    assert error.mensaje.startswith("No se encontró la fila de encabezados en la hoja «Hoja1»")
    assert "«Clave del Estado», «Sección electoral»" in error.mensaje


def test_sin_encabezado_texto(tmp_path: Path) -> None:
    ruta = tmp_path / "sin.csv"
    ruta.write_text("a,b,c\n1,2,3\n")
    assert _falla(ruta).mensaje.startswith("No se encontró la fila de encabezados en el archivo")


def test_encabezado_despues_de_20_filas(libro: Libro) -> None:
    filas = [[f"nota {i}"] for i in range(20)] + [ENCABEZADOS, FILA_1]
    assert "primeras 20 filas" in _falla(libro("tarde.xlsx", {"Hoja1": filas})).mensaje


@pytest.mark.parametrize("nombre", ["apoyos.pdf", "apoyos.docx", "apoyos"])
def test_extension_desconocida(tmp_path: Path, nombre: str) -> None:
    ruta = tmp_path / nombre
    ruta.write_text("x")
    error = _falla(ruta)
    assert "No se reconoce el tipo de archivo" in error.mensaje
    assert ".xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .txt, .tsv." in error.mensaje


def test_demasiado_grande(tmp_path: Path) -> None:
    ruta = tmp_path / "enorme.csv"
    with ruta.open("wb") as f:
        f.truncate(TAMANO_MAXIMO + 1)  # sparse: no disk used
    error = _falla(ruta)
    assert "el máximo que se acepta es 200 MB" in error.mensaje


def test_bomba_zip(tmp_path: Path) -> None:
    ruta = tmp_path / "bomba.xlsx"
    ceros = b"\x00" * (1 << 20)
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as miembro:
            for _ in range(ooxml.MIEMBRO_GRANDE // len(ceros) + 1):
                miembro.write(ceros)
    assert "contenido descomprimido desproporcionado" in _falla(ruta).mensaje


def test_bomba_zip_total(monkeypatch: pytest.MonkeyPatch, libro: Libro) -> None:
    monkeypatch.setattr(ooxml, "DESCOMPRIMIDO_MAXIMO", 1000)
    ruta = libro("grande.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1]})
    assert "desproporcionado" in _falla(ruta).mensaje


def test_binario_con_extension_csv(tmp_path: Path) -> None:
    ruta = tmp_path / "raro.csv"
    ruta.write_bytes(bytes(range(256)) * 4)
    assert "parece ser un archivo binario" in _falla(ruta).mensaje


def test_ningun_error_de_bajo_nivel_escapa(tmp_path: Path) -> None:
    """Random bytes under every accepted extension give ArchivoInutilizable, nothing else."""
    basura = bytes((i * 37 + 11) % 256 for i in range(5000))
    for extension in (".xlsx", ".xlsm", ".xlsb", ".ods", ".xls", ".csv", ".txt"):
        for inicio in (b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            ruta = tmp_path / f"basura{extension}"
            ruta.write_bytes(inicio + basura)
            with pytest.raises(ArchivoInutilizable):
                leer(ruta)


def test_mensajes_sin_datos_personales(libro: Libro, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    ruta = tmp_path / "medio.xlsx"
    ruta.write_bytes(buffer.getvalue())
    error = _falla(ruta)
    for valor in FILA_1:
        assert valor not in error.mensaje + error.remedio
