"""The core does no I/O of its own and imports no adapter: the identifiers, normalisation,
record model, rules, error catalogue and section catalogue load without openpyxl, XlsxWriter,
python-calamine, xlwings, or the read/mark/export/excel packages (`catalog.py` once reached into
`apoyo.read.deteccion`; the file signatures now live in the I/O-free `apoyo.firmas`)."""

from __future__ import annotations

import json
import subprocess
import sys

NUCLEO = ["apoyo.identifiers", "apoyo.identifiers.clave_elector", "apoyo.identifiers.ocr",
          "apoyo.identifiers.cic", "apoyo.identifiers.seccion", "apoyo.identifiers.clave_estado",
          "apoyo.normalize", "apoyo.record", "apoyo.errors", "apoyo.schema", "apoyo.catalog",
          "apoyo.firmas", "apoyo.check", "apoyo.check.fast", "apoyo.check.field",
          "apoyo.check.cross", "apoyo.check.duplicates", "apoyo.summary"]
ADAPTADORES = ("openpyxl", "xlsxwriter", "python_calamine", "xlwings", "apoyo.read",
               "apoyo.mark", "apoyo.export", "apoyo.excel", "apoyo.cli")


def test_el_nucleo_no_importa_adaptadores() -> None:
    codigo = (f"import importlib, json, sys\nfor m in {NUCLEO!r}: importlib.import_module(m)\n"
              "print(json.dumps(sorted(sys.modules)))")
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                            check=True).stdout
    cargados = json.loads(salida)
    assert set(NUCLEO) <= set(cargados)
    assert [m for m in cargados if m.startswith(ADAPTADORES)] == []
