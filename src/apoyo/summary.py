"""What a reviewer reads about a checked file: the ``Resultado`` text of a row and the rows of the
``Resumen`` sheet. Pure functions (no spreadsheet library), shared by the in-Excel checker and
any other front end that writes a result column or a summary table.

The Resultado text lists the row's codes, errors first, never the value found (no personal
data) — the same text as the CLI's marked copy:

>>> from apoyo.errors import hallazgo
>>> texto_resultado([])
'OK'
>>> h1 = hallazgo("clave-elector-fecha", 5, "clave_elector", "ABCDEF99130107H100", fecha="1999-13-01")
>>> h2 = hallazgo("mayusculas-corregidas", 5, "nombre", "ana", despues="ANA")
>>> texto_resultado([h2, h1])
'clave-elector-fecha, mayusculas-corregidas'
>>> print(texto_nota([h1]))
Error: Fecha de nacimiento imposible
La clave de elector «ABCDEF99130107H100» lleva la fecha 1999-13-01, que no existe.
Cómo corregir: Revise los dígitos 7 a 12 (AAMMDD) en la credencial; suele ser un dígito mal copiado.
>>> severidad_de([h2]), severidad_de([h1, h2]), severidad_de([])
('aviso', 'error', None)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from apoyo.check.revision import Revision
from apoyo.errors import CATALOGO
from apoyo.record import Hallazgo, Severidad

#: Resultado text of a row without findings.
RESULTADO_OK = "OK"
#: What the Resumen sheet and the command line say of a file without findings.
SIN_HALLAZGOS = "Sin errores ni avisos: todas las filas están listas para exportar."

#: Column titles of the per-code table (the same columns as the CLI's summary table).
COLUMNAS_TABLA: tuple[str, ...] = ("Código", "Severidad", "Descripción", "Cantidad",
                                    "Primera fila")

#: Width of every row returned by `filas_resumen` (the table is the widest part).
ANCHO_RESUMEN = len(COLUMNAS_TABLA)

TITULO_RESUMEN = "Resumen de la validación de apoyos ciudadanos"


def severidad_de(hallazgos: Sequence[Hallazgo]) -> Severidad | None:
    """The worst severity among `hallazgos`: "error", "aviso", or None when there are none."""
    if any(h.severidad == "error" for h in hallazgos):
        return "error"
    return "aviso" if hallazgos else None


def texto_resultado(hallazgos: Sequence[Hallazgo]) -> str:
    """The ``Resultado`` cell of one row, as in the CLI's marked copy.

    Args:
        hallazgos: the row's findings (any order).

    Returns:
        ``"OK"`` without findings; otherwise the codes, errors first, then the warnings' codes
        that are not also errors, each once, joined by ", ". Contains no cell value.
    """
    if not hallazgos:
        return RESULTADO_OK
    errores = dict.fromkeys(h.codigo for h in hallazgos if h.severidad == "error")
    avisos = dict.fromkeys(h.codigo for h in hallazgos if h.severidad != "error")
    return ", ".join([*errores, *(c for c in avisos if c not in errores)])


def texto_nota(hallazgos: Sequence[Hallazgo]) -> str:
    """The text of a cell note, as in the CLI's marked copy: for each finding "Error: title" or
    "Aviso: title", its message and "Cómo corregir: remedy", separated by a blank line.

    The message may quote the cell's own value (it is shown next to that cell, in the same
    workbook); nothing else is added.
    """
    bloques = []
    for h in hallazgos:
        gravedad = "Error" if h.severidad == "error" else "Aviso"
        bloques.append(f"{gravedad}: {CATALOGO[h.codigo].titulo}\n{h.mensaje}\n"
                       f"Cómo corregir: {h.remedio}")
    return "\n\n".join(bloques)


def tabla_por_codigo(revision: Revision) -> list[list[object]]:
    """Rows of the per-code table: code, severity, title, count, first row ("archivo" for
    file-level findings), errors first then by code (the order of the CLI's table)."""
    primeras = revision.primeras()
    filas: list[list[object]] = []
    for codigo, n in sorted(revision.por_codigo().items(),
                            key=lambda kv: (CATALOGO[kv[0]].severidad != "error", kv[0])):
        decl = CATALOGO[codigo]
        primera = primeras[codigo]
        filas.append([codigo, decl.severidad, decl.titulo, n,
                      "archivo" if primera is None else primera])
    return filas


def filas_resumen(
    revision: Revision,
    *,
    libro: str,
    hoja: str,
    fecha_revision: date,
    notas: str,
    entidad: str | None = None,
    aspirante: str | None = None,
    cargo: str | None = None,
) -> list[list[object]]:
    """The whole ``Resumen`` sheet as rows of `ANCHO_RESUMEN` cells (None = empty cell).

    Args:
        revision: the check of the sheet (`apoyo.check.Revision`).
        libro: workbook name as Excel shows it.
        hoja: name of the sheet checked.
        fecha_revision: day of the check.
        notas: one sentence on the cell notes (how many, the cap, or why there are none).
        entidad: entity of the candidacy taken from the Aspirante sheet, if any.
        aspirante, cargo: name of the aspirant and office sought (Aspirante sheet), if any.

    Returns:
        Title, key/value lines (totals), an empty line, then the per-code table with its
        header row (`COLUMNAS_TABLA`). Counts are ints; no cell value of the data appears.
    """
    corte = revision.fecha_corte.isoformat() if revision.fecha_corte else "hoy"
    pares: list[tuple[str, object]] = [
        ("Aspirante", aspirante or "no indicado en la hoja Aspirante"),
        ("Cargo", cargo or "no indicado en la hoja Aspirante"),
        ("Libro", libro),
        ("Hoja revisada", hoja),
        ("Fecha de revisión", fecha_revision.isoformat()),
        ("Fecha de corte (edades)", corte),
        ("Entidad de la candidatura", entidad or "no indicada en la hoja Aspirante"),
        ("Filas con datos", revision.filas),
        ("Filas válidas (se pueden exportar)", revision.filas_validas),
        ("Filas con errores", revision.filas - revision.filas_validas),
        ("Errores (una fila puede tener varios)", revision.errores),
        ("Avisos", revision.avisos),
        ("Notas en celdas", notas),
    ]
    filas: list[list[object]] = [[TITULO_RESUMEN]]
    filas += [[clave, valor] for clave, valor in pares]
    filas.append([])
    tabla = tabla_por_codigo(revision)
    if tabla:
        filas.append(list(COLUMNAS_TABLA))
        filas += tabla
    else:
        filas.append([SIN_HALLAZGOS])
    return [fila + [None] * (ANCHO_RESUMEN - len(fila)) for fila in filas]


#: Title and column headers of the file-level findings section of a Resumen.
SECCION_DEL_ARCHIVO = "Hallazgos del archivo"
COLUMNAS_DEL_ARCHIVO: tuple[str, ...] = ("Hallazgo", "Severidad", "Qué pasa y cómo corregirlo")


def filas_del_archivo(revision: Revision) -> list[tuple[str, str, str]]:
    """The findings about the whole file (no row), each as ``(title (code), "Error"/"Aviso",
    message + remedy)``, in `revision`'s order: the rows of the Resumen's section
    `SECCION_DEL_ARCHIVO`, in the marked copy and in the Excel add-in alike."""
    filas = []
    for h in revision.hallazgos:
        if h.fila is not None:
            continue
        decl = CATALOGO.get(h.codigo)
        filas.append((f"{decl.titulo if decl else h.codigo} ({h.codigo})",
                      "Error" if h.severidad == "error" else "Aviso",
                      f"{h.mensaje}\nCómo corregir: {h.remedio}"))
    return filas


def fila_encabezado_tabla(filas: Sequence[Sequence[object]]) -> int | None:
    """0-based index of the per-code table's header row in `filas`, or None if absent."""
    for i, fila in enumerate(filas):
        if tuple(fila[:ANCHO_RESUMEN]) == COLUMNAS_TABLA:
            return i
    return None
