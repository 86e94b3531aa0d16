"""What a check needs besides the rows: cut-off date, the submission's scope, options."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from apoyo.catalog import CatalogoSecciones
from apoyo.identifiers import clave_estado


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
    """

    fecha_corte: date = field(default_factory=date.today)
    entidad: str | None = None
    distrito: int | None = None
    municipio: int | None = None
    catalogo: CatalogoSecciones | None = None
    quitar_acentos: bool = True

    def __post_init__(self) -> None:
        # "7" and 7 mean "07" (raises the typed error of clave_estado for a non-entity).
        if self.entidad is not None:
            object.__setattr__(self, "entidad", clave_estado.validate(self.entidad))

    def con_aspirante(self, aspirante: dict[str, str]) -> Contexto:
        """Fill the scope left unset from the template's `Aspirante` sheet values.

        `aspirante` keys: entidad ("07" or "7"), distrito, municipio (integers as text).
        Values that do not parse are ignored (the sheet is free text); explicit settings win.
        """
        cambios: dict[str, object] = {}
        if self.entidad is None and clave_estado.is_valid(aspirante.get("entidad", "")):
            cambios["entidad"] = clave_estado.validate(aspirante["entidad"])
        for clave in ("distrito", "municipio"):
            texto = aspirante.get(clave, "").strip()
            if getattr(self, clave) is None and texto.isdigit():
                cambios[clave] = int(texto)
        nuevo = replace(self, **cambios) if cambios else self
        return nuevo.con_entidad_del_ambito()

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
