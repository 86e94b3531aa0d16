"""The handed cases (/work/shared/cases), row level, read WITHOUT the project's readers.

xlsx: python-calamine's first sheet; csv: cp1252 and ';'. Headers are mapped with
`apoyo.schema.campo_de_encabezado`, rows are numbered as the spreadsheet shows them (header = 1).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from python_calamine import CalamineWorkbook

from apoyo.check import revisar
from apoyo.schema import CAMPOS, campo_de_encabezado

from compartido import requerir_compartido

requerir_compartido()

from ._nucleo import CASOS, CTX

ESPERADOS = sorted(CASOS.glob("*.expected.json"))


def _filas_crudas(ruta):
    if ruta.suffix == ".csv":
        texto = ruta.read_bytes().decode("cp1252")
        return list(csv.reader(io.StringIO(texto, newline=""), delimiter=";"))
    return CalamineWorkbook.from_path(str(ruta)).get_sheet_by_index(0).to_python()


def _filas(ruta):
    crudas = _filas_crudas(ruta)
    encabezado = [campo_de_encabezado(c) for c in crudas[0]]
    assert sorted(c for c in encabezado if c) == sorted(CAMPOS), encabezado
    indice = [encabezado.index(c) for c in CAMPOS]
    return [(numero, [r[i] if i < len(r) else None for i in indice])
            for numero, r in enumerate(crudas[1:], start=2)]


def test_hay_seis_casos():
    assert len(ESPERADOS) == 6


@pytest.mark.parametrize("esperado", ESPERADOS, ids=[p.name.split(".")[0] for p in ESPERADOS])
def test_caso(esperado):
    caso = json.loads(esperado.read_text())
    assert caso["args"] == []  # no scope or catalogue arguments in these cases
    revision = revisar(_filas(esperado.parent / caso["archivo"]), CTX, caso["archivo"])
    assert revision.filas == caso["filas"]
    errores = {(h.fila, h.campo) for h in revision.hallazgos if h.severidad == "error"}
    for fila, campo in caso["errores"]:
        assert (fila, campo) in errores, (fila, campo, sorted(errores))
    filas_con_error = {fila for fila, _ in errores}
    for fila in caso["limpias"]:
        assert fila not in filas_con_error, [h for h in revision.hallazgos if h.fila == fila]
    # every error is on a row the case lists as faulty
    assert filas_con_error == {fila for fila, _ in caso["errores"]}
    assert revision.filas_validas == revision.filas - len(filas_con_error)
