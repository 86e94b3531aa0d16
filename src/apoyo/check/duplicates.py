"""Per-file (and per-aspirant) rule: the same person twice counts once.

INE counts a citizen once per aspirant (2017-2018 verification reports: 132k duplicates in one
presidential aspirant's 1.58M records). The first occurrence counts; later rows with the same
clave de elector, OCR or CIC are errors naming the first row (and its file, across files).
"""

from __future__ import annotations

from typing import Protocol

from apoyo.errors import hallazgo
from apoyo.record import Hallazgo

try:  # compiled with the fast path (apoyo.check.fast.avanzador): a dict in less time and memory
    from apoyo.check._rapido import Primeras as _NuevaTabla
except ImportError:  # pragma: no cover - no C compiler at install, or Pyodide
    _NuevaTabla = dict  # type: ignore[assignment,misc]

_CODIGOS = {"clave_elector": "duplicado-clave-elector", "ocr": "duplicado-ocr",
            "cic": "duplicado-cic"}
#: A first occurrence is stored as one int: ``fila * _ARCHIVOS + index of its file``.
_ARCHIVOS = 1 << 20


class Tabla(Protocol):
    """First occurrences of one identifier: value -> stored occurrence (an int >= 0). A dict,
    or its compiled equal `apoyo.check._rapido.Primeras` (the values packed in the table: about
    a third of the time and memory of a dict for a million claves)."""

    def setdefault(self, valor: str, codigo: int, /) -> int:
        """The occurrence stored for `valor`, storing `codigo` first if there is none."""

    def __getitem__(self, valor: str, /) -> int:
        """The occurrence stored for `valor` (KeyError if none)."""


class Vistos:
    """First occurrences of each clave de elector, OCR and CIC, across one or more files.

    Memory: one `Tabla` entry per distinct valid value (compiled: 48 bytes for a clave, OCR or
    CIC; with dicts, about 110 bytes with the value's text).
    """

    def __init__(self) -> None:
        self._primeras: dict[str, Tabla] = {c: _NuevaTabla() for c in _CODIGOS}
        self._archivos: list[str] = []
        self._indices: dict[str, int] = {}

    def marca(self, archivo: str) -> int:
        """The number identifying `archivo` in the stored occurrences (see `primera`)."""
        indice = self._indices.get(archivo)
        if indice is None:
            indice = self._indices[archivo] = len(self._archivos)
            self._archivos.append(archivo)
        return indice

    def tablas(self) -> tuple[Tabla, Tabla, Tabla]:
        """The clave de elector, OCR and CIC tables (value -> stored occurrence), for a caller
        that records clean rows itself: ``tabla.setdefault(valor, fila * ARCHIVOS + marca)``,
        then `hallazgo_de` for a value already seen."""
        p = self._primeras
        return p["clave_elector"], p["ocr"], p["cic"]

    def hallazgo_de(self, campo: str, archivo: str, fila: int, valor: str,
                    primera: int) -> Hallazgo:
        """The duplicate finding of `valor` in `fila`, first seen at stored occurrence `primera`."""
        fila_primera, indice = divmod(primera, _ARCHIVOS)
        archivo_primera = self._archivos[indice]
        en_archivo = "" if archivo_primera == archivo else f" del archivo «{archivo_primera}»"
        return hallazgo(_CODIGOS[campo], fila, campo, valor, primera=fila_primera,
                        en_archivo=en_archivo)

    def revisar(self, archivo: str, fila: int, textos: dict[str, str],
                validos: dict[str, bool]) -> list[Hallazgo]:
        """Record this row's valid identifiers; return a finding for each seen before.

        Args:
            archivo: the file the row belongs to (named in the message when it differs).
            fila: the row number.
            textos, validos: as returned by `apoyo.check.field.revisar_campos`.
        """
        out: list[Hallazgo] = []
        codigo = fila * _ARCHIVOS + self.marca(archivo)
        for campo in _CODIGOS:
            if not validos[campo]:
                continue
            primera = self._primeras[campo].setdefault(textos[campo], codigo)
            if primera != codigo:
                out.append(self.hallazgo_de(campo, archivo, fila, textos[campo], primera))
        return out


ARCHIVOS = _ARCHIVOS
