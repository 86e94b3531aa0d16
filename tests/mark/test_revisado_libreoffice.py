"""The marked copy in LibreOffice: it opens, prints to PDF, and shows the values as written.

Skipped when `soffice` is not on PATH. Each run uses a fresh LibreOffice profile and a timeout.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from con_libreoffice import SIN_LIBREOFFICE, SOFFICE
from con_libreoffice import convertir as _convertir
from .ayudas_marcado import ENCABEZADOS, FILA_LIMPIA, revision, tabla

from apoyo.errors import hallazgo
from apoyo.mark import escribir_revisado
from apoyo.schema import COLUMNA_RESULTADO

pytestmark = pytest.mark.skipif(SOFFICE is None, reason=SIN_LIBREOFFICE)



@pytest.fixture
def marcado(tmp_path: Path) -> Path:
    filas = [(2, FILA_LIMPIA), (3, ("7", "12", "ana & <b>", " X ", "=1+1", "", "123", "a\x01b"))]
    hallazgos = [
        hallazgo("clave-estado-invalida", 3, "clave_estado", "7"),
        hallazgo("mayusculas-corregidas", 3, "nombre", "ana", despues="ANA"),
        hallazgo("sin-ocr-ni-cic", 3, None),
    ]
    return escribir_revisado(tabla(filas), revision(hallazgos, 2), tmp_path)


def test_imprime_a_pdf(marcado: Path, tmp_path: Path) -> None:
    pdf = _convertir(marcado, "pdf", tmp_path / "pdf", tmp_path / "perfil")
    assert pdf.read_bytes().startswith(b"%PDF")
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:  # one page for Apoyos, one for Resumen
        info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True)
        assert re.search(r"^Pages:\s+2$", info.stdout, re.MULTILINE), info.stdout


def test_libreoffice_lee_los_valores(marcado: Path, tmp_path: Path) -> None:
    texto = _convertir(marcado, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "csv",
                       tmp_path / "perfil")
    with texto.open(encoding="utf-8", newline="") as f:
        filas = list(csv.reader(f))
    assert filas[0] == [*ENCABEZADOS, COLUMNA_RESULTADO]
    assert filas[1] == [*FILA_LIMPIA, "OK"]
    assert filas[2] == ["7", "12", "ana & <b>", " X ", "=1+1", "", "123", "a\x01b",
                        "clave-estado-invalida, sin-ocr-ni-cic, mayusculas-corregidas"]
