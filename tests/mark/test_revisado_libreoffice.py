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
from ayudas_marcado import ENCABEZADOS, FILA_LIMPIA, revision, tabla

from apoyo.errors import hallazgo
from apoyo.mark import escribir_revisado
from apoyo.schema import COLUMNA_RESULTADO

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) no está en PATH")

TIEMPO_LIMITE = 180


def _convertir(origen: Path, formato: str, salida: Path, perfil: Path) -> Path:
    salida.mkdir(parents=True, exist_ok=True)
    proceso = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={perfil.as_uri()}", "--headless", "--convert-to",
         formato, "--outdir", str(salida), str(origen)],
        capture_output=True, text=True, timeout=TIEMPO_LIMITE, check=False,
    )
    producido = salida / f"{origen.stem}.{formato.split(':')[0]}"
    assert proceso.returncode == 0 and producido.exists(), proceso.stderr
    return producido


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
