"""What a file really is, from its first bytes and its extension, before any parser sees it.

`detectar` checks existence, size and extension, then the content: a zip (xlsx/xlsm/xlsb/ods),
an OLE2 compound file (legacy .xls, or an encrypted OOXML workbook: password to open), text, or
something else (PDF, image, Word...). Content wins over the extension: an .xls saved as .xlsx is
read as .xls, a CSV named .xls is read as text (`apoyo.firmas`).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from apoyo.errors import ArchivoInutilizable
from apoyo.firmas import OLE, ZIP, que_parece
from apoyo.read import inutilizable, ooxml

#: Largest file accepted, in bytes (200 MB). A full sheet of 1,048,575 rows of the eight fields
#: is about 40 MB as .xlsx and 100 MB as CSV; anything far bigger is not a submission.
TAMANO_MAXIMO = 200 * 1024 * 1024
#: Last row of an Excel sheet (header included): data below it cannot be marked, in a workbook
#: (a hand-made one can declare more rows) or a text file (line numbers are the row numbers).
FILA_MAXIMA = 1_048_576
#: Longest physical line of a text file, in bytes (4 MB): a row of the eight fields is about
#: 100 bytes; a line of millions of separators would become millions of cells in memory.
LINEA_MAXIMA = 4 * 1024 * 1024

EXTENSIONES_LIBRO = {".xlsx", ".xlsm", ".xlsb", ".ods", ".xls"}
EXTENSIONES_TEXTO = {".csv", ".txt", ".tsv"}
#: Every extension read, in the order messages and help list them.
EXTENSIONES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".txt", ".tsv")
assert set(EXTENSIONES) == EXTENSIONES_LIBRO | EXTENSIONES_TEXTO

@dataclass(frozen=True)
class Deteccion:
    """What `detectar` found.

    Attributes:
        tipo: "libro" (read with calamine) or "texto" (read with csv).
        formato: "xlsx", "xlsm", "xlsb", "ods", "xls", "csv", "txt" or "tsv".
        macros: the workbook carries VBA macros (never run).
        extension_coincide: the extension matches the content (calamine can open by path).
    """

    tipo: str
    formato: str
    macros: bool = False
    extension_coincide: bool = True


def _formato_disfrazado(inicio: bytes) -> str | None:
    """HTML or XML-2003 files that web systems save with an .xls extension."""
    cabeza = inicio.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if cabeza.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")):
        return "una página web (HTML)"
    if cabeza.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in inicio:
            return "una hoja XML de Excel 2003"
        return "un documento XML"
    return None


def _tamano(ruta: Path) -> int:
    try:
        if not ruta.is_file():
            raise (inutilizable.no_es_archivo(ruta.name) if ruta.exists() and not ruta.is_dir()
                   else inutilizable.no_encontrado(ruta.name))
        return ruta.stat().st_size
    except OSError:
        raise inutilizable.no_encontrado(ruta.name) from None


def _leer_inicio(ruta: Path, n: int = 4096) -> bytes:
    try:
        with ruta.open("rb") as f:
            return f.read(n)
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None


# ---- OLE2 (legacy .xls, encrypted OOXML) ---------------------------------------------------


def _entrada_ole(nombre: str) -> tuple[bytes, int]:
    """Directory-entry pattern of a stream name: UTF-16LE + NUL, and its length field."""
    codificado = nombre.encode("utf-16-le") + b"\x00\x00"
    return codificado, len(codificado)


_NOMBRES_OLE = ("EncryptionInfo", "EncryptedPackage", "Workbook", "Book", "_VBA_PROJECT_CUR",
                "WordDocument", "PowerPoint Document")


def nombres_ole(ruta: Path, bloque: int = 1 << 20) -> set[str]:
    """Stream names among `_NOMBRES_OLE` present in an OLE2 file's directory.

    Directory entries are 128-byte records at 128-byte-aligned offsets whose name (UTF-16LE,
    NUL-terminated) is followed at byte 64 by its length in bytes; requiring all three makes a
    match inside cell text practically impossible. The file is scanned in blocks, no parser.
    """
    patrones = {n: _entrada_ole(n) for n in _NOMBRES_OLE}
    encontrados: set[str] = set()
    solape = 128
    base = 0
    resto = b""
    with ruta.open("rb") as f:
        while True:
            datos = f.read(bloque)
            if not datos:
                break
            buffer = resto + datos
            inicio_buffer = base - len(resto)
            for nombre, (patron, largo) in patrones.items():
                if nombre in encontrados:
                    continue
                pos = buffer.find(patron)
                while pos != -1:
                    absoluto = inicio_buffer + pos
                    campo = buffer[pos + 64 : pos + 66]
                    if absoluto % 128 == 0 and len(campo) == 2 and (
                        struct.unpack("<H", campo)[0] == largo
                    ):
                        encontrados.add(nombre)
                        break
                    pos = buffer.find(patron, pos + 1)
            base += len(datos)
            resto = buffer[-solape:]
    return encontrados


def _detectar_ole(ruta: Path, extension: str) -> Deteccion:
    nombres = nombres_ole(ruta)
    if "EncryptionInfo" in nombres or "EncryptedPackage" in nombres:
        raise inutilizable.cifrado()
    if "WordDocument" in nombres:
        raise inutilizable.no_es_hoja("un documento de Word (.doc)")
    if "PowerPoint Document" in nombres:
        raise inutilizable.no_es_hoja("una presentación de PowerPoint (.ppt)")
    return Deteccion(
        "libro", "xls", macros="_VBA_PROJECT_CUR" in nombres, extension_coincide=extension == ".xls"
    )


# ---- entry point ---------------------------------------------------------------------------


def detectar(ruta: Path) -> Deteccion:
    """Decide how to read `ruta`.

    Raises:
        ArchivoInutilizable: not found, empty, over `TAMANO_MAXIMO`, unknown extension,
            encrypted, not a spreadsheet, a corrupt or suspicious zip.
    """
    tamano = _tamano(ruta)
    extension = ruta.suffix.lower()
    if extension not in EXTENSIONES_LIBRO | EXTENSIONES_TEXTO:
        raise inutilizable.extension_desconocida(extension)
    if tamano == 0:
        raise inutilizable.vacio()
    if tamano > TAMANO_MAXIMO:
        raise inutilizable.demasiado_grande(tamano, TAMANO_MAXIMO)
    inicio = _leer_inicio(ruta)
    if inicio.startswith(ZIP):
        formato, macros = ooxml.inspeccionar_zip(ruta, extension)
        coincide = extension == f".{formato}" or (formato == "xlsx" and extension == ".xlsm")
        if formato == "xlsx" and extension == ".xlsm":
            formato = "xlsm"
        return Deteccion("libro", formato, macros or formato == "xlsm", coincide)
    if inicio.startswith(OLE):
        return _detectar_ole(ruta, extension)
    parece = que_parece(inicio)
    if parece:
        raise inutilizable.no_es_hoja(parece)
    disfrazado = _formato_disfrazado(inicio)
    if disfrazado:
        raise inutilizable.formato_no_soportado(disfrazado)
    if extension in EXTENSIONES_LIBRO and len(inicio) >= 8 and _parece_binario(inicio):
        raise inutilizable.danado(extension.lstrip("."))
    formato = extension.lstrip(".") if extension in EXTENSIONES_TEXTO else "csv"
    return Deteccion("texto", formato, extension_coincide=extension in EXTENSIONES_TEXTO)


def _parece_binario(inicio: bytes) -> bool:
    """Bytes that no text encoding we read would produce (control bytes, not UTF-16)."""
    if inicio.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    controles = sum(1 for b in inicio if b < 9 or 13 < b < 32)
    nulos = inicio.count(0)
    return controles > len(inicio) // 10 and not nulos * 3 > len(inicio)


__all__ = ["FILA_MAXIMA", "LINEA_MAXIMA", "TAMANO_MAXIMO", "ArchivoInutilizable", "Deteccion",
           "detectar", "que_parece"]
