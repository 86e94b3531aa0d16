"""Fast xlsx writing for sheets of up to a million rows, shared by the marked copy and the export.

XlsxWriter's per-cell API costs about 12 s per 100,000 rows of 9 cells, even in
``constant_memory`` mode. Here XlsxWriter writes only the *structure* of the workbook, which is
small: styles, column widths and formats, freeze panes, autofilter, print setup, the header rows,
the small sheets (the summary), and the plumbing of cell notes (rels, content types,
``<legacyDrawing>``). Its output stays in memory. `EscritorHoja` then copies that zip member by
member into the destination and replaces the ``<sheetData>`` of one sheet with rows generated here
(and the notes parts with `partes_notas`):

* A row is one f-string, built by a function compiled once per pattern of value types (`str`,
  `int`, `float`, None) and column styles (`_compilar`). String values are checked in bulk: one
  joined string per row, `str.isprintable` and a few substring tests; a row that needs escaping
  or holds other value types (dates, booleans...) takes the general per-cell path (`fila_xml`),
  which writes exactly the same XML for the rows the fast path accepts.
* Runs of rows whose values are all texts that need no escaping (the clean rows, nearly all)
  are built in bulk from one template (`EscritorHoja.filas_texto`, `unir_filas`: compiled when
  `apoyo.mark._filas` was built), straight to UTF-8.
* Rows are joined into blocks of about 5 MB that a background thread deflates (level 6, by
  zlib-ng when installed: `_deflate_rapido`) into the zip member (deflate, crc32 and file writes
  release the GIL), so compressing overlaps generating when a second core is free.
* ``<dimension>`` is left out: it is optional in the schema and only a size hint for readers, and
  the last row is known only at the end of the stream. The autofilter range (in the sheet and in
  the workbook's ``_xlnm._FilterDatabase`` name) is patched with the last row written; the
  workbook part is written after the sheet.
* Optionally (`EscritorHoja` ``referencias=False``) a cell that follows the previous one has no
  ``r`` attribute (optional in ECMA-376 §18.3.1.4; Excel, LibreOffice, python-calamine and
  openpyxl place it after the previous cell): about 20 % less XML to build and deflate.

Text is always an inline string (``t="inlineStr"``): nothing written here can become a formula,
a number or a link. XML escaping (`texto_xml`): ``&``, ``<`` and ``>`` become entities and a
carriage return ``&#13;``; the C0 control characters XML 1.0 forbids (all but tab, line feed and
carriage return) are written with the OOXML escape ``_xHHHH_`` that Excel itself uses, so they
are neither lost nor changed: Excel, LibreOffice and python-calamine read them back as the
original character (openpyxl shows the escape as typed); a literal ``_xHHHH_`` in the data is
protected as ``_x005F_xHHHH_``. The non-characters U+FFFE and U+FFFF and lone surrogates, which
XML cannot carry and readers do not restore, become U+FFFD, the visible "�".

>>> texto_xml("a<b & c")
('a&lt;b &amp; c', False)
>>> texto_xml(" 07\\x01")
(' 07_x0001_', True)
>>> texto_xml("_x0041_")
('_x005F_x0041_', False)
>>> letra_columna(0), letra_columna(25), letra_columna(26), letra_columna(16383)
('A', 'Z', 'AA', 'XFD')
"""

from __future__ import annotations

import contextlib
import io
import math
import queue
import re
import threading
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from itertools import chain, islice, repeat
from operator import lt
from pathlib import Path
from types import TracebackType
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

#: Options every XlsxWriter workbook of the project uses: text stays text.
OPCIONES_XLSXWRITER: dict[str, Any] = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_TIPO_COMENTARIOS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_TIPO_VML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"

#: Deflate level of every part, the streamed sheet included: zlib's default (6). The sheet is
#: deflated on its own thread, by zlib-ng when installed (`_deflate_rapido`: 550 MB of XML for
#: the DERFE file of 1,048,575 rows take ≈3 s instead of ≈5 s, so the thread keeps up with the
#: rows). Level 1 would make the files about a fifth bigger (300,000 rows: 22.0 MB against
#: 17.9 MB).
NIVEL_DEFLATE = 6
_FILAS_POR_BLOQUE = 8192  # about 5 MB of XML: few hand-overs to the deflating thread
_MAX_PATRONES = 1024  # compiled row builders kept per sheet (a few kB each)
_ZIP64_CELDAS = 12_000_000  # above this many cells the sheet member may pass 4 GiB
_MAX_TEXTO = 32_767  # characters Excel holds in a cell


# ---- text and cells ------------------------------------------------------------------------------

_RE_ESCAPE_LITERAL = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_RE_PROHIBIDO = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_RE_SUSTITUTO = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _escape_ooxml(m: re.Match[str]) -> str:
    return f"_x{ord(m.group()):04X}_"


def texto_xml(texto: str) -> tuple[str, bool]:
    """Escape `texto` for an OOXML text node.

    Returns:
        ``(escaped, preserve)``: the text to put between ``<t>`` tags, and whether the node needs
        ``xml:space="preserve"`` (leading or trailing blanks, which Excel would otherwise trim).
    """
    preservar = texto[:1].isspace() or texto[-1:].isspace()
    if "_x" in texto:
        texto = _RE_ESCAPE_LITERAL.sub(r"_x005F_\1", texto)
    texto = texto.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if not texto.isprintable():
        texto = _RE_PROHIBIDO.sub(_escape_ooxml, texto)
        texto = _RE_SUSTITUTO.sub("\ufffd", texto)
        texto = texto.replace("\r", "&#13;")  # a bare CR would be read back as LF
    return texto, preservar


def _t(texto: str) -> str:
    """``<t>`` element for `texto` (escaped, whitespace preserved when needed)."""
    esc, preservar = texto_xml(texto)
    return f'<t xml:space="preserve">{esc}</t>' if preservar else f"<t>{esc}</t>"


_LETRAS: list[str] = []


def letra_columna(col: int) -> str:
    """Column letters for a 0-based column index (0 -> ``A``)."""
    while len(_LETRAS) <= col:
        n = len(_LETRAS) + 1
        letras = ""
        while n:
            n, resto = divmod(n - 1, 26)
            letras = chr(65 + resto) + letras
        _LETRAS.append(letras)
    return _LETRAS[col]


@dataclass(frozen=True)
class EstilosCelda:
    """Style (xf) indexes of one cell look, for each kind of value; None writes no ``s``.

    Attributes:
        texto: for strings (normally the ``@`` number format, so typed values stay text).
        numero, fecha, fecha_hora, hora, duracion: for numbers and booleans, dates, date-times,
            times and durations.
        vacia: write a styled empty cell for None (a marked empty cell keeps its fill). An empty
            string is written as an empty text cell.
    """

    texto: int | None = None
    numero: int | None = None
    fecha: int | None = None
    fecha_hora: int | None = None
    hora: int | None = None
    duracion: int | None = None
    vacia: bool = False


SIN_ESTILO = EstilosCelda()


def _s(indice: int | None) -> str:
    return "" if indice is None else f' s="{indice}"'


def celda_xml(ref: str, valor: Any, estilos: EstilosCelda) -> str:
    """The ``<c>`` element for one cell at `ref` (e.g. ``"G9"``; ``""``: no ``r`` attribute, the
    cell follows the previous one); ``""`` for an unstyled empty cell.

    Strings are inline strings, numbers numbers, booleans booleans, date/time values Excel serial
    numbers with a date format; anything else is written as its `str`. Non-finite floats and dates
    before 1900 (which Excel cannot hold) are written as text; a text longer than Excel's 32,767
    characters is cut there, ending in "…".
    """
    r = f' r="{ref}"' if ref else ""
    tipo = type(valor)
    if tipo is str:
        if len(valor) > _MAX_TEXTO:
            valor = valor[: _MAX_TEXTO - 1] + "…"
        return f'<c{r}{_s(estilos.texto)} t="inlineStr"><is>{_t(valor)}</is></c>'
    if valor is None:
        return f"<c{r}{_s(estilos.texto)}/>" if estilos.vacia else ""
    if tipo is bool:
        return f'<c{r}{_s(estilos.numero)} t="b"><v>{int(valor)}</v></c>'
    if tipo is int or (tipo is float and math.isfinite(valor)):
        return f"<c{r}{_s(estilos.numero)}><v>{valor!r}</v></c>"
    if isinstance(valor, (datetime, date, time, timedelta)):
        if isinstance(valor, datetime):
            indice = estilos.fecha_hora
        elif isinstance(valor, date):
            indice = estilos.fecha
        elif isinstance(valor, time):
            indice = estilos.hora
        else:
            indice = estilos.duracion
        if not isinstance(valor, date) or valor.year >= 1900:
            return f"<c{r}{_s(indice)}><v>{serial_excel(valor)!r}</v></c>"
        valor = valor.isoformat()
    return celda_xml(ref, str(valor), estilos)


def fila_xml(n: int, valores: Sequence[Any], estilos: Sequence[EstilosCelda], *,
             referencias: bool = True) -> str:
    """The ``<row>`` element of row `n` (1-based), cell by cell with `celda_xml` (general path).

    Without `referencias`, a cell that follows the previous written cell (or is in column A)
    has no ``r`` attribute: it is optional (ECMA-376 §18.3.1.4) and Excel, LibreOffice,
    python-calamine and openpyxl place such a cell after the previous one.

    >>> fila_xml(7, ["07", None, 1.5], [EstilosCelda(texto=3)])
    '<row r="7"><c r="A7" s="3" t="inlineStr"><is><t>07</t></is></c><c r="C7"><v>1.5</v></c></row>'
    >>> fila_xml(7, ["07", 2, None, 1.5], [], referencias=False)
    '<row r="7"><c t="inlineStr"><is><t>07</t></is></c><c><v>2</v></c><c r="D7"><v>1.5</v></c></row>'
    """
    partes = []
    anterior = -1
    for i, v in enumerate(valores):
        ref = f"{letra_columna(i)}{n}" if referencias or i != anterior + 1 else ""
        celda = celda_xml(ref, v, estilos[i] if i < len(estilos) else SIN_ESTILO)
        if celda:
            partes.append(celda)
            anterior = i
    return f'<row r="{n}">{"".join(partes)}</row>'


_EPOCA = datetime(1899, 12, 31)


def serial_excel(valor: date | time | timedelta) -> float | int:
    """Excel's serial number (1900 system) for a date, date-time, time of day or duration.

    >>> serial_excel(date(2020, 5, 17)), serial_excel(datetime(1900, 3, 1, 12))
    (43968, 61.5)
    >>> serial_excel(time(6)), serial_excel(timedelta(hours=30))
    (0.25, 1.25)
    """
    if isinstance(valor, timedelta):
        return valor.total_seconds() / 86400
    if isinstance(valor, datetime):
        delta = valor.replace(tzinfo=None) - _EPOCA
    elif isinstance(valor, date):
        dias = valor.toordinal() - _EPOCA.toordinal()
        return dias + 1 if dias > 59 else dias  # Excel counts a 29 Feb 1900 that never was
    else:
        delta = datetime.combine(_EPOCA, valor.replace(tzinfo=None)) - _EPOCA
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    return serial + 1 if delta.days > 59 else serial


def _compilar(tipos: tuple[type, ...], estilos: Sequence[EstilosCelda],
              referencias: bool = True) -> Callable[..., Any] | None:
    """Compile a row builder for values of exactly these types; None if a type needs the slow path.

    The builder takes ``(n, v0, v1, ...)`` with `n` the row number as text and returns the row's
    XML; False when the values are not of these types (so the caller can try the builder of the
    previous row first, without working out the types); None when a string value needs escaping
    (then the caller uses `fila_xml`, which writes the same XML). `referencias` as in `fila_xml`.
    """
    partes: list[str] = []
    anterior = -1
    textos: list[str] = []
    condiciones: list[str] = []
    guardas: list[str] = []
    for i, tipo in enumerate(tipos):
        e = estilos[i] if i < len(estilos) else SIN_ESTILO
        r = f' r="{letra_columna(i)}{{n}}"' if referencias or i != anterior + 1 else ""
        guardas.append(f"v{i} is None" if tipo is type(None) else f"type(v{i}) is {tipo.__name__}")
        if tipo is str:
            textos.append(f"v{i}")
            partes.append(f'<c{r}{_s(e.texto)} t="inlineStr"><is><t>{{v{i}}}</t></is></c>')
        elif tipo is type(None):
            if not e.vacia:
                continue
            partes.append(f"<c{r}{_s(e.texto)}/>")
        elif tipo is int:
            partes.append(f"<c{r}{_s(e.numero)}><v>{{v{i}}}</v></c>")
        elif tipo is float:
            condiciones.append(f"v{i} - v{i} == 0")  # False for inf and nan
            partes.append(f"<c{r}{_s(e.numero)}><v>{{v{i}!r}}</v></c>")
        else:
            return None
        anterior = i
    if textos:
        # One joined string says whether any text needs work: markup characters, characters
        # that are not printable (controls, tabs, line breaks, NBSP, zero-width, surrogates...),
        # something looking like an OOXML escape, or blanks at either end of a value.
        condiciones += [
            f"len(j) < {_MAX_TEXTO}",
            "j.isprintable()",
            "'&' not in j",
            "'<' not in j",
            "'>' not in j",
            "'_x' not in j",
            "' |' not in j",
            "'| ' not in j",
        ]
    args = "".join(f", v{i}" for i in range(len(tipos)))
    cuerpo = "".join(partes)
    codigo = "def fila(n" + args + "):\n"
    codigo += f"    if not ({' and '.join(guardas)}):\n        return False\n"
    if textos:
        codigo += "    j = f'|" + "|".join(f"{{{t}}}" for t in textos) + "|'\n"
    if condiciones:
        codigo += f"    if not ({' and '.join(condiciones)}):\n        return None\n"
    codigo += f"    return f'<row r=\"{{n}}\">{cuerpo}</row>'\n"
    espacio: dict[str, Any] = {}
    exec(compile(codigo, "<xlsx_rapido>", "exec"), espacio)  # noqa: S102 - code built above
    return espacio["fila"]  # type: ignore[no-any-return]


def _nada(*_: Any) -> bool:
    return False


# ---- formats registered through XlsxWriter ------------------------------------------------------

_FORMATOS_NUMERO = {
    "texto": "@",
    "numero": "General",
    "fecha": "dd/mm/yyyy",
    "fecha_hora": "dd/mm/yyyy hh:mm",
    "hora": "hh:mm:ss",
    "duracion": "[h]:mm:ss",
}


class FormatosCelda:
    """The XlsxWriter formats of one cell look (fill, font...), one per kind of value.

    XlsxWriter only writes the formats that cells use, and merges identical ones; so `sondear`
    writes one empty cell per format in a probe row (which `EscritorHoja` then replaces), and
    `estilos` reads the style indexes of those cells back from the closed workbook
    (`estilos_de_sonda`).
    """

    def __init__(self, libro: Workbook, propiedades: dict[str, Any] | None = None, *,
                 vacia: bool = False) -> None:
        props = propiedades or {}
        self.vacia = vacia
        self.formatos: dict[str, Format] = {
            tipo: libro.add_format({**props, "num_format": formato})
            for tipo, formato in _FORMATOS_NUMERO.items()
        }
        self._columnas: dict[str, int] = {}

    @property
    def texto(self) -> Format:
        """The format for text cells (number format ``@``)."""
        return self.formatos["texto"]

    def sondear(self, hoja: Worksheet, fila: int, columna: int) -> int:
        """Write probe cells at 0-based (`fila`, `columna`...); return the next free column."""
        for tipo, formato in self.formatos.items():
            hoja.write_blank(fila, columna, None, formato)
            self._columnas[tipo] = columna
            columna += 1
        return columna

    def estilos(self, sonda: dict[int, int]) -> EstilosCelda:
        """The style indexes, from the probe row's ``{column: s}`` (`estilos_de_sonda`).

        Raises RuntimeError if `sondear` was not called before closing the workbook.
        """
        try:
            indices = {tipo: sonda[col] for tipo, col in self._columnas.items()}
        except KeyError:
            raise RuntimeError("formato sin sondear antes de cerrar el libro") from None
        if len(indices) != len(self.formatos):
            raise RuntimeError("formato sin sondear antes de cerrar el libro")
        return EstilosCelda(**indices, vacia=self.vacia)


_RE_CELDA_SONDA = re.compile(r'<c r="([A-Z]+)\d+" s="(\d+)"')


def estilos_de_sonda(xlsx: bytes, hoja: str, fila: int) -> dict[int, int]:
    """``{0-based column: style index}`` of the styled cells in row `fila` (1-based) of `hoja`."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as entrada:
        ruta, _ = _localizar_hoja(entrada, entrada.read("xl/workbook.xml").decode("utf-8"), hoja)
        xml = entrada.read(ruta).decode("utf-8")
    for m in _RE_FILA.finditer(xml):
        if int(m.group(1)) == fila:
            return {
                _indice_columna(letras): int(s) for letras, s in _RE_CELDA_SONDA.findall(m.group())
            }
    return {}


def _indice_columna(letras: str) -> int:
    n = 0
    for letra in letras:
        n = n * 26 + ord(letra) - 64
    return n - 1


def libro_tabla(hoja: str, encabezados: Sequence[str], anchos: Sequence[float],
                texto: Sequence[bool], *, filtro: bool = False,
                ajustar: Sequence[int] = (),
                propiedades: dict[str, str] | None = None) -> tuple[bytes, list[EstilosCelda]]:
    """The structure of a one-sheet workbook holding a plain table, for `EscritorHoja`.

    Header on row 1 (bold, frozen, optional autofilter); column ``i`` is at least `anchos[i]`
    characters wide (and as wide as its header) and, when `texto[i]`, formatted as text (``@``)
    so what a user types there stays text; the columns in `ajustar` wrap their text. Printed
    landscape, one page wide, header repeated. `propiedades`: document properties
    (XlsxWriter's ``set_properties``: title, category, comments...).

    Returns:
        ``(xlsx bytes, styles per column)``: the workbook and the `EstilosCelda` of its columns.
        Rows are then written from row 2 on.
    """
    salida = io.BytesIO()
    libro = Workbook(salida, OPCIONES_XLSXWRITER)
    h = libro.add_worksheet(hoja)
    if propiedades:
        libro.set_properties(propiedades)
    negrita = libro.add_format({"bold": True, "bottom": 1})
    formatos = FormatosCelda(libro)
    envueltos = FormatosCelda(libro, {"text_wrap": True})
    for col, etiqueta in enumerate(encabezados):
        h.write_string(0, col, etiqueta, negrita)
        formato = (envueltos if col in ajustar else formatos).texto if texto[col] else None
        h.set_column(col, col, max(anchos[col], len(etiqueta) + 2), formato)
    siguiente = formatos.sondear(h, 1, 0)
    if ajustar:
        envueltos.sondear(h, 1, siguiente)
    h.freeze_panes(1, 0)
    if filtro:
        h.autofilter(0, 0, 0, len(encabezados) - 1)
    h.set_landscape()
    h.fit_to_pages(1, 0)
    h.repeat_rows(0)
    libro.close()
    datos = salida.getvalue()
    sonda = estilos_de_sonda(datos, hoja, 2)
    estilos = formatos.estilos(sonda)
    numeros = EstilosCelda(fecha=estilos.fecha, fecha_hora=estilos.fecha_hora,
                           hora=estilos.hora, duracion=estilos.duracion)
    envuelto = envueltos.estilos(sonda) if ajustar else estilos
    return datos, [
        (envuelto if col in ajustar else estilos) if t else numeros for col, t in enumerate(texto)
    ]


# ---- cell notes (comments) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Nota:
    """A cell note: 1-based `fila`, 0-based `columna`, and text runs ``(text, bold)``."""

    fila: int
    columna: int
    partes: tuple[tuple[str, bool], ...]


_ALTO_FILA_PX = 20
_ANCHO_NOTA_PX = 320


def ancho_px(ancho: float) -> int:
    """Pixels of a column `ancho` characters wide (XlsxWriter's rule for Calibri 11)."""
    return int(ancho * 7 + 0.5) + 5 if ancho >= 1 else int(ancho * 12 + 0.5)


def _alto_nota_px(nota: Nota) -> int:
    lineas = 0
    for linea in "".join(t for t, _ in nota.partes).split("\n"):
        lineas += max(1, math.ceil(len(linea) / 52))
    return min(600, 12 + 15 * lineas)


def partes_notas(notas: Sequence[Nota], anchos: Sequence[float], autor: str) -> tuple[bytes, bytes]:
    """Build ``commentsN.xml`` and ``vmlDrawingN.vml`` for `notas` (hidden notes, as Excel's).

    `anchos` are the sheet's column widths in characters (default 8.43 past the end); rows are
    assumed to have the default height. Positions follow XlsxWriter's: the box starts one column
    right of and one row above its cell.
    """
    px = [ancho_px(a) for a in anchos]

    def col_px(c: int) -> int:
        return px[c] if c < len(px) else 64

    acumulado = [0]
    comentarios = [(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<comments xmlns="{_NS["m"]}"><authors><author>{texto_xml(autor)[0]}</author></authors>'
        "<commentList>"
    )]
    bloques = len(notas) // 1024 + 1
    vml = [(
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:'
        'office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit">'
        f'<o:idmap v:ext="edit" data="{",".join(str(i + 1) for i in range(bloques))}"/>'
        '</o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" '
        'o:connecttype="rect"/></v:shapetype>'
    )]
    for k, nota in enumerate(notas):
        fila0, col = nota.fila - 1, nota.columna
        ref = f"{letra_columna(col)}{nota.fila}"
        runs = "".join(
            f'<r><rPr>{"<b/>" if negrita else ""}<sz val="9"/><color indexed="81"/>'
            f'<rFont val="Tahoma"/><family val="2"/></rPr>{_t(texto)}</r>'
            for texto, negrita in nota.partes
        )
        comentarios.append(f'<comment ref="{ref}" authorId="0"><text>{runs}</text></comment>')
        # Position of the hidden box (shown on hover), in pixels.
        ancho, alto = _ANCHO_NOTA_PX, _alto_nota_px(nota)
        col_ini, fila_ini = col + 1, max(fila0 - 1, 0)
        x1, y1 = 15, (10 if fila0 > 0 else 2)
        while len(acumulado) <= col_ini:
            acumulado.append(acumulado[-1] + col_px(len(acumulado) - 1))
        x_abs, y_abs = acumulado[col_ini] + x1, fila_ini * _ALTO_FILA_PX + y1
        col_fin, x2 = col_ini, ancho + x1
        while x2 >= col_px(col_fin):
            x2 -= col_px(col_fin)
            col_fin += 1
        fila_fin, y2 = fila_ini + (alto + y1) // _ALTO_FILA_PX, (alto + y1) % _ALTO_FILA_PX
        vml.append(
            f'<v:shape id="_x0000_s{1025 + k}" type="#_x0000_t202" style="position:absolute;'
            f"margin-left:{x_abs * 0.75:g}pt;margin-top:{y_abs * 0.75:g}pt;"
            f"width:{ancho * 0.75:g}pt;"
            f'height:{alto * 0.75:g}pt;z-index:{k + 1};visibility:hidden" fillcolor="#ffffe1" '
            'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" '
            'obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
            '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
            f"<x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{col_ini}, {x1}, {fila_ini}, {y1}, "
            f"{col_fin}, {x2}, {fila_fin}, {y2}</x:Anchor><x:AutoFill>False</x:AutoFill>"
            f"<x:Row>{fila0}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape>"
        )
    comentarios.append("</commentList></comments>")
    vml.append("</xml>")
    return "".join(comentarios).encode("utf-8"), "".join(vml).encode("utf-8")


def preparar_notas(hoja: Worksheet, fila_sonda: int) -> None:
    """Make XlsxWriter write the notes plumbing of `hoja` (its parts are then replaced).

    `fila_sonda` is the 0-based probe row that `EscritorHoja` replaces.
    """
    hoja.write_comment(fila_sonda, 0, "-")


# ---- rows in bulk --------------------------------------------------------------------------------

try:
    from apoyo.mark._filas import unir as _unir_compilado
except ImportError:  # not built (no C compiler; xlwings Lite): the Python version
    _unir_compilado = None


def unir_filas(piezas: tuple[bytes | int | None, ...], numeros: Sequence[int],
               filas: Sequence[Sequence[str]]) -> bytes:
    """Many rows of XML from one template, as UTF-8 bytes: row i is the `piezas` in order,
    where a ``bytes`` piece is itself (fixed markup), None is the row number ``numeros[i]``
    in decimal and an int ``k`` is the value ``filas[i][k]``. Nothing is escaped: the values
    must not need it (`EscritorHoja.filas_texto` checks), and every row must have the same
    width.

    Built by the compiled `apoyo.mark._filas.unir` when it was built (about 0.1 µs a row
    instead of 1.3 for 8 cells); `_unir_python` is the reference and the fallback, for the
    inputs the compiled one declines (e.g. a str subclass) too.

    Raises:
        TypeError: a value is not a str.
        UnicodeEncodeError: a value holds a lone surrogate.
    """
    if _unir_compilado is not None:
        xml = _unir_compilado(piezas, numeros if type(numeros) is list else list(numeros),
                              filas if type(filas) is list else list(filas))
        if xml is not None:
            return xml
    return _unir_python(piezas, numeros, filas)


def _unir_python(piezas: tuple[bytes | int | None, ...], numeros: Sequence[int],
                 filas: Sequence[Sequence[str]]) -> bytes:
    """`unir_filas` in Python: the pieces of all rows interleaved with zip and joined once."""
    if not numeros:
        return b""
    columnas = list(zip(*filas))
    textos = list(map(str, numeros))
    fuentes = [textos if p is None else repeat(p.decode("utf-8")) if isinstance(p, bytes)
               else columnas[p] for p in piezas]
    return "".join(chain.from_iterable(islice(zip(*fuentes), len(numeros)))).encode("utf-8")


# ---- the streamed sheet -------------------------------------------------------------------------

try:
    from zlib_ng import zlib_ng as _zlib_ng
except ImportError:  # not installed (xlwings Lite): zlib, as zipfile does
    _zlib_ng = None


def _deflate_rapido(miembro: Any) -> None:
    """Have the zip member `miembro`, just opened for writing, deflated by zlib-ng instead
    of zlib: the same deflate format and level, about 1.5 times as fast and a little
    smaller (the sheet of 1,048,575 rows: 550 MB of XML). `zipfile` has no hook for it: its
    member writer's compressor object (CPython's ``_ZipWriteFile._compressor``, made when the
    member is opened and first used at the first write) is replaced when it is there;
    otherwise zlib stays. A test checks which one deflated the sheet."""
    if _zlib_ng is not None and getattr(miembro, "_compressor", None) is not None:
        miembro._compressor = _zlib_ng.compressobj(NIVEL_DEFLATE, _zlib_ng.DEFLATED, -15)


class _Escritor(threading.Thread):
    """Deflates byte chunks into an open zip member while the main thread builds the next ones."""

    def __init__(self, destino: Any) -> None:
        super().__init__(name="xlsx-rapido", daemon=True)
        self.destino = destino
        self.cola: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self.error: BaseException | None = None

    def run(self) -> None:
        while (bloque := self.cola.get()) is not None:
            if self.error is None:
                try:
                    self.destino.write(bloque)
                except BaseException as exc:  # noqa: BLE001 - handed to the main thread by `escribir`
                    self.error = exc

    def escribir(self, bloque: bytes) -> None:
        if self.error is not None:
            raise self.error
        self.cola.put(bloque)

    def terminar(self) -> None:
        self.cola.put(None)
        self.join()
        if self.error is not None:
            raise self.error


class EscritorHoja:
    """Copy an XlsxWriter workbook to `destino`, streaming the rows of sheet `hoja`.

    Use as a context manager; inside, call `fila` for each row in ascending order. Rows of the
    XlsxWriter sheet above `fila_inicial` (the header) are kept; the others (the probe row) are
    dropped. On an exception inside the block the destination is left incomplete: write it
    through `apoyo.atomic.escritura_atomica`.

    Args:
        libro: the closed XlsxWriter workbook (bytes of the xlsx).
        hoja: name of the sheet whose rows are streamed.
        destino: file to write (normally the temporary path of `escritura_atomica`).
        fila_inicial: first row number (1-based) that `fila` may write.
        estilos: default cell styles per column (0-based) for rows written without styles.
        notas: ``(commentsN.xml, vmlDrawingN.vml)`` from `partes_notas`, replacing the sheet's
            notes parts (the sheet must have been given the plumbing with `preparar_notas`).
        celdas_previstas: expected number of cells, to decide whether ZIP64 is needed.
        referencias: write the ``r`` attribute of every cell; without it, cells that follow the
            previous one go without (see `fila_xml`): about 20 % less XML to build and deflate.

        diferido: the final workbook is only known after the rows (a summary of them, their
            notes): `libro` is then a provisional one that only gives the sheet's head (all up
            to ``<sheetData>`` and the rows above `fila_inicial`), and `concluir` must be called
            with the final one before the block ends. The sheet part is then written first
            and the other parts after it (zip order does not matter to readers).

    Raises:
        ValueError: rows not in ascending order or above `fila_inicial`; the sheet not found.
        RuntimeError: the workbook lacks the notes parts that `notas` would replace; with
            `diferido`, `concluir` was not called or the final sheet's head differs.
    """

    def __init__(self, libro: bytes, hoja: str, destino: Path, *, fila_inicial: int,
                 estilos: Sequence[EstilosCelda] = (), notas: tuple[bytes, bytes] | None = None,
                 celdas_previstas: int = 0, referencias: bool = True,
                 diferido: bool = False) -> None:
        self._libro = libro
        self._diferido = diferido
        self._final: bytes | None = None
        self._hoja = hoja
        self._destino = destino
        self._fila_inicial = fila_inicial
        self._estilos = list(estilos)
        self._notas = notas
        self._zip64 = celdas_previstas > _ZIP64_CELDAS
        self._referencias = referencias
        self._patrones: dict[tuple[Any, ...], Callable[..., Any] | None] = {}
        self._ultimo: Callable[..., Any] = _nada
        self._aridad = -1
        self._bloque: list[bytes] = []  # UTF-8 XML of the rows to hand over next
        self._texto: list[str] = []  # XML of the rows written since the last bytes in `_bloque`
        self._en_bloque = 0  # rows in `_bloque` and `_texto`
        self._plantillas: dict[tuple[Any, ...], Callable[..., bytes] | None] = {}
        self.ultima_fila = fila_inicial - 1
        """Last row number written (or the row above `fila_inicial` if none)."""

    # -- rows ----------------------------------------------------------------------------------

    def fila(self, n: int, valores: Sequence[Any], estilos: Sequence[EstilosCelda] | None = None,
             patron: Hashable = None, alto: float | None = None) -> None:
        """Write row `n` (1-based) with `valores` from column A on.

        Args:
            n: row number, greater than the previous row's.
            valores: cell values, column A first.
            estilos: this row's styles per column (default: the sheet's).
            patron: a hashable name of `estilos` (same name, same styles): rows with the same
                pattern and value types share a compiled builder; without it, rows with their own
                `estilos` take the general path.
            alto: row height in points (default: Excel's).

        Raises:
            ValueError: `n` is not greater than the previous row.
        """
        if n <= self.ultima_fila:
            raise ValueError(f"fila {n} fuera de orden (la anterior fue {self.ultima_fila})")
        self.ultima_fila = n
        xml = None
        if estilos is None:
            # Rows mostly repeat the types of the row before: try its builder first.
            if len(valores) == self._aridad:
                xml = self._ultimo(str(n), *valores)
            if xml is False or len(valores) != self._aridad:
                construir = self._constructor((None, *map(type, valores)), self._estilos)
                xml = None
                if construir is not None:
                    self._ultimo, self._aridad = construir, len(valores)
                    xml = construir(str(n), *valores)
            estilos = self._estilos
        elif patron is not None:
            construir = self._constructor((patron, *map(type, valores)), estilos)
            if construir is not None:
                xml = construir(str(n), *valores)
        if xml is None:
            xml = fila_xml(n, valores, estilos, referencias=self._referencias)
        if alto is not None:
            inicio = f'<row r="{n}"'
            xml = f'{inicio} ht="{alto:g}" customHeight="1"{xml[len(inicio):]}'
        self._texto.append(xml)
        self._en_bloque += 1
        if self._en_bloque >= _FILAS_POR_BLOQUE:
            self._vaciar_bloque()

    def _a_bytes(self) -> None:
        """Move the rows of `_texto` to `_bloque`, as UTF-8."""
        if self._texto:
            self._bloque.append("".join(self._texto).encode("utf-8"))
            self._texto.clear()

    def _vaciar_bloque(self) -> None:
        self._a_bytes()
        self._escritor.escribir(b"".join(self._bloque))
        self._bloque.clear()
        self._en_bloque = 0

    def filas_texto(self, numeros: Sequence[int], filas: Sequence[Sequence[Any]],
                    extra: tuple[str, ...] = (), *, seguras: bool = False) -> None:
        """Write many rows at once: row ``numeros[i]`` holds ``filas[i]`` from column A on, then
        the fixed texts `extra`, all in the sheet's styles (`estilos`).

        The same XML as `fila` for each row, built in bulk when every value of every row is a
        text of the same row width that needs no escaping (checked once on all of them, then
        the pieces of all rows joined in C): about 1 µs a row instead of 3. Otherwise row by
        row with `fila` (only the rows that need it, by halving the block).

        Args:
            seguras: the caller knows that every value is a text without anything to escape
                and at most 32,767 characters (e.g. values `apoyo.check.fast` accepted): the
                check is skipped.

        Raises:
            ValueError: `numeros` not ascending, or not above the last row written.
        """
        if not numeros:
            return
        ancho = len(filas[0])
        construir = self._plantilla_texto(ancho, extra)
        bien = (construir is not None and len(set(map(len, filas))) == 1
                and numeros[0] > self.ultima_fila
                and all(map(lt, numeros, islice(numeros, 1, None))))
        if bien and not seguras:
            try:
                # Each value between "|": one string says whether any needs escaping (as
                # `_compilar` does for one row).
                unidas = list(map("|".join, filas))
            except TypeError:  # a value that is not text
                bien = False
            else:
                j = "|" + "||".join(unidas) + "|"
                bien = (j.isprintable() and "&" not in j and "<" not in j and ">" not in j
                        and "_x" not in j and " |" not in j and "| " not in j
                        and max(map(len, unidas)) <= _MAX_TEXTO)  # no value needs to be cut
        if bien:
            try:
                xml = construir(numeros, filas)  # type: ignore[misc]
            except (TypeError, UnicodeError):  # not all texts after all, or a lone surrogate
                bien = False
        if not bien:
            if len(numeros) > 16:  # the halves without the row that needs care stay in bulk
                mitad = len(numeros) // 2
                self.filas_texto(numeros[:mitad], filas[:mitad], extra)
                self.filas_texto(numeros[mitad:], filas[mitad:], extra)
                return
            for n, valores in zip(numeros, filas):
                self.fila(n, (*valores, *extra))
            return
        self._a_bytes()
        self._bloque.append(xml)
        self.ultima_fila = numeros[-1]
        self._en_bloque += len(numeros)
        if self._en_bloque >= _FILAS_POR_BLOQUE:
            self._vaciar_bloque()

    def _plantilla_texto(self, ancho: int,
                         extra: tuple[str, ...]) -> Callable[..., bytes] | None:
        """The bulk builder ``(numeros, filas) -> UTF-8 XML`` of rows of `ancho` texts and
        the texts `extra` (None if an extra text needs escaping): `unir_filas` with the row's
        pieces."""
        clave = ("texto", ancho, extra)
        if clave in self._plantillas:
            return self._plantillas[clave]
        estilos = [(self._estilos[i] if i < len(self._estilos) else SIN_ESTILO).texto
                   for i in range(ancho + len(extra))]
        if any(texto_xml(v) != (v, False) or not v.isprintable() or "_x" in v for v in extra):
            self._plantillas[clave] = None
            return None

        # The row as pieces: fixed markup, the row number (None) and the values of each
        # column (their index).
        numero = None
        piezas: list[Any] = ['<row r="', numero, '">']
        for i in range(ancho + len(extra)):
            if self._referencias:
                piezas += [f'<c r="{letra_columna(i)}', numero, f'"{_s(estilos[i])}']
            else:
                piezas.append(f"<c{_s(estilos[i])}")
            piezas.append(' t="inlineStr"><is><t>')
            piezas.append(i if i < ancho else extra[i - ancho])
            piezas.append("</t></is></c>")
        piezas.append("</row>")
        juntas: list[Any] = []  # adjacent fixed texts merged
        for pieza in piezas:
            if isinstance(pieza, str) and juntas and isinstance(juntas[-1], str):
                juntas[-1] += pieza
            else:
                juntas.append(pieza)
        construir = partial(unir_filas, tuple(p.encode("utf-8") if isinstance(p, str) else p
                                              for p in juntas))
        self._plantillas[clave] = construir
        return construir

    def _constructor(self, clave: tuple[Any, ...],
                     estilos: Sequence[EstilosCelda]) -> Callable[..., Any] | None:
        """The compiled builder for ``(pattern, *types)`` (compiled on first use)."""
        try:
            return self._patrones[clave]
        except KeyError:
            construir = _compilar(clave[1:], estilos, self._referencias)
            if len(self._patrones) < _MAX_PATRONES:
                self._patrones[clave] = construir
            return construir

    # -- the package ---------------------------------------------------------------------------

    def concluir(self, libro: bytes, notas: tuple[bytes, bytes] | None = None) -> None:
        """With `diferido`: the final workbook (and its notes parts, as the `notas` argument),
        written when the block ends. Its data sheet must have the provisional one's head."""
        self._final = libro
        self._notas = notas

    def _estructura(self, libro: bytes) -> str:
        """Read the structure workbook `libro`: remember its parts, return the sheet's head."""
        entrada = zipfile.ZipFile(io.BytesIO(libro))
        self._entrada = entrada
        self._ruta_libro = "xl/workbook.xml"
        libro_xml = entrada.read(self._ruta_libro).decode("utf-8")
        self._ruta_hoja, self._indice_hoja = _localizar_hoja(entrada, libro_xml, self._hoja)
        self._reemplazos: dict[str, bytes] = {}
        if self._notas is not None:
            comentarios, vml = _partes_de_notas(entrada, self._ruta_hoja)
            self._reemplazos = {comentarios: self._notas[0], vml: self._notas[1]}
        hoja_xml = entrada.read(self._ruta_hoja).decode("utf-8")
        cabeza, filas, self._cola_xml = _partir_hoja(hoja_xml, self._fila_inicial)
        self._libro_xml = libro_xml
        return cabeza + filas

    def _copiar_partes(self) -> None:
        """Every part of the structure but the data sheet and the workbook part."""
        for nombre in self._entrada.namelist():
            if nombre not in (self._ruta_hoja, self._ruta_libro):
                datos = self._reemplazos.get(nombre) or self._entrada.read(nombre)
                self._zip.writestr(nombre, datos)

    def __enter__(self) -> EscritorHoja:  # noqa: PYI034 - Python 3.10 has no typing.Self
        self._cabeza = self._estructura(self._libro)
        entrada = self._entrada

        self._zip = zipfile.ZipFile(self._destino, "w", zipfile.ZIP_DEFLATED,
                                    compresslevel=NIVEL_DEFLATE)
        try:
            if not self._diferido:
                self._copiar_partes()
            fecha = entrada.getinfo(self._ruta_hoja).date_time
            info = zipfile.ZipInfo(self._ruta_hoja, date_time=fecha)
            info.compress_type = zipfile.ZIP_DEFLATED
            # `ZipFile.open(ZipInfo, "w")` deflates at the ZipInfo's level, not the ZipFile's
            # (unset: zlib's default); the attribute is `compress_level` from Python 3.13 on,
            # `_compresslevel` before.
            setattr(info, "compress_level" if hasattr(info, "compress_level") else
                    "_compresslevel", NIVEL_DEFLATE)
            self._miembro = self._zip.open(info, "w", force_zip64=self._zip64)
            _deflate_rapido(self._miembro)
            self._escritor = _Escritor(self._miembro)
            self._escritor.start()
            self._escritor.escribir(self._cabeza.encode("utf-8"))
        except BaseException:
            self._cerrar()
            raise
        return self

    def __exit__(self, tipo: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if tipo is not None:
            self._cerrar()
            return
        try:
            if self._bloque or self._texto:
                self._vaciar_bloque()
            if self._diferido:
                if self._final is None:
                    raise RuntimeError("EscritorHoja diferido: falta concluir()")
                ruta, indice = self._ruta_hoja, self._indice_hoja
                if (self._estructura(self._final) != self._cabeza
                        or (self._ruta_hoja, self._indice_hoja) != (ruta, indice)):
                    raise RuntimeError("EscritorHoja diferido: la hoja final no coincide")
            ultima = max(self.ultima_fila, self._fila_inicial - 1)
            self._escritor.escribir(_ampliar_filtro_hoja(self._cola_xml, ultima).encode("utf-8"))
            self._escritor.terminar()
            self._miembro.close()
            if self._diferido:
                self._copiar_partes()
            libro_xml = _ampliar_filtro_libro(self._libro_xml, self._indice_hoja, ultima)
            self._zip.writestr(self._ruta_libro, libro_xml.encode("utf-8"))
            self._zip.close()
        except BaseException:
            self._cerrar()
            raise

    def _cerrar(self) -> None:
        """Stop the deflating thread and close what is open, after an error."""
        escritor = getattr(self, "_escritor", None)
        if escritor is not None and escritor.is_alive():
            escritor.error = escritor.error or RuntimeError("escritura interrumpida")
            escritor.cola.put(None)
            escritor.join()
        for cierre in (getattr(self, "_miembro", None), getattr(self, "_zip", None)):
            if cierre is not None:
                with contextlib.suppress(Exception):  # the original error matters, not this one
                    cierre.close()


def _localizar_hoja(entrada: zipfile.ZipFile, libro_xml: str, hoja: str) -> tuple[str, int]:
    """Path of the part of sheet `hoja` and its 0-based position in the workbook."""
    raiz = ET.fromstring(libro_xml)
    hojas = raiz.findall("m:sheets/m:sheet", _NS)
    for indice, elemento in enumerate(hojas):
        if elemento.get("name") == hoja:
            rid = elemento.get(f"{{{_NS['r']}}}id")
            break
    else:
        raise ValueError(f"el libro no tiene la hoja «{hoja}»")
    rels = ET.fromstring(entrada.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.findall("pr:Relationship", _NS):
        if rel.get("Id") == rid:
            return _resolver("xl/", rel.get("Target", "")), indice
    raise ValueError(f"la hoja «{hoja}» no tiene relación en el libro")


def _partes_de_notas(entrada: zipfile.ZipFile, ruta_hoja: str) -> tuple[str, str]:
    """Paths of the comments and VML parts of the sheet at `ruta_hoja`."""
    carpeta, _, archivo = ruta_hoja.rpartition("/")
    ruta_rels = f"{carpeta}/_rels/{archivo}.rels"
    encontrados: dict[str, str] = {}
    if ruta_rels in entrada.namelist():
        for rel in ET.fromstring(entrada.read(ruta_rels)).findall("pr:Relationship", _NS):
            encontrados[rel.get("Type", "")] = _resolver(carpeta + "/", rel.get("Target", ""))
    try:
        return encontrados[_TIPO_COMENTARIOS], encontrados[_TIPO_VML]
    except KeyError:
        raise RuntimeError("la hoja no tiene notas: falta preparar_notas()") from None


def _resolver(base: str, destino: str) -> str:
    """Resolve a relationship target relative to folder `base` (``xl/`` style paths)."""
    if destino.startswith("/"):
        return destino[1:]
    partes = base.rstrip("/").split("/")
    for trozo in destino.split("/"):
        if trozo == "..":
            partes.pop()
        elif trozo and trozo != ".":
            partes.append(trozo)
    return "/".join(partes)


_RE_DIMENSION = re.compile(r"<dimension [^>]*/>")
_RE_FILA = re.compile(r'<row r="(\d+)"[^>]*?(?:/>|>.*?</row>)', re.DOTALL)


def _partir_hoja(xml: str, fila_inicial: int) -> tuple[str, str, str]:
    """Split a sheet part: (head through ``<sheetData>``, rows kept, tail from ``</sheetData>``).

    Rows at or below `fila_inicial` are dropped (they are the probe row); ``<dimension>`` is
    removed (see the module docstring).
    """
    xml = _RE_DIMENSION.sub("", xml, count=1)
    if "<sheetData/>" in xml:
        cabeza, _, cola = xml.partition("<sheetData/>")
        return cabeza + "<sheetData>", "", "</sheetData>" + cola
    cabeza, _, resto = xml.partition("<sheetData>")
    datos, _, cola = resto.partition("</sheetData>")
    filas = "".join(
        m.group() for m in _RE_FILA.finditer(datos) if int(m.group(1)) < fila_inicial
    )
    return cabeza + "<sheetData>", filas, "</sheetData>" + cola


_RE_FILTRO_HOJA = re.compile(r'(<autoFilter ref="[A-Z]+\d+:[A-Z]+)\d+"')


def _ampliar_filtro_hoja(cola: str, ultima: int) -> str:
    """Extend the sheet's autofilter range down to row `ultima`."""
    return _RE_FILTRO_HOJA.sub(lambda m: f'{m.group(1)}{ultima}"', cola, count=1)


def _ampliar_filtro_libro(libro_xml: str, indice: int, ultima: int) -> str:
    """Extend the sheet's ``_xlnm._FilterDatabase`` defined name down to row `ultima`."""
    patron = re.compile(
        rf'(<definedName name="_xlnm\._FilterDatabase" localSheetId="{indice}"[^>]*>'
        r"[^<]*\$[A-Z]+\$)\d+<"
    )
    return patron.sub(lambda m: f"{m.group(1)}{ultima}<", libro_xml, count=1)
