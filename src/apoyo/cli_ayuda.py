"""Spanish help screens for the command line (Typer/Click print English by default).

Typer's panel titles are module settings; the usage line and the --help option's text come
from Click, so the command classes override them. Use ``cls=GrupoEs`` on `typer.Typer` and
``cls=ComandoEs`` on each command.

Value placeholders: an option says what it takes with its own ``metavar=`` (``<carpeta>``,
``<AAAA-MM-DD>``); whatever has none (arguments: Typer shows an argument's metavar as its
name) gets Typer's type label in Spanish (``<path>`` -> ``<ruta>``, `TIPOS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import typer
import typer.core
import typer.rich_utils as _rich_ayuda

_rich_ayuda.ARGUMENTS_PANEL_TITLE = "Argumentos"
_rich_ayuda.OPTIONS_PANEL_TITLE = "Opciones"
_rich_ayuda.COMMANDS_PANEL_TITLE = "Comandos"
_rich_ayuda.DEFAULT_STRING = "[por omisión: {}]"
_rich_ayuda.REQUIRED_LONG_STRING = "[obligatorio]"
_rich_ayuda.ENVVAR_STRING = "[variable de entorno: {}]"

#: Typer's type labels (``<int>``, ``<float range>``...) in Spanish, by the bare type.
TIPOS = {"int": "número", "float": "número", "str": "texto", "path": "ruta", "file": "archivo",
         "datetime": "fecha", "uuid": "identificador"}
_ETIQUETA = re.compile(r"<(\w+)(?: range)?>")


def _tipo_en_espanol(original: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a parameter's ``display_type_rich``: the label it gives, in Spanish."""
    def tipo(ctx: typer.Context) -> Any:
        etiqueta = original(ctx=ctx)
        if not isinstance(etiqueta, str):
            return etiqueta
        return _ETIQUETA.sub(lambda m: f"<{TIPOS.get(m.group(1).lower(), m.group(1))}>",
                             etiqueta)
    return tipo


class _EnEspanol:
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        # Docstrings are wrapped for the source; the help screen wraps them itself.
        if getattr(self, "help", None):
            self.help = " ".join(self.help.split())  # type: ignore[has-type]
        # A flag shows no type (Typer's "<bool>" invited a tester to write
        # "--conservar-acentos true").
        for param in getattr(self, "params", ()):
            if getattr(param, "is_flag", False):
                param.metavar = ""
            elif param.metavar is None and hasattr(param, "display_type_rich"):
                param.display_type_rich = _tipo_en_espanol(param.display_type_rich)

    def get_usage(self, ctx: typer.Context) -> str:
        uso = super().get_usage(ctx)  # type: ignore[misc]
        for ingles, espanol in (("Usage:", "Uso:"), ("[OPTIONS]", "[OPCIONES]"),
                                ("COMMAND", "COMANDO"), ("[ARGS]", "[ARGUMENTOS]")):
            uso = uso.replace(ingles, espanol, 1)
        return uso

    def get_help_option(self, ctx: typer.Context):  # type: ignore[no-untyped-def]
        opcion = super().get_help_option(ctx)  # type: ignore[misc]
        if opcion is not None:
            opcion.help = "Muestra esta ayuda y termina."
            opcion.metavar = ""
        return opcion


class GrupoEs(_EnEspanol, typer.core.TyperGroup):
    """Command group with Spanish help (usage line and --help text)."""


class ComandoEs(_EnEspanol, typer.core.TyperCommand):
    """Command with Spanish help (usage line and --help text)."""
