"""Streaming: rows are produced one at a time, and a full sheet is read in reasonable time."""

from __future__ import annotations

import csv
from collections import deque
import time
import tracemalloc
from pathlib import Path

import pytest
import xlsxwriter
from .ayudas_lectura import ENCABEZADOS

from apoyo.read import leer

FILAS_EXCEL = 1_048_575  # data rows below the header in a full sheet


def _fila(i: int) -> list[str]:
    return ["07", str(1000 + i % 900), "MARÍA", "PEÑA", "LOPEZ", f"PRLPMR{i % 999999:06d}07M101",
            f"{i:013d}", f"{i:09d}"]


def _csv(ruta: Path, filas: int) -> Path:
    with ruta.open("w", newline="", encoding="cp1252") as f:
        escritor = csv.writer(f, delimiter=";")
        escritor.writerow(ENCABEZADOS)
        escritor.writerows(_fila(i) for i in range(1, filas + 1))
    return ruta


def _xlsx(ruta: Path, filas: int) -> Path:
    libro = xlsxwriter.Workbook(str(ruta), {"constant_memory": True})
    hoja = libro.add_worksheet("Apoyos")
    hoja.write_row(0, 0, ENCABEZADOS)
    for i in range(1, filas + 1):
        hoja.write_row(i, 0, _fila(i))
    libro.close()
    return ruta


def _pico_al_recorrer(ruta: Path) -> tuple[int, int]:
    tabla = leer(ruta)
    tracemalloc.start()
    try:
        n = sum(1 for _ in tabla.filas())
        return n, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_csv_no_acumula_filas(tmp_path: Path) -> None:
    n, pico = _pico_al_recorrer(_csv(tmp_path / "grande.csv", 50_000))
    assert n == 50_000
    assert pico < 2 * 1024**2  # a list of 50,000 rows would take well over 10 MB


def test_xlsx_no_acumula_filas_en_python(tmp_path: Path) -> None:
    n, pico = _pico_al_recorrer(_xlsx(tmp_path / "grande.xlsx", 20_000))
    assert n == 20_000
    assert pico < 2 * 1024**2


@pytest.mark.slow
def test_csv_de_un_millon_de_filas(tmp_path: Path) -> None:
    ruta = _csv(tmp_path / "millon.csv", FILAS_EXCEL)
    inicio = time.perf_counter()
    tabla = leer(ruta)
    ultima = deque(tabla.filas(), maxlen=1)[0]
    assert ultima.fila == FILAS_EXCEL + 1
    assert time.perf_counter() - inicio < 60


@pytest.mark.slow
def test_hoja_completa_xlsx(tmp_path: Path) -> None:
    ruta = _xlsx(tmp_path / "completa.xlsx", FILAS_EXCEL)  # about 2 minutes to write
    inicio = time.perf_counter()
    tabla = leer(ruta)
    ultima = deque(tabla.filas(), maxlen=1)[0]
    assert ultima.fila == 1_048_576
    assert time.perf_counter() - inicio < 120
