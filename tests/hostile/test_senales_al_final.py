"""Signals at the end of a run, found by a tester (`apoyo validar` killed in a loop over the
moment the run ends):

* A SIGTERM/SIGHUP/Ctrl-C while `apoyo.atomic.escrituras_juntas` put the outputs in place left
  the earlier output only as ``.<name>.anterior.tmp`` (or such files behind), while the program
  said «no quedó ningún resultado a medias». Now that step is not interruptible
  (`apoyo.atomic.sin_interrupciones`): the signal is handled right after it.
* A signal while the garbage collector ran a ``__del__`` (``ZipFile.__del__``): Python printed
  «Exception ignored in ... apoyo.entrada.Terminado: 15» and the run went on. Now
  `apoyo.entrada._al_no_poder_lanzar` prints nothing and delivers the signal again.
* A SIGHUP/SIGTERM after the program was done (during the interpreter's shutdown, which gives
  the signals their default action back) killed it without a word. Now ignored once done.

Deterministic in-process tests send the signal at the exact moment (from a patched
``os.replace``/``os.unlink``); the subprocess stress loop is marked slow.
"""

from __future__ import annotations

import _thread
import gc
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from apoyo import atomic, entrada
from apoyo.entrada import INTERRUMPIDO, Terminado, mensaje_terminado
from apoyo.example import generar
from apoyo.schema import CAMPOS, ETIQUETAS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="señales POSIX")

_SENALES = [signal.SIGTERM, signal.SIGHUP, signal.SIGINT]


def _excepcion(senal: int) -> type[BaseException]:
    return KeyboardInterrupt if senal == signal.SIGINT else Terminado


@pytest.fixture
def senales(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`apoyo.entrada`'s handlers and unraisable hook installed as `apoyo` installs them (its
    state, the handlers, the hook and the signal mask restored afterwards)."""
    guardados = {s: signal.getsignal(s) for s in _SENALES}
    mascara = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    for nombre in ("_recibida", "_gancho_previo", "_hilo_principal", "_en_el_gancho",
                   "_pendiente"):
        monkeypatch.setattr(entrada, nombre, getattr(entrada, nombre, None), raising=False)
    monkeypatch.setattr(entrada, "_ignoradas", {}, raising=False)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    entrada.atender_senales()
    try:
        yield
    finally:
        for s, manejador in guardados.items():
            signal.signal(s, manejador if manejador is not None else signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, mascara)


def _esperar_la_senal(segundos: float = 10.0) -> None:
    """Give a signal delivered again by another thread the time to arrive (its handler raises
    here); fail if it never does."""
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        time.sleep(0.005)
    pytest.fail("la señal no se volvió a entregar")


# ---- the step that puts the outputs in place is not interruptible -------------------------------


def _anteriores(carpeta: Path) -> dict[str, bytes]:
    """Earlier outputs ``a.txt``, ``b.txt`` and a stale ``viejo.txt``."""
    for nombre in ("a.txt", "b.txt", "viejo.txt"):
        (carpeta / nombre).write_bytes(f"anterior {nombre}".encode())
    return {p.name: p.read_bytes() for p in carpeta.iterdir()}


def _escribir_juntas(carpeta: Path) -> None:
    """The new ``a.txt`` and ``b.txt`` put in place together, ``viejo.txt`` retired."""
    with atomic.escrituras_juntas():
        for nombre in ("a.txt", "b.txt"):
            with atomic.escritura_atomica(carpeta / nombre) as tmp:
                tmp.write_bytes(f"nuevo {nombre}".encode())
        atomic.retirar(carpeta / "viejo.txt")


def _contenido(carpeta: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(carpeta.iterdir())}


_NUEVOS = {"a.txt": b"nuevo a.txt", "b.txt": b"nuevo b.txt"}


def _senal_en(monkeypatch: pytest.MonkeyPatch, momento: str,
              enviar: Callable[[], None]) -> list[str]:
    """Call `enviar` (which sends a signal) once, right after the first file operation of
    `momento`: ``apartar`` (an earlier file moved aside), ``poner`` (a new file put in place),
    ``borrar`` (a set-aside file deleted at the end). Returns what was done, in order."""
    hecho: list[str] = []
    reemplazar, borrar = os.replace, os.unlink

    def paso(cual: str, ruta: Any) -> None:
        hecho.append(f"{cual} {Path(str(ruta)).name}")
        if cual == momento and sum(h.startswith(cual) for h in hecho) == 1:
            enviar()

    def replace(origen: Any, destino: Any) -> None:
        reemplazar(origen, destino)
        paso("apartar" if str(destino).endswith(".anterior.tmp") else "poner", destino)

    def unlink(ruta: Any, *args: Any, **kw: Any) -> None:
        borrar(ruta, *args, **kw)
        if str(ruta).endswith(".anterior.tmp"):
            paso("borrar", ruta)

    monkeypatch.setattr(atomic.os, "replace", replace)
    monkeypatch.setattr(atomic.os, "unlink", unlink)
    return hecho


@pytest.mark.parametrize("momento", ["apartar", "poner", "borrar"])
@pytest.mark.parametrize("senal", _SENALES, ids=lambda s: s.name)
def test_senal_al_poner_en_su_lugar_se_atiende_al_terminar(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, senales: None, senal: int,
        momento: str) -> None:
    """The tester's D2: the signal arrives between two renames (or while the set-aside files
    are deleted). Its exception comes right after the step: the new outputs complete and in
    place, the stale one retired, no ``.anterior.tmp`` left."""
    _anteriores(tmp_path)
    hecho = _senal_en(monkeypatch, momento, lambda: signal.raise_signal(senal))
    with pytest.raises(_excepcion(senal)):
        _escribir_juntas(tmp_path)
    assert _contenido(tmp_path) == _NUEVOS, hecho
    # Every step ran before the signal was handled.
    assert sum(h.startswith("borrar") for h in hecho) == 3, hecho


@pytest.mark.parametrize("senal", _SENALES, ids=lambda s: s.name)
def test_senal_que_llega_por_otro_hilo_tambien_espera(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, senales: None, senal: int) -> None:
    """A signal the kernel gives to another thread (rich's refresh thread, a deflating thread)
    is not held by the main thread's mask: Python still runs its handler in the main thread,
    at the next bytecode. `_thread.interrupt_main` does just that; the handler must wait too."""
    _anteriores(tmp_path)
    hecho = _senal_en(monkeypatch, "apartar", lambda: _thread.interrupt_main(senal))
    with pytest.raises(_excepcion(senal)):
        _escribir_juntas(tmp_path)
    assert _contenido(tmp_path) == _NUEVOS, hecho


def test_error_de_disco_y_senal_a_la_vez(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         senales: None) -> None:
    """A rename fails (earlier files restored) and a SIGTERM arrives meanwhile: the earlier
    files stay byte for byte, and the signal, not the OSError, reaches the caller."""
    antes = _anteriores(tmp_path)
    reemplazar = os.replace
    llamadas = []

    def replace(origen: Any, destino: Any) -> None:
        llamadas.append(destino)
        if len(llamadas) == 3:  # a.txt aside, new a.txt in place, then b.txt aside: fails
            signal.raise_signal(signal.SIGTERM)
            raise PermissionError(13, "Permission denied")
        reemplazar(origen, destino)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(Terminado) as info:
        _escribir_juntas(tmp_path)
    assert isinstance(info.value.__context__, PermissionError)
    assert _contenido(tmp_path) == antes


@pytest.mark.parametrize("excepcion", [KeyboardInterrupt(), Terminado(signal.SIGTERM)],
                         ids=["KeyboardInterrupt", "Terminado"])
def test_interrupcion_dentro_del_paso_deshace_todo(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, excepcion: BaseException) -> None:
    """An interruption raised by the rename itself (not through a signal handler, which now
    waits): everything is undone, the earlier files intact, no temporary file left."""
    antes = _anteriores(tmp_path)
    reemplazar = os.replace
    lanzada = []

    def replace(origen: Any, destino: Any) -> None:
        if Path(str(destino)).name == "b.txt" and not lanzada:  # the new b.txt, not the undoing
            lanzada.append(True)
            raise excepcion
        reemplazar(origen, destino)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(type(excepcion)):
        _escribir_juntas(tmp_path)
    assert _contenido(tmp_path) == antes


@pytest.mark.parametrize("senal", _SENALES, ids=lambda s: s.name)
def test_senal_antes_del_paso_no_cambia_nada(tmp_path: Path, senales: None,
                                            senal: int) -> None:
    """Still as before: a signal while the outputs are written changes nothing."""
    antes = _anteriores(tmp_path)
    with pytest.raises(_excepcion(senal)), atomic.escrituras_juntas():
        with atomic.escritura_atomica(tmp_path / "a.txt") as tmp:
            tmp.write_bytes(b"nuevo")
        signal.raise_signal(senal)
    assert _contenido(tmp_path) == antes


def test_sin_interrupciones_deja_todo_como_estaba(senales: None) -> None:
    """Handlers and signal mask are the same after the block; a signal held meanwhile is
    handled once, right after it."""
    antes = ({s: signal.getsignal(s) for s in _SENALES},
             signal.pthread_sigmask(signal.SIG_BLOCK, []))
    with atomic.sin_interrupciones():
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) >= set(_SENALES)
    assert ({s: signal.getsignal(s) for s in _SENALES},
            signal.pthread_sigmask(signal.SIG_BLOCK, [])) == antes
    pasos = []
    with pytest.raises(KeyboardInterrupt):
        with atomic.sin_interrupciones():
            signal.raise_signal(signal.SIGINT)
            _thread.interrupt_main(signal.SIGINT)
            pasos.append("fin del bloque")
    assert pasos == ["fin del bloque"]
    assert ({s: signal.getsignal(s) for s in _SENALES},
            signal.pthread_sigmask(signal.SIG_BLOCK, [])) == antes


# ---- the whole command: exit code and message as before ----------------------------------------

_PROGRAMA = r"""
import os, signal, sys
from apoyo import entrada
senal, momento = int(sys.argv[1]), sys.argv[2]
reemplazar, borrar = os.replace, os.unlink
enviada = []
def enviar():
    if not enviada:
        enviada.append(True)
        signal.raise_signal(senal)
def replace(origen, destino):
    reemplazar(origen, destino)
    if (momento == "apartar") == str(destino).endswith(".anterior.tmp"):
        enviar()
def unlink(ruta, *args, **kw):
    borrar(ruta, *args, **kw)
    if momento == "borrar" and str(ruta).endswith(".anterior.tmp"):
        enviar()
os.replace, os.unlink = replace, unlink
sys.argv = ["apoyo", *sys.argv[3:]]
entrada.main()
"""


def _entrada_csv(carpeta: Path) -> Path:
    filas = generar(5, semilla=9, fecha_corte=date(2026, 11, 29), cada=10**9)
    ruta = carpeta / "apoyos.csv"
    ruta.write_text("\n".join(",".join(f) for f in [[ETIQUETAS[c] for c in CAMPOS], *filas]),
                    encoding="utf-8")
    return ruta


def _salidas_completas(salida: Path) -> None:
    assert sorted(p.name for p in salida.iterdir()) == ["apoyos.reporte.json",
                                                        "apoyos.revisado.xlsx"]
    json.loads((salida / "apoyos.reporte.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(salida / "apoyos.revisado.xlsx") as libro:
        assert libro.testzip() is None


@pytest.mark.parametrize("momento", ["apartar", "poner", "borrar"])
@pytest.mark.parametrize("senal", _SENALES, ids=lambda s: s.name)
def test_validar_con_senal_al_poner_en_su_lugar(tmp_path: Path, senal: int,
                                                momento: str) -> None:
    entrada_csv = _entrada_csv(tmp_path)
    salida = tmp_path / "salida"
    salida.mkdir()
    for nombre in ("apoyos.reporte.json", "apoyos.revisado.xlsx"):
        (salida / nombre).write_bytes(b"anterior")
    proceso = subprocess.run(
        [sys.executable, "-c", _PROGRAMA, str(int(senal)), momento, "validar", str(entrada_csv),
         "--salida", str(salida)], capture_output=True, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120, start_new_session=True)
    if senal == signal.SIGINT:
        assert (proceso.returncode, proceso.stderr) == (130, INTERRUMPIDO + "\n")
    else:
        assert (proceso.returncode, proceso.stderr) == (128 + senal,
                                                        mensaje_terminado(senal) + "\n")
    _salidas_completas(salida)  # the new ones, complete; nothing set aside left


# ---- a signal raised inside __del__ ------------------------------------------------------------


class _ConSenalAlBorrar:
    """Sends `senal` to its own process from ``__del__``: the handler's exception is raised
    inside ``__del__``, where Python cannot raise it (as with ``ZipFile.__del__`` in the GC)."""

    def __init__(self, senal: int) -> None:
        self.senal = senal

    def __del__(self) -> None:
        signal.raise_signal(self.senal)


@pytest.mark.parametrize("senal", _SENALES, ids=lambda s: s.name)
def test_senal_en_del_se_vuelve_a_lanzar_sin_imprimir(
        senales: None, capsys: pytest.CaptureFixture[str], senal: int) -> None:
    capsys.readouterr()
    with pytest.raises(_excepcion(senal)):
        objeto = _ConSenalAlBorrar(senal)
        del objeto
        _esperar_la_senal()
    assert capsys.readouterr().err == ""
    if senal != signal.SIGINT:
        assert entrada._recibida == senal
        # As after any Terminado: the later signals are ignored while the program unwinds.
        assert all(signal.getsignal(s) is signal.SIG_IGN for s in _SENALES)


def test_senal_en_del_durante_el_recolector(senales: None,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The tester's case: an object in a reference cycle, freed by the garbage collector."""
    capsys.readouterr()
    with pytest.raises(Terminado):
        objeto = _ConSenalAlBorrar(signal.SIGTERM)
        objeto.ciclo = objeto  # type: ignore[attr-defined]
        del objeto
        gc.collect()
        _esperar_la_senal()
    assert capsys.readouterr().err == ""
    assert entrada._recibida == signal.SIGTERM


def test_keyboardinterrupt_en_del(senales: None, capsys: pytest.CaptureFixture[str]) -> None:
    class Interrumpe:
        def __del__(self) -> None:
            raise KeyboardInterrupt

    capsys.readouterr()
    with pytest.raises(KeyboardInterrupt):
        objeto = Interrumpe()
        del objeto
        _esperar_la_senal()
    assert capsys.readouterr().err == ""


def test_otras_excepciones_en_del_van_al_gancho_anterior(monkeypatch: pytest.MonkeyPatch,
                                                         senales: None) -> None:
    vistas: list[BaseException | None] = []
    monkeypatch.setattr(entrada, "_gancho_previo", lambda info: vistas.append(info.exc_value))

    class Falla:
        def __del__(self) -> None:
            raise ValueError("otra cosa")

    objeto = Falla()
    del objeto
    assert [type(v) for v in vistas] == [ValueError]


def test_senal_ignorada_por_carrera_no_se_imprime(monkeypatch: pytest.MonkeyPatch,
                                                   senales: None) -> None:
    """Found by a tester: two signals 0-20 ms apart printed «OSError: Signal 2 ignored due to
    race condition» with a traceback (CPython writes it as unraisable when the second signal's
    handler was set to SIG_IGN by the first's); other OSErrors are still printed."""
    from types import SimpleNamespace

    vistas: list[BaseException | None] = []
    monkeypatch.setattr(entrada, "_gancho_previo", lambda info: vistas.append(info.exc_value))
    carrera = OSError("Signal 2 ignored due to race condition")
    otra = OSError("Signal 2 ignored, says someone else")
    for excepcion in (carrera, otra):
        sys.unraisablehook(SimpleNamespace(exc_type=OSError, exc_value=excepcion,
                                           exc_traceback=None, err_msg=None, object=None))
    assert vistas == [otra]


# ---- once done, a late signal does not kill the program ------------------------------------------


def test_al_terminar_se_ignoran_las_senales(monkeypatch: pytest.MonkeyPatch, senales: None) -> None:
    """During the interpreter's shutdown Python gives SIGTERM/SIGHUP their default action back
    (unless ignored): a signal then killed the finished program without a message."""
    from apoyo import cli

    def principal() -> None:
        assert signal.getsignal(signal.SIGTERM) is entrada._al_recibir
        sys.exit(1)

    monkeypatch.setattr(cli, "main", principal)
    with pytest.raises(SystemExit) as salida:
        entrada.main()
    assert salida.value.code == 1
    assert all(signal.getsignal(s) is signal.SIG_IGN for s in _SENALES)


@pytest.mark.parametrize("senal", _SENALES, ids=lambda s: s.name)
def test_senal_justo_al_terminar_sigue_con_mensaje_tambien_ctrl_c(
        monkeypatch: pytest.MonkeyPatch, senales: None, capsys: pytest.CaptureFixture[str],
        senal: int) -> None:
    """The signal replaces the exit of a finished run (apoyo.cli had already answered):
    stopped, with its message, never a traceback."""
    from apoyo import cli

    def principal() -> None:
        try:
            sys.exit(1)
        finally:
            signal.raise_signal(senal)

    monkeypatch.setattr(cli, "main", principal)
    with pytest.raises(SystemExit) as salida:
        entrada.main()
    esperado = INTERRUMPIDO if senal == signal.SIGINT else mensaje_terminado(senal)
    assert (salida.value.code, capsys.readouterr().err) == (128 + senal, esperado + "\n")


@pytest.mark.parametrize("senal", _SENALES, ids=lambda s: s.name)
def test_senal_perdida_en_del_al_final_no_se_pierde(
        monkeypatch: pytest.MonkeyPatch, senales: None, capsys: pytest.CaptureFixture[str],
        senal: int) -> None:
    """Lost in a ``__del__`` just before the program ends: whether delivered again before the
    end or taken by `_al_terminar`, the program ends stopped by it, with its message."""
    from apoyo import cli

    def principal() -> None:
        objeto = _ConSenalAlBorrar(senal)
        del objeto
        sys.exit(1)

    monkeypatch.setattr(cli, "main", principal)
    with pytest.raises(SystemExit) as salida:
        entrada.main()
    esperado = INTERRUMPIDO if senal == signal.SIGINT else mensaje_terminado(senal)
    assert (salida.value.code, capsys.readouterr().err) == (128 + senal, esperado + "\n")
    assert entrada._pendiente is None


@pytest.mark.parametrize("senal", _SENALES, ids=lambda s: s.name)
def test_al_terminar_atiende_la_senal_que_no_se_volvio_a_entregar(
        monkeypatch: pytest.MonkeyPatch, senales: None, capsys: pytest.CaptureFixture[str],
        senal: int) -> None:
    """The helper thread has not sent it yet when the program ends: `_al_terminar` takes it."""
    from apoyo import cli

    def principal() -> None:
        entrada._pendiente = senal  # as `_reenviar` leaves it
        sys.exit(1)

    monkeypatch.setattr(entrada, "_pendiente", None)
    monkeypatch.setattr(cli, "main", principal)
    with pytest.raises(SystemExit) as salida:
        entrada.main()
    esperado = INTERRUMPIDO if senal == signal.SIGINT else mensaje_terminado(senal)
    assert (salida.value.code, capsys.readouterr().err) == (128 + senal, esperado + "\n")


# ---- the tester's loop, on the real program (slow) -----------------------------------------------


_VUELTAS = 20


@pytest.mark.slow
@pytest.mark.parametrize("senal", _SENALES, ids=lambda s: s.name)
def test_senal_en_cualquier_momento_del_final(tmp_path_factory: pytest.TempPathFactory,
                                              senal: int) -> None:
    """Signals sent at random moments from the start of the writing to after the end: whatever
    the moment, either the run is stopped with its message (earlier outputs intact, or the new
    ones complete: the signal came right after they were put in place), or it ends on its own
    (exit code 1: the example has rows with errors); never a traceback, an «Exception ignored»,
    a process killed by the signal, or a ``.tmp`` file left."""
    carpeta = tmp_path_factory.mktemp("final")
    comando = [sys.executable, "-m", "apoyo"]
    subprocess.run([*comando, "ejemplo", "--filas", "30000", "--salida", "apoyos.xlsx"],
                   check=True, capture_output=True, cwd=carpeta)
    previa = subprocess.run([*comando, "validar", "apoyos.xlsx"], capture_output=True,
                            cwd=carpeta)
    assert previa.returncode == 1
    nombres = ["apoyos.reporte.json", "apoyos.revisado.xlsx", "apoyos.xlsx"]

    def iniciar() -> tuple[subprocess.Popen[str], float]:
        proceso = subprocess.Popen([*comando, "validar", "apoyos.xlsx"], cwd=carpeta,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True, encoding="utf-8", start_new_session=True,
                                   env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        limite = time.monotonic() + 120
        while not any(n.startswith(".apoyos.") for n in os.listdir(carpeta)):
            assert proceso.poll() is None and time.monotonic() < limite
            time.sleep(0.001)
        return proceso, time.monotonic()

    proceso, inicio = iniciar()  # how long from the first temporary file to the end
    proceso.communicate(timeout=120)
    duracion = time.monotonic() - inicio
    azar = random.Random(int(senal))
    detenidas = terminadas = 0
    for _ in range(_VUELTAS):
        proceso, inicio = iniciar()
        time.sleep(azar.uniform(0.8, 1.05) * duracion)  # the end of the run, and just after
        if proceso.poll() is None:
            proceso.send_signal(senal)
        _, err = proceso.communicate(timeout=120)
        if proceso.returncode == 1:
            assert err == ""
            terminadas += 1
        else:
            esperado = INTERRUMPIDO if senal == signal.SIGINT else mensaje_terminado(senal)
            assert (proceso.returncode, err) == (128 + senal, esperado + "\n")
            detenidas += 1
        assert sorted(os.listdir(carpeta)) == nombres
        json.loads((carpeta / "apoyos.reporte.json").read_text(encoding="utf-8"))
        with zipfile.ZipFile(carpeta / "apoyos.revisado.xlsx") as libro:
            assert libro.testzip() is None
    assert detenidas + terminadas == _VUELTAS
    print(f"{signal.Signals(senal).name}: {detenidas} detenidas, {terminadas} terminadas")
