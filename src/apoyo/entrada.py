"""The ``apoyo`` command's entry point, kept light: Ctrl-C while the program is still starting
(loading `apoyo.cli` and its libraries takes a few tenths of a second) is answered in Spanish
too, without a traceback. The command line itself is `apoyo.cli`.

SIGTERM (``kill``, a service manager stopping the program) and SIGHUP (the terminal closed) are
answered like Ctrl-C: the `Terminado` exception unwinds the program as KeyboardInterrupt does,
so the atomic writers (`apoyo.atomic`) remove their temporary files, and the command exits with
128 + the signal's number. A signal ignored when the program starts (``nohup``) stays ignored.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import NoReturn

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
        signal.signal(senal, signal.SIG_IGN)
    raise Terminado(signum)


def atender_senales() -> None:
    """Install `_al_recibir` for SIGTERM and SIGHUP, unless the signal is ignored (``nohup``)
    or this is not the main thread (signals can only be handled there)."""
    for senal in _senales():
        try:
            if signal.getsignal(senal) is not signal.SIG_IGN:
                signal.signal(senal, _al_recibir)
        except (ValueError, OSError):  # not the main thread; a platform without it
            pass


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
    atender_senales()
    try:
        try:
            from apoyo.cli import main as principal
        except KeyboardInterrupt:
            interrumpido()
        principal()
    except BaseException:
        # A termination signal: whatever ended the unwinding (`Terminado` itself, or the exit
        # of a message about a file left unwritten), the signal is what the caller must see.
        if _recibida is None:
            raise
    if _recibida is not None:
        terminado(_recibida)
