"""The template's `Aspirante` sheet: label in column A, value in column B.

>>> datos, version = leer_pares([["Nombre del aspirante:", "ANA PEREZ"], ["Distrito", 7.0],
...                               ["Versión de la plantilla", 1.0], ["Otro", "x"], ["Cargo", ""]])
>>> datos, version
({'nombre': 'ANA PEREZ', 'distrito': '7'}, '1')
>>> version_de_nombre_definido({"VersionPlantilla": '"2"'})
'2'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from apoyo.read.celdas import a_texto
from apoyo.schema import plegar

#: Folded label -> key of `Tabla.aspirante`.
ETIQUETAS_ASPIRANTE: dict[str, str] = {
    "nombre del aspirante": "nombre",
    "nombre de la aspirante": "nombre",
    "aspirante": "nombre",
    "nombre": "nombre",
    "cargo": "cargo",
    "entidad": "entidad",
    "distrito": "distrito",
    "municipio": "municipio",
    "responsable": "responsable",
    "fecha": "fecha",
}
_CLAVES_POR_PALABRA = ("cargo", "entidad", "distrito", "municipio", "responsable", "fecha")
_VERSION = ("version de la plantilla", "version plantilla")
#: How many rows of the sheet are read at most.
FILAS_MAXIMAS = 200


def clave_de_etiqueta(etiqueta: str) -> str | None:
    """The `Tabla.aspirante` key a label names ("Entidad federativa" -> "entidad"), or None.

    >>> clave_de_etiqueta("Nombre del responsable"), clave_de_etiqueta("Fecha de entrega")
    ('responsable', 'fecha')
    """
    plegada = plegar(etiqueta)
    if plegada in ETIQUETAS_ASPIRANTE:
        return ETIQUETAS_ASPIRANTE[plegada]
    palabras = plegada.split()
    if "responsable" in palabras:
        return "responsable"
    if "aspirante" in palabras and "nombre" in palabras:
        return "nombre"
    if palabras and palabras[0] in _CLAVES_POR_PALABRA:
        return palabras[0]
    return None


def leer_pares(filas: Iterable[Sequence[Any]]) -> tuple[dict[str, str], str | None]:
    """Read ``(aspirante values, template version)`` from rows given column A first.

    The first non-empty value of each key wins; empty values are left out.
    """
    datos: dict[str, str] = {}
    version: str | None = None
    for n, fila in enumerate(filas):
        if n >= FILAS_MAXIMAS:
            break
        if len(fila) < 2 or not isinstance(fila[0], str):
            continue
        valor = a_texto(fila[1])
        if not valor:
            continue
        if plegar(fila[0]) in _VERSION:
            version = version or valor
            continue
        clave = clave_de_etiqueta(fila[0])
        if clave and clave not in datos:
            datos[clave] = valor
    return datos, version


def version_de_nombre_definido(nombres: dict[str, str]) -> str | None:
    """The template version held as a constant in a defined name (``VersionPlantilla="1"``).

    Names are matched folded and without spaces (version_plantilla, VersionDeLaPlantilla...).
    A name pointing to a cell is not followed (the Aspirante sheet label covers that case).
    """
    for nombre, formula in nombres.items():
        if plegar(nombre).replace(" ", "") in ("versionplantilla", "versiondelaplantilla"):
            valor = formula.lstrip("=").strip()
            if len(valor) >= 2 and valor[0] == valor[-1] == '"':
                return valor[1:-1].strip() or None
            try:
                return a_texto(float(valor))
            except ValueError:
                return None
    return None
