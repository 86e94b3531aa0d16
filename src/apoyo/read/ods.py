"""What an .ods sheet says that python-calamine does not: error cells, formula cells, hidden rows
and columns, merged cells (the OpenDocument counterpart of `apoyo.read.ooxml.inspeccionar_hoja`).

python-calamine reads an .ods error cell (``#N/A``, ``#DIV/0!``, ``Err:502``...) as empty, does
not say which cells hold a formula, and gives no merged ranges. ``content.xml`` is scanned here
as bytes, in blocks cut after a row's end tag, while calamine loads the workbook (as
`apoyo.read.ooxml` scans a worksheet part; no XML parser is run, so no DTD, entity or external
reference is ever processed; a zip bomb or a DTD makes the scan give nothing, see
`ooxml._revisar_tamanos` and `ooxml._DTD`):

- tables, rows and column definitions are found by their tags (prefixes as the root element
  declares them). Repeated rows and columns (``table:number-rows-repeated``,
  ``table:number-columns-repeated``) advance the position without being expanded, so a sheet
  ending with a million repeated empty rows costs nothing.
- a row is only looked into when it holds a formula or a merged cell, or is hidden; then only
  those cells' tags are read, their column counted from the cell tags (and repeats) before them.
- only the sheets asked for are looked at; the others are skipped up to their end tag.

Any failure gives no details (never an exception): the file is read as before. A formula cell or
a hidden row is only noted in a row with some value (``office:value-type``, or text in a
paragraph), as for .xlsx. Parsing every element with ``iterparse`` took 27 s for a sheet of
1,000,000 rows of the eight fields, against 5 s for this scan (calamine takes 5 to 11 s).

An error cell is a formula cell whose ``calcext:value-type`` is ``error`` (LibreOffice); without
that attribute (other writers), one whose shown text is an error code and that has no value
attribute (or an empty ``office:string-value``). The checker gets its text as
`apoyo.read.celdas.ErrorDeCelda`, LibreOffice's own codes as it saves them to .xlsx (``Err:502``
-> ``#VALUE!``): the same value as in that .xlsx.

>>> filas = (b'<table:table-row><table:table-cell><text:p>A</text:p></table:table-cell>'
...          b'</table:table-row><table:table-row table:number-rows-repeated="3">'
...          b'<table:table-cell/></table:table-row><table:table-row>'
...          b'<table:table-cell table:number-columns-repeated="2"><text:p>x</text:p>'
...          b'</table:table-cell><table:table-cell table:formula="of:=1/0" '
...          b'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>'
...          b'</table:table-row>')
>>> d = detalles_de_contenido(_contenido(b'<table:table table:name="Hoja1">' + filas
...                                      + b'</table:table>'), "Hoja1")
>>> d.formulas, d.errores
({5: [2]}, {5: {2: '#DIV/0!'}})
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from apoyo.read import ooxml
from apoyo.read.deteccion import FILA_MAXIMA
from apoyo.read.otras_hojas import HOJAS_SIN_APOYOS
from apoyo.schema import HOJA_APOYOS, plegar

_NS_TABLE = b"urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_NS_OFFICE = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_NS_TEXT = b"urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_NS_CALCEXT = b"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"

#: Rows past this one are not looked at (calamine's reader refuses them, `FILA_MAXIMA`).
_FILA_TOPE = FILA_MAXIMA + 1
#: Columns from this one (0-based; XFD is 16383) are not looked at.
_COLUMNAS = 16_384
#: At most this many formula, error and merged cells are noted (repeated cells count one per
#: column; repeated rows share their row's entries): a small file repeating a formula cell over
#: whole rows cannot take unbounded memory or time. A full sheet of the eight fields has 8.4 M.
_CELDAS_MAXIMAS = 16_000_000
#: At most this many bytes are kept waiting for the end of a row (one row is never that long).
_MAXIMO_RESTO = 64 * 1024**2
#: Error texts written by programs that do not mark an error cell (LibreOffice's are marked).
_TEXTO_ERROR = re.compile(
    r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!"
    r"|BUSY!|UNKNOWN!|GETTING_DATA)|Err:\d{3}")
#: LibreOffice's own error codes (shown as ``Err:502``...) as it writes them to .xlsx
#: (``XclTools::GetXclErrorCode``); any other is ``#N/A`` there too. The checker then sees the
#: same value as in the .xlsx LibreOffice would save.
_ERR_A_EXCEL = {502: "#VALUE!", 503: "#NUM!", 504: "#VALUE!", 508: "#VALUE!", 509: "#VALUE!",
                510: "#VALUE!", 511: "#VALUE!", 519: "#VALUE!", 521: "#NULL!", 522: "#VALUE!",
                524: "#REF!", 525: "#NAME?", 530: "#NAME?", 531: "#NAME?", 532: "#DIV/0!"}

_RAIZ = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?document-content(?=[\s/>])")
#: A start tag's attributes (quoted values may hold ">") and its optional "/".
_ATRIBUTOS = rb"""((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>"""
_ATRIBUTO = re.compile(rb"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DECLARACION = re.compile(rb"""xmlns:([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ETIQUETA = re.compile(rb"<[^>]*>")

Rango = tuple[tuple[int, int], tuple[int, int]]  # ((row, col), (row, col)), 0-based, inclusive


@dataclass
class DetallesOds(ooxml.DetallesHoja):
    """`apoyo.read.ooxml.DetallesHoja` of an .ods sheet, plus its merged ranges.

    Attributes:
        combinadas: merged ranges as python-calamine gives them for .xlsx,
            ``((row, col), (row, col))``, 0-based and inclusive (calamine gives none for .ods).
    """

    combinadas: list[Rango] = field(default_factory=list)


class _Basta(Exception):
    """Every sheet asked for has been seen: stop reading."""


def _atributos(texto: bytes) -> dict[bytes, bytes]:
    """``b' a="1" b='2''`` -> ``{b"a": b"1", b"b": b"2"}`` (values not unescaped)."""
    return {nombre: doble or simple for nombre, doble, simple in _ATRIBUTO.findall(texto)}


def _entero(valor: bytes | None) -> int:
    """A repeat or span count: at least 1 (a missing or bad value counts as 1)."""
    try:
        return max(int(valor), 1) if valor is not None else 1
    except ValueError:
        return 1


class _Lector:
    """Scans content.xml block by block (see the module docstring)."""

    def __init__(self, quiere: Callable[[str, Mapping[str, DetallesOds]], bool],
                 basta: Callable[[Mapping[str, DetallesOds]], bool]) -> None:
        self.quiere, self.basta = quiere, basta
        self.encontradas: dict[str, DetallesOds] = {}
        self.actual: DetallesOds | None = None
        self.nombre = ""
        self.fila = 0  # 0-based index of the next row of the current table
        self.columna = 0  # 0-based index of the next column definition
        self.saltando = False  # inside a table not asked for
        self.presupuesto = _CELDAS_MAXIMAS

    def preparar(self, datos: bytes) -> bool | None:
        """Read the root element's namespace prefixes and build the patterns: True when done;
        None when `datos` does not hold the whole root start tag yet; False when a DTD
        precedes it or it declares no table prefix."""
        raiz = _RAIZ.search(datos)
        if raiz is not None and ooxml._DTD.search(datos, 0, raiz.start()):
            return False
        etiqueta = (re.compile(rb"[^\s=/>]+" + _ATRIBUTOS).match(datos, raiz.start() + 1)
                    if raiz is not None else None)
        if etiqueta is None:
            return None
        prefijos = {(m.group(2) if m.group(2) is not None else m.group(3)): m.group(1)
                    for m in _DECLARACION.finditer(etiqueta.group(1))}
        t = prefijos.get(_NS_TABLE)
        o = prefijos.get(_NS_OFFICE, b"office")
        x = prefijos.get(_NS_TEXT, b"text")
        c = prefijos.get(_NS_CALCEXT, b"calcext")
        if not t:
            return False
        et = re.escape(t)
        self.estructura = re.compile(
            rb"</" + et + rb":(table|table-row)\s*>"
            rb"|<" + et + rb":(table|table-row|table-column)(?=[\s/>])" + _ATRIBUTOS)
        self.fin_tabla = re.compile(rb"</" + et + rb":table\s*>")
        self.fin_fila = b"</" + t + b":table-row"
        self.fin_celda = re.compile(rb"</" + et + rb":(?:covered-)?table-cell\s*>")
        self.celda = re.compile(rb"<" + et + rb":(table-cell|covered-table-cell)(?=[\s/>])"
                                + _ATRIBUTOS)
        self.celdas = (b"<" + t + b":table-cell", b"<" + t + b":covered-table-cell")
        self.repeticion = re.compile(
            et + rb""":number-columns-repeated\s*=\s*["']\s*([0-9]+)""")
        self.a_revisar = re.compile(et + rb":(?:formula|number-(?:rows|columns)-spanned)\s*=")
        self.tipo_valor = o + b":value-type="
        self.parrafo = re.compile(rb"<" + re.escape(x) + rb":p(?:\s[^>]*)?>(?:\s*<[^>]*>)*\s*"
                                  rb"[^<\s]")
        self.nota = re.compile(rb"<" + re.escape(o) + rb":annotation\b.*?</" + re.escape(o)
                               + rb":annotation\s*>", re.DOTALL)
        self.nombres = {
            "nombre": t + b":name", "filas": t + b":number-rows-repeated",
            "columnas": t + b":number-columns-repeated", "visibilidad": t + b":visibility",
            "formula": t + b":formula", "abarca_filas": t + b":number-rows-spanned",
            "abarca_columnas": t + b":number-columns-spanned",
            "tipo": c + b":value-type", "texto": o + b":string-value",
            "valores": (o + b":value", o + b":date-value", o + b":time-value",
                        o + b":boolean-value"),
        }
        return True

    def corte(self, datos: bytes) -> int:
        """Where a block may be cut: after the last row end tag; -1 when none."""
        j = datos.rfind(self.fin_fila)
        if j == -1:
            return -1
        k = datos.find(b">", j)
        return -1 if k == -1 else k + 1

    def bloque(self, datos: bytes) -> None:
        """Process `datos`, which ends after a row end tag (or is the end of the part).

        Raises:
            _Basta: every sheet asked for has been seen.
        """
        pos, fin = 0, len(datos)
        nombres = self.nombres
        while pos < fin:
            if self.saltando:
                m = self.fin_tabla.search(datos, pos)
                if m is None:
                    return
                self.saltando, pos = False, m.end()
                continue
            m = self.estructura.search(datos, pos)
            if m is None:
                return
            pos = m.end()
            if m.group(1) is not None:  # an end tag
                if m.group(1) == b"table" and self.actual is not None:
                    self.cerrar()
                continue
            etiqueta, sola = m.group(2), m.group(4) == b"/"
            if etiqueta == b"table-row":
                pos = self._fila(datos, m, sola)
                continue
            atributos = _atributos(m.group(3))
            if etiqueta == b"table":
                if self.actual is not None or sola:  # a table inside the table; an empty one
                    continue
                nombre = html.unescape(
                    atributos.get(nombres["nombre"], b"").decode("utf-8", "replace"))
                if self.quiere(nombre, self.encontradas):
                    self.actual, self.nombre = DetallesOds(), nombre
                    self.fila = self.columna = 0
                else:
                    self.saltando = True
                continue
            if self.actual is None:
                continue
            if etiqueta == b"table-column":
                n = _entero(atributos.get(nombres["columnas"]))
                if (atributos.get(nombres["visibilidad"]) == b"collapse"
                        and self.columna < _COLUMNAS):
                    self.actual.columnas_ocultas.append(
                        (self.columna, min(self.columna + n, _COLUMNAS) - 1))
                self.columna += n

    def _fila(self, datos: bytes, m: re.Match[bytes], sola: bool) -> int:
        """Note row `m` (a start tag in `datos`); return where its element ends."""
        n, oculta, texto = 1, False, m.group(3)
        if b"repeated" in texto or b"visibility" in texto:  # usually a style name only
            atributos = _atributos(texto)
            n = _entero(atributos.get(self.nombres["filas"]))
            oculta = atributos.get(self.nombres["visibilidad"]) in (b"collapse", b"filter")
        fin = fin_contenido = m.end()
        if not sola:
            j = datos.find(self.fin_fila, m.end())
            fin_contenido = len(datos) if j == -1 else j
            k = datos.find(b">", j) if j != -1 else -1
            fin = len(datos) if k == -1 else k + 1
        if (not sola and self.actual is not None
                and (oculta or self.a_revisar.search(datos, m.end(), fin_contenido))
                and (datos.find(self.tipo_valor, m.end(), fin_contenido) != -1
                     or self.parrafo.search(datos, m.end(), fin_contenido))):
            self._celdas(datos, m.end(), fin_contenido, n, oculta)
        self.fila += n
        if self.fila >= _FILA_TOPE:  # the rest of the sheet is not read
            self.cerrar()
            self.saltando = True
        return fin

    def _celdas(self, datos: bytes, inicio: int, fin: int, n: int, oculta: bool) -> None:
        """Note the formula, error and merged cells of the row whose content is
        ``datos[inicio:fin]``, repeated `n` times from row index `self.fila`; the row has a
        value."""
        detalles = self.actual
        assert detalles is not None
        nombres = self.nombres
        primera = self.fila  # 0-based
        ultima = min(primera + n, _FILA_TOPE) - 1
        numeros = range(primera + 1, ultima + 2)  # 1-based, as DetallesHoja's
        if oculta:
            detalles.filas_ocultas.extend(numeros)
        formulas: list[int] = []
        errores: dict[int, str] = {}
        columna, pos = 0, inicio  # the column of the cell whose tag starts at or after pos
        for marca in self.a_revisar.finditer(datos, inicio, fin):
            if marca.start() < pos or self.presupuesto <= 0:
                continue  # an attribute of the cell just looked at
            abre = datos.rfind(b"<", pos, marca.start())  # no "<" in an attribute value
            celda = self.celda.match(datos, abre) if abre != -1 else None
            if celda is None:
                continue
            columna += (datos.count(self.celdas[0], pos, abre)
                        + datos.count(self.celdas[1], pos, abre))
            if datos.find(b"-repeated", pos, abre) != -1:
                columna += sum(_entero(r.group(1)) - 1
                               for r in self.repeticion.finditer(datos, pos, abre))
            pos = celda.end()
            atributos = _atributos(celda.group(2))
            repetida = _entero(atributos.get(nombres["columnas"]))
            columnas = range(min(columna, _COLUMNAS), min(columna + repetida, _COLUMNAS))
            columna += repetida
            if nombres["formula"] in atributos:
                formulas.extend(columnas)
                self.presupuesto -= len(columnas)
                if self._es_error(datos, celda, atributos):
                    errores.update(dict.fromkeys(columnas, _texto_de_error(
                        self._texto(datos, celda))))
            filas_abarcadas = _entero(atributos.get(nombres["abarca_filas"]))
            columnas_abarcadas = _entero(atributos.get(nombres["abarca_columnas"]))
            if celda.group(1) == b"table-cell" and (filas_abarcadas > 1
                                                    or columnas_abarcadas > 1):
                if len(columnas) * len(numeros) > self.presupuesto:
                    # Checked before expanding (found by a tester: 1.3 KB of repeated merged
                    # cells took 5.9 GB): past the budget nothing more is noted.
                    self.presupuesto = 0
                    continue
                for f in range(primera, ultima + 1):
                    detalles.combinadas += [((f, c), (f + filas_abarcadas - 1,
                                                      c + columnas_abarcadas - 1))
                                            for c in columnas]
                self.presupuesto -= len(columnas) * len(numeros)
        if formulas:
            detalles.formulas.update(dict.fromkeys(numeros, formulas))
        if errores:
            detalles.errores.update(dict.fromkeys(numeros, errores))

    def _texto(self, datos: bytes, celda: re.Match[bytes]) -> str:
        """The shown text of a cell: its paragraphs, without notes."""
        if celda.group(3) == b"/":
            return ""
        fin = self.fin_celda.search(datos, celda.end())
        contenido = datos[celda.end():fin.start() if fin else celda.end()]
        contenido = self.nota.sub(b"", contenido)
        return html.unescape(_ETIQUETA.sub(b"", contenido).decode("utf-8", "replace"))

    def _es_error(self, datos: bytes, celda: re.Match[bytes],
                  atributos: dict[bytes, bytes]) -> bool:
        tipo = atributos.get(self.nombres["tipo"])
        if tipo is not None:
            return tipo == b"error"
        return (not atributos.get(self.nombres["texto"])
                and not any(a in atributos for a in self.nombres["valores"])
                and _TEXTO_ERROR.fullmatch(self._texto(datos, celda).strip()) is not None)

    def cerrar(self) -> None:
        """End the current table (if any) and keep its details.

        Raises:
            _Basta: every sheet asked for has been seen.
        """
        if self.actual is not None:
            self.encontradas.setdefault(self.nombre, self.actual)
            self.actual = None
            if self.basta(self.encontradas):
                raise _Basta


def _texto_de_error(texto: str) -> str:
    """The error text the checker gets: Excel's (LibreOffice's ``Err:502`` -> ``#VALUE!``).

    >>> [_texto_de_error(t) for t in ("#N/A", " #DIV/0! ", "Err:502", "Err:523", "")]
    ['#N/A', '#DIV/0!', '#VALUE!', '#N/A', '#N/A']
    """
    texto = texto.strip()
    if texto.startswith("Err:") and texto[4:].isdigit():
        return _ERR_A_EXCEL.get(int(texto[4:]), "#N/A")
    return texto or "#N/A"


def _recorrer(contenido: IO[bytes], lector: _Lector, bloque: int) -> dict[str, DetallesOds]:
    resto = b""
    preparado = False
    try:
        while True:
            leido = contenido.read(bloque)
            datos = resto + leido
            if not preparado:
                if not leido or len(datos) > _MAXIMO_RESTO:
                    return {}
                listo = lector.preparar(datos)
                if listo is False:  # a DTD, or no table namespace
                    return {}
                if listo is None:
                    resto = datos
                    continue
                preparado = True
            if not leido:
                lector.bloque(datos)
                lector.cerrar()  # a part cut short: what was seen of the sheet
                break
            corte = lector.corte(datos)
            if corte == -1:
                if len(datos) > _MAXIMO_RESTO:
                    lector.cerrar()
                    break
                resto = datos
                continue
            lector.bloque(datos[:corte])
            resto = datos[corte:]
    except _Basta:
        pass
    return lector.encontradas


def _inspeccionar(ruta: Path, quiere: Callable[[str, Mapping[str, DetallesOds]], bool],
                  basta: Callable[[Mapping[str, DetallesOds]], bool],
                  bloque: int) -> dict[str, DetallesOds]:
    try:
        with zipfile.ZipFile(ruta) as zf:
            ooxml._revisar_tamanos(zf)
            ooxml._revisar_dtd(zf)
            with zf.open("content.xml") as f:
                return _recorrer(f, _Lector(quiere, basta), bloque)
    except Exception:  # noqa: BLE001 - whatever fails here, the file is read without details
        return {}


def inspeccionar_hoja(ruta: Path, hoja: str, bloque: int = 1 << 20) -> DetallesOds:
    """Error cells, formula cells, hidden rows and columns and merged ranges of sheet `hoja`
    (its exact name) of the .ods at `ruta`.

    Returns empty details when the sheet is not found or the part cannot be read to its end
    (calamine reports the damage). Never raises.
    """
    return _inspeccionar(ruta, lambda nombre, _: nombre == hoja,
                         lambda vistas: hoja in vistas, bloque).get(hoja, DetallesOds())


def _es_apoyos(nombre: str) -> bool:
    return plegar(nombre) == plegar(HOJA_APOYOS)


def _quiere_probable(nombre: str, vistas: Mapping[str, DetallesOds]) -> bool:
    if _es_apoyos(nombre):
        return True
    return (plegar(nombre) not in HOJAS_SIN_APOYOS
            and all(plegar(n) in HOJAS_SIN_APOYOS for n in vistas))


def inspeccionar_probables(ruta: Path, bloque: int = 1 << 20) -> dict[str, DetallesOds]:
    """`inspeccionar_hoja` of the sheets `apoyo.read.libro` most likely reads, in one pass:
    the one named like `HOJA_APOYOS` (accents and case aside) and the first one that is not one
    of our other sheets (Resumen, Aspirante, Instrucciones), before the sheet names are known.

    Returns ``{sheet name: DetallesOds}`` (empty when nothing can be scanned). Never raises.
    """
    return _inspeccionar(ruta, _quiere_probable, lambda vistas: any(map(_es_apoyos, vistas)),
                         bloque)


def detalles_de(probables: Mapping[str, DetallesOds], ruta: Path, hoja: str) -> DetallesOds:
    """The details of sheet `hoja`: from `probables` (`inspeccionar_probables`) or, when
    another sheet was chosen, scanned now. Never raises."""
    if hoja in probables:
        return probables[hoja]
    return inspeccionar_hoja(ruta, hoja)


def detalles_de_contenido(contenido: bytes, hoja: str, bloque: int = 1 << 20) -> DetallesOds:
    """`inspeccionar_hoja` on the bytes of a ``content.xml`` (for tests). Never raises."""
    try:
        return _recorrer(io.BytesIO(contenido), _Lector(lambda n, _: n == hoja,
                                                         lambda v: hoja in v),
                         bloque).get(hoja, DetallesOds())
    except Exception:  # noqa: BLE001
        return DetallesOds()


def _contenido(tablas: bytes) -> bytes:
    """A minimal content.xml around `tablas` (for examples and tests)."""
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
            b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            b'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:'
            b'1.0" office:version="1.3"><office:body><office:spreadsheet>' + tablas
            + b"</office:spreadsheet></office:body></office:document-content>")
