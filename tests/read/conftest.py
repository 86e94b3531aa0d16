"""Fixtures for the reader tests: the handed cases and small file writers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from .ayudas_lectura import CASOS, Hojas, escribir_libro


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
