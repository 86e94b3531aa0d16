"""Fixtures of the hostile-file corpus: the command-line runner and LibreOffice conversions."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from ayudas_hostiles import Corredor


@pytest.fixture
def apoyo(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
          tmp_path: Path) -> Corredor:
    """``apoyo("validar", ruta, ...)`` runs the command line on files under `tmp_path` and
    checks the invariants (no traceback, input unchanged, no temporary file, nothing written
    for an unusable file)."""
    return Corredor(capsys, monkeypatch, tmp_path)


@pytest.fixture(scope="session")
def convertir(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path, str], Path]:
    """Convert a workbook with LibreOffice (``soffice --headless --convert-to``); skip if absent."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) no está instalado: no se pueden crear .ods/.xls")
    perfil = tmp_path_factory.mktemp("lo_perfil_hostil")

    def hacer(origen: Path, formato: str) -> Path:
        salida = origen.parent / "convertidos"
        salida.mkdir(exist_ok=True)
        subprocess.run(
            [soffice, f"-env:UserInstallation={perfil.as_uri()}", "--headless",
             "--convert-to", formato, "--outdir", str(salida), str(origen)],
            check=True, capture_output=True, timeout=180,
        )
        destino = salida / f"{origen.stem}.{formato}"
        if not destino.exists():
            pytest.skip(f"LibreOffice no produjo {destino.name}")
        final = origen.parent / destino.name
        destino.rename(final)
        salida.rmdir()
        return final

    return hacer
