"""How a DERFE file written by `apoyo exportar` is recognised afterwards.

The .xlsx export carries a document property (category `CATEGORIA`, seen in Excel under
Archivo > Información > Propiedades), so that a folder holding a submission and its export is
not checked twice (`apoyo validar carpeta` would count every apoyo as repeated in the other
file). Reading it opens the zip and its small ``docProps/core.xml`` only.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

#: The category property of an export (and of nothing else this project writes).
CATEGORIA = "Apoyos para la DERFE (apoyo-ciudadano)"
#: Document properties of the .xlsx export (XlsxWriter ``set_properties``).
PROPIEDADES = {
    "title": "Apoyos ciudadanos para la DERFE",
    "category": CATEGORIA,
    "comments": "Archivo exportado por apoyo-ciudadano con las filas válidas de una entrega.",
}
# The property as XlsxWriter writes it in docProps/core.xml (no character needs escaping).
_EN_XML = f"<cp:category>{CATEGORIA}</cp:category>".encode()
_MAXIMO = 64 * 1024  # a core.xml is a few hundred bytes


def es_exportacion(ruta: Path) -> bool:
    """True when `ruta` is an .xlsx written by `apoyo exportar` (its category property is
    `CATEGORIA`); False for anything else, including files that cannot be opened (the reader
    then says what is wrong with them)."""
    try:
        with zipfile.ZipFile(ruta) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > _MAXIMO:
                return False
            with zf.open(info) as f:
                return _EN_XML in f.read(_MAXIMO)
    except (OSError, KeyError, zipfile.BadZipFile, NotImplementedError, RuntimeError,
            EOFError, ValueError):
        return False
