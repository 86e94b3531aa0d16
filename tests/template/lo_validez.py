"""Ask LibreOffice which typed values its data validation rejects (helper, not a test module).

Runs under a Python that can ``import uno`` (the system python3 with python3-uno, or the one
bundled with LibreOffice), never under the project's venv:

    python3 lo_validez.py LIBRO.xlsx RONDAS.json

RONDAS.json is a list of rounds; each round maps sheet name -> {cell: value}. A string is
typed with ``setString`` (what a person typing into a Text cell produces), a number with
``setValue``. For each round the workbook is loaded fresh, the sheets are unprotected, the values
written, and Calc's own "Mark invalid data" (``.uno:ShowInvalid``) is run; every detective
circle it draws is anchored to an invalid cell. Prints JSON: one ``{sheet: [cells]}`` per round.

The module imports nothing outside the standard library at import time, so pytest's doctest
collection can import it from the venv.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _propiedad(nombre: str, valor: object) -> object:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    p = PropertyValue()
    p.Name = nombre
    p.Value = valor
    return p


def main(argv: list[str]) -> int:
    """Run the rounds of ``argv[1]`` (JSON) on workbook ``argv[0]``; print the result."""
    import uno  # type: ignore[import-not-found]

    libro = Path(argv[0]).resolve()
    rondas = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    perfil = tempfile.mkdtemp(prefix="apoyo_lo_perfil_")
    tubo = f"apoyo_validez_{os.getpid()}_{time.monotonic_ns()}"
    proceso = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={Path(perfil).as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={tubo};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolutor = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        ctx = None
        for _ in range(300):
            try:
                ctx = resolutor.resolve(f"uno:pipe,name={tubo};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - office still starting
                if proceso.poll() is not None:
                    raise RuntimeError("soffice terminó antes de aceptar conexiones") from None
                time.sleep(0.2)
        if ctx is None:
            raise RuntimeError("no se pudo conectar con soffice")
        smgr = ctx.ServiceManager
        escritorio = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        despachador = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        resultados = []
        for ronda in rondas:
            doc = escritorio.loadComponentFromURL(
                libro.as_uri(), "_blank", 0, (_propiedad("Hidden", True),)
            )
            try:
                invalidas: dict[str, list[str]] = {}
                controlador = doc.getCurrentController()
                for hoja_nombre, celdas in ronda.items():
                    hoja = doc.Sheets.getByName(hoja_nombre)
                    hoja.unprotect("")  # detective functions are disabled on protected sheets
                    for ref, valor in celdas.items():
                        celda = hoja.getCellRangeByName(ref)
                        if isinstance(valor, str):
                            celda.setString(valor)
                        else:
                            celda.setValue(valor)
                    controlador.setActiveSheet(hoja)
                    despachador.executeDispatch(
                        controlador.getFrame(), ".uno:ShowInvalid", "", 0, ()
                    )
                    pagina = hoja.getDrawPage()
                    marcadas = []
                    for i in range(pagina.getCount()):
                        ancla = pagina.getByIndex(i).Anchor
                        nombre = getattr(ancla, "AbsoluteName", "")
                        marcadas.append(nombre.split(".")[-1].replace("$", ""))
                    invalidas[hoja_nombre] = sorted(marcadas)
                resultados.append(invalidas)
            finally:
                doc.close(True)
        print(json.dumps(resultados))
        return 0
    finally:
        proceso.terminate()
        try:
            proceso.wait(20)
        except subprocess.TimeoutExpired:
            proceso.kill()
            proceso.wait(10)
        shutil.rmtree(perfil, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
