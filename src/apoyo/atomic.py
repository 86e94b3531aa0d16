"""Atomic output files: write to a temporary file in the destination folder, then rename.

A reader never sees a half-written output, and an earlier output stays intact if writing fails
(disk full, interrupted run). Outputs written together (the marked copy and the report; the
DERFE file and its rejects) are put in place together with `escrituras_juntas`: if one
cannot be, none is, and the earlier ones are restored. An earlier output that the new ones
make stale (a rejects file when nothing is rejected now) is removed in the same step with
`retirar`, so it too changes only if everything else does.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Inside `escrituras_juntas`: the pending changes, in order, each ``(tmp, destino)``: put
# `tmp` in place of `destino`, or, with `tmp` None, remove `destino`.
_JUNTAS: contextvars.ContextVar[list[tuple[Path | None, Path]] | None] = contextvars.ContextVar(
    "apoyo_escrituras_juntas", default=None)


@contextlib.contextmanager
def escritura_atomica(destino: Path) -> Iterator[Path]:
    """Yield a temporary path next to `destino`; on success rename it over `destino` (inside
    `escrituras_juntas`: when that block ends, with the others).

    The temporary file is removed if the block raises. Raises `OSError` from the file system
    (read-only folder, disk full) after cleaning up.
    """
    destino = Path(destino)
    fd, tmp = tempfile.mkstemp(prefix=f".{destino.name}.", suffix=".tmp", dir=destino.parent)
    os.close(fd)
    # mkstemp creates 0600 files; outputs get the usual permissions (0666 less the umask).
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield Path(tmp)
        juntas = _JUNTAS.get()
        if juntas is None:
            os.replace(tmp, destino)
        else:
            juntas.append((Path(tmp), destino))
    except BaseException:
        with contextlib.suppress(OSError):
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
    the failed rename."""
    juntas: list[tuple[Path | None, Path]] = []
    marca = _JUNTAS.set(juntas)
    try:
        yield
    except BaseException:
        _borrar_temporales(juntas)
        raise
    finally:
        _JUNTAS.reset(marca)
    _poner_en_su_lugar(juntas)


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
