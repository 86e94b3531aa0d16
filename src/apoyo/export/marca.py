"""How a DERFE file written by `apoyo exportar` is recognised afterwards.

The .xlsx export carries document properties (seen in Excel under Archivo > Información >
Propiedades): category `CATEGORIA`, and as subject the name of the submission it was exported
from, so that a folder holding a submission and its export is not checked twice (`apoyo validar
carpeta` would count every apoyo as repeated in the other file), while an export whose
submission is not in the folder still is. Reading them opens the zip and its small
``docProps/core.xml`` only (parsed with defusedxml).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

#: The category property of an export (and of nothing else this project writes).
CATEGORIA = "Apoyos para la DERFE (apoyo-ciudadano)"
#: Document properties of the .xlsx export (XlsxWriter ``set_properties``).
PROPIEDADES = {
    "title": "Apoyos ciudadanos para la DERFE",
    "category": CATEGORIA,
    "comments": "Archivo exportado por apoyo-ciudadano con las filas válidas de una entrega.",
}
_MAXIMO = 64 * 1024  # a core.xml is a few hundred bytes
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DC = "{http://purl.org/dc/elements/1.1/}"


def propiedades(origen: str | None) -> dict[str, str]:
    """The document properties of an export of the submission file named `origen` (its name,
    no folder; None when not known): `PROPIEDADES` and the subject."""
    return {**PROPIEDADES, "subject": origen} if origen else dict(PROPIEDADES)


def origen_de_exportacion(ruta: Path) -> str | None:
    """For an .xlsx written by `apoyo exportar` (its category property is `CATEGORIA`): the
    name of the submission it was exported from, or "" when the export does not say (one made
    by an earlier version). None for anything else, including files that cannot be opened (the
    reader then says what is wrong with them)."""
    try:
        with zipfile.ZipFile(ruta) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > _MAXIMO:
                return None
            with zf.open(info) as f:
                raiz = fromstring(f.read(_MAXIMO))
    except (OSError, KeyError, zipfile.BadZipFile, NotImplementedError, RuntimeError,
            EOFError, ValueError, ParseError, DefusedXmlException):
        return None
    if (raiz.findtext(f"{_CP}category") or "").strip() != CATEGORIA:
        return None
    return (raiz.findtext(f"{_DC}subject") or "").strip()
