"""Where the shared test material is: INE section catalogues and the handed cases.

They live in ``../shared`` beside the repository (never copied in), or wherever
``APOYO_COMPARTIDO`` points. Tests that need them skip, saying why, when they are absent (e.g.
in a clone on a user's machine); CI has them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

COMPARTIDO = Path(os.environ.get("APOYO_COMPARTIDO")
                  or Path(__file__).resolve().parents[2] / "shared")
CASOS = COMPARTIDO / "cases"
DATOS = COMPARTIDO / "data"
MOTIVO = (f"no están los datos de prueba compartidos en {COMPARTIDO} (casos entregados y "
          "catálogos del INE); defina APOYO_COMPARTIDO para usarlos")


def requerir_compartido() -> None:
    """Skip the calling test module when the shared material is absent."""
    if not (CASOS.is_dir() and DATOS.is_dir()):
        pytest.skip(MOTIVO, allow_module_level=True)
