"""The locked capture template: an .xlsx with sheets Apoyos, Aspirante and Instrucciones.

`escribir_plantilla` writes it with XlsxWriter; `regenerar` rewrites the copy committed in the
repository (`template/formato_apoyo_ciudadano.xlsx`, also ``python -m apoyo.template``).

Layout (the checker, the marked copy and the Excel add-in rely on it):

* ``Apoyos`` (first, active): row 1 holds the eight `ETIQUETAS` in `CAMPOS` order in A:H,
  `COLUMNA_RESULTADO` in I and `COLUMNA_MARCAS` in J. Columns A:J are Text (``@``) and unlocked
  down to row 1,048,576 through column formats (no per-cell formats, so readers see a one-row
  sheet). Data validation with Spanish prompts and "stop" alerts on rows 2..1,048,576; header
  frozen; autofilter A1:J1 (sorting from a filter button moves the flags with their rows).
* The flags column J is hidden; the in-Excel checker writes in it one character per column A..I
  for each data row (`apoyo.excel.marcas.marcas_de_fila`) and the conditional formatting
  `FORMATO_CONDICIONAL` paints A2:I1,048,576 from it with the checker's fills (`COLOR_ERROR`,
  `COLOR_AVISO`, `COLOR_OK`), so that validating colours any number of cells with one write.
* ``Aspirante``: labels in column A, values in column B (rows 1-8), help in column C. The
  version cell B8 is locked and named ``VERSION_PLANTILLA``.
* ``Instrucciones``: Spanish instructions, one row per column of ``Apoyos``.

Every sheet is protected **without password**: protection prevents accidents (typing over a
header, deleting a column), it is not security. ``Apoyos`` allows selecting, formatting cells
(the in-Excel checker colours cells), formatting columns and rows, inserting and deleting rows,
sorting and autofilter; it forbids inserting and deleting columns. Excel deletes a row of a
protected sheet only when every cell of that row is unlocked, so columns K:XFD are unlocked too
(General format): whatever is typed there is not one of the eight fields and readers ignore it.
The flags column J is unlocked as well: the checker writes it on the protected sheet (Excel on
the web cannot unprotect it).

The output is deterministic: fixed document dates and zip timestamps, so regenerating with the
same XlsxWriter version gives the same bytes.

>>> from apoyo.template import normalizar_entidad
>>> normalizar_entidad(" 7 "), normalizar_entidad("32")
('07', '32')
"""

from __future__ import annotations

import datetime as _dt
import math
import textwrap
from pathlib import Path
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from apoyo.atomic import escritura_atomica
from apoyo.schema import (
    CAMPOS,
    COLOR_AVISO,
    COLOR_ERROR,
    COLOR_OK,
    COLUMNA_MARCAS,
    COLUMNA_RESULTADO,
    ETIQUETAS,
    HOJA_APOYOS,
    HOJA_ASPIRANTE,
    HOJA_INSTRUCCIONES,
    MARCA_AVISO,
    MARCA_ERROR,
    MARCA_VALIDA,
    VERSION_PLANTILLA,
)
from apoyo.template import _textos as T

__all__ = [
    "CLAVES_ENTIDAD",
    "FORMATO_CONDICIONAL",
    "FORMULA_CIC",
    "FORMULA_OCR",
    "FORMULA_SECCION",
    "NOMBRE_PLANTILLA",
    "PROTECCION_APOYOS",
    "RUTA_PLANTILLA",
    "ULTIMA_FILA",
    "escribir_plantilla",
    "normalizar_entidad",
    "regenerar",
]

#: File name of the template.
NOMBRE_PLANTILLA = "formato_apoyo_ciudadano.xlsx"

#: The committed copy, ``<repo>/template/formato_apoyo_ciudadano.xlsx``. Only meaningful in a
#: source checkout (src layout); an installed wheel generates the template on demand instead.
RUTA_PLANTILLA = Path(__file__).resolve().parents[3] / "template" / NOMBRE_PLANTILLA

#: Fixed creation/modification date written in the document properties (determinism).
FECHA_DOCUMENTO = _dt.datetime(2025, 1, 1, 0, 0, 0)

#: Excel's last row (1-based): validation and column formats reach it.
ULTIMA_FILA = 1_048_576
_ULTIMA = ULTIMA_FILA - 1  # 0-based, as XlsxWriter wants
_ULTIMA_COLUMNA = 16_383  # XFD, 0-based

#: Entity codes "01".."32" (list validations; 95 characters, below Excel's 255 limit).
CLAVES_ENTIDAD: tuple[str, ...] = tuple(f"{n:02d}" for n in range(1, 33))

#: Sheet protection of ``Apoyos`` in XlsxWriter's option names (True = the user may do it).
PROTECCION_APOYOS: dict[str, bool] = {
    "select_locked_cells": True,
    "select_unlocked_cells": True,
    "format_cells": True,  # the in-Excel checker colours cells; users may highlight too
    "format_columns": True,  # widen a column to read a long name
    "format_rows": True,
    "insert_rows": True,
    "delete_rows": True,  # remove a record; needs the whole row unlocked (J:XFD are)
    "sort": True,
    "autofilter": True,
    "insert_columns": False,  # the eight columns are fixed by DERFE
    "delete_columns": False,
    "insert_hyperlinks": False,
    "objects": False,
    "scenarios": False,
    "pivot_tables": False,
}

#: Protection of ``Aspirante`` and ``Instrucciones``: select and resize only.
PROTECCION_OTRAS: dict[str, bool] = {
    "select_locked_cells": True,
    "select_unlocked_cells": True,
    "format_columns": True,
    "format_rows": True,
}

# Column widths of sheet Apoyos (character units), CAMPOS order, then Resultado.
_ANCHOS_APOYOS = (10, 11, 26, 20, 20, 23, 17, 13, 48)
# The hidden flags column: J, right after Resultado (0-based index), and its width if shown.
_COLUMNA_MARCAS = len(CAMPOS) + 1
_ANCHO_MARCAS = 12


_LETRA_MARCAS = "ABCDEFGHIJ"[_COLUMNA_MARCAS]


def _regla(marca: str) -> str:
    """Conditional-format formula: the character of the cell's own column in its row's flags
    text is `marca` (written for the first data row, J2; relative, so row r reads Jr)."""
    return f'=MID(${_LETRA_MARCAS}2,COLUMN(),1)="{marca}"'


#: Conditional formatting of sheet Apoyos, in priority order (the first matching rule wins):
#: ``(range, formula relative to the range's first cell, fill)``. The error rule comes before
#: the warning rule; only Resultado (I) can be green.
FORMATO_CONDICIONAL: tuple[tuple[str, str, str], ...] = (
    (f"A2:I{ULTIMA_FILA}", _regla(MARCA_ERROR), COLOR_ERROR),
    (f"A2:I{ULTIMA_FILA}", _regla(MARCA_AVISO), COLOR_AVISO),
    (f"I2:I{ULTIMA_FILA}", _regla(MARCA_VALIDA), COLOR_OK),
)
_LONGITUD_MAXIMA_NOMBRE = 60

_PUNTOS = 10  # font size of every text in the workbook
_AZUL = "#1F4E78"
_GRIS = "#595959"
_CLARO = "#DDEBF7"


def _solo_digitos(ref: str) -> str:
    """Excel formula text that is "" exactly when `ref` holds only the digits 0-9.

    Ten nested SUBSTITUTE calls: no array, no volatile function, no implicit number parsing
    (``--"1E5"`` and ``--" 12"`` are numbers in Excel, which is why ``ISNUMBER(--x)`` is not
    used). Evaluated the same way by Excel and LibreOffice.
    """
    formula = ref
    for digito in "0123456789":
        formula = f'SUBSTITUTE({formula},"{digito}","")'
    return formula


# First data cell of each field in sheet Apoyos: "B2" for seccion...
_CELDA = {campo: f"{'ABCDEFGH'[i]}2" for i, campo in enumerate(CAMPOS)}

#: Custom validation formulas, relative to the first data row: seccion is 1 to 4 digits and not
#: all zeros (1..9999, leading zeros tolerated); OCR exactly 13 digits; CIC exactly 9 digits.
FORMULA_SECCION = (
    f"=AND(LEN({_CELDA['seccion']})<=4,"
    f'SUBSTITUTE({_CELDA["seccion"]},"0","")<>"",'
    f"LEN({_solo_digitos(_CELDA['seccion'])})=0)"
)
FORMULA_OCR = f"=AND(LEN({_CELDA['ocr']})=13,LEN({_solo_digitos(_CELDA['ocr'])})=0)"
FORMULA_CIC = f"=AND(LEN({_CELDA['cic']})=9,LEN({_solo_digitos(_CELDA['cic'])})=0)"


def normalizar_entidad(entidad: str) -> str:
    """Return the two-digit entity code ``"01"``..``"32"`` for `entidad` (``"7"`` -> ``"07"``).

    Raises:
        ValueError: `entidad` is not a number from 1 to 32 (message in Spanish).
    """
    texto = str(entidad).strip()
    if texto.isascii() and texto.isdigit() and 1 <= int(texto) <= 32:
        return f"{int(texto):02d}"
    raise ValueError(
        f"La entidad «{entidad}» no es válida: debe ser una clave de 01 a 32 "
        "(por ejemplo 07 para Chiapas)."
    )


def escribir_plantilla(
    destino: Path,
    *,
    aspirante: str | None = None,
    entidad: str | None = None,
    cargo: str | None = None,
    distrito: str | None = None,
    municipio: str | None = None,
    filas: Iterable[Sequence[str]] | None = None,
) -> Path:
    """Write the locked capture template and return the path written.

    Args:
        destino: the ``.xlsx`` file to write (replaced atomically if it exists), or an existing
            folder, in which case the file is ``destino / NOMBRE_PLANTILLA``.
        aspirante: name of the aspirant, pre-filled in ``Aspirante!B1``.
        entidad: entity of the candidacy, ``"1"``..``"32"`` (``"7"`` is written ``"07"``), in
            ``Aspirante!B3``.
        cargo: office sought (``Aspirante!B2``), free text; the sheet offers a list.
        distrito: district, free text (``Aspirante!B4``).
        municipio: municipality (INE code or name), free text (``Aspirante!B5``).
        filas: data rows to pre-fill in ``Apoyos`` from row 2 (eight texts each, `CAMPOS`
            order), e.g. `apoyo.example.generar`; written streaming (constant memory).

    Returns:
        The path of the written workbook.

    Raises:
        ValueError: `destino` does not end in ``.xlsx``, or `entidad` is not 01-32.
        OSError: the destination folder does not exist or is not writable; an existing file at
            `destino` is left untouched.

    Sources: columns and file layout per oficio INE/DERFE/STN/30531/2017; identifier lengths
    per docs/domain.md.
    """
    destino = Path(destino)
    if destino.is_dir():
        destino = destino / NOMBRE_PLANTILLA
    if destino.suffix.lower() != ".xlsx":
        raise ValueError(
            f"El archivo de la plantilla debe terminar en .xlsx: «{destino.name}»."
        )
    valores = {
        T.ETIQUETA_NOMBRE: _limpio(aspirante),
        T.ETIQUETA_CARGO: _limpio(cargo),
        T.ETIQUETA_ENTIDAD: normalizar_entidad(entidad) if _limpio(entidad) else "",
        T.ETIQUETA_DISTRITO: _limpio(distrito),
        T.ETIQUETA_MUNICIPIO: _limpio(municipio),
    }
    with escritura_atomica(destino) as tmp:
        _escribir(tmp, valores, filas)
    return destino


def regenerar(destino: Path | None = None) -> Path:
    """Rewrite the committed blank template (default `RUTA_PLANTILLA`) and return its path.

    Raises:
        OSError: the folder does not exist (e.g. running from an installed wheel without a
            source checkout): pass `destino` explicitly.
    """
    return escribir_plantilla(RUTA_PLANTILLA if destino is None else Path(destino))


# ---- implementation ----------------------------------------------------------------------


def _limpio(valor: str | None) -> str:
    return "" if valor is None else str(valor).strip()


def _ok(resultado: int, que: str) -> None:
    # XlsxWriter warns and returns -1 instead of raising (e.g. a title over 32 characters).
    if resultado not in (0, None):
        raise RuntimeError(f"XlsxWriter rejected {que}")


def _escribir(ruta: Path, valores: dict[str, str],
              filas: Iterable[Sequence[str]] | None = None) -> None:
    # in_memory: zip members get a fixed 1980-01-01 timestamp (byte-stable output).
    # Default font Arial 10 (Excel 2003 look): column widths are measured in its digit width,
    # and LibreOffice's metric-compatible Liberation Sans lays text out like Excel does.
    wb = xlsxwriter.Workbook(
        str(ruta),
        {
            # With data rows, stream them to disk (constant memory) instead.
            "in_memory": filas is None,
            "constant_memory": filas is not None,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "default_format_properties": {"font_name": "Arial", "font_size": _PUNTOS},
            "default_row_height": 17,
            "default_column_width": 64,
        },
    )
    wb.set_properties(
        {
            "title": T.TITULO_LIBRO,
            "subject": T.ASUNTO_LIBRO,
            "author": T.AUTOR,
            "manager": T.AUTOR,
            "company": T.AUTOR,
            "category": "Plantilla",
            "keywords": T.PALABRAS_CLAVE,
            "comments": T.COMENTARIOS,
            "created": FECHA_DOCUMENTO,
        }
    )
    _ok(wb.set_custom_property("version_plantilla", VERSION_PLANTILLA, "text"), "property")
    f = _Formatos(wb)
    apoyos = wb.add_worksheet(HOJA_APOYOS)
    aspirante = wb.add_worksheet(HOJA_ASPIRANTE)
    instrucciones = wb.add_worksheet(HOJA_INSTRUCCIONES)
    _hoja_apoyos(apoyos, f)
    for i, fila in enumerate(filas or ()):
        apoyos.write_row(i + 1, 0, fila, f.texto_libre)
    celda_version = _hoja_aspirante(aspirante, f, valores)
    _ok(wb.define_name("VERSION_PLANTILLA", f"='{HOJA_ASPIRANTE}'!{celda_version}"), "name")
    _hoja_instrucciones(instrucciones, f)
    apoyos.activate()
    apoyos.set_first_sheet()
    wb.close()


class _Formatos:
    """The workbook's cell formats, created once."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        # Arial: present wherever Excel runs, and metric-compatible with Liberation Sans that
        # LibreOffice substitutes, so the row heights computed by `_alto_fila` fit both.
        base = {"font_name": "Arial", "font_size": _PUNTOS, "valign": "top"}
        self.texto_libre = wb.add_format(
            {"font_name": "Arial", "font_size": _PUNTOS, "num_format": "@", "locked": False}
        )
        self.general_libre = wb.add_format({"locked": False})
        self.encabezado = wb.add_format(
            {
                **base,
                "bold": True,
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
                "font_color": "#FFFFFF",
                "bg_color": _AZUL,
                "border": 1,
                "border_color": "#FFFFFF",
                "num_format": "@",
                "locked": True,
            }
        )
        self.encabezado_resultado = wb.add_format(
            {
                **base,
                "bold": True,
                "italic": True,
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
                "font_color": "#FFFFFF",
                "bg_color": _GRIS,
                "border": 1,
                "border_color": "#FFFFFF",
                "num_format": "@",
                "locked": True,
            }
        )
        self.etiqueta = wb.add_format(
            {**base, "bold": True, "text_wrap": True, "bg_color": _CLARO, "border": 1}
        )
        self.valor = wb.add_format(
            {**base, "num_format": "@", "locked": False, "border": 1, "text_wrap": True}
        )
        self.valor_fecha = wb.add_format(
            {**base, "num_format": "dd/mm/yyyy", "locked": False, "border": 1, "align": "left"}
        )
        self.valor_bloqueado = wb.add_format(
            {**base, "num_format": "@", "border": 1, "bg_color": "#F2F2F2", "align": "left"}
        )
        self.ayuda = wb.add_format(
            {**base, "text_wrap": True, "font_color": "#404040"}
        )
        self.titulo = wb.add_format({**base, "bold": True, "font_size": 15, "font_color": _AZUL})
        self.subtitulo = wb.add_format({**base, "italic": True, "font_color": _GRIS})
        self.seccion = wb.add_format(
            {
                **base,
                "bold": True,
                "font_size": 12,
                "font_color": "#FFFFFF",
                "bg_color": _AZUL,
            }
        )
        self.parrafo = wb.add_format({**base, "text_wrap": True})
        self.marca = wb.add_format({**base, "bold": True, "align": "right"})
        self.tabla_encabezado = wb.add_format(
            {**base, "bold": True, "text_wrap": True, "bg_color": _CLARO, "border": 1}
        )
        self.tabla_columna = wb.add_format(
            {**base, "bold": True, "text_wrap": True, "border": 1}
        )
        self.tabla_texto = wb.add_format({**base, "text_wrap": True, "border": 1})
        # Conditional formats (fills only): the checker's error, warning and OK colours.
        self.marcas = {
            color: wb.add_format({"bg_color": color, "pattern": 1})
            for _, _, color in FORMATO_CONDICIONAL
        }


def _alto_fila(*celdas: tuple[str, float], negrita: bool = False) -> float:
    """Row height (points) that shows every (text, column width) pair wrapped in full.

    Neither Excel nor LibreOffice recomputes the height of a wrapped row when opening a file,
    so it is written explicitly. Calibrated on LibreOffice's rendering: in Arial 10 (Liberation
    Sans) a column holds about 1.19 characters of running text per unit of width; 1.1 is used
    (1.0 bold), and 12.75 points a line (Excel's line height for Arial 10). It errs on the tall
    side: a spare line is better than a cut sentence.
    """
    por_unidad = 1.0 if negrita else 1.1
    lineas = 1
    for texto, ancho in celdas:
        por_linea = max(1, math.floor(ancho * por_unidad))
        total = sum(
            len(textwrap.wrap(parrafo, por_linea, break_long_words=True)) or 1
            for parrafo in texto.split("\n")
        )
        lineas = max(lineas, total)
    return lineas * 12.75 + 4


def _imprimir(ws: Worksheet, *, horizontal: bool) -> None:
    if horizontal:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_paper(1)  # Letter (carta), the usual size in Mexico
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.set_header(T.ENCABEZADO_IMPRESION)
    ws.set_footer(T.PIE_IMPRESION)


def _hoja_apoyos(ws: Worksheet, f: _Formatos) -> None:
    columnas = [*CAMPOS, COLUMNA_RESULTADO, COLUMNA_MARCAS]
    ws.set_tab_color("#2E7D32")
    # Column formats (one <col> element each), not per-cell formats: Text and unlocked.
    for i, ancho in enumerate(_ANCHOS_APOYOS):
        ws.set_column(i, i, ancho, f.texto_libre)
    # The flags column: hidden, Text, unlocked (the checker writes it on the protected sheet).
    ws.set_column(_COLUMNA_MARCAS, _COLUMNA_MARCAS, _ANCHO_MARCAS, f.texto_libre,
                  {"hidden": True})
    # K:XFD unlocked so that "delete rows" works on the protected sheet (Excel refuses to
    # delete a row that has any locked cell).
    ws.set_column(len(columnas), _ULTIMA_COLUMNA, 9.14, f.general_libre)
    # No row format on row 1 (a locked row format would keep J1:XFD1 locked, but LibreOffice
    # turns it into 16,375 empty cells when it saves the file).
    ws.set_row(0, 33)
    for i, campo in enumerate(CAMPOS):
        ws.write_string(0, i, ETIQUETAS[campo], f.encabezado)
    ws.write_string(0, len(CAMPOS), COLUMNA_RESULTADO, f.encabezado_resultado)
    ws.write_string(0, _COLUMNA_MARCAS, COLUMNA_MARCAS, f.encabezado_resultado)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, 0, len(columnas) - 1)
    for rango, formula, color in FORMATO_CONDICIONAL:
        _ok(ws.conditional_format(rango, {"type": "formula", "criteria": formula,
                                          "format": f.marcas[color]}), rango)

    for i, campo in enumerate(CAMPOS):
        _ok(ws.data_validation(1, i, _ULTIMA, i, _validacion_apoyos(campo)), campo)
    titulo, mensaje = T.AYUDA_RESULTADO
    _ok(
        ws.data_validation(
            1,
            len(CAMPOS),
            _ULTIMA,
            len(CAMPOS),
            {"validate": "any", "input_title": titulo, "input_message": mensaje},
        ),
        COLUMNA_RESULTADO,
    )

    _imprimir(ws, horizontal=True)
    ws.repeat_rows(0)
    ws.protect("", PROTECCION_APOYOS)
    # A column format stretches XlsxWriter's <dimension> to the last formatted column (XFD);
    # Excel itself computes it from cells only. Keep "A1:J1" so readers that trust the
    # dimension (openpyxl read-only, some streaming readers) do not see 16,384 columns.
    ws.dim_colmax = len(columnas) - 1


def _validacion_apoyos(campo: str) -> dict[str, Any]:
    """Data-validation options of one column of sheet Apoyos (XlsxWriter dict)."""
    t_ayuda, m_ayuda, t_error, m_error = T.AYUDA_COLUMNA[campo]
    comunes: dict[str, Any] = {
        "ignore_blank": True,
        "input_title": t_ayuda,
        "input_message": m_ayuda,
        "error_title": t_error,
        "error_message": m_error,
        "error_type": "stop",
    }
    if campo == "clave_estado":
        return {**comunes, "validate": "list", "source": list(CLAVES_ENTIDAD)}
    if campo == "seccion":
        return {**comunes, "validate": "custom", "value": FORMULA_SECCION}
    if campo == "clave_elector":
        return {**comunes, "validate": "length", "criteria": "==", "value": 18}
    if campo == "ocr":
        return {**comunes, "validate": "custom", "value": FORMULA_OCR}
    if campo == "cic":
        return {**comunes, "validate": "custom", "value": FORMULA_CIC}
    # nombre, apellido_paterno, apellido_materno
    return {
        **comunes,
        "validate": "length",
        "criteria": "<=",
        "value": _LONGITUD_MAXIMA_NOMBRE,
    }


_ANCHOS_ASPIRANTE = (28, 42, 70)


def _hoja_aspirante(ws: Worksheet, f: _Formatos, valores: dict[str, str]) -> str:
    """Fill sheet Aspirante; return the A1 reference of the version cell."""
    ws.set_tab_color(_AZUL)
    for col, ancho in enumerate(_ANCHOS_ASPIRANTE):
        ws.set_column(col, col, ancho)
    etiquetas = (
        T.ETIQUETA_NOMBRE,
        T.ETIQUETA_CARGO,
        T.ETIQUETA_ENTIDAD,
        T.ETIQUETA_DISTRITO,
        T.ETIQUETA_MUNICIPIO,
        T.ETIQUETA_RESPONSABLE,
        T.ETIQUETA_FECHA,
        T.ETIQUETA_VERSION,
    )
    for fila, etiqueta in enumerate(etiquetas):
        ws.write_string(fila, 0, etiqueta, f.etiqueta)
        ws.write_string(fila, 2, T.AYUDA_ASPIRANTE[etiqueta], f.ayuda)
        valor = valores.get(etiqueta, "")
        ws.set_row(
            fila,
            _alto_fila(
                (T.AYUDA_ASPIRANTE[etiqueta], _ANCHOS_ASPIRANTE[2]),
                (valor, _ANCHOS_ASPIRANTE[1]),
            ),
        )
        if etiqueta == T.ETIQUETA_FECHA:
            ws.write_blank(fila, 1, None, f.valor_fecha)
            titulo, mensaje, t_error, m_error = T.AYUDA_FECHA
            _ok(
                ws.data_validation(
                    fila,
                    1,
                    fila,
                    1,
                    {
                        "validate": "date",
                        "criteria": "between",
                        "minimum": _dt.date(2000, 1, 1),
                        "maximum": _dt.date(2099, 12, 31),
                        "input_title": titulo,
                        "input_message": mensaje,
                        "error_title": t_error,
                        "error_message": m_error,
                        "error_type": "stop",
                    },
                ),
                etiqueta,
            )
        elif etiqueta == T.ETIQUETA_VERSION:
            ws.write_string(fila, 1, VERSION_PLANTILLA, f.valor_bloqueado)
            celda_version = f"$B${fila + 1}"
        elif valor:
            ws.write_string(fila, 1, valor, f.valor)
        else:
            ws.write_blank(fila, 1, None, f.valor)
        if etiqueta == T.ETIQUETA_ENTIDAD:
            titulo, mensaje, t_error, m_error = T.AYUDA_ENTIDAD_ASPIRANTE
            _ok(
                ws.data_validation(
                    fila,
                    1,
                    fila,
                    1,
                    {
                        "validate": "list",
                        "source": list(CLAVES_ENTIDAD),
                        "input_title": titulo,
                        "input_message": mensaje,
                        "error_title": t_error,
                        "error_message": m_error,
                        "error_type": "stop",
                    },
                ),
                etiqueta,
            )
        elif etiqueta == T.ETIQUETA_CARGO:
            titulo, mensaje = T.AYUDA_CARGO
            _ok(
                ws.data_validation(
                    fila,
                    1,
                    fila,
                    1,
                    {
                        "validate": "list",
                        "source": list(T.CARGOS),
                        "input_title": titulo,
                        "input_message": mensaje,
                        # A suggestion list: any other office may be typed.
                        "show_error": False,
                    },
                ),
                etiqueta,
            )
    _imprimir(ws, horizontal=True)
    ws.protect("", PROTECCION_OTRAS)
    return celda_version


_ANCHOS_INSTRUCCIONES = (22, 74, 62)


def _hoja_instrucciones(ws: Worksheet, f: _Formatos) -> None:
    ws.set_tab_color(_GRIS)
    for col, ancho in enumerate(_ANCHOS_INSTRUCCIONES):
        ws.set_column(col, col, ancho)
    ws.hide_gridlines(2)
    fila = 0

    def renglon(celdas: list[tuple[int, str, Any]], *, negrita: bool = False) -> None:
        # One row of wrapped texts [(column, text, format)], tall enough to show them all.
        nonlocal fila
        for col, texto, formato in celdas:
            ws.write_string(fila, col, texto, formato)
        alto = _alto_fila(
            *((texto, _ANCHOS_INSTRUCCIONES[col]) for col, texto, _ in celdas), negrita=negrita
        )
        ws.set_row(fila, alto)
        fila += 1

    ws.write_string(fila, 0, T.TITULO_INSTRUCCIONES, f.titulo)
    ws.set_row(fila, 24)
    fila += 1
    ws.write_string(fila, 0, T.SUBTITULO_INSTRUCCIONES, f.subtitulo)
    fila += 2

    def seccion(titulo: str) -> None:
        nonlocal fila
        for col in range(len(_ANCHOS_INSTRUCCIONES)):
            ws.write_blank(fila, col, None, f.seccion)
        ws.write_string(fila, 0, titulo, f.seccion)
        ws.set_row(fila, 18)
        fila += 1

    def parrafos(filas: tuple[tuple[str, str], ...]) -> None:
        nonlocal fila
        for etiqueta, texto in filas:
            celdas = [(1, texto, f.parrafo)]
            if etiqueta:
                celdas.insert(0, (0, etiqueta, f.marca))
            renglon(celdas)
        fila += 1

    for titulo, filas in T.SECCIONES:
        seccion(titulo)
        parrafos(filas)

    ws.set_h_pagebreaks([fila])  # the column table starts a printed page
    seccion("Las columnas de la hoja «Apoyos»")
    renglon(
        [(col, texto, f.tabla_encabezado) for col, texto in enumerate(T.ENCABEZADOS_TABLA)],
        negrita=True,
    )
    tabla: list[tuple[str, str, str]] = [
        (T.etiqueta_columna("ABCDEFGH"[i], campo), *T.COLUMNAS_EXPLICADAS[campo])
        for i, campo in enumerate(CAMPOS)
    ]
    tabla.append(T.OCR_O_CIC)
    tabla.append((f"I · {COLUMNA_RESULTADO}", *T.EXPLICACION_RESULTADO))
    tabla.append((f"J · {COLUMNA_MARCAS}", *T.EXPLICACION_MARCAS))
    for etiqueta, que, revisa in tabla:
        renglon([(0, etiqueta, f.tabla_columna), (1, que, f.tabla_texto), (2, revisa, f.tabla_texto)])
    fila += 1

    titulo, filas = T.SECCION_HALLAZGOS
    seccion(titulo)
    parrafos(filas)

    _imprimir(ws, horizontal=True)
    ws.protect("", PROTECCION_OTRAS)
