"""Root of the test suite: makes `compartido` (shared test material) importable everywhere, and
gives the LibreOffice conversion fixture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from con_libreoffice import SIN_LIBREOFFICE, SOFFICE
from con_libreoffice import convertir as _convertir


@pytest.fixture(scope="session")
def convertir(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path, str], Path]:
    """``convertir(origen, "ods")`` -> the file LibreOffice made from `origen`, in a
    ``convertidos`` folder beside it (to make .ods/.xls the way a user's program would).
    Skips the test when LibreOffice is not installed."""
    if SOFFICE is None:
        pytest.skip(SIN_LIBREOFFICE)
    perfil = tmp_path_factory.mktemp("lo_perfil")
    return lambda origen, formato: _convertir(origen, formato, origen.parent / "convertidos",
                                              perfil)
