"""Payloads for xlwings' remote engine, and a small model of Excel that applies its actions.

The remote engine (``xlwings/pro/_xlremote.py``) is licensed PolyForm Noncommercial or PRO; it
accepts ``XLWINGS_LICENSE_KEY=noncommercial`` offline, which must be set before xlwings is
imported. The desktop COM path itself is BSD and needs no key.

Payload schema (as the clients send it and ``_xlremote.Book`` reads it)::

    {"client": "VBA" | "Office.js", "version": <xlwings version; must match for "VBA">,
     "book": {"name", "active_sheet_index", "selection"},
     "names": [{"name", "sheet_index", "address", "book_scope", "scope_sheet_index", ...}],
     "sheets": [{"name", "values": 2-D list from A1 to the end of the used range,
                 "pictures": [], "tables": [],
                 Office.js only: "notes": [{"address"}], "notes_supported": bool, ...}]}

Each action of ``book.json()["actions"]`` is ``{"func", "args", "values", "sheet_position",
"start_row", "start_column", "row_count", "column_count"}`` (0-based positions).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import pytest
import xlwings as xw

if "remote" not in [e.name for e in xw.engines]:  # xlwings was imported before the key was set
    from xlwings.main import Engine
    from xlwings.pro import _xlremote

    xw.engines.add(Engine(impl=_xlremote.engine))

from apoyo.example import generar
from apoyo.schema import CAMPOS, COLUMNA_MARCAS, COLUMNA_RESULTADO, ETIQUETAS, VERSION_PLANTILLA

#: Cut-off date of the example rows: today, as the entry points use (ages are adult whatever
#: the day the tests run).
CORTE = date.today()
ENCABEZADO = [ETIQUETAS[c] for c in CAMPOS]
ASPIRANTE = [
    ["Nombre del aspirante", "María López Hernández"],
    ["Cargo", "Gubernatura"],
    ["Entidad", "07"],
    ["Distrito", ""],
    ["Municipio", ""],
]


def hoja(nombre: str, valores: Sequence[Sequence[Any]], **extra: Any) -> dict[str, Any]:
    """One sheet of a payload; rows are padded to a rectangle (empty cells as "")."""
    ancho = max((len(f) for f in valores), default=0)
    filas = [["" if v is None else v for v in f] + [""] * (ancho - len(f)) for f in valores]
    return {"name": nombre, "values": filas or [[]], "pictures": [], "tables": [], **extra}


def carga(hojas: Sequence[dict[str, Any]], *, cliente: str = "VBA", activa: int = 0,
          nombre: str = "entrega.xlsx", nombres: Sequence[dict[str, Any]] = (),
          notas_soportadas: bool = True) -> dict[str, Any]:
    """A whole payload. For Office.js every sheet gets ``notes`` and ``notes_supported``."""
    hojas = copy.deepcopy(list(hojas))
    if cliente == "Office.js":
        for h in hojas:
            h.setdefault("notes", [])
            h.setdefault("notes_supported", notas_soportadas)
    return {
        "client": cliente,
        "version": xw.__version__,
        "book": {"name": nombre, "active_sheet_index": activa, "selection": "A1"},
        "names": list(nombres),
        "sheets": hojas,
    }


def filas_ejemplo(n: int, semilla: int = 7) -> list[tuple[str, ...]]:
    """`apoyo.example.generar` rows (eight strings, planted faults), cut-off `CORTE`."""
    return generar(n, semilla, fecha_corte=CORTE)


#: The defined name the template gives its version cell (Aspirante!B8), as clients send it.
NOMBRE_VERSION = {"name": "VERSION_PLANTILLA", "sheet_index": 1, "address": "$B$8",
                  "book_scope": True, "scope_sheet_index": None, "scope_sheet_name": None}


def entrega(n: int = 300, *, semilla: int = 7, orden: Sequence[int] | None = None,
            resultado: bool = True, filas: Sequence[Sequence[Any]] | None = None,
            plantilla: str | None = None, marcas: bool | None = None,
            **kw: Any) -> dict[str, Any]:
    """An example submission: sheet Apoyos (header + rows, columns permuted by `orden`,
    with a ``Resultado`` header like the template when `resultado`) and sheet Aspirante.

    `plantilla`: make it a workbook of the capture template of that version ("2" is
    `VERSION_PLANTILLA`): Aspirante gets rows 6-8 with the version in B8, the book the defined
    name ``VERSION_PLANTILLA`` pointing there, and (unless `marcas` is False) the header the
    hidden flags column after Resultado, as the template of version 2 has it."""
    datos = [list(f) for f in (filas if filas is not None else filas_ejemplo(n, semilla))]
    orden = list(orden) if orden is not None else list(range(len(CAMPOS)))
    encabezado = [ENCABEZADO[i] for i in orden] + ([COLUMNA_RESULTADO] if resultado else [])
    aspirante = ASPIRANTE
    if plantilla is not None:
        if marcas is None or marcas:
            encabezado.append(COLUMNA_MARCAS)
        aspirante = [*ASPIRANTE, ["Responsable de la captura", ""], ["Fecha de entrega", ""],
                     ["Versión de la plantilla", plantilla]]
        kw["nombres"] = [*kw.get("nombres", ()), NOMBRE_VERSION]
    valores = [encabezado] + [[f[i] for i in orden] for f in datos]
    hoja_datos = kw.pop("hoja_datos", "Apoyos")
    return carga([hoja(hoja_datos, valores), hoja("Aspirante", aspirante)], **kw)


@pytest.fixture
def abrir() -> Iterator[Any]:
    """``abrir(payload)`` -> ``xw.Book(json=payload)`` set as the mock caller (undone after)."""

    def _abrir(payload: dict[str, Any]) -> Any:
        book = xw.Book(json=copy.deepcopy(payload))
        book.set_mock_caller()
        return book

    yield _abrir
    if hasattr(xw.Book, "_mock_caller"):
        del xw.Book._mock_caller


def _a1(fila: int, col: int) -> str:
    letras = ""
    n = col
    while n:
        n, r = divmod(n - 1, 26)
        letras = chr(65 + r) + letras
    return f"{letras}{fila}"


def _celda(direccion: str) -> tuple[int, int]:
    from apoyo.excel.libro import celda_a1

    return celda_a1(direccion)


class Excel:
    """A model of what Excel shows after applying the actions: values, fills, notes, sheets.

    Fills cannot be read back by the remote engine, so they are kept here, next to the
    values; `carga` rebuilds the payload a client would send on the next click (values of the
    used range, which, as in Excel, includes filled cells).
    """

    #: Actions this model understands; any other one fails the test (so new ones are seen).
    CONOCIDAS = frozenset({"setValues", "setRangeColor", "addSheet", "sheetClear", "sheetDelete",
                 "activateSheet", "alert", "addNote", "deleteNote", "setAutofit"})

    def __init__(self, payload: dict[str, Any]) -> None:
        self.cliente = payload["client"]
        self.nombre = payload["book"]["name"]
        self.nombres = copy.deepcopy(payload.get("names", []))
        self.activa = payload["book"]["active_sheet_index"]
        self.notas_soportadas = all(s.get("notes_supported", True) for s in payload["sheets"])
        self.hojas: list[dict[str, Any]] = []
        for s in payload["sheets"]:
            valores = {}
            for i, fila in enumerate(s["values"]):
                for j, v in enumerate(fila):
                    if v not in ("", None):
                        valores[(i + 1, j + 1)] = v
            notas = {_celda(n["address"]): n.get("text", "") for n in s.get("notes", [])}
            self.hojas.append({"name": s["name"], "valores": valores, "colores": {},
                               "notas": notas})
        self.alertas: list[list[Any]] = []

    def hoja(self, nombre: str) -> dict[str, Any]:
        return next(h for h in self.hojas if h["name"] == nombre)

    def aplicar(self, acciones: Sequence[dict[str, Any]]) -> Excel:
        for a in acciones:
            func = a["func"]
            assert func in self.CONOCIDAS, f"acción no modelada: {func}"
            h = self.hojas[a["sheet_position"]] if a["sheet_position"] is not None else None
            if func == "setValues":
                for i, fila in enumerate(a["values"]):
                    for j, v in enumerate(fila):
                        celda = (a["start_row"] + i + 1, a["start_column"] + j + 1)
                        if v in ("", None):
                            h["valores"].pop(celda, None)
                        else:
                            h["valores"][celda] = v
            elif func == "setRangeColor":
                color = a["args"][0]
                for i in range(a["row_count"]):
                    for j in range(a["column_count"]):
                        celda = (a["start_row"] + i + 1, a["start_column"] + j + 1)
                        # White is how the VBA client is told "no fill": same look here.
                        if color in (None, "#FFFFFF"):
                            h["colores"].pop(celda, None)
                        else:
                            h["colores"][celda] = color
            elif func == "addSheet":
                ix, nombre = a["args"]
                self.hojas.insert(ix, {"name": nombre, "valores": {}, "colores": {},
                                       "notas": {}})
            elif func == "sheetClear":
                h["valores"].clear()
                h["colores"].clear()
            elif func == "sheetDelete":
                self.hojas.remove(h)
            elif func == "activateSheet":
                self.activa = a["args"][0]
            elif func == "alert":
                self.alertas.append(a["args"])
            elif func == "addNote":
                celda = _celda(a["args"][0])
                assert celda not in h["notas"], "Excel refuses a second note on a cell"
                h["notas"][celda] = a["args"][1]
            elif func == "deleteNote":
                h["notas"].pop(_celda(a["args"][0]))
        return self

    def carga(self) -> dict[str, Any]:
        hojas = []
        for h in self.hojas:
            celdas = set(h["valores"]) | set(h["colores"])
            filas = max((f for f, _ in celdas), default=0)
            cols = max((c for _, c in celdas), default=0)
            valores = [[h["valores"].get((f, c), "") for c in range(1, cols + 1)]
                       for f in range(1, filas + 1)]
            extra = {}
            if self.cliente == "Office.js":
                extra = {"notes": [{"address": _a1(*c)} for c in sorted(h["notas"])],
                         "notes_supported": self.notas_soportadas}
            hojas.append(hoja(h["name"], valores, **extra))
        return carga(hojas, cliente=self.cliente, activa=self.activa, nombre=self.nombre,
                     nombres=self.nombres, notas_soportadas=self.notas_soportadas)

    def estado(self) -> dict[str, Any]:
        """Everything visible, for comparing two runs (alerts excluded)."""
        return {h["name"]: (dict(h["valores"]), dict(h["colores"]), dict(h["notas"]))
                for h in self.hojas}


def acciones(book: Any) -> list[dict[str, Any]]:
    """The actions a remote book has queued."""
    return book.json()["actions"]


class Ayudas:
    """The helpers above, handed to tests as the `xl` fixture (test modules do not import
    conftest: several test folders have one)."""

    CORTE = CORTE
    ENCABEZADO = ENCABEZADO
    ASPIRANTE = ASPIRANTE
    VERSION_PLANTILLA = VERSION_PLANTILLA
    hoja = staticmethod(hoja)
    carga = staticmethod(carga)
    entrega = staticmethod(entrega)
    filas_ejemplo = staticmethod(filas_ejemplo)
    acciones = staticmethod(acciones)
    Excel = Excel


@pytest.fixture
def xl() -> type[Ayudas]:
    """Payload builders and the Excel model (see `Ayudas`)."""
    return Ayudas
