"""Fixtures of the hostile-file corpus: the command-line runner and LibreOffice conversions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from .ayudas_hostiles import Corredor


@pytest.fixture
def apoyo(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
          tmp_path: Path) -> Corredor:
    """``apoyo("validar", ruta, ...)`` runs the command line on files under `tmp_path` and
    checks the invariants (no traceback, input unchanged, no temporary file, nothing written
    for an unusable file)."""
    return Corredor(capsys, monkeypatch, tmp_path)
