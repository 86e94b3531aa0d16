"""The ``Resumen`` sheet of the marked copy: what was checked, what was found, where to look.

The totals and the per-code table are `apoyo.summary.filas_resumen` (the same rows as the in-Excel
checker's summary), laid out here with formats, a link from each code to its first marked cell,
and more sections: file-level findings with their remedies, how to read the Apoyos sheet, and the
input file's metadata. Spanish, printable on letter paper (portrait, one page wide). No personal
data: counts, codes, file-level findings and metadata only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from apoyo.check.revision import Revision
from apoyo.mark.xlsx_rapido import letra_columna
from apoyo.read.tabla import Tabla
from apoyo.schema import COLOR_AVISO, COLOR_ERROR, COLOR_OK, HOJA_APOYOS, HOJA_RESUMEN
from apoyo.summary import (
    COLUMNAS_DEL_ARCHIVO,
    COLUMNAS_TABLA,
    SECCION_DEL_ARCHIVO,
    TITULO_RESUMEN,
    filas_del_archivo,
    filas_resumen,
)

_ANCHOS = (34, 11, 52, 10, 16)  # A..E, characters
# Wrapped column (5: merged A:E, 6: merged B:E) -> characters per printed line.
_LETRAS_POR_LINEA = {0: 33, 2: 56, 5: 118, 6: 86}
_PRIMERA_FILA = COLUMNAS_TABLA.index("Primera fila")
_SEVERIDAD = COLUMNAS_TABLA.index("Severidad")


def _texto(valor: Any) -> str:
    """A metadata value as readable Spanish text."""
    if valor is None:
        return "—"
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, datetime):
        return valor.strftime("%d/%m/%Y %H:%M")
    if isinstance(valor, date):
        return valor.strftime("%d/%m/%Y")
    if isinstance(valor, Mapping):
        return "; ".join(f"{k}: {_texto(v)}" for k, v in valor.items())
    if isinstance(valor, (list, tuple, set, frozenset)):
        return ", ".join(_texto(v) for v in valor)
    return str(valor)


def _lineas(texto: str, ancho: int) -> int:
    """Printed lines of `texto` wrapped in a column (`_LETRAS_POR_LINEA` key)."""
    por_linea = _LETRAS_POR_LINEA[ancho]
    return sum(max(1, math.ceil(len(parte) / por_linea)) for parte in texto.split("\n"))


class _Hoja:
    """Row cursor over the Resumen sheet, with its formats."""

    def __init__(self, libro: Workbook) -> None:
        self.hoja: Worksheet = libro.add_worksheet(HOJA_RESUMEN)
        self.fila = 0
        borde = {"border": 1, "valign": "top"}
        self.f: dict[str, Format] = {
            "titulo": libro.add_format({"bold": True, "font_size": 14}),
            "seccion": libro.add_format({"bold": True, "font_size": 12, "bottom": 2}),
            "etiqueta": libro.add_format({"bold": True, "valign": "top"}),
            "valor": libro.add_format({"align": "left", "valign": "top", "text_wrap": True}),
            "numero": libro.add_format({"align": "left", "valign": "top", "num_format": "#,##0"}),
            "th": libro.add_format({"bold": True, "bg_color": "#D9D9D9", "pattern": 1, **borde,
                                    "text_wrap": True}),
            "td": libro.add_format({**borde, "text_wrap": True}),
            "td_num": libro.add_format({**borde, "num_format": "#,##0"}),
            "error": libro.add_format({**borde, "bg_color": COLOR_ERROR, "pattern": 1}),
            "aviso": libro.add_format({**borde, "bg_color": COLOR_AVISO, "pattern": 1}),
            "ok": libro.add_format({**borde, "bg_color": COLOR_OK, "pattern": 1}),
            "enlace": libro.add_format({**borde, "font_color": "#0563C1", "underline": 1}),
            "parrafo": libro.add_format({"text_wrap": True, "valign": "top"}),
        }

    def alto(self, lineas: int) -> None:
        """Give the current row the height of `lineas` printed lines (when more than one)."""
        if lineas > 1:
            self.hoja.set_row(self.fila, 15 * lineas + 2)

    def par(self, etiqueta: str, valor: Any) -> None:
        """A label/value line; numbers keep thousands separators, texts wrap over B:E."""
        self.hoja.write_string(self.fila, 0, etiqueta, self.f["etiqueta"])
        if isinstance(valor, int) and not isinstance(valor, bool):
            self.hoja.write_number(self.fila, 1, valor, self.f["numero"])
        else:
            texto = _texto(valor)
            self.hoja.merge_range(self.fila, 1, self.fila, 4, texto, self.f["valor"])
            self.alto(_lineas(texto, 6))
        self.fila += 1

    def seccion(self, titulo: str) -> None:
        self.fila += 1
        self.hoja.merge_range(self.fila, 0, self.fila, 4, titulo, self.f["seccion"])
        self.fila += 1

    def parrafo(self, texto: str) -> None:
        """A paragraph across columns A:E."""
        self.hoja.merge_range(self.fila, 0, self.fila, 4, texto, self.f["parrafo"])
        self.alto(_lineas(texto, 5))
        self.fila += 1

    def encabezados(self, titulos: tuple[str, ...] | list[Any]) -> None:
        for col, titulo in enumerate(titulos):
            self.hoja.write_string(self.fila, col, str(titulo), self.f["th"])
        self.fila += 1


def escribir(libro: Workbook, tabla: Tabla, revision: Revision,
             primera: Mapping[str, tuple[int, int]], *, notas: int, celdas_marcadas: int,
             max_notas: int, reporte: str, celdas_con_error: int = 0,
             otras_hojas: str | None = None) -> None:
    """Add the Resumen sheet to `libro`.

    Args:
        libro: the marked copy's workbook (XlsxWriter), with the Apoyos sheet already added.
        tabla, revision: the submission and the outcome of checking it.
        primera: code -> (1-based row, 0-based column) of its first marked cell in Apoyos.
        notas: notes written; celdas_marcadas: cells with findings; max_notas: the cap.
        reporte: file name of the JSON report (named when notes were capped).
        celdas_con_error: cells with at least one error (they get their notes first).
        otras_hojas: what became of the original's other sheets with apoyos
            (`apoyo.mark.otras_hojas.resumen_de`), shown after the sheet read.
    """
    r = _Hoja(libro)
    hoja, f = r.hoja, r.f
    for col, ancho in enumerate(_ANCHOS):
        hoja.set_column(col, col, ancho)
    hoja.set_paper(1)  # carta
    hoja.fit_to_pages(1, 0)
    hoja.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    hoja.set_footer("&LResumen de la revisión&RPágina &P de &N")

    if celdas_marcadas == 0:
        sobre_notas = "Ninguna: no hay celdas marcadas."
    elif notas < celdas_marcadas:
        sobre_notas = (f"{notas:,} de {celdas_marcadas:,} celdas marcadas llevan nota (máximo "
                       f"{max_notas:,}): primero las celdas con errores y luego las que solo "
                       "tienen avisos, cada grupo en orden de fila; la lista completa de "
                       f"hallazgos está en el reporte JSON «{reporte}».")
    else:
        sobre_notas = f"{notas:,} celdas marcadas, cada una con su nota."
    filas = filas_resumen(revision, libro=tabla.archivo, hoja=tabla.hoja or "— (archivo de texto)",
                          fecha_revision=date.today(), notas=sobre_notas,
                          entidad=revision.metadatos.get("entidad"),
                          aspirante=tabla.aspirante.get("nombre"),
                          cargo=tabla.aspirante.get("cargo"))
    en_tabla = False
    for fila in filas:
        valores = [v for v in fila if v is not None]
        if not valores:
            r.fila += 1
        elif fila[0] == TITULO_RESUMEN:
            hoja.write_string(r.fila, 0, TITULO_RESUMEN, f["titulo"])
            r.fila += 2
        elif tuple(fila) == COLUMNAS_TABLA:
            r.encabezados(COLUMNAS_TABLA)
            en_tabla = True
        elif en_tabla:
            _fila_codigo(r, fila, primera)
        elif len(valores) == 2:
            r.par(str(fila[0]), fila[1])
            if fila[0] == "Hoja revisada":
                r.par("Formato", tabla.formato)
                if otras_hojas:
                    r.par("Otras hojas", otras_hojas)
        else:
            r.parrafo(str(valores[0]))

    del_archivo = filas_del_archivo(revision)
    if del_archivo:
        r.seccion(SECCION_DEL_ARCHIVO)
        r.encabezados(COLUMNAS_DEL_ARCHIVO)
        for titulo, severidad, texto in del_archivo:
            r.alto(max(_lineas(titulo, 0), _lineas(texto, 2)))
            hoja.write_string(r.fila, 0, titulo, f["td"])
            hoja.write_string(r.fila, 1, severidad, f["error" if severidad == "Error" else "aviso"])
            hoja.write_string(r.fila, 2, texto, f["td"])
            r.fila += 1

    r.seccion(f"Cómo leer la hoja {HOJA_APOYOS}")
    for formato, nombre, texto in (
        ("error", "Rojo", "Error: la fila no se puede enviar a la DERFE hasta corregirlo."),
        ("aviso", "Amarillo", "Aviso: conviene revisar el dato; la fila sí se puede enviar."),
        ("ok", "Verde", "En la columna Resultado: fila sin errores ni avisos."),
    ):
        hoja.write_string(r.fila, 1, nombre, f[formato])
        hoja.write_string(r.fila, 2, texto)
        r.fila += 1
    r.parrafo(
        "Cada celda marcada lleva una nota con el problema y cómo corregirlo: pase el cursor "
        "sobre la celda para verla. La columna Resultado dice «OK» o los códigos de la fila; los "
        "hallazgos de la fila entera están en la nota de esa columna. Los números de fila son los "
        "del archivo original, los mismos que usa el reporte."
    )
    if tabla.fila_encabezado > 1:
        r.parrafo(
            f"Los encabezados están en la fila {tabla.fila_encabezado}, como en el archivo "
            "original; las filas de arriba se dejaron vacías para conservar la numeración."
        )
    if notas < celdas_marcadas:
        if celdas_con_error > notas:
            errores = (f"solo las primeras {notas:,} de las {celdas_con_error:,} celdas con "
                       "errores, en orden de fila, llevan nota, y ninguna de las que solo tienen "
                       "avisos")
        elif celdas_con_error:
            errores = (f"las {celdas_con_error:,} celdas con errores llevan nota y, con las que "
                       "quedan, las primeras celdas que solo tienen avisos, en orden de fila")
        else:
            errores = "llevan nota las primeras celdas con avisos, en orden de fila"
        r.parrafo(
            f"Hay {celdas_marcadas:,} celdas marcadas y solo {notas:,} llevan nota, para que el "
            "archivo siga siendo manejable. Los errores van primero: "
            f"{errores}. Las demás conservan su color y la columna Resultado sus códigos. La "
            "lista completa de hallazgos, con su explicación, está en el reporte JSON "
            f"«{reporte}»."
        )

    # The file's facts, without those already shown above.
    metadatos = {k: v for k, v in {**tabla.metadatos, **revision.metadatos}.items()
                 if k not in ("formato", "hoja", "entidad")}
    if metadatos:
        r.seccion("Datos del archivo")
        for clave, valor in metadatos.items():
            etiqueta = _ETIQUETAS_DATOS.get(clave) or str(clave).replace("_", " ").capitalize()
            r.par(etiqueta, _texto(valor))
    hoja.print_area(0, 0, max(r.fila - 1, 0), len(_ANCHOS) - 1)


_ETIQUETAS_DATOS = {
    "hojas": "Hojas del archivo original",
    "version_plantilla": "Versión de la plantilla",
    "encoding": "Codificación del texto",
    "delimitador": "Separador de columnas",
    "fila_encabezado": "Fila de encabezados",
}


def _fila_codigo(r: _Hoja, fila: list[Any], primera: Mapping[str, tuple[int, int]]) -> None:
    """One row of the per-code table, with a link to the code's first marked cell."""
    hoja, f = r.hoja, r.f
    codigo, severidad = str(fila[0]), str(fila[_SEVERIDAD])
    r.alto(max(_lineas(codigo, 0), _lineas(str(fila[2]), 2)))
    for col, valor in enumerate(fila):
        if col == _SEVERIDAD:
            formato = f[severidad] if severidad in ("error", "aviso") else f["td"]
            hoja.write_string(r.fila, col, severidad.capitalize(), formato)
        elif col == _PRIMERA_FILA and codigo in primera:
            n, c = primera[codigo]
            ref = f"{letra_columna(c)}{n}"
            hoja.write_url(r.fila, col, f"internal:'{HOJA_APOYOS}'!{ref}", f["enlace"],
                           string=f"Fila {n} ({ref})",
                           tip=f"Ir a la celda {ref} de la hoja {HOJA_APOYOS}")
        elif isinstance(valor, int) and not isinstance(valor, bool):
            hoja.write_number(r.fila, col, valor, f["td_num"])
        else:
            hoja.write_string(r.fila, col, _texto(valor), f["td"])
    r.fila += 1
