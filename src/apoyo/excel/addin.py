"""The reviewers' Excel add-in ``apoyo_xl.xlam``: xlwings' ribbon add-in with our ribbon.

xlwings ships ``quickstart_addin_ribbon.xlam``; its only macro, ``RibbonMyAddin.RunMain``, runs
``RunPython "import NAME;NAME.main()"`` with NAME = the add-in's file name without extension,
and its ribbon is plain XML (``customUI/customUI.xml``). The add-in is built by copying that
file member by member and replacing only the ribbon XML: the VBA project is left untouched (it
cannot be written outside Excel), so the file must be called ``apoyo_xl.xlam`` and the
top-level module `apoyo_xl` must be importable.

The VBA also carries the xlwings version it belongs to (DLL and AppleScript names), so an
add-in must be built from the same xlwings version the reviewer's Python has: ``apoyo excel
instalar`` builds it on the spot; the copy committed in ``template/`` is built from the
version pinned for development.

Regenerate the committed copy: ``python -m apoyo.excel.addin`` (deterministic bytes for a given
xlwings version: fixed zip timestamps).

The add-in reads its settings the xlwings way (sheet ``myaddin.conf`` of the active workbook,
then ``myaddin.conf`` next to it, then the user file), ``myaddin`` being the VBA project's
``PROJECT_NAME``.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

from apoyo.atomic import escritura_atomica

#: Module run by the add-in's macro, hence the add-in's file name.
MODULO = "apoyo_xl"
NOMBRE_COMPLEMENTO = f"{MODULO}.xlam"
#: xlwings' file the add-in is built from.
ORIGEN_XLWINGS = "quickstart_addin_ribbon.xlam"
#: Member of the zip holding the ribbon.
PARTE_CINTA = "customUI/customUI.xml"
#: The one macro a ribbon control can call (it exists in the VBA of ORIGEN_XLWINGS).
MACRO = "RibbonMyAddin.RunMain"
#: PROJECT_NAME of the add-in's VBA: its settings file is ``myaddin.conf``.
PROYECTO_VBA = "myaddin"

#: The committed copy, ``<repo>/template/apoyo_xl.xlam`` (meaningful in a source checkout).
RUTA_COMPLEMENTO = Path(__file__).resolve().parents[3] / "template" / NOMBRE_COMPLEMENTO

PESTANA = "Apoyo ciudadano"
BOTON = "Validar"
CONSEJO = "Validar los apoyos de este libro"
DESCRIPCION = (
    "Revisa la hoja de apoyos del libro abierto con las mismas reglas que la línea de comandos: "
    "marca en rojo los errores y en amarillo los avisos, escribe la columna Resultado y la hoja "
    "Resumen. Si no quedan errores (o si acepta exportar solo las filas válidas), ofrece "
    "escribir el archivo con el nombre del aspirante junto al libro."
)

_FECHA_ZIP = (1980, 1, 1, 0, 0, 0)


def cinta() -> str:
    """The ribbon XML: tab «Apoyo ciudadano», group «Verificación», button «Validar»."""
    return (
        '<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">\n'
        "  <ribbon>\n"
        "    <tabs>\n"
        f'      <tab id="apoyoCiudadanoTab" label={quoteattr(PESTANA)}>\n'
        '        <group id="apoyoVerificacion" label="Verificación">\n'
        f'          <button id="apoyoValidar" label={quoteattr(BOTON)} size="large"\n'
        f'                  onAction="{MACRO}" imageMso="MacroPlay"\n'
        f"                  screentip={quoteattr(CONSEJO)}\n"
        f"                  supertip={quoteattr(DESCRIPCION)} />\n"
        "        </group>\n"
        "      </tab>\n"
        "    </tabs>\n"
        "  </ribbon>\n"
        "</customUI>\n"
    )


def origen_xlwings() -> Path:
    """xlwings' ribbon add-in in the installed xlwings package.

    Raises:
        ImportError: xlwings is not installed.
        FileNotFoundError: this xlwings version does not ship the file.
    """
    import xlwings

    ruta = Path(xlwings.__file__).parent / ORIGEN_XLWINGS
    if not ruta.is_file():
        raise FileNotFoundError(ruta)
    return ruta


def construir_complemento(destino: Path | None = None, origen: Path | None = None) -> Path:
    """Write ``apoyo_xl.xlam`` from xlwings' ribbon add-in, with our ribbon.

    Args:
        destino: the file to write (default `RUTA_COMPLEMENTO`), or an existing folder (the
            file is then ``destino / "apoyo_xl.xlam"``). Its name must be ``apoyo_xl.xlam``:
            the macro imports the module named like the file.
        origen: the ``quickstart_addin_ribbon.xlam`` to start from (default: xlwings').

    Returns:
        The path written (replaced atomically).

    Raises:
        ValueError: `destino` is not named ``apoyo_xl.xlam``, or `origen` has no ribbon part.
        OSError: the file cannot be written.
    """
    destino = Path(destino) if destino is not None else RUTA_COMPLEMENTO
    if destino.is_dir():
        destino = destino / NOMBRE_COMPLEMENTO
    if destino.name != NOMBRE_COMPLEMENTO:
        raise ValueError(
            f"El complemento debe llamarse «{NOMBRE_COMPLEMENTO}» (su macro ejecuta "
            f"«import {MODULO}»), no «{destino.name}».")
    origen = Path(origen) if origen is not None else origen_xlwings()
    with zipfile.ZipFile(origen) as fuente:
        if PARTE_CINTA not in fuente.namelist():
            raise ValueError(f"{origen.name} no tiene {PARTE_CINTA}")
        with escritura_atomica(destino) as tmp, zipfile.ZipFile(tmp, "w") as salida:
            for info in fuente.infolist():
                datos = (cinta().encode("utf-8") if info.filename == PARTE_CINTA
                         else fuente.read(info.filename))
                nuevo = zipfile.ZipInfo(info.filename, date_time=_FECHA_ZIP)
                nuevo.compress_type = zipfile.ZIP_DEFLATED
                nuevo.create_system = 0  # MS-DOS, as Excel writes it: same bytes on any OS
                nuevo.external_attr = 0
                salida.writestr(nuevo, datos)
    return destino


def main(argv: list[str] | None = None) -> int:
    """``python -m apoyo.excel.addin [DESTINO]``: (re)build the add-in; prints the path."""
    args = sys.argv[1:] if argv is None else argv
    ruta = construir_complemento(Path(args[0]) if args else None)
    print(f"Complemento escrito: {ruta}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
