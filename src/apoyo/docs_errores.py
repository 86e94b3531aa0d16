"""Generate `docs/errores.md`, the user-facing list of findings, from `apoyo.errors.CATALOGO`.

Run ``apoyo errores --salida docs/errores.md``; a test fails when the committed page is stale.
"""

from __future__ import annotations

from apoyo.errors import CATALOGO, Codigo
from apoyo.schema import ETIQUETAS

_GRUPOS = (
    ("Archivo", ("columna-", "sin-registros", "macros-", "plantilla-", "celda-formula",
                 "celdas-combinadas", "contenido-oculto", "otra-hoja-", "catalogo-",
                 "ambito-", "linea-otra-", "codificacion-")),
    ("Correcciones automáticas", ("espacios-", "mayusculas-", "acentos-", "caracteres-",
                                  "formato-ajustado", "numero-", "precision-", "texto-", "tipo-")),
    ("Duplicados", ("duplicado-",)),
)


def _grupo(c: Codigo) -> str:
    for nombre, prefijos in _GRUPOS:
        if c.codigo.startswith(prefijos):
            return nombre
    return "Datos de cada fila"


def _texto(plantilla: str) -> str:
    return plantilla.replace("{etiqueta}", "‹columna›").replace("{", "‹").replace("}", "›")


def pagina() -> str:
    """The Markdown page: one section per group, one entry per code, in catalogue order."""
    lineas = [
        "# Hallazgos que reporta el verificador",
        "",
        "<!-- Generado por `apoyo errores --salida docs/errores.md` desde "
        "src/apoyo/errors.py; no lo edite a mano. -->",
        "",
        "Cada hallazgo tiene un **código** estable (el que aparece en la columna `Resultado` y "
        "en el reporte JSON), una **severidad** y un **remedio**. Un **error** impide enviar la "
        "fila a la DERFE (la exportación la deja en el archivo de rechazados); un **aviso** "
        "solo pide revisar o informa de una corrección automática. Solo son errores las reglas "
        "confirmadas por dos fuentes públicas o por cálculo; las probables son avisos.",
        "",
        "Entre ‹ › se muestra lo que el mensaje real sustituye (‹valor› es el dato encontrado, "
        "‹columna› el nombre de la columna).",
        "",
    ]
    for nombre in [g for g, _ in _GRUPOS[:2]] + ["Datos de cada fila", _GRUPOS[2][0]]:
        lineas += [f"## {nombre}", ""]
        for c in CATALOGO.values():
            if _grupo(c) != nombre:
                continue
            campo = f" · columna «{ETIQUETAS[c.campo]}»" if c.campo else ""
            lineas += [
                f"### `{c.codigo}` — {c.titulo}",
                "",
                f"**{c.severidad.capitalize()}**{campo} · fuente: {c.fuente}",
                "",
                f"- Mensaje: {_texto(c.mensaje)}",
                f"- Cómo corregir: {_texto(c.remedio)}",
                "",
            ]
    return "\n".join(lineas)
