"""LibreOffice in the tests: one way to convert a file with ``soffice --headless``.

Tests that need it skip, saying why, when LibreOffice is not installed (`SOFFICE` is None);
``.ci/run`` installs it so that they run in CI.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SIN_LIBREOFFICE = "LibreOffice (soffice) no está instalado: apt-get install -y libreoffice-calc"
TIEMPO_LIMITE = 180  # seconds for one conversion


def convertir(origen: Path, formato: str, salida: Path, perfil: Path) -> Path:
    """Convert `origen` with ``soffice --convert-to formato`` into the folder `salida`, using
    the LibreOffice user profile folder `perfil` (one per test session keeps runs apart).

    Returns the file produced (``salida/<stem>.<extension of formato>``). Raises
    AssertionError, with LibreOffice's output, when the conversion fails.
    """
    assert SOFFICE is not None, SIN_LIBREOFFICE
    salida.mkdir(parents=True, exist_ok=True)
    proceso = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={perfil.as_uri()}", "--headless", "--norestore",
         "--convert-to", formato, "--outdir", str(salida), str(origen)],
        capture_output=True, text=True, timeout=TIEMPO_LIMITE, check=False,
    )
    producido = salida / f"{origen.stem}.{formato.split(':')[0]}"
    assert proceso.returncode == 0 and producido.is_file(), (proceso.stdout, proceso.stderr)
    return producido
