"""The export written in the same pass as the check (`apoyo.pipeline.exportar_tabla`, clean rows
gathered as read and written in bulk) gives the same files as checking first and exporting the
checked rows (`apoyo.export.exportar`)."""

from __future__ import annotations

import csv
import gc
import sys
from pathlib import Path

import openpyxl
import pytest

from apoyo.check import Contexto, revisar_filas
from apoyo.check.fast import comprobador
from apoyo.example import generar
from apoyo.export import exportar
from apoyo.pipeline import exportar_tabla, pasada_rapida
from apoyo.read import leer
from apoyo.schema import CAMPOS, ETIQUETAS

from core._nucleo import BASE, CORTE, fila

CTX = Contexto(fecha_corte=CORTE)
ASPIRANTE = "María López Hernández"
# A clean row with one surname only: its apellido materno is an empty cell (None as read).
UN_APELLIDO = fila(apellido_materno="", clave_elector="VZXXSF92021707M101")


def _celdas(ruta: Path) -> list[list[object]]:
    return [[c.value for c in f] for f in openpyxl.load_workbook(ruta).active.iter_rows()]


def _entrega(tmp_path: Path) -> Path:
    filas = [list(f) for f in generar(3_000, semilla=7, fecha_corte=CORTE, cada=40)]
    for n in (0, 1_500, 2_999):  # first, middle and last rows
        # distinct clave, OCR and CIC: not duplicates
        filas[n] = [*UN_APELLIDO[:5], f"VZXXSF92021707M{n % 1000:03d}", f"1726{n:09d}",
                    f"{700_000_000 + n:09d}"]
    filas[10] = [*BASE[:2], "sofia", *BASE[3:]]  # a warning only (lowercase): still exported
    ruta = tmp_path / "entrega.csv"
    with ruta.open("w", encoding="utf-8", newline="") as f:
        escritor = csv.writer(f)
        escritor.writerow([ETIQUETAS[c] for c in CAMPOS])
        escritor.writerows(filas)
    return ruta


@pytest.mark.parametrize("formato", ["xlsx", "txt"])
def test_una_pasada_igual_que_revisar_y_exportar(tmp_path: Path, formato: str) -> None:
    entrega = _entrega(tmp_path)
    tabla = leer(entrega)
    # The one-surname row is clean for the fast path, with an empty value: it is written from
    # the rows as read, where that cell is None.
    [primera] = [f for f in tabla.filas() if f.fila == 2]
    assert primera.celdas[4] is None
    assert comprobador(CTX)(tabla.tomador()(primera.celdas)) is not None

    (tmp_path / "una").mkdir()
    (tmp_path / "dos").mkdir()
    una = exportar_tabla(tabla, CTX, ASPIRANTE, tmp_path / "una", formato)
    dos = exportar(revisar_filas(leer(entrega).valores(), CTX), ASPIRANTE, tmp_path / "dos",
                   formato)

    assert (una.validas, una.rechazadas) == (dos.validas, dos.rechazadas)
    assert una.rechazadas > 40 and una.validas > 2_900
    assert una.ruta.name == dos.ruta.name == f"MARIA_LOPEZ_HERNANDEZ.{formato}"
    if formato == "txt":
        assert una.ruta.read_bytes() == dos.ruta.read_bytes()
    else:
        datos = _celdas(una.ruta)
        assert datos == _celdas(dos.ruta)
        # The one-surname rows: an empty text cell where the apellido materno goes.
        assert datos[1] == [*UN_APELLIDO[:4], "", "VZXXSF92021707M000", "1726000000000",
                            "700000000"]
        assert [f[4:] for f in datos if f[7] in ("700001500", "700002999")] == [
            ["", "VZXXSF92021707M500", "1726000001500", "700001500"],
            ["", "VZXXSF92021707M999", "1726000002999", "700002999"]]
    assert _celdas(una.ruta_rechazados) == _celdas(dos.ruta_rechazados)


def test_pasada_rapida_lo_restablece() -> None:
    intervalo = sys.getswitchinterval()
    assert gc.isenabled()
    with pasada_rapida():
        assert not gc.isenabled()
        assert sys.getswitchinterval() == pytest.approx(0.0005)
    assert gc.isenabled()
    assert sys.getswitchinterval() == intervalo
    with pytest.raises(KeyError), pasada_rapida():
        raise KeyError("x")
    assert gc.isenabled()
    assert sys.getswitchinterval() == intervalo
    gc.disable()
    try:
        with pasada_rapida():
            pass
        assert not gc.isenabled()  # was off before: stays off
    finally:
        gc.enable()
