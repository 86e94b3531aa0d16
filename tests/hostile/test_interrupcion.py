"""Ctrl-C, SIGTERM and SIGHUP: at any moment the command says so in Spanish (no traceback),
exits with 130 (128 + the signal's number for the others) and leaves no half-written output;
outputs of an earlier run stay as they were."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from apoyo.entrada import INTERRUMPIDO, mensaje_terminado

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


# ---- SIGTERM (kill, a service manager) and SIGHUP (the terminal closed) ----------------------------
# Found by a tester: only Ctrl-C was handled; either signal killed the program outright and
# left a hidden temporary «.…tmp» output in the output folder.

_TERMINACION = [signal.SIGTERM, signal.SIGHUP]


def _temporales(carpeta: Path) -> list[str]:
    return sorted(p.name for p in carpeta.iterdir() if p.name.endswith(".tmp"))


def _senal_al_escribir(proceso: subprocess.Popen[str], carpeta: Path, senal: int,
                       despues: float = 0.0) -> None:
    """Send `senal` `despues` seconds after a temporary output appears in `carpeta` (the moment
    a plain kill would leave it behind)."""
    limite = time.monotonic() + 120
    while not (carpeta.is_dir() and _temporales(carpeta)):
        assert proceso.poll() is None, "terminó sin que apareciera el archivo temporal"
        assert time.monotonic() < limite
        time.sleep(0.005)
    time.sleep(despues)
    assert proceso.poll() is None, "terminó antes de la señal"
    proceso.send_signal(senal)


def _iniciar(*argumentos: str | Path, **opciones) -> subprocess.Popen[str]:
    return subprocess.Popen([*_COMANDO, *map(str, argumentos)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            **opciones)


def test_mensaje_de_terminacion() -> None:
    assert mensaje_terminado(signal.SIGTERM) == (
        "Detenido por la señal SIGTERM (otro programa pidió terminarlo, por ejemplo con kill): "
        "no quedó ningún resultado a medias; los archivos que ya habían terminado conservan "
        "los suyos. Vuelva a ejecutar la orden para obtener los que faltan.")
    assert mensaje_terminado(signal.SIGHUP).startswith(
        "Detenido por la señal SIGHUP (se cerró la terminal o la sesión): no quedó ningún "
        "resultado a medias;")


@pytest.mark.parametrize("senal", _TERMINACION, ids=lambda s: s.name)
def test_senal_de_terminacion_mientras_escribe_validar(entrada: Path, tmp_path: Path,
                                                       senal: signal.Signals) -> None:
    salida = tmp_path / "salida"
    previa = subprocess.run([*_COMANDO, "validar", str(entrada), "--salida", str(salida)],
                            capture_output=True)
    assert previa.returncode == 1
    antes = _huellas(salida)
    proceso = _iniciar("validar", entrada, "--salida", salida)
    _senal_al_escribir(proceso, salida, senal)
    _, err = proceso.communicate(timeout=120)
    assert proceso.returncode == 128 + senal  # 143 for SIGTERM, 129 for SIGHUP
    assert err == mensaje_terminado(senal) + "\n"  # never a traceback
    assert _temporales(salida) == []
    assert _huellas(salida) == antes  # nothing half-written, nothing replaced


@pytest.mark.parametrize("senal", _TERMINACION, ids=lambda s: s.name)
def test_senal_de_terminacion_mientras_escribe_exportar(entrada: Path, tmp_path: Path,
                                                        senal: signal.Signals) -> None:
    salida = tmp_path / "derfe"
    proceso = _iniciar("exportar", entrada, "--salida", salida)
    # While the rows are written (the moment of opening: tests/test_cli_interrupcion_al_abrir.py).
    _senal_al_escribir(proceso, salida, senal, despues=0.15)
    _, err = proceso.communicate(timeout=120)
    assert proceso.returncode == 128 + senal
    assert err == mensaje_terminado(senal) + "\n"
    assert not salida.exists()  # no temporary, no half export; the new folder is gone


@pytest.mark.parametrize("espera", [0.0, 0.25, 0.8])
def test_sigterm_en_cualquier_momento(entrada: Path, tmp_path: Path, espera: float) -> None:
    salida = tmp_path / "salida"
    proceso = _iniciar("validar", entrada, "--salida", salida)
    time.sleep(espera)
    proceso.send_signal(signal.SIGTERM)
    _, err = proceso.communicate(timeout=120)
    if proceso.returncode == -signal.SIGTERM:
        # Stopped by the signal before the handler was installed (Python still starting).
        assert espera < 0.5 and err == ""
    else:
        assert proceso.returncode == 143
        assert err == mensaje_terminado(signal.SIGTERM) + "\n"
    assert not salida.exists() or list(salida.iterdir()) == []


def test_sighup_ignorado_con_nohup_sigue_ignorado(entrada: Path, tmp_path: Path) -> None:
    # Started as «nohup apoyo ...»: closing the terminal must not stop the run.
    salida = tmp_path / "salida"
    proceso = _iniciar("validar", entrada, "--salida", salida,
                       preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    _senal_al_escribir(proceso, salida, signal.SIGHUP)
    _, err = proceso.communicate(timeout=120)
    assert proceso.returncode == 1, err  # the example has rows with errors
    assert sorted(p.name for p in salida.iterdir()) == ["apoyos.reporte.json",
                                                        "apoyos.revisado.xlsx"]
