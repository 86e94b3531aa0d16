"""Workbooks (.xlsx, .xlsm, .xlsb, .ods, .xls) read with python-calamine.

What python-calamine (0.9) gives, and what this module passes on in `FilaLeida.celdas`:

- text -> ``str``; numbers -> ``float`` (``7.0`` for a typed ``07``; .xls may give ``int``);
  booleans -> ``bool`` (.ods: ``1.0``); empty -> ``""``, passed as ``None``.
- dates by cell format: a whole serial -> ``datetime.date``, with a time part ->
  ``datetime.datetime``, below 1 -> ``datetime.time``; durations may come as
  ``datetime.timedelta``. Passed unchanged.
- error cells (``#N/A``, ``#DIV/0!``...) -> ``""``, indistinguishable from empty. For .xlsx and
  .xlsm the sheet XML is scanned for them and they are passed as `ErrorDeCelda` (a ``str``
  subclass holding the error text). In .ods/.xls/.xlsb they arrive as ``None``.
- formulas -> their cached value (a file written by a library without one gives ``0.0``/"").

Row and column offsets: `CalamineSheet.iter_rows` yields ``start[0]`` empty rows first (so row
``n`` of the iteration is spreadsheet row ``n``) but each row begins at the first used column
``start[1]``; `_filas_absolutas` pads the left so that index 0 is column A. Only used cells are
stored by calamine: formatted-but-empty rows and whole formatted columns cost nothing.

Streaming: calamine loads one sheet into a compact Rust structure (about 0.8 GB for a full
1,048,575-row sheet); Python objects are built one row at a time. The sheet loaded to find the
header is handed to the first `Tabla.filas()` call and released when it ends; later calls load
the sheet again.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import python_calamine as pc

from apoyo.errors import ArchivoInutilizable, hallazgo
from apoyo.read import inutilizable, ooxml
from apoyo.read.aspirante import leer_pares, version_de_nombre_definido
from apoyo.read.celdas import ErrorDeCelda, ajustar_ancho, fila_vacia
from apoyo.read.deteccion import Deteccion
from apoyo.read.encabezado import FILAS_A_EXPLORAR, Encabezado, buscar_encabezado
from apoyo.read.tabla import FilaLeida, Tabla
from apoyo.record import Hallazgo
from apoyo.schema import (
    HOJA_APOYOS,
    HOJA_ASPIRANTE,
    HOJA_INSTRUCCIONES,
    HOJA_RESUMEN,
    VERSION_PLANTILLA,
    plegar,
)

# Sheets of our own template / marked copy that never hold the submission rows.
_NO_SON_DATOS = {plegar(HOJA_RESUMEN), plegar(HOJA_ASPIRANTE), plegar(HOJA_INSTRUCCIONES)}


@contextmanager
def _traduciendo(formato: str) -> Iterator[None]:
    """Turn calamine / zip / OS failures into `ArchivoInutilizable`."""
    try:
        yield
    except ArchivoInutilizable:
        raise
    except pc.PasswordError:
        raise inutilizable.cifrado() from None
    except (pc.CalamineError, zipfile.BadZipFile):
        raise inutilizable.danado(formato) from None
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None
    except BaseException as exc:  # a Rust panic surfaces as pyo3's PanicException
        if type(exc).__name__ == "PanicException":
            raise inutilizable.danado(formato) from None
        raise


def _abrir(ruta: Path, det: Deteccion) -> pc.CalamineWorkbook:
    if det.extension_coincide:
        return pc.CalamineWorkbook.from_path(str(ruta))
    # calamine picks the reader by extension; with a misleading one let it sniff the bytes.
    with ruta.open("rb") as f:
        return pc.CalamineWorkbook.from_filelike(f)


def _filas_absolutas(hoja: pc.CalamineSheet) -> Iterator[tuple[int, list[Any]]]:
    """``(spreadsheet row, cells from column A)`` for every row up to the last used one."""
    inicio = hoja.start
    if inicio is None:
        return
    prefijo: list[Any] = [""] * inicio[1]
    for numero, fila in enumerate(hoja.iter_rows(), start=1):
        yield numero, prefijo + fila


def _datos(
    hoja: pc.CalamineSheet,
    enc: Encabezado,
    errores: dict[int, dict[int, str]],
) -> Iterator[FilaLeida]:
    """The non-empty rows below the header, as `FilaLeida`."""
    inicio = hoja.start
    if inicio is None:
        return
    prefijo: list[Any] = [None] * inicio[1]
    ancho = len(enc.etiquetas)
    for numero, crudas in enumerate(hoja.iter_rows(), start=1):
        if numero <= enc.fila:
            continue
        celdas = prefijo + [None if v == "" else v for v in crudas]
        if errores and numero in errores:
            for columna, texto in errores[numero].items():
                if columna < len(celdas) and celdas[columna] is None:
                    celdas[columna] = ErrorDeCelda(texto)
        if fila_vacia(celdas, enc.ignoradas):
            continue
        yield FilaLeida(numero, ajustar_ancho(celdas, ancho))


class _Fuente:
    """Gives the sheet to iterate: the one already loaded the first time, a fresh one later."""

    def __init__(self, ruta: Path, det: Deteccion, nombre: str, hoja: pc.CalamineSheet) -> None:
        self.ruta, self.det, self.nombre = ruta, det, nombre
        self._hoja: pc.CalamineSheet | None = hoja

    def tomar(self) -> pc.CalamineSheet:
        hoja, self._hoja = self._hoja, None
        if hoja is None:
            with _traduciendo(self.det.formato):
                libro = _abrir(self.ruta, self.det)
                hoja = libro.get_sheet_by_name(self.nombre)
                libro.close()
        return hoja


def _elegir_hoja(libro: pc.CalamineWorkbook) -> tuple[str, pc.CalamineSheet, Encabezado]:
    """`Apoyos` if present, else the first visible worksheet with a header row."""
    nombres = libro.sheet_names
    if not nombres:
        raise inutilizable.sin_hojas()
    apoyos = next((n for n in nombres if plegar(n) == plegar(HOJA_APOYOS)), None)
    if apoyos is not None:
        candidatas = [apoyos]
    else:
        candidatas = [
            m.name
            for m in libro.sheets_metadata
            if m.visible == pc.SheetVisibleEnum.Visible
            and m.typ == pc.SheetTypeEnum.WorkSheet
            and plegar(m.name) not in _NO_SON_DATOS
        ]
    for nombre in candidatas:
        hoja = libro.get_sheet_by_name(nombre)
        enc = buscar_encabezado(_filas_absolutas(hoja))
        if enc is not None:
            return nombre, hoja, enc
    unica = candidatas[0] if len(candidatas) == 1 else None
    raise inutilizable.sin_encabezado(FILAS_A_EXPLORAR, unica)


def _aspirante(libro: pc.CalamineWorkbook) -> tuple[dict[str, str], str | None]:
    nombre = next((n for n in libro.sheet_names if plegar(n) == plegar(HOJA_ASPIRANTE)), None)
    if nombre is None:
        return {}, None
    hoja = libro.get_sheet_by_name(nombre)
    return leer_pares(celdas for _, celdas in _filas_absolutas(hoja))


def leer_libro(ruta: Path, det: Deteccion) -> Tabla:
    """Read a workbook `det` says calamine can open.

    Raises:
        ArchivoInutilizable: encrypted, damaged, no worksheet, or no header row.
    """
    hallazgos: list[Hallazgo] = []
    if det.macros:
        hallazgos.append(hallazgo("macros-ignoradas", None, None))
    partes: dict[str, str] = {}
    nombres_definidos: dict[str, str] = {}
    if det.formato in ("xlsx", "xlsm"):
        partes, nombres_definidos = ooxml.partes_xlsx(ruta)
    with _traduciendo(det.formato):
        libro = _abrir(ruta, det)
        nombre, hoja, enc = _elegir_hoja(libro)
        aspirante, version = _aspirante(libro)
        hojas = list(libro.sheet_names)
        libro.close()
    version = version or version_de_nombre_definido(nombres_definidos)
    if version is not None and version != VERSION_PLANTILLA:
        hallazgos.append(
            hallazgo("plantilla-antigua", None, None, version, actual=VERSION_PLANTILLA)
        )
    errores = ooxml.celdas_con_error(ruta, partes[nombre]) if nombre in partes else {}
    hallazgos += enc.hallazgos
    fuente = _Fuente(ruta, det, nombre, hoja)

    def filas() -> Iterator[FilaLeida]:
        with _traduciendo(det.formato):
            yield from _datos(fuente.tomar(), enc, errores)

    metadatos: dict[str, Any] = {
        "formato": det.formato,
        "hoja": nombre,
        "hojas": hojas,
    }
    if version is not None:
        metadatos["version_plantilla"] = version
    return Tabla(
        archivo=ruta.name,
        formato=det.formato,
        hoja=nombre,
        encabezados=enc.etiquetas,
        fila_encabezado=enc.fila,
        columnas=enc.columnas,
        filas=filas,
        hallazgos=hallazgos,
        aspirante=aspirante,
        metadatos=metadatos,
    )
