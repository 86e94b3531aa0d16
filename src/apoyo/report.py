"""The JSON report of a check: `<stem>.reporte.json`, one object per file.

Shape: ``{"aviso", "archivo", "fecha_revision", "fecha_corte", "filas", "filas_validas",
"errores", "avisos", "metadatos", "hallazgos": [{"fila", "campo", "codigo", "severidad",
"valor", "mensaje", "remedio"}]}``. `campo` is a canonical field name or null (file-level),
`severidad` is "error" or "aviso". The report holds personal data (the `valor` of findings):
its first key says so.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import IO, Any

from apoyo import __version__
from apoyo.atomic import escritura_atomica
from apoyo.check.revision import Revision
from apoyo.record import Hallazgo

AVISO_DATOS = (
    "Este reporte contiene datos personales (claves de elector, OCR, CIC y nombres). "
    "Trátelo conforme a la Ley General de Protección de Datos Personales en Posesión de "
    "Sujetos Obligados y no lo comparta fuera del proceso de verificación."
)


def reporte(revision: Revision) -> dict[str, Any]:
    """The report as a JSON-ready dict (see the module docstring for its shape), with the
    findings `revision` holds (all of them when `Revision.completa`)."""
    return {
        "aviso": AVISO_DATOS,
        "generado_por": f"apoyo-ciudadano {__version__}",
        "archivo": revision.archivo,
        "fecha_revision": datetime.now().isoformat(timespec="seconds"),
        "fecha_corte": revision.fecha_corte.isoformat() if revision.fecha_corte else None,
        "filas": revision.filas,
        "filas_validas": revision.filas_validas,
        "errores": revision.errores,
        "avisos": revision.avisos,
        "metadatos": revision.metadatos,
        "hallazgos": [h.model_dump() for h in revision.hallazgos],
    }


#: A finding as compact JSON bytes (UTF-8, not ``\\u`` escapes): pydantic's serializer, as
#: ``model_dump_json`` calls it.
_A_JSON = Hallazgo.__pydantic_serializer__.to_json


def _lineas(hallazgos: Iterable[Hallazgo]) -> bytes:
    """Each finding as ``",\n  {...}"`` in UTF-8: compact JSON from pydantic's serializer
    (about 1 µs a finding)."""
    return b"".join(map(b",\n  %s".__mod__, map(_A_JSON, hallazgos)))


#: Rows whose findings `HallazgosEnDisco` writes at a time.
_POR_ESCRITURA = 1024


class HallazgosEnDisco:
    """The row findings of a check as the JSON lines of its report, written to an anonymous
    temporary file while the rows are checked (`apoyo.check.revisar`'s ``sumidero``): the
    report lists every finding however many there are, while memory holds only what
    `Revision` keeps. Use as a context manager; the file goes away when the block ends.

    Args:
        carpeta: folder of the temporary file (the outputs' one: a file with millions of
            findings needs room where the report goes). Raises `OSError`.
    """

    def __init__(self, carpeta: Path) -> None:
        self._archivo: IO[bytes] = tempfile.TemporaryFile(
            "w+b", dir=carpeta, prefix=".apoyo-hallazgos-")
        # Rows' findings wait here and are written `_POR_ESCRITURA` at a time (a write per
        # row cost more than serialising its findings).
        self._pendientes: list[Sequence[Hallazgo]] = []

    def __call__(self, hallazgos: Sequence[Hallazgo]) -> None:
        self._pendientes.append(hallazgos)
        if len(self._pendientes) >= _POR_ESCRITURA:
            self._escribir()

    def _escribir(self) -> None:
        self._archivo.write(_lineas(chain.from_iterable(self._pendientes)))
        self._pendientes.clear()

    def copiar_a(self, destino: IO[bytes], primeras: bool) -> bool:
        """Write the lines to `destino`; `primeras`: they are the list's first lines (the
        first goes without its leading comma). False if there is none."""
        if self._pendientes:
            self._escribir()
        self._archivo.seek(0)
        coma = self._archivo.read(1)
        if not coma:
            return False
        if not primeras:
            destino.write(coma)
        shutil.copyfileobj(self._archivo, destino, 1 << 20)
        return True

    def __enter__(self) -> HallazgosEnDisco:  # noqa: PYI034 - Python 3.10 has no typing.Self
        return self

    def __exit__(self, *_: object) -> None:
        self._archivo.close()


def escribir_reporte(revision: Revision, destino: Path,
                     de_filas: HallazgosEnDisco | None = None) -> Path:
    """Write the report to `destino` atomically (UTF-8): the file's facts indented, then one
    finding per line (compact JSON), the reader's ones first.

    Args:
        revision: the check; its findings are listed unless `de_filas` is given.
        destino: the report's path.
        de_filas: every row finding of the check, written while the rows were checked; the
            report then takes from `revision` only the findings that did not come from the
            rows (`Revision.no_anotados`: the reader's) and the row findings from here.

    Raises:
        ValueError: `revision` does not hold every finding (`Revision.completa`) and
            `de_filas` is not given.
        OSError: the report cannot be written (an earlier file stays intact).
    """
    if de_filas is None and not revision.completa:
        raise ValueError("el reporte necesita todos los hallazgos (de_filas)")
    datos = reporte(revision)
    datos.pop("hallazgos")
    propios = revision.no_anotados()
    cabeza = json.dumps(datos, ensure_ascii=False, indent=1, default=str)
    with escritura_atomica(destino) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(cabeza[:-2].encode())  # without the closing "\n}"
            fh.write(b',\n "hallazgos": [')
            lineas = _lineas(propios if de_filas is not None else revision.hallazgos)
            fh.write(lineas[1:])
            hay = bool(lineas)
            if de_filas is not None:
                hay = de_filas.copiar_a(fh, primeras=not hay) or hay
            fh.write(b"\n ]\n}\n" if hay else b"]\n}\n")
    return destino
