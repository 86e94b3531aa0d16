"""Atomic output files: write to a temporary file in the destination folder, then rename.

A reader never sees a half-written output, and an earlier output stays intact if writing fails
(disk full, interrupted run). Outputs written together (the marked copy and the report; the
DERFE file and its rejects) are put in place together with `escrituras_juntas`: if one
cannot be, none is, and the earlier ones are restored. An earlier output that the new ones
make stale (a rejects file when nothing is rejected now) is removed in the same step with
`retirar`, so it too changes only if everything else does.

Putting the files in place, undoing it, and removing what was set aside are not interruptible
(`sin_interrupciones`): a Ctrl-C, SIGTERM or SIGHUP that arrives meanwhile is handled right
after the step, so the outputs are then either all the earlier ones or all the new ones, and no
``.anterior.tmp`` file is left behind.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

# Inside `escrituras_juntas`: the pending changes, in order, each ``(tmp, destino)``: put
# `tmp` in place of `destino`, or, with `tmp` None, remove `destino`.
_JUNTAS: contextvars.ContextVar[list[tuple[Path | None, Path]] | None] = contextvars.ContextVar(
    "apoyo_escrituras_juntas", default=None)


#: The signals that interrupt a run (Ctrl-C; `apoyo.entrada` handles the other two), held by
#: `sin_interrupciones`; SIGHUP does not exist on Windows.
_INTERRUPCIONES = tuple(s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM",
                                                                       "SIGHUP"))
                        if s is not None)


@contextlib.contextmanager
def sin_interrupciones() -> Iterator[None]:
    """Run the block without interruption by SIGINT, SIGTERM or SIGHUP; one that arrives
    meanwhile is handled as usual right after the block (its handler raises there, on the way
    out, even if the block raised: the signal's exception then replaces the block's).

    Two layers, since a signal can reach the process through any thread: on POSIX the signals
    are blocked for the main thread (``pthread_sigmask``), and each Python handler
    (``default_int_handler``, `apoyo.entrada`'s) is replaced for the block by one that only
    takes note; when the block ends the handlers and the mask are restored (a blocked signal is
    then delivered) and each noted signal is passed to its handler. A signal that is ignored,
    or has its default action, is left alone. Outside the main thread (where Python runs no
    signal handler) this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    anotadas: list[int] = []

    def anotar(signum: int, _marco: FrameType | None) -> None:
        if signum not in anotadas:
            anotadas.append(signum)

    previos: dict[int, Callable[[int, FrameType | None], Any]] = {}
    mascara: set[signal.Signals] | None = None
    try:
        for senal in _INTERRUPCIONES:
            manejador = signal.getsignal(senal)
            if callable(manejador):
                # Noted first: if a pending signal's handler raises inside `signal.signal`
                # (before it changes anything), the `finally` only finds this one as it was.
                previos[senal] = manejador
                signal.signal(senal, anotar)
        if hasattr(signal, "pthread_sigmask"):
            mascara = signal.pthread_sigmask(signal.SIG_BLOCK, [])  # changes nothing
            signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPCIONES)
        yield
    finally:
        _restaurar(previos, anotar, mascara)
        for senal in anotadas:
            manejador = previos.get(senal)
            if manejador is not None and signal.getsignal(senal) is manejador:
                manejador(senal, None)  # raises (KeyboardInterrupt, Terminado)


def _restaurar(previos: dict[int, Callable[[int, FrameType | None], Any]],
               anotar: Callable[[int, FrameType | None], None],
               mascara: set[signal.Signals] | None) -> None:
    """Put back the handlers and the signal mask `sin_interrupciones` changed, all of them even
    if a signal handled meanwhile raises (that exception is raised at the end)."""
    error: BaseException | None = None
    for senal, manejador in previos.items():
        # Only where the note-taker is still installed: a handler that ran meanwhile may have
        # changed it on purpose (apoyo.entrada ignores the signals once one arrived).
        while signal.getsignal(senal) is anotar:
            try:
                signal.signal(senal, manejador)
            except BaseException as exc:  # noqa: BLE001 - a handler already restored raised
                error = error or exc
    if mascara is not None:
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, mascara)
        except BaseException as exc:  # noqa: BLE001 - the signal held meanwhile (mask restored)
            error = error or exc
    if error is not None:
        raise error


@contextlib.contextmanager
def escritura_atomica(destino: Path) -> Iterator[Path]:
    """Yield a temporary path next to `destino`; on success rename it over `destino` (inside
    `escrituras_juntas`: when that block ends, with the others).

    The temporary file is removed if the block raises. Raises `OSError` from the file system
    (read-only folder, disk full) after cleaning up.
    """
    destino = Path(destino)
    tmp: str | None = None
    try:
        # Not interruptible: an interruption between creating the file and noting its name
        # would leave it behind, one between the two umask calls would leave the umask at 0.
        with sin_interrupciones():
            fd, tmp = tempfile.mkstemp(prefix=f".{destino.name}.", suffix=".tmp",
                                       dir=destino.parent)
            os.close(fd)
            # mkstemp creates 0600 files; outputs get the usual permissions (0666 less the
            # umask).
            umask = os.umask(0)
            os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        yield Path(tmp)
        juntas = _JUNTAS.get()
        if juntas is None:
            os.replace(tmp, destino)
        else:
            juntas.append((Path(tmp), destino))
    except BaseException:
        if tmp is not None:
            with sin_interrupciones(), contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def retirar(destino: Path) -> None:
    """Remove the earlier output `destino` (a file or a link; missing is fine), as part of the
    enclosing `escrituras_juntas`: when its block ends, with the writes, all or none (the file
    is first renamed aside, ``.<name>.anterior.tmp``, put back if any later step fails, and
    deleted once all succeeded). Outside such a block it is removed at once.

    A folder with that name is not an output and is left alone. Raises `OSError` only outside
    a block (inside, the block's end raises it).
    """
    destino = Path(destino)
    juntas = _JUNTAS.get()
    if juntas is not None:
        juntas.append((None, destino))
    elif _es_archivo(destino):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(destino)


@contextlib.contextmanager
def escrituras_juntas() -> Iterator[None]:
    """Put every `escritura_atomica` finished inside the block in place when it ends, and
    remove every path given to `retirar` inside it, all or none: each earlier file is first
    moved aside, and if any rename fails (a file open in another program, a read-only or
    immutable file, a folder without write permission) the ones already done are undone and
    the earlier files restored. If the block raises, nothing changes. Raises the `OSError` of
    the failed rename.

    The changes are made without interruption (`sin_interrupciones`): a signal that arrives
    meanwhile is handled when they are done (all of them, or all undone)."""
    juntas: list[tuple[Path | None, Path]] = []
    marca = _JUNTAS.set(juntas)
    try:
        try:
            yield
        finally:
            _JUNTAS.reset(marca)
        with sin_interrupciones():
            _poner_en_su_lugar(juntas)
    except BaseException:
        # The block failed, or was interrupted before the changes (or right after them: then
        # the temporary files are already in place, and there is nothing left to remove).
        with sin_interrupciones():
            _borrar_temporales(juntas)
        raise


def _es_archivo(ruta: Path) -> bool:
    """Whether `ruta` is something `retirar` removes: a link, or an existing non-folder."""
    return os.path.islink(ruta) or (os.path.lexists(ruta) and not os.path.isdir(ruta))


def _borrar_temporales(juntas: list[tuple[Path | None, Path]]) -> None:
    for tmp, _ in juntas:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _poner_en_su_lugar(juntas: list[tuple[Path | None, Path]]) -> None:
    """Carry out the pending changes of `escrituras_juntas` (see `_JUNTAS`), or undo them all
    and raise the `OSError` (or interruption) that stopped them."""
    # Done so far: (destination, where its earlier file went or None, new file put in place).
    hechos: list[tuple[Path, Path | None, bool]] = []
    try:
        for tmp, destino in juntas:
            if tmp is None and not _es_archivo(destino):
                continue  # nothing to retire
            anterior = None
            if os.path.isdir(destino) and not os.path.islink(destino):
                # Never moved aside: a folder is the user's, not an earlier output.
                raise IsADirectoryError(errno.EISDIR, "output path is a folder", str(destino))
            if os.path.lexists(destino):
                anterior = destino.with_name(f".{destino.name}.anterior.tmp")
                os.replace(destino, anterior)
            hechos.append((destino, anterior, False))
            if tmp is not None:
                os.replace(tmp, destino)
                hechos[-1] = (destino, anterior, True)
    except BaseException:
        for destino, anterior, puesto in reversed(hechos):
            with contextlib.suppress(OSError):
                if anterior is not None:
                    os.replace(anterior, destino)
                elif puesto:
                    os.unlink(destino)
        _borrar_temporales(juntas)
        raise
    for _, anterior, _ in hechos:
        if anterior is not None:
            with contextlib.suppress(OSError):
                os.unlink(anterior)
