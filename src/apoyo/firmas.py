"""What a file is, from its first bytes (its signature): the containers a workbook comes in, and
the formats people send by mistake, named for the user. No I/O: the callers read the bytes.

Used by the reader (`apoyo.read.deteccion`) and by the section catalogue (`apoyo.catalog`), which
refuses an Excel file or a picture given as its CSV.

>>> que_parece(b"%PDF-1.7 ...")
'un documento PDF'
>>> que_parece(b"\\x89PNG\\r\\n\\x1a\\n"), que_parece(b"BMX;Clave;OCR") is None
('una imagen PNG', True)
>>> b"PK\\x03\\x04...".startswith(ZIP), b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1".startswith(OLE)
(True, True)
"""

from __future__ import annotations

#: An OLE2 compound file: a legacy .xls, or an encrypted OOXML workbook (or a .doc...).
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: A zip archive: .xlsx, .xlsm, .xlsb, .ods (or a .docx, a plain .zip...).
ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# Leading bytes of formats people send by mistake -> how to name them to the user.
_FIRMAS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "un documento PDF"),
    (b"\x89PNG", "una imagen PNG"),
    (b"\xff\xd8\xff", "una imagen JPEG (foto)"),
    (b"GIF8", "una imagen GIF"),
    (b"II*\x00", "una imagen TIFF"),
    (b"MM\x00*", "una imagen TIFF"),
    (b"RIFF", "un archivo de imagen o multimedia"),
    (b"Rar!", "un archivo comprimido RAR"),
    (b"7z\xbc\xaf\x27\x1c", "un archivo comprimido 7-Zip"),
    (b"\x1f\x8b", "un archivo comprimido GZIP"),
    (b"{\\rtf", "un documento RTF"),
)


def que_parece(inicio: bytes) -> str | None:
    """Name the non-spreadsheet format `inicio` (the first bytes) belongs to, if recognised
    (Spanish, with its article: «un documento PDF»); None otherwise."""
    for firma, nombre in _FIRMAS:
        if inicio.startswith(firma):
            if firma == b"RIFF" and inicio[8:12] == b"WEBP":
                return "una imagen WEBP"
            return nombre
    if inicio.startswith(b"BM") and inicio[6:10] == b"\x00\x00\x00\x00":
        return "una imagen BMP"
    if inicio[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "una imagen HEIC (foto de iPhone)"
    return None
