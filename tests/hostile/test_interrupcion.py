"""Ctrl-C: at any moment the command says so in Spanish (no traceback), exits with 130 and
leaves no half-written output; outputs of an earlier run stay as they were."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from apoyo.entrada import INTERRUMPIDO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="señales POSIX")


def _huellas(carpeta: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in carpeta.iterdir()}


_COMANDO = [sys.executable, "-m", "apoyo"]


@pytest.fixture(scope="module")
def entrada(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ruta = tmp_path_factory.mktemp("interrupcion") / "apoyos.xlsx"
    subprocess.run([*_COMANDO, "ejemplo", "--filas", "60000", "--salida", str(ruta)],
                   check=True, capture_output=True)
    return ruta


@pytest.mark.parametrize("espera", [0.0, 0.25, 0.8])
def test_ctrl_c_en_cualquier_momento(entrada: Path, tmp_path: Path, espera: float) -> None:
    comando = _COMANDO
    salida = tmp_path / "salida"
    previa = subprocess.run([*comando, "validar", str(entrada), "--salida", str(salida)],
                            capture_output=True)
    assert previa.returncode == 1
    antes = _huellas(salida)
    proceso = subprocess.Popen([*comando, "validar", str(entrada), "--salida", str(salida)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)  # SIGINT not ignored, as in a terminal
    time.sleep(espera)
    proceso.send_signal(signal.SIGINT)
    _, err = proceso.communicate(timeout=120)
    if espera == 0.0 and proceso.returncode == -signal.SIGINT:
        assert err == ""  # stopped by the signal before Python ran any of the program
    else:
        assert err == INTERRUMPIDO + "\n"  # never a traceback
        # While the program still loads, the interpreter itself may end by the signal (-2)
        # after the message (seen once in CI at 0.25 s); once running, always 130.
        assert proceso.returncode == 130 or (espera < 0.5
                                              and proceso.returncode == -signal.SIGINT)
    assert _huellas(salida) == antes  # nothing half-written, nothing replaced
