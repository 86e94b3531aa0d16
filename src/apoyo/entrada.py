"""The ``apoyo`` command's entry point, kept light: Ctrl-C while the program is still starting
(loading `apoyo.cli` and its libraries takes a few tenths of a second) is answered in Spanish
too, without a traceback. The command line itself is `apoyo.cli`."""

from __future__ import annotations

import sys
from typing import NoReturn

#: What the command says when the user interrupts it (exit code 130, as shells expect). Outputs
#: are written to temporary files and only then put in place, so nothing is left half-written.
INTERRUMPIDO = ("Interrumpido: no quedó ningún resultado a medias; los archivos que ya habían "
                "terminado conservan los suyos.")


def interrumpido() -> NoReturn:
    """Say `INTERRUMPIDO` on standard error and exit with code 130."""
    sys.stderr.write(INTERRUMPIDO + "\n")
    sys.exit(130)


def main() -> None:
    """Run `apoyo.cli.main`, answering an interruption while it loads."""
    try:
        from apoyo.cli import main as principal
    except KeyboardInterrupt:
        interrumpido()
    principal()
