"""Atomic output files: write to a temporary file in the destination folder, then rename.

A reader never sees a half-written output, and an earlier output stays intact if writing fails
(disk full, interrupted run). Outputs written together (the marked copy and the report; the
DERFE file and its rejects) are put in place together with `escrituras_juntas`: if one
cannot be, none is, and the earlier ones are restored.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

_JUNTAS: contextvars.ContextVar[list[tuple[Path, Path]] | None] = contextvars.ContextVar(
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


@contextlib.contextmanager
def escrituras_juntas() -> Iterator[None]:
    """Put every `escritura_atomica` finished inside the block in place when it ends, all or
    none: each earlier file is first moved aside, and if any rename fails (a file open in
    another program, a read-only file) the ones already done are undone and the earlier files
    restored. If the block raises, no output is put in place. Raises the `OSError` of the
    failed rename."""
    juntas: list[tuple[Path, Path]] = []
    marca = _JUNTAS.set(juntas)
    try:
        yield
    except BaseException:
        for tmp, _ in juntas:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    finally:
        _JUNTAS.reset(marca)
    _poner_en_su_lugar(juntas)


def _poner_en_su_lugar(juntas: list[tuple[Path, Path]]) -> None:
    hechos: list[tuple[Path, Path | None]] = []  # (destination, where its earlier file went)
    try:
        for tmp, destino in juntas:
            anterior = None
            if os.path.lexists(destino):
                anterior = destino.with_name(f".{destino.name}.anterior.tmp")
                os.replace(destino, anterior)
            hechos.append((destino, anterior))
            os.replace(tmp, destino)
    except BaseException:
        for destino, anterior in reversed(hechos):
            with contextlib.suppress(OSError):
                if anterior is not None:
                    os.replace(anterior, destino)
                else:
                    os.unlink(destino)
        for tmp, _ in juntas:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    for _, anterior in hechos:
        if anterior is not None:
            with contextlib.suppress(OSError):
                os.unlink(anterior)
