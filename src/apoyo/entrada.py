"""The ``apoyo`` command's entry point, kept light: Ctrl-C while the program is still starting
(loading `apoyo.cli` and its libraries takes a few tenths of a second) is answered in Spanish
too, without a traceback. The command line itself is `apoyo.cli`.

SIGTERM (``kill``, a service manager stopping the program) and SIGHUP (the terminal closed) are
answered like Ctrl-C: the `Terminado` exception unwinds the program as KeyboardInterrupt does,
so the atomic writers (`apoyo.atomic`) remove their temporary files, and the command exits with
128 + the signal's number. A signal ignored when the program starts (``nohup``) stays ignored.

Two places where a signal's exception could otherwise be lost:

* Raised while the garbage collector runs a ``__del__`` (``ZipFile.__del__``), Python cannot
  raise it there: it prints «Exception ignored in ...» and goes on. `_al_no_poder_lanzar`
  (``sys.unraisablehook``) prints nothing for `Terminado` or KeyboardInterrupt and delivers the
  signal again, so that it is raised at a normal point.
* Once the program is done (results written and said, exit code known), SIGTERM and SIGHUP are
  ignored: during the interpreter's shutdown Python puts back their default action, which would
  kill the finished program without a word.
"""

from __future__ import annotations

import _thread
import re
import signal
import sys
import time
from types import FrameType
from typing import Any, NoReturn

#: What the command says when the user interrupts it (exit code 130, as shells expect). Outputs
#: are written to temporary files and only then put in place, so nothing is left half-written.
INTERRUMPIDO = ("Interrumpido: no quedó ningún resultado a medias; los archivos que ya habían "
                "terminado conservan los suyos.")

#: Why each handled signal usually arrives, said in `terminado`'s message.
_MOTIVOS = {"SIGTERM": "otro programa pidió terminarlo, por ejemplo con kill",
            "SIGHUP": "se cerró la terminal o la sesión"}


def mensaje_terminado(signum: int) -> str:
    """What the command says when signal `signum` (SIGTERM, SIGHUP) stops it."""
    nombre = signal.Signals(signum).name
    motivo = _MOTIVOS.get(nombre, "el sistema pidió terminarlo")
    return (f"Detenido por la señal {nombre} ({motivo}): no quedó ningún resultado a medias; "
            "los archivos que ya habían terminado conservan los suyos. Vuelva a ejecutar la "
            "orden para obtener los que faltan.")


class Terminado(BaseException):
    """Raised by the SIGTERM/SIGHUP handler. A BaseException, like KeyboardInterrupt: no
    ``except Exception`` stops it, and every ``except BaseException`` cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: The signal that stopped the program, once one has (then it is the exit status).
_recibida: int | None = None
#: The handlers `_al_recibir` replaced with SIG_IGN, to put back if its `Terminado` is lost.
_ignoradas: dict[int, Any] = {}
#: The unraisable hook in place before `_al_no_poder_lanzar` (it gets every other exception).
_gancho_previo: Any = None
#: How many `_al_no_poder_lanzar` are running now (a signal is delivered again only after).
_en_el_gancho = 0
#: A signal `_reenviar` is to deliver again, until its helper thread (or `_al_terminar`) does.
_pendiente: int | None = None
#: The thread that runs the signal handlers (the one that called `atender_senales`).
_hilo_principal: int | None = None


def _senales() -> list[signal.Signals]:
    """The termination signals handled here: SIGTERM, and SIGHUP where it exists (not on
    Windows)."""
    return [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
            if s is not None]


def _al_recibir(signum: int, _marco: FrameType | None) -> None:
    """Signal handler: the first termination signal unwinds the program (`Terminado`); later
    ones, and Ctrl-C, are ignored so that the cleanup runs to its end."""
    global _recibida
    if _recibida is not None:
        return
    _recibida = signum
    for senal in (*_senales(), signal.SIGINT):
        anterior = signal.signal(senal, signal.SIG_IGN)
        _ignoradas.setdefault(senal, anterior)
    raise Terminado(signum)


def atender_senales() -> None:
    """Install `_al_recibir` for SIGTERM and SIGHUP, unless the signal is ignored (``nohup``)
    or this is not the main thread (signals can only be handled there), and
    `_al_no_poder_lanzar` as ``sys.unraisablehook``."""
    global _gancho_previo, _hilo_principal
    for senal in _senales():
        try:
            if signal.getsignal(senal) is not signal.SIG_IGN:
                signal.signal(senal, _al_recibir)
        except (ValueError, OSError):  # not the main thread; a platform without it
            pass
    if sys.unraisablehook is not _al_no_poder_lanzar:
        _gancho_previo = sys.unraisablehook
        sys.unraisablehook = _al_no_poder_lanzar
    _hilo_principal = _thread.get_ident()


#: CPython's message for a signal that arrived while its handler was being set to SIG_IGN
#: (Modules/signalmodule.c, written as unraisable).
_CARRERA = re.compile(r"Signal \d+ ignored due to race condition")


def _al_no_poder_lanzar(info: Any) -> None:
    """``sys.unraisablehook``: a `Terminado` or KeyboardInterrupt raised where Python cannot
    raise it (a ``__del__`` run by the garbage collector, a weakref callback) is not printed;
    its signal is delivered again (`_reenviar`), to be raised at a normal point. Python's
    «Signal N ignored due to race condition» (a second signal caught by the operating system
    just before `_al_recibir` ignored it: the program is already stopping, as it should) is
    not printed either (found by a tester: two signals 0-20 ms apart printed a traceback).
    Every other exception goes to the hook that was in place (normally Python's, which prints
    it)."""
    global _en_el_gancho
    excepcion = info.exc_value
    if isinstance(excepcion, OSError) and _CARRERA.fullmatch(str(excepcion)):
        return
    if not isinstance(excepcion, (Terminado, KeyboardInterrupt)):
        (_gancho_previo or sys.__unraisablehook__)(info)
        return
    _en_el_gancho += 1
    try:
        while True:
            try:
                _reenviar(excepcion)
                return
            except (Terminado, KeyboardInterrupt) as otra:  # a signal handled meanwhile
                excepcion = otra
    finally:
        # The last statement before returning: no signal handler can run after it and before
        # the return (they run only where the interpreter checks for them).
        _en_el_gancho -= 1


def _reenviar(excepcion: BaseException) -> None:
    """Make the signal behind `excepcion` (lost in `_al_no_poder_lanzar`) arrive again once
    the hook has returned: a helper thread sends it to the main thread then."""
    global _recibida, _pendiente
    if isinstance(excepcion, Terminado):
        signum = excepcion.signum
        if _thread.get_ident() != _hilo_principal or _recibida != signum:
            return  # not one `_al_recibir` raised here: `main` still reports `_recibida`
        # As if it had not arrived yet: `_al_recibir` handles it again, and raises.
        for senal, anterior in _ignoradas.items():
            if signal.getsignal(senal) is signal.SIG_IGN and anterior is not None:
                signal.signal(senal, anterior)
        _ignoradas.clear()
        _recibida = None
    else:
        signum = signal.SIGINT
    _pendiente = signum
    try:
        _thread.start_new_thread(_enviar_despues_del_gancho, ())
    except RuntimeError:  # the interpreter is shutting down: the run is over anyway
        pass


def _enviar_despues_del_gancho() -> None:
    """Helper thread of `_reenviar`: once no `_al_no_poder_lanzar` runs, send the `_pendiente`
    signal to the main thread (or, without ``pthread_kill``, trip its handler there), unless it
    is now ignored or has its default action (or `_al_terminar` took it)."""
    global _pendiente
    while _en_el_gancho:
        time.sleep(0.001)
    signum = _pendiente
    if signum is None or not callable(signal.getsignal(signum)):
        return  # taken by `_al_terminar`, or no longer handled (another signal came)
    enviar: Any
    if hasattr(signal, "pthread_kill") and _hilo_principal is not None:
        enviar, argumentos = signal.pthread_kill, (_hilo_principal, signum)
    else:
        enviar, argumentos = _thread.interrupt_main, (signum,)
    # No thread switch between these two (the interpreter switches threads only where it checks
    # for signals, and a C function is entered without such a check): `_al_terminar` either
    # took the signal before, or finds it gone and its handler already on its way.
    _pendiente = None
    enviar(*argumentos)


def _al_terminar() -> None:
    """The program is done: ignore SIGTERM, SIGHUP and Ctrl-C from now on. During the
    interpreter's shutdown Python gives every signal with a Python handler its default action
    back (ignored ones stay ignored), and the program would end killed by the signal, without a
    message, after having written and said its results.

    A signal lost in a ``__del__`` and not yet delivered again (`_pendiente`) is handled here:
    the program then ends as stopped by it."""
    global _pendiente, _recibida
    error: BaseException | None = None
    for senal, manejador in [*((s, _al_recibir) for s in _senales()),
                             (signal.SIGINT, signal.default_int_handler)]:
        while True:
            try:
                if signal.getsignal(senal) is manejador:
                    signal.signal(senal, signal.SIG_IGN)
                break
            except (ValueError, OSError):  # not the main thread; a platform without it
                break
            except BaseException as exc:  # noqa: BLE001 - a signal that arrived just now
                error = error or exc  # raised once every signal is ignored
    signum, _pendiente = _pendiente, None
    if error is not None:
        raise error
    if signum == signal.SIGINT:
        interrumpido()
    elif signum is not None and _recibida is None:
        _recibida = signum


def _decir(texto: str) -> None:
    """Write `texto` on standard error; with the terminal gone (SIGHUP) there is nobody to
    tell, and that is no reason to fail."""
    try:
        sys.stderr.write(texto + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def interrumpido() -> NoReturn:
    """Say `INTERRUMPIDO` on standard error and exit with code 130."""
    _decir(INTERRUMPIDO)
    sys.exit(130)


def terminado(signum: int) -> NoReturn:
    """Say `mensaje_terminado` on standard error and exit with code 128 + `signum`."""
    _decir(mensaje_terminado(signum))
    sys.exit(128 + signum)


def main() -> None:
    """Run `apoyo.cli.main`, answering an interruption while it loads, and a termination
    signal at any moment."""
    try:
        try:
            atender_senales()  # inside: a signal right after its handler is installed is caught
            try:
                from apoyo.cli import main as principal
            except KeyboardInterrupt:
                interrumpido()
            principal()
        finally:
            # Done (or stopped): from here on the program only exits. A signal that arrives
            # before this is handled as usual (caught below).
            _al_terminar()
    except KeyboardInterrupt:
        # Ctrl-C once `apoyo.cli` had answered (on its way out): answered the same.
        if _recibida is None:
            interrumpido()
    except BaseException:
        # A termination signal: whatever ended the unwinding (`Terminado` itself, or the exit
        # of a message about a file left unwritten), the signal is what the caller must see.
        if _recibida is None:
            raise
    if _recibida is not None:
        terminado(_recibida)
