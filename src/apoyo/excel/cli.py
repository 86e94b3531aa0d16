"""``apoyo excel ...``: install the reviewers' add-in (Typer sub-app `app`, mounted by the CLI).

``apoyo excel instalar`` (Windows and macOS, with desktop Excel installed):

1. builds ``apoyo_xl.xlam`` from the xlwings installed in this Python (so the add-in's VBA
   matches it) into ``~/.apoyo-ciudadano/``;
2. runs ``python -m xlwings.cli addin install --file <that file>``, which copies it to Excel's
   XLSTART folder (and on macOS also installs xlwings' AppleScript for ``RunPython``);
3. writes the add-in's user settings file (``%USERPROFILE%\\.myaddin\\myaddin.conf`` on
   Windows, ``~/Library/Containers/com.microsoft.Excel/Data/myaddin.conf`` on macOS) with this
   Python as the interpreter and without adding the workbook's folder to ``sys.path`` (a
   received workbook's folder must not be able to shadow our modules). Other settings there
   are kept.

On any other system it says, in Spanish, that desktop Excel is not available and exits with 2.
``apoyo excel complemento`` only builds the add-in file.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer

from apoyo.cli_ayuda import ComandoEs, GrupoEs
from apoyo.excel.addin import NOMBRE_COMPLEMENTO, PROYECTO_VBA, construir_complemento

app = typer.Typer(
    cls=GrupoEs,
    help="Complemento de Excel para revisar apoyos dentro de Excel (pestaña «Apoyo ciudadano»).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

#: Where `instalar` builds the add-in before xlwings copies it to XLSTART.
CARPETA_USUARIO = Path.home() / ".apoyo-ciudadano"

SIN_EXCEL = (
    "Excel de escritorio no está disponible en este sistema ({sistema}): el complemento solo "
    "se instala en Windows o macOS con Microsoft Excel. Aquí puede revisar y exportar con "
    "«apoyo validar» y «apoyo exportar», o usar Excel para la web con xlwings Lite (vea "
    "docs/excel.md)."
)

Ejecutar = Callable[[Sequence[str]], int]


def _ejecutar(comando: Sequence[str]) -> int:
    return subprocess.run(list(comando), check=False).returncode


def ruta_configuracion(plataforma: str | None = None, casa: Path | None = None) -> Path:
    """The add-in's user settings file, where its VBA ``GetConfigFilePath`` looks for it."""
    plataforma = plataforma or sys.platform
    casa = casa if casa is not None else Path.home()
    if plataforma == "darwin":
        # VBA's $HOME inside the sandboxed Excel for Mac.
        return casa / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / (
            f"{PROYECTO_VBA}.conf")
    return casa / f".{PROYECTO_VBA}" / f"{PROYECTO_VBA}.conf"


def escribir_configuracion(ruta: Path, interprete: str, plataforma: str | None = None) -> Path:
    """Set INTERPRETER_WIN/MAC and ADD_WORKBOOK_TO_PYTHONPATH in the add-in's settings file
    (xlwings' format: one ``"KEY","value"`` per line), keeping the other keys."""
    plataforma = plataforma or sys.platform
    clave_interprete = "INTERPRETER_MAC" if plataforma == "darwin" else "INTERPRETER_WIN"
    nuevas = {clave_interprete: interprete, "ADD_WORKBOOK_TO_PYTHONPATH": "false"}
    lineas = []
    if ruta.exists():
        for linea in ruta.read_text(encoding="utf-8", errors="replace").splitlines():
            clave = linea.split(",", 1)[0].strip().strip('"').upper()
            if clave and clave not in nuevas:
                lineas.append(linea)
    lineas += [f'"{k}","{v}"' for k, v in nuevas.items()]
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text("\n".join(lineas) + "\n", encoding="utf-8")
    return ruta


def instalar_complemento(
    plataforma: str | None = None,
    ejecutar: Ejecutar = _ejecutar,
    carpeta: Path | None = None,
    casa: Path | None = None,
    interprete: str | None = None,
) -> Path:
    """Build and install the add-in for this user (see the module docstring).

    Args:
        plataforma: ``sys.platform`` value (default: this system's).
        ejecutar: runs a command and returns its exit code (default: subprocess).
        carpeta: where the add-in is built (default ``~/.apoyo-ciudadano``).
        casa: the user's home folder (default ``Path.home()``).
        interprete: the Python the add-in must run (default: this one).

    Returns:
        The settings file written.

    Raises:
        RuntimeError: not Windows/macOS, xlwings missing, or xlwings' installer failed (the
            message, in Spanish, says what to do).
    """
    plataforma = plataforma or sys.platform
    interprete = interprete or sys.executable
    if not (plataforma.startswith("win") or plataforma == "darwin"):
        raise RuntimeError(SIN_EXCEL.format(sistema=plataforma))
    carpeta = carpeta if carpeta is not None else CARPETA_USUARIO
    carpeta.mkdir(parents=True, exist_ok=True)
    try:
        complemento = construir_complemento(carpeta / NOMBRE_COMPLEMENTO)
    except ImportError:
        raise RuntimeError(
            "Falta xlwings en este Python. Instálelo con el componente de Excel: "
            'pip install "apoyo-ciudadano[excel]", y vuelva a ejecutar «apoyo excel instalar».'
        ) from None
    codigo = ejecutar([interprete, "-m", "xlwings.cli", "addin", "install", "--file",
                       str(complemento)])
    if codigo != 0:
        raise RuntimeError(
            "xlwings no pudo instalar el complemento (vea el mensaje de arriba). Cierre Excel "
            "por completo y vuelva a ejecutar «apoyo excel instalar».")
    return escribir_configuracion(ruta_configuracion(plataforma, casa), interprete, plataforma)


@app.command(cls=ComandoEs)
def instalar() -> None:
    """Instala el complemento «Apoyo ciudadano» en Excel de escritorio (Windows o macOS) para
    este usuario, usando este Python. Cierre Excel antes; al abrirlo verá la pestaña."""
    try:
        configuracion = instalar_complemento()
    except RuntimeError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo("Complemento instalado. Abra Excel: verá la pestaña «Apoyo ciudadano» con el "
               f"botón «Validar».\nConfiguración del complemento: {configuracion}")


@app.command(cls=ComandoEs)
def complemento(
    salida: Annotated[Path | None, typer.Option(
        "--salida", help=f"Carpeta o archivo {NOMBRE_COMPLEMENTO} a escribir (por omisión, "
        "template/ del repositorio).")] = None,
) -> None:
    """Construye el archivo del complemento (apoyo_xl.xlam) a partir del complemento de cinta
    de xlwings instalado."""
    try:
        ruta = construir_complemento(salida)
    except ImportError:
        typer.echo("No se pudo construir el complemento: falta xlwings. Instálelo con "
                   "«pip install 'apoyo-ciudadano[excel]'» y vuelva a intentarlo.", err=True)
        raise typer.Exit(2) from None
    except (ValueError, OSError) as exc:
        typer.echo(f"No se pudo construir el complemento: {exc}. Revise que la carpeta de "
                   "salida exista y tenga permiso de escritura.", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Complemento escrito: {ruta}")
