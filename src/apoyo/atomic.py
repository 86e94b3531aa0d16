"""Atomic output files: write to a temporary file in the destination folder, then rename.

A reader never sees a half-written output, and an earlier output stays intact if writing fails
(disk full, interrupted run).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def escritura_atomica(destino: Path) -> Iterator[Path]:
    """Yield a temporary path next to `destino`; on success rename it over `destino`.

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
        os.replace(tmp, destino)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
