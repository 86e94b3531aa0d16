"""The submission layout DERFE asks for: the eight fields, their labels and how headers map to them.

Source: oficio INE/DERFE/STN/30531/2017 (10 Nov 2017): an Excel or text file with, each in its
own column, Clave del Estado, sección electoral, nombre(s), apellido paterno, apellido materno,
clave de elector, OCR or CIC; the file named after the aspirant with underscores.

>>> CAMPOS[0], ETIQUETAS["seccion"]
('clave_estado', 'Sección electoral')
>>> campo_de_encabezado("  SECCION   Electoral ")
'seccion'
>>> campo_de_encabezado("clave de elector"), campo_de_encabezado("Teléfono")
('clave_elector', None)
"""

from __future__ import annotations

import re
import unicodedata

from apoyo.normalize import recodificar

#: Canonical field names, in the order DERFE lists them (and the export writes them).
CAMPOS: tuple[str, ...] = (
    "clave_estado",
    "seccion",
    "nombre",
    "apellido_paterno",
    "apellido_materno",
    "clave_elector",
    "ocr",
    "cic",
)

#: Column labels of the template and of the DERFE export.
ETIQUETAS: dict[str, str] = {
    "clave_estado": "Clave del Estado",
    "seccion": "Sección electoral",
    "nombre": "Nombre(s)",
    "apellido_paterno": "Apellido paterno",
    "apellido_materno": "Apellido materno",
    "clave_elector": "Clave de elector",
    "ocr": "OCR",
    "cic": "CIC",
}

#: Sheet and column names used by the template, the marked copy and the Excel add-in.
HOJA_APOYOS = "Apoyos"
HOJA_ASPIRANTE = "Aspirante"
HOJA_INSTRUCCIONES = "Instrucciones"
HOJA_RESUMEN = "Resumen"
COLUMNA_RESULTADO = "Resultado"
#: Header of the template's hidden flags column (J, right after Resultado): the in-Excel checker
#: writes there, for each data row, one character per column A..I (`MARCA_ERROR`,
#: `MARCA_AVISO`, `MARCA_VALIDA`, `MARCA_NADA`), and the template's conditional formatting
#: colours the cells from it. Readers ignore the column, like Resultado.
COLUMNA_MARCAS = "Marcas del verificador"

#: Characters of the flags column: a cell with an error, with a warning, nothing to mark; and,
#: in the position of Resultado only, a row without error or warning (painted green).
#: None of them starts a formula or a number when typed or written into a cell.
MARCA_ERROR = "E"
MARCA_AVISO = "A"
MARCA_VALIDA = "V"
MARCA_NADA = "_"

#: Version of the template layout; written in the template and read back by the checker.
#: "2": the hidden flags column `COLUMNA_MARCAS` and its conditional formatting.
VERSION_PLANTILLA = "2"

# Other spellings seen in real files, after folding (see `plegar`): abbreviations too («Secc.»,
# «Sección Elec.», «Nom.», «Ap. Paterno», «AP. PAT.», «Ap.Mat», «A. Paterno», «Edo.», «Cve.
# Elector», «Cve.Elec.», «No. OCR» / «Núm. OCR» / «Nº OCR» / «N° OCR», «O.C.R.», «C.I.C.»,
# «No. CIC»). No alias names two fields: «Estado»/«Edo.» alone is the Clave del Estado (no other
# field has a state), «Nom.» is the Nombre(s), «A.» / «Ap.» with «Pat.» or «Mat.» a surname.
_ALIAS: dict[str, str] = {
    "clave del estado": "clave_estado",
    "clave estado": "clave_estado",
    "clave de estado": "clave_estado",
    "estado": "clave_estado",
    "entidad": "clave_estado",
    "clave entidad": "clave_estado",
    "clave de la entidad": "clave_estado",
    "cve estado": "clave_estado",
    "cve entidad": "clave_estado",
    "edo": "clave_estado",
    "clave edo": "clave_estado",
    "clave del edo": "clave_estado",
    "cve edo": "clave_estado",
    "seccion electoral": "seccion",
    "seccion": "seccion",
    "secc": "seccion",
    "secc electoral": "seccion",
    "seccion elec": "seccion",
    "secc elec": "seccion",
    "nombre": "nombre",
    "nombres": "nombre",
    "nombre s": "nombre",
    "nom": "nombre",
    "apellido paterno": "apellido_paterno",
    "paterno": "apellido_paterno",
    "primer apellido": "apellido_paterno",
    "ap paterno": "apellido_paterno",
    "ap pat": "apellido_paterno",
    "a paterno": "apellido_paterno",
    "a pat": "apellido_paterno",
    "apellido pat": "apellido_paterno",
    "apellido materno": "apellido_materno",
    "materno": "apellido_materno",
    "segundo apellido": "apellido_materno",
    "ap materno": "apellido_materno",
    "ap mat": "apellido_materno",
    "a materno": "apellido_materno",
    "a mat": "apellido_materno",
    "apellido mat": "apellido_materno",
    "clave de elector": "clave_elector",
    "clave elector": "clave_elector",
    "clave electoral": "clave_elector",
    "cve elector": "clave_elector",
    "cve de elector": "clave_elector",
    "cve elec": "clave_elector",
    "cve de elec": "clave_elector",
    "clave elec": "clave_elector",
    "clave de elec": "clave_elector",
    "ocr": "ocr",
    "no ocr": "ocr",
    "num ocr": "ocr",
    "n ocr": "ocr",
    "numero ocr": "ocr",
    "no de ocr": "ocr",
    "num de ocr": "ocr",
    "numero de ocr": "ocr",
    "o c r": "ocr",
    "cic": "cic",
    "c i c": "cic",
    "no cic": "cic",
    "num cic": "cic",
    "n cic": "cic",
    "numero cic": "cic",
    "no de cic": "cic",
    "num de cic": "cic",
    "numero de cic": "cic",
}


#: Signs that cp850 bytes of Spanish letters become when read as Windows-1252, and the letter
#: (`plegar` repairs them only between two letters).
_LETRA_CP850 = {"\u00a2": "ó", "\u00a3": "ú", "\u00a4": "ñ", "\u00a5": "Ñ", "\u00a1": "í",
                "\u201a": "é"}
_EN_CP850 = re.compile(r"(?<=[^\W\d_])[\u00a2\u00a3\u00a4\u00a5\u00a1\u201a](?=[^\W\d_])")


def plegar(texto: str) -> str:
    """Fold a label for matching: accents removed, lowercase, non-alphanumerics to single spaces.

    UTF-8 that was read as Windows-1252 or Latin-1 ("SecciÃ³n", a header of a CSV saved as
    UTF-8 and opened as "ANSI") is read back first, when its bytes prove it
    (`apoyo.normalize.recodificar`, the same repair as for names): folded as it is, "Ã³"
    would become "a3".

    DOS code page 850 read as Windows-1252 ("Secci¢n electoral", a header typed or pasted from
    an old console program's file) is repaired too, but only for the signs that stand for a
    Spanish lowercase letter *between two letters*, where no real text has them: ¢ ó, £ ú,
    ¤ ñ, ¥ Ñ, ¡ í, ‚ (low quote) é. A real «¡» opens a sentence, after a space, and stays.

    >>> plegar("  Sección_Electoral: "), plegar("SecciÃ³n electoral")
    ('seccion electoral', 'seccion electoral')
    >>> plegar("Secci¢n electoral"), plegar("¡Hola!"), plegar("Veh¡culo")
    ('seccion electoral', 'hola', 'vehiculo')
    """
    texto = recodificar(texto)
    if _EN_CP850.search(texto):
        texto = _EN_CP850.sub(lambda m: _LETRA_CP850[m.group()], texto)
    sin_acentos = "".join(
        c for c in unicodedata.normalize("NFKD", texto)
        if not unicodedata.combining(c)
    )
    return re.sub(r"[^0-9a-z]+", " ", sin_acentos.lower()).strip()


def campo_de_encabezado(etiqueta: object) -> str | None:
    """Return the canonical field a header cell names, or None if it names none of the eight.

    Tolerates case, accents, spacing, punctuation and underscores (``clave_elector`` matches),
    and a hint in parentheses or brackets that the label alone does not explain
    (``OCR (13 dígitos)``, ``Clave de elector [18 caracteres]``).

    >>> campo_de_encabezado("OCR (13 dígitos)"), campo_de_encabezado("CIC [9 dígitos] ")
    ('ocr', 'cic')
    >>> campo_de_encabezado("Nombre(s)"), campo_de_encabezado("Teléfono (OCR)")
    ('nombre', None)
    """
    if not isinstance(etiqueta, str):
        return None
    campo = _campo_de(plegar(etiqueta))
    if campo is None and ("(" in etiqueta or "[" in etiqueta):
        campo = _campo_de(plegar(_PISTA.sub(" ", etiqueta)))
    return campo


def _campo_de(plegada: str) -> str | None:
    return _ALIAS.get(plegada) or _ALIAS_CAMPO.get(plegada)


_ALIAS_CAMPO = {campo.replace("_", " "): campo for campo in CAMPOS}
#: A hint in parentheses or brackets after the label: ``OCR (13 dígitos)``.
_PISTA = re.compile(r"(?<=\S)\s*[(\[][^()\[\]]*[)\]]")

#: Fill colours of marked cells, shared by the marked copy and the in-Excel checker (RGB hex).
COLOR_ERROR = "#F8B4B4"
COLOR_AVISO = "#FFE699"
COLOR_OK = "#C6EFCE"
