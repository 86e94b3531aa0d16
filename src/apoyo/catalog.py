"""INE's section catalogue: which (entity, sección) pairs exist, and their district/municipality.

Layout of INE's catalogue files (as published, e.g. emagar/mxDistritos, 2025 re-sectioning):
``ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION[,TIPO_SECCION[,TIPO_NOMBRE]]`` with ``,``
or ``|`` as delimiter. MUNICIPIO holds INE's municipality codes (not INEGI's). Parsing text or
bytes is pure; reading the file is the caller's job.

What is not such a catalogue is refused with `CatalogoInvalido` (a `ValueError` with a Spanish
message and remedy): an empty file, an Excel workbook or other binary file (a tester passed
``--catalogo otro.xlsx`` and got an internal error), a UTF-16 text («Texto Unicode» of Excel),
a CSV without the required columns or without any section, a line whose numbers are not
numbers. Lines with every cell empty (Excel leaves ``,,,,`` rows) are skipped.

>>> cat = CatalogoSecciones.desde_texto(
...     "ENTIDAD|DISTRITO|MUNICIPIO|NOMBRE_MUNICIPIO|SECCION\\n7|7|1|ACACOYAGUA|2\\n", "demo")
>>> cat.buscar("07", 2)
UbicacionSeccion(distrito=7, municipio=1, nombre_municipio='ACACOYAGUA')
>>> cat.buscar("07", 3) is None, cat.cubre("07"), cat.cubre("06")
(True, True, False)
>>> cat.municipios_llamados("Acacoyagua"), cat.municipios_llamados("Acacoyagua", "20")
([('07', 1)], [])
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from apoyo.firmas import OLE, ZIP, que_parece
from apoyo.schema import plegar

_REQUERIDAS = ("ENTIDAD", "DISTRITO", "MUNICIPIO", "SECCION")
#: The layout every message names.
FORMATO_INE = "ENTIDAD, DISTRITO, MUNICIPIO, NOMBRE_MUNICIPIO, SECCION"
_GUARDAR_CSV = ("Use el catálogo de secciones del INE como archivo CSV con las columnas "
                f"{FORMATO_INE}; si lo tiene abierto en Excel, guárdelo con «Guardar como» "
                "y el tipo «CSV UTF-8 (delimitado por comas)», y use ese archivo .csv.")
_UTF16 = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class CatalogoInvalido(ValueError):
    """A file that is not a usable INE section catalogue: `mensaje` says why and `remedio`
    what to do, both in Spanish (``str()`` is the message)."""

    def __init__(self, mensaje: str, remedio: str = _GUARDAR_CSV) -> None:
        super().__init__(mensaje)
        self.mensaje, self.remedio = mensaje, remedio


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
        self._por_nombre: dict[str, set[tuple[str, int]]] | None = None  # see `_nombres`

    def __len__(self) -> int:
        return len(self._secciones)

    @classmethod
    def desde_bytes(cls, datos: bytes, origen: str) -> CatalogoSecciones:
        """Parse a catalogue file's contents: UTF-8 (with or without BOM), else Windows-1252
        (a CSV saved by Excel as "CSV (delimitado por comas)"), then as `desde_texto`.

        >>> len(CatalogoSecciones.desde_bytes(
        ...     "ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION\\r\\n"
        ...     "7,7,1,ACACOYAGUA,2\\r\\n".encode("cp1252"), "x.csv"))
        1

        Raises:
            CatalogoInvalido: the file is empty, a workbook or another binary file, UTF-16
                text, or its text is not a catalogue (see `desde_texto`).
        """
        if not datos.strip(b" \t\r\n\x00").removeprefix(codecs.BOM_UTF8).strip():
            raise CatalogoInvalido(f"El catálogo «{origen}» está vacío.")
        if datos.startswith(ZIP) or datos.startswith(OLE):
            raise CatalogoInvalido(
                f"El catálogo «{origen}» es un libro de Excel (u otro archivo de Office o "
                "comprimido), no un archivo CSV; el catálogo debe ser el CSV del INE.")
        inicio = datos[:4096]
        if datos.startswith(_UTF16) or inicio.count(0) * 4 >= len(inicio):
            raise CatalogoInvalido(
                f"El catálogo «{origen}» está guardado como texto Unicode (UTF-16), no como "
                "CSV UTF-8.")
        if b"\x00" in inicio or sum(b < 32 and b not in b"\t\r\n\x0c" for b in inicio) * 10 \
                > len(inicio):
            que = que_parece(inicio) or "un archivo binario"
            raise CatalogoInvalido(
                f"El catálogo «{origen}» no es un archivo de texto CSV: parece {que}.")
        try:
            texto = datos.decode("utf-8-sig")
        except UnicodeDecodeError:
            texto = datos.decode("cp1252", errors="replace")
        return cls.desde_texto(texto, origen)

    @classmethod
    def desde_texto(cls, texto: str, origen: str) -> CatalogoSecciones:
        """Parse a catalogue in INE's layout (delimiter ``,``, ``|``, ``;`` or tab).

        Raises:
            CatalogoInvalido: (a `ValueError`) with a Spanish message and remedy when a
                required column is missing, a row's numbers are not integers, the text is not
                CSV, or it lists no section.
        """
        primera = texto.lstrip("\ufeff").split("\n", 1)[0]
        delimitador = max(",|;\t", key=primera.count)
        lector = csv.DictReader(io.StringIO(texto.lstrip("\ufeff")), delimiter=delimitador)
        secciones: dict[tuple[str, int], UbicacionSeccion] = {}
        try:
            encabezados = [c.strip().upper() for c in (lector.fieldnames or [])]
            faltan = [c for c in _REQUERIDAS if c not in encabezados]
            if faltan:
                raise CatalogoInvalido(
                    f"El catálogo «{origen}» no tiene las columnas {', '.join(faltan)}; se espera "
                    "el formato del INE: ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION.")
            lector.fieldnames = encabezados
            for fila in lector:
                if not any(isinstance(v, str) and v.strip() for v in fila.values()):
                    continue  # ",,,," left by a spreadsheet
                try:
                    clave = (f"{int(fila['ENTIDAD']):02d}", int(fila["SECCION"]))
                    secciones[clave] = UbicacionSeccion(
                        int(fila["DISTRITO"]),
                        int(fila["MUNICIPIO"]),
                        (fila.get("NOMBRE_MUNICIPIO") or "").strip(),
                    )
                except (TypeError, ValueError):
                    numero = lector.line_num
                    raise CatalogoInvalido(
                        f"La línea {numero} del catálogo «{origen}» no tiene números válidos en "
                        "ENTIDAD, DISTRITO, MUNICIPIO o SECCION.",
                        f"Corrija la línea {numero} (cada una de esas columnas lleva un número "
                        "entero) o use de nuevo el catálogo de secciones publicado por el INE."
                    ) from None
        except csv.Error:
            raise CatalogoInvalido(
                f"El catálogo «{origen}» no se pudo leer como CSV (línea {lector.line_num})."
            ) from None
        if not secciones:
            raise CatalogoInvalido(
                f"El catálogo «{origen}» tiene los encabezados pero ninguna sección.",
                "Use el catálogo de secciones completo publicado por el INE, con una línea por "
                "sección debajo de los encabezados.")
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

    def tiene_nombres(self) -> bool:
        """True when the catalogue gives municipality names (its NOMBRE_MUNICIPIO column)."""
        return bool(self._nombres())

    def municipios_llamados(self, nombre: str, entidad: str | None = None
                            ) -> list[tuple[str, int]]:
        """The municipalities whose NOMBRE_MUNICIPIO is `nombre`, accents, case, punctuation
        and spacing aside (INE writes them in uppercase without accents: "TUXTLA GUTIERREZ").

        Args:
            nombre: a municipality name as typed ("Tuxtla Gutiérrez").
            entidad: two-digit entity code to look in; None: every entity of the catalogue.

        Returns:
            Sorted (entity "07", INE municipality code 102) pairs; empty when none matches.
        """
        return sorted(par for par in self._nombres().get(plegar(nombre), ())
                      if entidad is None or par[0] == entidad)

    def _nombres(self) -> dict[str, set[tuple[str, int]]]:
        """Folded municipality name -> its (entity, code) pairs, built on first use."""
        if self._por_nombre is None:
            distintos = {(u.nombre_municipio, e, u.municipio)
                         for (e, _), u in self._secciones.items() if u.nombre_municipio}
            self._por_nombre = {}
            for texto, e, m in distintos:
                if plegado := plegar(texto):
                    self._por_nombre.setdefault(plegado, set()).add((e, m))
        return self._por_nombre

    def buscar(self, entidad: str, seccion: int) -> UbicacionSeccion | None:
        """Where section `seccion` of entity `entidad` lies, or None if it does not exist."""
        return self._secciones.get((entidad, seccion))
