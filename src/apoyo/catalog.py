"""INE's section catalogue: which (entity, sección) pairs exist, and their district/municipality.

Layout of INE's catalogue files (as published, e.g. emagar/mxDistritos, 2025 re-sectioning):
``ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION[,TIPO_SECCION[,TIPO_NOMBRE]]`` with ``,``
or ``|`` as delimiter. MUNICIPIO holds INE's municipality codes (not INEGI's). Parsing text is
pure; reading the file is the caller's job.

>>> cat = CatalogoSecciones.desde_texto(
...     "ENTIDAD|DISTRITO|MUNICIPIO|NOMBRE_MUNICIPIO|SECCION\\n7|7|1|ACACOYAGUA|2\\n", "demo")
>>> cat.buscar("07", 2)
UbicacionSeccion(distrito=7, municipio=1, nombre_municipio='ACACOYAGUA')
>>> cat.buscar("07", 3) is None, cat.cubre("07"), cat.cubre("06")
(True, True, False)
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

_REQUERIDAS = ("ENTIDAD", "DISTRITO", "MUNICIPIO", "SECCION")


@dataclass(frozen=True, slots=True)
class UbicacionSeccion:
    """Where a section lies: federal district number, INE municipality code and name."""

    distrito: int
    municipio: int
    nombre_municipio: str


class CatalogoSecciones:
    """A set of sections keyed by (two-digit entity code, section number).

    Args:
        secciones: mapping (entity "07", section 1726) -> `UbicacionSeccion`.
        origen: a label for messages (usually the file name).
    """

    def __init__(self, secciones: dict[tuple[str, int], UbicacionSeccion], origen: str) -> None:
        self._secciones = secciones
        self._entidades = {entidad for entidad, _ in secciones}
        self.origen = origen

    def __len__(self) -> int:
        return len(self._secciones)

    @classmethod
    def desde_texto(cls, texto: str, origen: str) -> CatalogoSecciones:
        """Parse a catalogue in INE's layout (delimiter ``,``, ``|``, ``;`` or tab).

        Raises:
            ValueError: with a Spanish message when a required column is missing or a row's
                numbers are not integers.
        """
        primera = texto.lstrip("\ufeff").split("\n", 1)[0]
        delimitador = max(",|;\t", key=primera.count)
        lector = csv.DictReader(io.StringIO(texto.lstrip("\ufeff")), delimiter=delimitador)
        encabezados = [c.strip().upper() for c in (lector.fieldnames or [])]
        faltan = [c for c in _REQUERIDAS if c not in encabezados]
        if faltan:
            raise ValueError(
                f"El catálogo «{origen}» no tiene las columnas {', '.join(faltan)}; se espera el "
                "formato del INE: ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION."
            )
        lector.fieldnames = encabezados
        secciones: dict[tuple[str, int], UbicacionSeccion] = {}
        for numero, fila in enumerate(lector, start=2):
            try:
                clave = (f"{int(fila['ENTIDAD']):02d}", int(fila["SECCION"]))
                secciones[clave] = UbicacionSeccion(
                    int(fila["DISTRITO"]),
                    int(fila["MUNICIPIO"]),
                    (fila.get("NOMBRE_MUNICIPIO") or "").strip(),
                )
            except (TypeError, ValueError):
                raise ValueError(
                    f"La línea {numero} del catálogo «{origen}» no tiene números válidos en "
                    "ENTIDAD, DISTRITO, MUNICIPIO o SECCION."
                ) from None
        return cls(secciones, origen)

    def cubre(self, entidad: str) -> bool:
        """True when the catalogue lists sections of entity `entidad` ("07")."""
        return entidad in self._entidades

    def tiene_ambito(self, entidad: str, distrito: int | None = None,
                     municipio: int | None = None) -> bool:
        """True when some section of entity `entidad` lies in district `distrito` and
        municipality `municipio` (None: any)."""
        return any(e == entidad and (distrito is None or u.distrito == distrito)
                   and (municipio is None or u.municipio == municipio)
                   for (e, _), u in self._secciones.items())

    def buscar(self, entidad: str, seccion: int) -> UbicacionSeccion | None:
        """Where section `seccion` of entity `entidad` lies, or None if it does not exist."""
        return self._secciones.get((entidad, seccion))
