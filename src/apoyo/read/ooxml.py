"""Looking inside a zip-based workbook without parsing its data: format, macros, zip-bomb guard,
defined names and the error cells python-calamine cannot report.

Only small parts (workbook.xml, its relationships, ``mimetype``) are parsed, with defusedxml; a
sheet's XML is only scanned as bytes, in blocks, for error cells (``t="e"``), formula cells and
hidden rows and columns (`inspeccionar_hoja`). A part declaring a DTD or entities is refused
before any parser sees it.

>>> _ref_a_posicion(b"AB12")
(12, 27)
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

from apoyo.read import inutilizable

#: Refuse a zip declaring more than this many uncompressed bytes in total (2 GiB). A full sheet
#: of 1,048,575 rows of the eight fields is about 0.5 GB of XML.
DESCOMPRIMIDO_MAXIMO = 2 * 1024**3
#: Refuse a member bigger than `MIEMBRO_GRANDE` that compresses more than this ratio.
RAZON_MAXIMA = 200
MIEMBRO_GRANDE = 100 * 1024**2

_MIME_ODS = b"application/vnd.oasis.opendocument.spreadsheet"


def _nombre_formato(extension: str) -> str:
    return extension.lstrip(".") if extension in (".xlsx", ".xlsm", ".xlsb", ".ods") else "zip"


def _abrir(ruta: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(ruta)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError,
            NotImplementedError):  # e.g. "zip file version 6.4": not a zip Excel writes
        raise inutilizable.danado(_nombre_formato(ruta.suffix.lower())) from None
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None


def _revisar_tamanos(zf: zipfile.ZipFile) -> None:
    total = 0
    for info in zf.infolist():
        total += info.file_size
        comprimido = max(info.compress_size, 1)
        if info.file_size > MIEMBRO_GRANDE and info.file_size / comprimido > RAZON_MAXIMA:
            raise inutilizable.bomba_zip()
    if total > DESCOMPRIMIDO_MAXIMO:
        raise inutilizable.bomba_zip()


#: Bytes at the start of each XML part looked at for a DTD (it must precede the root element).
_INICIO_XML = 4096
#: At most this many parts are looked at for a DTD (a workbook has a few dozen).
_PARTES_XML = 2000
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _revisar_dtd(zf: zipfile.ZipFile) -> None:
    """Refuse XML parts declaring a DTD or entities (entity expansion, external entities).

    Excel and LibreOffice never write one; calamine's parser would not expand or fetch them
    either (it reports an unknown entity), but the user then gets a clear reason.
    """
    partes = [i for i in zf.infolist() if i.filename.lower().endswith((".xml", ".rels"))]
    for info in partes[:_PARTES_XML]:
        try:
            with zf.open(info) as f:
                inicio = f.read(_INICIO_XML)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError,
                RuntimeError, ValueError):
            continue  # calamine reports the damage (or it is a part no reader needs)
        if _DTD.search(inicio):
            raise inutilizable.xml_con_dtd()


def inspeccionar_zip(ruta: Path, extension: str) -> tuple[str, bool]:
    """Return ``(formato, macros)`` of a zip file: "xlsx", "xlsb" or "ods".

    Raises:
        ArchivoInutilizable: corrupt zip, zip bomb, an XML part with a DTD or entity
            declarations, or a zip that is no workbook (Word, PowerPoint, a plain archive...).
    """
    with _abrir(ruta) as zf:
        _revisar_tamanos(zf)
        _revisar_dtd(zf)
        nombres = set(zf.namelist())
        macros = "xl/vbaProject.bin" in nombres
        if "xl/workbook.xml" in nombres:
            return "xlsx", macros
        if "xl/workbook.bin" in nombres:
            return "xlsb", macros
        if "mimetype" in nombres:
            try:
                mime = zf.read("mimetype")[:200]
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError):
                raise inutilizable.danado(_nombre_formato(extension)) from None
            if mime.startswith(_MIME_ODS):  # also "...-template" (.ots)
                return "ods", False
            if b"opendocument.text" in mime:
                raise inutilizable.no_es_hoja("un documento de texto de LibreOffice (.odt)")
        if "word/document.xml" in nombres:
            raise inutilizable.no_es_hoja("un documento de Word (.docx)")
        if "ppt/presentation.xml" in nombres:
            raise inutilizable.no_es_hoja("una presentación de PowerPoint (.pptx)")
        if any(n.startswith("xl/") for n in nombres):
            # Parts of a workbook but no workbook part: damaged.
            raise inutilizable.danado(_nombre_formato(extension))
        raise inutilizable.no_es_hoja("un archivo comprimido ZIP")


# ---- workbook.xml: sheet parts and defined names -------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml(zf: zipfile.ZipFile, miembro: str) -> ElementTree.Element | None:
    try:
        return ElementTree.fromstring(zf.read(miembro))
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ElementTree.ParseError,
            NotImplementedError):
        return None
    except Exception:  # defusedxml's DTD/entity refusals: treat the part as absent
        return None


def partes_xlsx(ruta: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Return ``(sheet name -> worksheet part path, defined name -> its formula text)``.

    Empty dicts when the parts cannot be read (calamine then reports the damage).
    """
    hojas: dict[str, str] = {}
    nombres: dict[str, str] = {}
    try:
        zf = zipfile.ZipFile(ruta)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return hojas, nombres
    with zf:
        libro = _xml(zf, "xl/workbook.xml")
        rels = _xml(zf, "xl/_rels/workbook.xml.rels")
        if libro is None:
            return hojas, nombres
        destinos: dict[str, str] = {}
        for rel in rels.iter() if rels is not None else ():
            if _local(rel.tag) == "Relationship" and rel.get("Id") and rel.get("Target"):
                destino = rel.get("Target", "")
                destino = destino[1:] if destino.startswith("/") else "xl/" + destino
                destinos[rel.get("Id", "")] = posixpath.normpath(destino)
        for elem in libro.iter():
            etiqueta = _local(elem.tag)
            if etiqueta == "sheet":
                rid = next((v for k, v in elem.attrib.items() if _local(k) == "id"), None)
                if rid in destinos and elem.get("name"):
                    hojas[elem.get("name", "")] = destinos[rid]
            elif etiqueta == "definedName" and elem.get("name"):
                nombres[elem.get("name", "")] = (elem.text or "").strip()
    return hojas, nombres


# ---- error cells ---------------------------------------------------------------------------

_ATRIBUTO_ERROR = re.compile(rb"""\st=["']e["']""")
_REF = re.compile(rb"""\sr=["']([A-Z]{1,3})([0-9]{1,7})["']""")
_VALOR = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>([^<]*)<")
_MAXIMO_RESTO = 64 * 1024**2


def _ref_a_posicion(ref: bytes) -> tuple[int, int]:
    """``b"E6"`` -> (6, 4): 1-based row, 0-based column."""
    m = re.fullmatch(rb"([A-Z]{1,3})([0-9]{1,7})", ref)
    if m is None:
        raise ValueError("not a cell reference")
    columna = 0
    for letra in m.group(1):
        columna = columna * 26 + (letra - 64)
    return int(m.group(2)), columna - 1


def _errores_en(datos: bytes, errores: dict[int, dict[int, str]]) -> None:
    if b'="e"' not in datos and b"='e'" not in datos:
        return
    for m in _ATRIBUTO_ERROR.finditer(datos):
        inicio = datos.rfind(b"<", 0, m.start())
        fin_etiqueta = datos.find(b">", m.end())
        if inicio == -1 or fin_etiqueta == -1 or datos[fin_etiqueta - 1 : fin_etiqueta] == b"/":
            continue
        etiqueta = datos[inicio + 1 : fin_etiqueta]
        nombre = etiqueta.split(None, 1)[0] if etiqueta.split() else b""
        if nombre.rsplit(b":", 1)[-1] != b"c":
            continue
        ref = _REF.search(etiqueta)
        cierre = datos.find(b"</" + nombre + b">", fin_etiqueta)
        if ref is None or cierre == -1:
            continue
        valor = _VALOR.search(datos, fin_etiqueta, cierre)
        texto = valor.group(1).decode("utf-8", "replace").strip() if valor else ""
        fila, columna = _ref_a_posicion(ref.group(1) + ref.group(2))
        errores.setdefault(fila, {})[columna] = texto or "#N/A"


# ---- formulas, hidden rows and columns ------------------------------------------------------

_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_CON_VALOR = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?[vt](?:\s[^>]*)?>[^<]*?[^<\s]")
#: A cell's cached result: a ``<v>`` element with something in it.
_RESULTADO = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>[^<]")
_TIPO_TEXTO = re.compile(rb"""\st=["']str["']""")
#: A cell's closing tag: "</" cannot occur in text (a "<" there is escaped), ">" can.
_FIN_CELDA = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?c\s*>")
_OCULTO = re.compile(rb"""\shidden=["'](?:1|true)["']""")
#: A row or column tag with ``hidden`` among its attributes, first or not (openpyxl writes
#: ``<col hidden="1" min="2" max="2"/>``).
_ETIQUETA_OCULTA = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?(row|col)\s(?:[^>]*\s)?hidden=["'](?:1|true)["'][^>]*>""")
_NUMERO_FILA = re.compile(rb"""\sr=["']([0-9]{1,7})["']""")
_MIN_MAX = re.compile(rb"""\s(min|max)=["']([0-9]{1,5})["']""")


@dataclass
class DetallesHoja:
    """What the sheet XML says that python-calamine does not.

    Attributes:
        errores: error cells, ``{row (1-based): {column (0-based): "#N/A"}}``.
        formulas: cells holding a formula, ``{row: [columns]}``, only in rows where some cell
            has a value (a formula whose result is blank in an otherwise blank row is no data).
        sin_resultado: those of `formulas` whose result the file does not hold (no ``<v>``, or
            an empty one in a cell that is not of text type): a library such as openpyxl
            writes formulas so, and only a program that calculates them would know the value.
            Excel writes an empty text result as ``t="str"`` with an empty ``<v>``.
        filas_ocultas: hidden rows that have cells.
        columnas_ocultas: hidden column ranges, 0-based and inclusive.
    """

    errores: dict[int, dict[int, str]] = field(default_factory=dict)
    formulas: dict[int, list[int]] = field(default_factory=dict)
    sin_resultado: dict[int, list[int]] = field(default_factory=dict)
    filas_ocultas: list[int] = field(default_factory=list)
    columnas_ocultas: list[tuple[int, int]] = field(default_factory=list)
    compartidas: bool = field(default=False, repr=False)  # a shared formula was seen


def _etiqueta_antes(datos: bytes, nombre: bytes, hasta: int) -> int:
    """Start of the last opening tag `nombre` (with or without a prefix) before `hasta`; -1."""
    j = hasta
    while True:
        j = datos.rfind(nombre, 0, j)
        if j < 1:
            return -1
        if datos[j + len(nombre) : j + len(nombre) + 1] in (b" ", b">", b"\t", b"\n", b"\r"):
            antes = datos[j - 1 : j]
            if antes == b"<":
                return j - 1
            if antes == b":":
                k = datos.rfind(b"<", 0, j)
                if k != -1 and datos[k + 1 : k + 2] != b"/" and b" " not in datos[k:j]:
                    return k


def _formulas_en(datos: bytes, detalles: DetallesHoja) -> None:
    # "f>" ends every <f>...</f> (any prefix). Only the cells sharing a formula have an empty
    # <f t="shared" .../>, and the first one of the group (with "f>") comes before them: after
    # it, blocks are also searched for "shared".
    if b"f>" not in datos and not (detalles.compartidas and b'"shared"' in datos):
        return
    detalles.compartidas = detalles.compartidas or b'"shared"' in datos
    formulas = detalles.formulas
    filas: dict[int, tuple[int, bool]] = {}  # start of a row tag -> (row end, has a value)
    for m in _FORMULA.finditer(datos):
        celda = _etiqueta_antes(datos, b"c", m.start())
        fila = _etiqueta_antes(datos, b"row", m.start())
        if celda == -1 or fila == -1 or celda < fila:
            continue
        if fila not in filas:
            fin = datos.find(b"row>", m.end())
            fin = len(datos) if fin == -1 else fin
            filas[fila] = (fin, _CON_VALOR.search(datos, fila, fin) is not None)
        if not filas[fila][1]:
            continue
        ref = _REF.search(datos, celda, m.start())
        if ref is None:
            continue
        numero, columna = _ref_a_posicion(ref.group(1) + ref.group(2))
        formulas.setdefault(numero, []).append(columna)
        fin = _FIN_CELDA.search(datos, m.end())
        fin_celda = len(datos) if fin is None else fin.start()
        if (_RESULTADO.search(datos, m.start(), fin_celda) is None
                and _TIPO_TEXTO.search(datos, celda, datos.find(b">", celda)) is None):
            detalles.sin_resultado.setdefault(numero, []).append(columna)


def _ocultos_en(datos: bytes, detalles: DetallesHoja) -> None:
    if b"hidden=" not in datos:
        return
    for m in _ETIQUETA_OCULTA.finditer(datos):
        etiqueta = m.group()
        if m.group(1) == b"col":
            limites = dict(_MIN_MAX.findall(etiqueta))
            if b"min" in limites:
                minimo = int(limites[b"min"])
                maximo = int(limites.get(b"max", limites[b"min"]))
                detalles.columnas_ocultas.append((minimo - 1, maximo - 1))
            continue
        numero = _NUMERO_FILA.search(etiqueta)
        vacia = etiqueta.endswith(b"/>") or datos.startswith(b"</", m.end())
        if numero is not None and not vacia:
            detalles.filas_ocultas.append(int(numero.group(1)))


def _revisar_bloque(datos: bytes, detalles: DetallesHoja) -> None:
    _errores_en(datos, detalles.errores)
    _formulas_en(datos, detalles)
    _ocultos_en(datos, detalles)


def inspeccionar_hoja(ruta: Path, miembro: str, bloque: int = 1 << 20) -> DetallesHoja:
    """Error cells, formula cells, hidden rows and hidden columns of one worksheet part.

    Streams the part in blocks cut after a ``row>`` tag (so no cell is split) and only looks
    closer where ``t="e"``, a ``<f>`` element or a ``hidden`` attribute occurs. Cells without an
    ``r`` attribute are not reported. Returns what was found before a part that cannot be read
    (calamine reports the damage). Nothing found here is evaluated: a formula is only noted.
    """
    detalles = DetallesHoja()
    try:
        with zipfile.ZipFile(ruta) as zf, zf.open(miembro) as f:
            resto = b""
            while True:
                leido = f.read(bloque)
                datos = resto + leido
                if not leido:
                    _revisar_bloque(datos, detalles)
                    break
                corte = datos.rfind(b"row>")
                if corte == -1:
                    if len(datos) > _MAXIMO_RESTO:
                        break
                    resto = datos
                    continue
                corte += 4
                _revisar_bloque(datos[:corte], detalles)
                resto = datos[corte:]
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
            NotImplementedError):
        return DetallesHoja()
    return detalles


def celdas_con_error(ruta: Path, miembro: str, bloque: int = 1 << 20) -> dict[int, dict[int, str]]:
    """Error cells of one worksheet part: ``{row (1-based): {column (0-based): "#N/A"}}``.

    See `inspeccionar_hoja`; an empty dict if the part cannot be read.
    """
    return inspeccionar_hoja(ruta, miembro, bloque).errores
