"""The JSON report of a check: `<stem>.reporte.json`, one object per file.

Shape: ``{"aviso", "archivo", "fecha_revision", "fecha_corte", "filas", "filas_validas",
"errores", "avisos", "metadatos", "hallazgos": [{"fila", "campo", "codigo", "severidad",
"valor", "mensaje", "remedio"}]}``. `campo` is a canonical field name or null (file-level),
`severidad` is "error" or "aviso". The report holds personal data (the `valor` of findings):
its first key says so.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from apoyo import __version__
from apoyo.atomic import escritura_atomica
from apoyo.check.revision import Revision

AVISO_DATOS = (
    "Este reporte contiene datos personales (claves de elector, OCR, CIC y nombres). "
    "Trátelo conforme a la Ley General de Protección de Datos Personales en Posesión de "
    "Sujetos Obligados y no lo comparta fuera del proceso de verificación."
)


def reporte(revision: Revision) -> dict[str, Any]:
    """The report as a JSON-ready dict (see the module docstring for its shape)."""
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


def escribir_reporte(revision: Revision, destino: Path) -> Path:
    """Write the report to `destino` atomically (UTF-8, indented). Raises `OSError`."""
    with escritura_atomica(destino) as tmp:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(reporte(revision), fh, ensure_ascii=False, indent=1, default=str)
            fh.write("\n")
    return destino
