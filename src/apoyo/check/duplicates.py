"""Per-file (and per-aspirant) rule: the same person twice counts once.

INE counts a citizen once per aspirant (2017-2018 verification reports: 132k duplicates in one
presidential aspirant's 1.58M records). The first occurrence counts; later rows with the same
clave de elector, OCR or CIC are errors naming the first row (and its file, across files).
"""

from __future__ import annotations

from apoyo.errors import hallazgo
from apoyo.record import Hallazgo

_CODIGOS = {"clave_elector": "duplicado-clave-elector", "ocr": "duplicado-ocr",
            "cic": "duplicado-cic"}


class Vistos:
    """First occurrences of each clave de elector, OCR and CIC, across one or more files.

    Memory: one dict entry per distinct valid value (about 3 x 100 bytes per row).
    """

    def __init__(self) -> None:
        self._primeras: dict[str, dict[str, tuple[str, int]]] = {c: {} for c in _CODIGOS}

    def revisar(self, archivo: str, fila: int, textos: dict[str, str],
                validos: dict[str, bool]) -> list[Hallazgo]:
        """Record this row's valid identifiers; return a finding for each seen before.

        Args:
            archivo: the file the row belongs to (named in the message when it differs).
            fila: the row number.
            textos, validos: as returned by `apoyo.check.field.revisar_campos`.
        """
        out: list[Hallazgo] = []
        for campo, codigo in _CODIGOS.items():
            if not validos[campo]:
                continue
            primera = self._primeras[campo].setdefault(textos[campo], (archivo, fila))
            if primera != (archivo, fila):
                en_archivo = "" if primera[0] == archivo else f" del archivo «{primera[0]}»"
                out.append(hallazgo(codigo, fila, campo, textos[campo], primera=primera[1],
                                    en_archivo=en_archivo))
        return out
