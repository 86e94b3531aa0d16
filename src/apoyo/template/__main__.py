"""``python -m apoyo.template [DESTINO]``: regenerate the committed blank template.

Without argument writes `apoyo.template.RUTA_PLANTILLA` (source checkout only).
"""

from __future__ import annotations

import sys
from pathlib import Path

from apoyo.template import regenerar


def main(argv: list[str] | None = None) -> int:
    """Write the template (to ``argv[0]`` if given) and print the path; return exit code 0."""
    args = sys.argv[1:] if argv is None else argv
    ruta = regenerar(Path(args[0]) if args else None)
    print(ruta)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
