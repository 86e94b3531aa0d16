"""Workbooks (.xlsx, .xlsm, .xlsb, .ods, .xls) read with python-calamine.

What python-calamine (0.9) gives, and what this module passes on in `FilaLeida.celdas`:

- text -> ``str``; numbers -> ``float`` (``7.0`` for a typed ``07``; .xls may give ``int``);
  booleans -> ``bool`` (.ods: ``1.0``); empty -> ``""``, passed as ``None``.
- dates by cell format: a whole serial -> ``datetime.date``, with a time part ->
  ``datetime.datetime``, below 1 -> ``datetime.time``; durations may come as
  ``datetime.timedelta``. Passed unchanged.
- error cells (``#N/A``, ``#DIV/0!``...) -> ``""``, indistinguishable from empty. For .xlsx and
  .xlsm the sheet XML is scanned for them (.ods: content.xml, `apoyo.read.ods`) and they are
  passed as `ErrorDeCelda` (a ``str`` subclass holding the error text). In .xls/.xlsb they
  arrive as ``None``.
- formulas -> their cached value (a file written by a library without one gives ``0.0``/"").

Row and column offsets: `CalamineSheet.iter_rows` yields ``start[0]`` empty rows first (so row
``n`` of the iteration is spreadsheet row ``n``) but each row begins at the first used column
``start[1]``; `_filas_absolutas` pads the left so that index 0 is column A. Only used cells are
stored by calamine: formatted-but-empty rows and whole formatted columns cost nothing.

Streaming: calamine loads one sheet into a compact Rust structure (about 0.55 GB for a full
1,048,575-row sheet of the eight fields, 0.9 GB at the peak of loading); Python objects are built
one row at a time. Loading is most of the cost of reading (about 13 s for such a sheet, against
under 1 s to iterate it), so the sheet loaded to find the header is kept for every pass of
`Tabla.filas()` (check, then marked copy) until `Tabla.liberar()`; a pass after that loads it
again. Every other worksheet is loaded once, one at a time and released at once, only to count
its data rows (`apoyo.read.otras_hojas`): a sheet of apoyos that is not read is warned about.
With an ``Apoyos`` sheet this happens before ``Apoyos`` is loaded, so that at most one sheet is
in memory. Without one, the sheet read is the one whose header names the most fields
(`_elegir_hoja`): the candidates are loaded in turn, the best so far kept, and the loser of each
comparison is counted and released before the next is loaded (two sheets at most, and none
loaded twice); the sheets after a header naming all eight fields are not candidates any more and
are looked at afterwards, while the chosen one is kept.
"""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

import python_calamine as pc

from apoyo.errors import ArchivoInutilizable, hallazgo
from apoyo.read import inutilizable, ods, ooxml
from apoyo.read.aspirante import leer_pares, version_de_nombre_definido
from apoyo.read.avisos_hoja import avisos_de_hoja
from apoyo.read.celdas import ErrorDeCelda, ajustar_ancho, fila_vacia
from apoyo.read.deteccion import FILA_MAXIMA, Deteccion
from apoyo.read.encabezado import FILAS_A_EXPLORAR, Encabezado, buscar_encabezado
from apoyo.read.otras_hojas import (
    HOJAS_SIN_APOYOS,
    OtraHoja,
    avisos_de,
    contar_filas_con_datos,
    contenido_de_hoja,
)
from apoyo.read.tabla import FilaLeida, HojaAparte, Tabla
from apoyo.record import Hallazgo
from apoyo.schema import (
    CAMPOS,
    HOJA_APOYOS,
    HOJA_ASPIRANTE,
    VERSION_PLANTILLA,
    plegar,
)


@contextmanager
def _traduciendo(formato: str) -> Iterator[None]:
    """Turn calamine / zip / OS failures into `ArchivoInutilizable`."""
    try:
        yield
    except ArchivoInutilizable:
        raise
    except pc.PasswordError:
        raise inutilizable.cifrado(formato) from None
    except (pc.CalamineError, zipfile.BadZipFile, NotImplementedError):
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
    formato: str,
) -> Iterator[FilaLeida]:
    """The non-empty rows below the header, as `FilaLeida`; a failure of the reader while
    iterating becomes `ArchivoInutilizable` (`_traduciendo`)."""
    inicio = hoja.start
    if inicio is None:
        return
    prefijo: list[Any] = [None] * inicio[1]
    ancho = len(enc.etiquetas)
    ancho_aqui = ancho - inicio[1]  # the header's width in calamine's rows (from `start[1]`)
    ignoradas = enc.ignoradas
    primera_cuenta = 0 not in ignoradas
    nueva = tuple.__new__
    # Per row (a million times): no call that can be avoided. The first cell usually decides
    # that the row is not empty, and the row usually has the header's width already.
    with _traduciendo(formato):
        filas = islice(hoja.iter_rows(), enc.fila, None)
        for numero, celdas in enumerate(filas, start=enc.fila + 1):
            if errores and numero in errores:
                celdas = prefijo + [None if v == "" else v for v in celdas]
                for columna, texto in errores[numero].items():
                    if columna < len(celdas) and celdas[columna] is None:
                        celdas[columna] = ErrorDeCelda(texto)
            else:
                # calamine's "" (empty) becomes None: the trailing ones in place (often the only
                # ones, e.g. an empty Resultado column), the others by a new list.
                k = len(celdas) - 1
                while k >= 0 and celdas[k] == "":
                    celdas[k] = None
                    k -= 1
                if k < ancho_aqui < len(celdas):  # only empty cells past the header (e.g. the
                    del celdas[ancho_aqui:]       # template's flags column before a validation)
                if "" in celdas:
                    celdas = [None if v == "" else v for v in celdas]
                if prefijo:
                    celdas = prefijo + celdas
            primera = celdas[0] if celdas else None
            if not (primera_cuenta and primera is not None
                    and not (primera.__class__ is str and primera.isspace())):
                if fila_vacia(celdas, ignoradas):
                    continue
            if numero > FILA_MAXIMA:  # only a hand-made file has rows past Excel's last one
                raise inutilizable.demasiadas_filas(numero, "fila", FILA_MAXIMA)
            yield nueva(FilaLeida, (numero, tuple(celdas) if len(celdas) == ancho
                                    else ajustar_ancho(celdas, ancho)))


class _Fuente:
    """Gives the sheet to iterate: the one loaded to find the header, kept for every pass until
    `soltar`; after it, a fresh load."""

    def __init__(self, ruta: Path, det: Deteccion, nombre: str, hoja: pc.CalamineSheet) -> None:
        self.ruta, self.det, self.nombre = ruta, det, nombre
        self._hoja: pc.CalamineSheet | None = hoja

    def tomar(self) -> pc.CalamineSheet:
        hoja = self._hoja
        if hoja is None:
            with _traduciendo(self.det.formato):
                libro = _abrir(self.ruta, self.det)
                hoja = libro.get_sheet_by_name(self.nombre)
                libro.close()
        return hoja

    def soltar(self) -> None:
        self._hoja = None


def _hoja_apoyos(nombres: Iterable[str]) -> str | None:
    """The sheet named `HOJA_APOYOS` (accents and case aside), which is always the one read."""
    return next((n for n in nombres if plegar(n) == plegar(HOJA_APOYOS)), None)


#: What is known of a sheet already looked at: `contenido_de_hoja`, None without apoyos.
Contenido = tuple[int, bool] | None


def _es_panico(exc: BaseException) -> bool:
    """A Rust panic, which surfaces as pyo3's PanicException."""
    return type(exc).__name__ == "PanicException"


def _contenido_cargada(hoja: pc.CalamineSheet) -> Contenido:
    """`contenido_de_hoja` of a loaded sheet; None also when python-calamine fails iterating
    it."""
    try:
        if hoja.start is None:  # nothing used at all
            return None
        return contenido_de_hoja(hoja.iter_rows())
    except pc.CalamineError:
        return None
    except BaseException as exc:
        if _es_panico(exc):
            return None
        raise


def _contenido_de(libro: pc.CalamineWorkbook, nombre: str) -> Contenido:
    """`contenido_de_hoja` of one sheet, loaded here and released on return; None also when
    python-calamine cannot read that sheet (the sheet read is unaffected: nothing can be said
    about the other one)."""
    try:
        hoja = libro.get_sheet_by_name(nombre)
    except pc.CalamineError:
        return None
    except BaseException as exc:
        if _es_panico(exc):
            return None
        raise
    return _contenido_cargada(hoja)


def hojas_con_datos(libro: pc.CalamineWorkbook, revisada: str | None,
                    conocidas: Mapping[str, Contenido] | None = None) -> list[OtraHoja]:
    """The other worksheets that hold apoyos: with a header naming an identifier column and
    data rows below it, or rows that plainly are apoyos (`contenido_de_hoja`).

    The other worksheets are loaded one at a time, in the workbook's order, and each is released
    before the next is loaded (a sheet may have a million rows). Chart and macro sheets are not
    looked at; hidden worksheets are, and so are the template's own names (Resumen, Aspirante,
    Instrucciones): the template's and the marked copy's sheets of those names do not look like
    apoyos, but a user's «Resumen» with the eight columns and rows does (found by a tester: it
    was ignored, and the marked copy's Resumen took its place).

    Args:
        libro: the open workbook.
        revisada: the name of the sheet that is read (skipped); None: look at every sheet.
        conocidas: sheet name -> its `contenido_de_hoja` (None: no apoyos, or unreadable), for
            sheets already looked at (`_elegir_hoja`): they are not loaded again.

    Raises:
        Nothing from python-calamine: a sheet it cannot read is skipped.
    """
    otras: list[OtraHoja] = []
    for meta in libro.sheets_metadata:
        nombre = meta.name
        if nombre == revisada or meta.typ != pc.SheetTypeEnum.WorkSheet:
            continue
        if conocidas is not None and nombre in conocidas:
            contenido = conocidas[nombre]
        else:
            contenido = _contenido_de(libro, nombre)
        if contenido is None or not contenido[0]:
            continue
        otras.append(OtraHoja(nombre, contenido[0], contenido[1],
                              meta.visible != pc.SheetVisibleEnum.Visible))
    return otras


def _hay_datos(hoja: pc.CalamineSheet, enc: Encabezado) -> bool:
    """Some row below the header row has content (stops at the first one)."""
    return any(contar_filas_con_datos((celdas,), enc.ignoradas)
               for numero, celdas in _filas_absolutas(hoja) if numero > enc.fila)


def _vacia(hoja: pc.CalamineSheet) -> bool:
    """No cell of the sheet has content (stops at the first row with some)."""
    return hoja.start is None or not any(contar_filas_con_datos((f,)) for f in hoja.iter_rows())


def _elegir_entre(
    libro: pc.CalamineWorkbook, candidatas: list[str], vistas: dict[str, Contenido] | None
) -> tuple[str, pc.CalamineSheet, Encabezado] | None:
    """The candidate whose header row names the most fields (the first of those that tie);
    None when none has a header row.

    Memory: the candidates are loaded in order; only the best so far stays loaded while the
    next one is, and the loser of each comparison is released before the next load. A header
    naming all eight fields cannot be beaten: the candidates after it are not loaded here.

    Args:
        libro: the open workbook.
        candidatas: sheet names in order of preference.
        vistas: filled with the `contenido_de_hoja` of each candidate loaded and not chosen
            (counted while it is loaded, so that `hojas_con_datos` does not load it again).

    Raises:
        python-calamine's errors for a sheet that cannot be loaded before any header row is
        found (later, such a sheet is skipped: the one found is read).
    """
    mejor: tuple[str, pc.CalamineSheet, Encabezado] | None = None
    for nombre in candidatas:
        try:
            hoja = libro.get_sheet_by_name(nombre)
        except BaseException as exc:
            if mejor is None or not (isinstance(exc, pc.CalamineError) or _es_panico(exc)):
                raise
            if vistas is not None:
                vistas[nombre] = None
            continue
        enc = buscar_encabezado(_filas_absolutas(hoja))
        perdedora: tuple[str, pc.CalamineSheet] | None = (nombre, hoja)
        if enc is not None and (mejor is None or len(enc.columnas) > len(mejor[2].columnas)):
            perdedora = mejor[:2] if mejor is not None else None
            mejor = (nombre, hoja, enc)
        del hoja  # from here only `mejor` and `perdedora` hold a loaded sheet
        if perdedora is not None:
            if vistas is not None:
                vistas[perdedora[0]] = _contenido_cargada(perdedora[1])
            perdedora = None  # released before the next sheet is loaded
        if mejor is not None and len(mejor[2].columnas) == len(CAMPOS):
            break
    return mejor


def _elegir_hoja(
    libro: pc.CalamineWorkbook, otras: list[OtraHoja] | None = None,
    vistas: dict[str, Contenido] | None = None,
) -> tuple[str, pc.CalamineSheet, Encabezado]:
    """`Apoyos` if present, else the worksheet whose header row names the most of the eight
    fields: the first of those that tie, visible worksheets before hidden ones (a hidden one
    chosen gets the reader's ``contenido-oculto`` warning). A staff list headed «Nombre,
    Apellido paterno, Apellido materno, Sección» before the sheet with the eight columns is not
    the one read.

    Args:
        libro: the open workbook.
        otras: the other sheets with apoyos when `Apoyos` is present
            (`apoyo.read.libro.hojas_con_datos`), if already known.
        vistas: without `Apoyos`, filled with the `contenido_de_hoja` of the sheets loaded and
            not chosen (for `hojas_con_datos`'s ``conocidas``).

    Raises:
        ArchivoInutilizable: no header row: ``Apoyos`` without one while other sheets hold the
            data names them (`inutilizable.datos_en_otra_hoja`); else `inutilizable.sin_encabezado`
            (naming the sheet when there is one candidate, or one whose headerless rows plainly
            are apoyos).
    """
    nombres = libro.sheet_names
    if not nombres:
        raise inutilizable.sin_hojas()
    apoyos = _hoja_apoyos(nombres)
    if apoyos is not None:
        hoja = libro.get_sheet_by_name(apoyos)
        enc = buscar_encabezado(_filas_absolutas(hoja))
        if enc is not None:
            return apoyos, hoja, enc
        # Apoyos is always the sheet read: if the data is elsewhere, say where.
        if otras is None:
            otras = hojas_con_datos(libro, apoyos)
        if otras:
            raise inutilizable.datos_en_otra_hoja(
                apoyos, "vacia" if _vacia(hoja) else "sin-encabezado",
                [(o.nombre, o.filas, o.con_encabezado, o.oculta) for o in otras],
                FILAS_A_EXPLORAR)
        raise inutilizable.sin_encabezado(FILAS_A_EXPLORAR, apoyos)
    hojas = [m for m in libro.sheets_metadata
             if m.typ == pc.SheetTypeEnum.WorkSheet and plegar(m.name) not in HOJAS_SIN_APOYOS]
    candidatas = [m.name for m in hojas if m.visible == pc.SheetVisibleEnum.Visible]
    candidatas += [m.name for m in hojas if m.visible != pc.SheetVisibleEnum.Visible]
    if vistas is None:
        vistas = {}
    elegida = _elegir_entre(libro, candidatas, vistas) or _hoja_reservada(libro, vistas)
    if elegida is not None:
        return elegida
    unica = candidatas[0] if len(candidatas) == 1 else None
    if unica is None and len(candidatas) > 1:
        # No sheet has a header row: name the one whose rows plainly are apoyos, if just one.
        parecidas = hojas_con_datos(libro, None, conocidas=vistas)
        unica = parecidas[0].nombre if len(parecidas) == 1 else None
    raise inutilizable.sin_encabezado(FILAS_A_EXPLORAR, unica)


def _hoja_reservada(libro: pc.CalamineWorkbook, vistas: dict[str, Contenido]
                    ) -> tuple[str, pc.CalamineSheet, Encabezado] | None:
    """A worksheet with one of the names our files use («Resumen», «Aspirante»,
    «Instrucciones») that holds apoyos under a header row (`contenido_de_hoja`), for a workbook
    where no other sheet has a header row: a user's only sheet may be named «Resumen». The
    template's own sheets of those names hold no apoyos and are never read. Each sheet looked
    at and not chosen is recorded in `vistas`."""
    for m in libro.sheets_metadata:
        if m.typ != pc.SheetTypeEnum.WorkSheet or plegar(m.name) not in HOJAS_SIN_APOYOS:
            continue
        try:
            hoja = libro.get_sheet_by_name(m.name)
        except BaseException as exc:
            if isinstance(exc, pc.CalamineError) or _es_panico(exc):
                vistas[m.name] = None
                continue
            raise
        contenido = _contenido_cargada(hoja)
        if contenido is not None and contenido[0] and contenido[1]:
            enc = buscar_encabezado(_filas_absolutas(hoja))
            if enc is not None:
                return m.name, hoja, enc
        vistas[m.name] = contenido
    return None


def _hoja_probable(partes: dict[str, str]) -> str | None:
    """The sheet `_elegir_hoja` will most likely choose, from the workbook part's sheet names:
    `Apoyos`, else the first that is not one of our other sheets."""
    return _hoja_apoyos(partes) or next((n for n in partes
                                         if plegar(n) not in HOJAS_SIN_APOYOS),
                                        None)


class _EnParalelo:
    """``funcion(*args)`` run in a thread; `resultado` waits for it (and re-raises its error)."""

    def __init__(self, funcion: Any, *args: Any) -> None:
        self._resultado: Any = None
        self._error: BaseException | None = None
        self._hilo = threading.Thread(target=self._correr, args=(funcion, args), daemon=True,
                                      name="apoyo-inspeccion")
        self._hilo.start()

    def _correr(self, funcion: Any, args: tuple[Any, ...]) -> None:
        try:
            self._resultado = funcion(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by `resultado`
            self._error = exc

    def resultado(self) -> Any:
        self._hilo.join()
        if self._error is not None:
            raise self._error
        return self._resultado


def _aspirante(libro: pc.CalamineWorkbook) -> tuple[dict[str, str], str | None]:
    nombre = next((n for n in libro.sheet_names if plegar(n) == plegar(HOJA_ASPIRANTE)), None)
    if nombre is None:
        return {}, None
    hoja = libro.get_sheet_by_name(nombre)
    return leer_pares(celdas for _, celdas in _filas_absolutas(hoja))


def leer_libro(ruta: Path, det: Deteccion) -> Tabla:
    """Read a workbook `det` says calamine can open: the sheet `_elegir_hoja` chooses, with an
    ``otra-hoja-con-datos`` warning for each other worksheet (not Resumen, Aspirante,
    Instrucciones) that has a header row naming an identifier column and data rows below it, or
    rows that plainly are apoyos (`apoyo.read.libro.hojas_con_datos`).

    Raises:
        ArchivoInutilizable: encrypted, damaged, no worksheet, or no header row (an ``Apoyos``
            sheet without one while another sheet holds the data names that sheet).
    """
    hallazgos: list[Hallazgo] = []
    if det.macros:
        hallazgos.append(hallazgo("macros-ignoradas", None, None))
    partes: dict[str, str] = {}
    nombres_definidos: dict[str, str] = {}
    if det.formato in ("xlsx", "xlsm"):
        partes, nombres_definidos = ooxml.partes_xlsx(ruta)
    # The sheet XML scan (error cells, formulas, hidden rows) runs while python-calamine loads
    # the sheet, which releases the GIL: on a second core it costs no time (3.6 s of 13 s for
    # 1,048,575 rows). It starts on the likely sheet; if another one is chosen it runs again.
    probable = _hoja_probable(partes)
    inspeccion = (_EnParalelo(ooxml.inspeccionar_hoja, ruta, partes[probable])
                  if probable is not None else None)
    if det.formato == "ods":  # content.xml, the same way (apoyo.read.ods)
        inspeccion = _EnParalelo(ods.inspeccionar_probables, ruta)
    with _traduciendo(det.formato):
        libro = _abrir(ruta, det)
        # Rows in another sheet are not read: say so. Each other sheet is loaded and released
        # in turn; when the sheet read is known beforehand (Apoyos), before it is loaded, so
        # that two big sheets are never in memory together.
        apoyos = _hoja_apoyos(libro.sheet_names)
        otras = hojas_con_datos(libro, apoyos) if apoyos is not None else None
        vistas: dict[str, Contenido] = {}  # without Apoyos: the sheets already counted
        nombre, hoja, enc = _elegir_hoja(libro, otras, vistas)
        if otras is None:
            otras = hojas_con_datos(libro, nombre, conocidas=vistas)
        elif otras and not _hay_datos(hoja, enc):
            # Apoyos is the template left empty, the rows typed in another sheet: say where
            # they are rather than check nothing (``sin-registros``).
            raise inutilizable.datos_en_otra_hoja(
                nombre, "sin-filas",
                [(o.nombre, o.filas, o.con_encabezado, o.oculta) for o in otras],
                FILAS_A_EXPLORAR)
        oculta = any(m.name == nombre and m.visible != pc.SheetVisibleEnum.Visible
                     for m in libro.sheets_metadata)
        combinadas = list(hoja.merged_cell_ranges or ())
        aspirante, version = _aspirante(libro)
        hojas = list(libro.sheet_names)
        libro.close()
    version = version or version_de_nombre_definido(nombres_definidos)
    if version is not None and version != VERSION_PLANTILLA:
        hallazgos.append(
            hallazgo("plantilla-antigua", None, None, version, actual=VERSION_PLANTILLA)
        )
    if det.formato == "ods" and inspeccion is not None:
        detalles = ods.detalles_de(inspeccion.resultado(), ruta, nombre)
        combinadas = combinadas or detalles.combinadas  # calamine gives none for .ods
    elif inspeccion is not None and nombre == probable:
        detalles = inspeccion.resultado()
    else:
        detalles = (ooxml.inspeccionar_hoja(ruta, partes[nombre]) if nombre in partes
                    else ooxml.DetallesHoja())
    errores = detalles.errores
    hallazgos += enc.hallazgos
    hallazgos += avisos_de(otras, nombre)
    hallazgos += avisos_de_hoja(nombre, oculta, enc, detalles, combinadas)
    fuente = _Fuente(ruta, det, nombre, hoja)

    def filas() -> Iterator[FilaLeida]:
        return _datos(fuente.tomar(), enc, errores, det.formato)

    def otras_hojas() -> Iterator[HojaAparte]:
        return _hojas_aparte(ruta, det, otras)

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
        liberar=fuente.soltar,
        filas_previstas=max(0, hoja.end[0] + 1 - enc.fila) if hoja.end is not None else 0,
        otras_hojas=otras_hojas,
    )


def _hojas_aparte(ruta: Path, det: Deteccion, otras: list[OtraHoja]) -> Iterator[HojaAparte]:
    """Each sheet of `otras`; its cells are loaded only when iterated (a sheet the marked copy
    does not copy is never loaded), each sheet released before the next is loaded (the workbook
    is opened again); a sheet that cannot be read gives no rows.

    Raises:
        ArchivoInutilizable: the workbook can no longer be opened.
    """
    if not otras:
        return
    with _traduciendo(det.formato):
        libro = _abrir(ruta, det)
    try:
        for otra in otras:
            yield HojaAparte(otra.nombre, otra.oculta, otra.filas,
                             _filas_mientras_se_pueda(libro, otra.nombre))
    finally:
        libro.close()


def _filas_mientras_se_pueda(libro: pc.CalamineWorkbook, nombre: str) -> Iterator[list[Any]]:
    """The rows of sheet `nombre` from A1 (python-calamine's rows start at row 1 but at the
    first used column: the columns before it are added as ``""``), up to where python-calamine
    fails reading it, if it does."""
    try:
        hoja = libro.get_sheet_by_name(nombre)
        if hoja.start is None:
            return
        prefijo = [""] * hoja.start[1]
        for fila in hoja.iter_rows():
            yield prefijo + fila
    except pc.CalamineError:
        return
    except BaseException as exc:
        if not _es_panico(exc):
            raise
