"""What a check needs besides the rows: cut-off date, the submission's scope, options."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from apoyo.catalog import CatalogoSecciones
from apoyo.identifiers import clave_estado


@dataclass(frozen=True)
class AmbitoNoReconocido:
    """A scope cell of the template's `Aspirante` sheet whose value could not be resolved:
    the check goes on without that part of the scope, and says so
    (``ambito-no-reconocido``, `apoyo.check.cross.hallazgos_del_ambito`).

    Attributes:
        parte: which cell: "entidad", "distrito" or "municipio".
        valor: the cell's value as read.
        motivo: why it was not understood, a Spanish clause ("eso no es una clave …").
        correccion: how to fix it, a Spanish sentence without its final stop.
    """

    parte: Literal["entidad", "distrito", "municipio"]
    valor: str
    motivo: str
    correccion: str


_COMO_ENTIDAD = ("Escriba en esa celda la clave de dos dígitos de la entidad de la candidatura "
                 "(por ejemplo 07 para Chiapas)")
_COMO_DISTRITO = "Escriba en esa celda solo el número del distrito electoral (por ejemplo 3)"
_COMO_MUNICIPIO = "Escriba en esa celda la clave del municipio que usa el INE (no la del INEGI)"


@dataclass(frozen=True)
class Contexto:
    """Parameters of one check.

    Attributes:
        fecha_corte: date ages are computed at, and after which a birth date is in the future
            (default: today).
        entidad: two-digit code of the entity the candidacy is for; rows of another entity are
            errors. None: not checked.
        distrito: federal district number of the candidacy (needs `catalogo`). None: any.
        municipio: INE municipality code of the candidacy (needs `catalogo`). None: any.
        catalogo: INE section catalogue; when given, an unknown (entity, sección) is an error.
        quitar_acentos: strip accents from names (Ñ kept), as INE's uppercase list does.
        ambito_no_reconocido: the Aspirante sheet's scope cells that `con_aspirante` could
            not resolve (each one a file-level warning).
    """

    fecha_corte: date = field(default_factory=date.today)
    entidad: str | None = None
    distrito: int | None = None
    municipio: int | None = None
    catalogo: CatalogoSecciones | None = None
    quitar_acentos: bool = True
    ambito_no_reconocido: tuple[AmbitoNoReconocido, ...] = ()

    def __post_init__(self) -> None:
        # "7" and 7 mean "07" (raises the typed error of clave_estado for a non-entity).
        if self.entidad is not None:
            object.__setattr__(self, "entidad", clave_estado.validate(self.entidad))

    def con_aspirante(self, aspirante: dict[str, str]) -> Contexto:
        """Fill the scope left unset from the template's `Aspirante` sheet values.

        `aspirante` keys (values as text): entidad, the code ("07", "7") or the entity's name
        (`apoyo.identifiers.clave_estado.resolver`: "Oaxaca", "CDMX", "20 - Oaxaca");
        distrito, an integer; municipio, INE's integer code or the municipality's name,
        looked up in the catalogue's NOMBRE_MUNICIPIO (within the entity when known; exactly
        one municipality must bear it; a name found in one entity only gives that entity too).
        Explicit settings win: a cell whose part is already set is not read.

        A cell that cannot be resolved (found by a tester: ``Municipio = MUNI 0``, a name
        in the catalogue, and ``Entidad = Oaxaca`` were silently ignored, and rows outside
        the candidacy passed) leaves that part of the scope unset and is recorded in
        `ambito_no_reconocido`, once per cell (calling this again adds nothing new).

        Source: the template's hint for Municipio ("Clave del municipio según el INE … o su
        nombre"); INE's section catalogue (NOMBRE_MUNICIPIO); domain.md (entity codes).
        """
        cambios: dict[str, object] = {}
        avisos: list[AmbitoNoReconocido] = []
        entidad = self.entidad
        if entidad is None and (texto := aspirante.get("entidad", "").strip()):
            entidad = clave_estado.resolver(texto)
            if entidad is None:
                avisos.append(AmbitoNoReconocido(
                    "entidad", texto, "eso no es una clave de entidad de 01 a 32 ni el nombre "
                    "de una entidad", _COMO_ENTIDAD))
            else:
                cambios["entidad"] = entidad
        if self.distrito is None and (texto := aspirante.get("distrito", "").strip()):
            if (numero := _entero(texto)) is not None:
                cambios["distrito"] = numero
            else:
                avisos.append(AmbitoNoReconocido(
                    "distrito", texto, "eso no es un número de distrito", _COMO_DISTRITO))
        if self.municipio is None and (texto := aspirante.get("municipio", "").strip()):
            resuelto = self._municipio(texto, entidad)
            if isinstance(resuelto, AmbitoNoReconocido):
                avisos.append(resuelto)
            else:
                clave_entidad, cambios["municipio"] = resuelto
                if entidad is None and clave_entidad is not None:
                    cambios["entidad"] = clave_entidad
        nuevos = tuple(a for a in dict.fromkeys(avisos) if a not in self.ambito_no_reconocido)
        if nuevos:
            cambios["ambito_no_reconocido"] = (*self.ambito_no_reconocido, *nuevos)
        nuevo = replace(self, **cambios) if cambios else self
        return nuevo.con_entidad_del_ambito()

    def _municipio(self, texto: str, entidad: str | None
                   ) -> tuple[str | None, int] | AmbitoNoReconocido:
        """``(entity or None, INE code)`` for the Aspirante sheet's Municipio cell `texto`
        (an integer code, or a name of the catalogue, in entity `entidad` when known, also
        "102 - Tuxtla Gutiérrez" when code and name agree), or why it cannot be resolved."""
        if (numero := _entero(texto)) is not None:
            return None, numero
        catalogo = self.catalogo
        if catalogo is None:
            return AmbitoNoReconocido(
                "municipio", texto, "sin el catálogo de secciones no se puede saber qué "
                "municipio es", "Indique con --catalogo el catálogo de secciones del INE de la "
                "entidad de la candidatura (trae la clave y el nombre de cada municipio)")
        if not catalogo.tiene_nombres():
            return AmbitoNoReconocido(
                "municipio", texto, f"el catálogo de secciones «{catalogo.origen}» no trae los "
                "nombres de los municipios (columna NOMBRE_MUNICIPIO)", f"{_COMO_MUNICIPIO}, o "
                "indique con --catalogo el catálogo de secciones del INE completo, que trae "
                "los nombres")
        encontrados = catalogo.municipios_llamados(texto, entidad)
        if not encontrados and (partes := _codigo_y_nombre(texto)):
            numero, nombre = partes
            encontrados = [p for p in catalogo.municipios_llamados(nombre, entidad)
                           if p[1] == numero]
        if len(encontrados) == 1:
            return encontrados[0]
        if not encontrados:
            donde = f"de la entidad {entidad} " if entidad is not None else ""
            return AmbitoNoReconocido(
                "municipio", texto, f"ningún municipio {donde}del catálogo de secciones "
                f"«{catalogo.origen}» se llama así", f"{_COMO_MUNICIPIO} o su nombre como "
                "viene en el catálogo de secciones (revise que --catalogo sea el catálogo de "
                "la entidad de la candidatura)")
        cuales = ", ".join(f"el {m} de la entidad {e}" for e, m in encontrados)
        varias_entidades = len({e for e, _ in encontrados}) > 1
        return AmbitoNoReconocido(
            "municipio", texto, f"así se llaman varios municipios del catálogo de secciones "
            f"«{catalogo.origen}» ({cuales})",
            f"{_COMO_MUNICIPIO}, o la clave de la entidad en la celda «Entidad»"
            if varias_entidades else _COMO_MUNICIPIO)

    def con_entidad_del_ambito(self) -> Contexto:
        """With a district or municipality but no entity, the entity is the one of the
        catalogue where that scope is, when there is exactly one: a district is a district of
        one entity, so rows of another entity are outside the candidacy (found by a tester:
        ``--distrito 3`` with the catalogue of Aguascalientes let rows of Chiapas through,
        since the catalogue, not covering Chiapas, could not place them). Otherwise unchanged.

        Source: the INE section catalogue (ENTIDAD, DISTRITO, MUNICIPIO, SECCION).
        """
        if (self.entidad is not None or self.catalogo is None
                or (self.distrito is None and self.municipio is None)):
            return self
        cubiertas = [e for e in clave_estado.ENTIDADES if self.catalogo.cubre(e)]
        con_ambito = [e for e in cubiertas
                      if self.catalogo.tiene_ambito(e, self.distrito, self.municipio)]
        return replace(self, entidad=con_ambito[0]) if len(con_ambito) == 1 else self


def _entero(texto: str) -> int | None:
    """The integer written in `texto` with ASCII digits only ("03" -> 3), else None."""
    return int(texto) if texto.isascii() and texto.isdigit() else None


def _codigo_y_nombre(texto: str) -> tuple[int, str] | None:
    """``(102, "Tuxtla Gutiérrez")`` for "102 - Tuxtla Gutiérrez", "102-Tuxtla Gutiérrez" or
    "102 Tuxtla Gutiérrez"; None when `texto` is not a code followed by a name."""
    partes = re.fullmatch(r"([0-9]+)\s*[-–—.:]?\s*([^0-9\s].*)", texto)
    return (int(partes[1]), partes[2]) if partes else None
