"""Fixtures for the reader tests: the handed cases and small file writers."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from ayudas_lectura import CASOS, Hojas, escribir_libro


@pytest.fixture
def casos() -> Path:
    """Folder with the handed cases (../shared/cases beside the repository)."""
    return CASOS


@pytest.fixture
def libro(tmp_path: Path) -> Callable[..., Path]:
    """``libro("x.xlsx", {"Apoyos": rows}, inicio=(4, 2))`` -> path of the written workbook."""

    def hacer(nombre: str, hojas: Hojas, inicio: tuple[int, int] = (0, 0)) -> Path:
        return escribir_libro(tmp_path / nombre, hojas, inicio)

    return hacer


@pytest.fixture
def texto(tmp_path: Path) -> Callable[[str, str | bytes, str], Path]:
    """``texto("x.csv", content, encoding)`` -> path; bytes are written as they are."""

    def hacer(nombre: str, contenido: str | bytes, codificacion: str = "utf-8") -> Path:
        ruta = tmp_path / nombre
        datos = contenido if isinstance(contenido, bytes) else contenido.encode(codificacion)
        ruta.write_bytes(datos)
        return ruta

    return hacer


@pytest.fixture(scope="session")
def convertir(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path, str], Path]:
    """Convert a workbook with LibreOffice (``soffice --headless --convert-to``); skip if absent."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) no está instalado: no se pueden crear .ods/.xls")
    perfil = tmp_path_factory.mktemp("lo_perfil")

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
        return destino

    return hacer
