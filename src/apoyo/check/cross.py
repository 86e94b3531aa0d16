"""Cross-field rules of one row: OCR or CIC present, clave vs names, OCR vs sección, scope."""

from __future__ import annotations

from apoyo.check.context import AmbitoNoReconocido, Contexto
from apoyo.errors import hallazgo
from apoyo.identifiers import clave_elector, ocr
from apoyo.identifiers.clave_estado import ENTIDADES
from apoyo.record import Hallazgo


def revisar_cruzadas(
    fila: int, textos: dict[str, str], validos: dict[str, bool], contexto: Contexto
) -> list[Hallazgo]:
    """Rules that need more than one field of the row.

    Args:
        fila: row number shown to the user.
        textos: normalised values by field (`revisar_campos`).
        validos: True for fields holding a non-empty valid value.
        contexto: cut-off date, the candidacy's entity/district/municipality, catalogue.

    Returns:
        Findings: ``sin-ocr-ni-cic`` (error, DERFE letter); ``sin-apellidos``,
        ``edad-inusual``, ``entidad-nacimiento-desconocida``, ``iniciales-no-coinciden``,
        ``ocr-seccion`` (warnings: Likely/Unknown rules); ``entidad-distinta``,
        ``seccion-inexistente``, ``seccion-fuera-de-ambito`` (errors, when the scope or the
        catalogue is given).
    """
    out: list[Hallazgo] = []
    if not textos["ocr"] and not textos["cic"]:
        out.append(hallazgo("sin-ocr-ni-cic", fila, "ocr", None))
    if not textos["apellido_paterno"] and not textos["apellido_materno"]:
        out.append(hallazgo("sin-apellidos", fila, "apellido_paterno", None))
    if validos["clave_elector"]:
        out.extend(_clave(fila, textos, validos, contexto))
    if validos["ocr"] and validos["seccion"]:
        prefijo = ocr.prefijo_seccion(textos["ocr"])
        if prefijo != int(textos["seccion"]):
            out.append(hallazgo("ocr-seccion", fila, "ocr", textos["ocr"],
                                prefijo=textos["ocr"][:4], seccion=textos["seccion"]))
    if validos["clave_estado"]:
        out.extend(_ambito(fila, textos, validos, contexto))
    return out


def _clave(fila: int, textos: dict[str, str], validos: dict[str, bool],
           contexto: Contexto) -> list[Hallazgo]:
    clave = textos["clave_elector"]
    out: list[Hallazgo] = []
    if not clave_elector.entidad_nacimiento_conocida(clave):
        out.append(hallazgo("entidad-nacimiento-desconocida", fila, "clave_elector", clave,
                            entidad=clave[12:14]))
    if clave_elector.edad_inusual(clave, contexto.fecha_corte):
        edades = " o ".join(map(str, clave_elector.edades(clave, contexto.fecha_corte)))
        out.append(hallazgo("edad-inusual", fila, "clave_elector", clave, edades=edades))
    nombres = ("apellido_paterno", "apellido_materno", "nombre")
    if all(validos[c] or not textos[c] for c in nombres) and textos["nombre"]:
        esperadas = clave_elector.iniciales(*(textos[c] for c in nombres))
        if esperadas != clave[:6]:
            out.append(hallazgo("iniciales-no-coinciden", fila, "clave_elector", clave,
                                letras=clave[:6], esperadas=esperadas))
    return out


def _ambito(fila: int, textos: dict[str, str], validos: dict[str, bool],
            contexto: Contexto) -> list[Hallazgo]:
    entidad = textos["clave_estado"]
    if contexto.entidad and entidad != contexto.entidad:
        esperada = f"{contexto.entidad} {ENTIDADES.get(contexto.entidad, '')}".strip()
        return [hallazgo("entidad-distinta", fila, "clave_estado", entidad, esperada=esperada)]
    catalogo = contexto.catalogo
    if not (validos["seccion"] and catalogo and catalogo.cubre(entidad)):
        return []
    seccion = int(textos["seccion"])
    ubicacion = catalogo.buscar(entidad, seccion)
    if ubicacion is None:
        return [hallazgo("seccion-inexistente", fila, "seccion", textos["seccion"],
                         entidad=entidad, catalogo=catalogo.origen)]
    if contexto.distrito is not None and ubicacion.distrito != contexto.distrito:
        return [hallazgo("seccion-fuera-de-ambito", fila, "seccion", textos["seccion"],
                         lugar=f"distrito {ubicacion.distrito}",
                         ambito=f"distrito {contexto.distrito}")]
    if contexto.municipio is not None and ubicacion.municipio != contexto.municipio:
        return [hallazgo("seccion-fuera-de-ambito", fila, "seccion", textos["seccion"],
                         lugar=f"municipio {ubicacion.municipio} "
                               f"({ubicacion.nombre_municipio})",
                         ambito=f"municipio {contexto.municipio}")]
    return []


#: Per scope cell of the Aspirante sheet: its label, and the scope as "del …" and "el …".
_PARTES = {"entidad": ("Entidad", "de la entidad", "la entidad"),
           "distrito": ("Distrito", "del distrito", "el distrito"),
           "municipio": ("Municipio", "del municipio", "el municipio")}


def hallazgos_del_ambito(contexto: Contexto) -> list[Hallazgo]:
    """File-level warnings about the candidacy's scope: a cell of the Aspirante sheet that
    could not be understood (``ambito-no-reconocido``, one per cell: that part of the scope
    goes unchecked; `Contexto.con_aspirante`); a district or municipality without a catalogue
    (``ambito-sin-catalogo``: no sección can be placed in it); then, with a catalogue and an
    entity, a catalogue that lacks the entity (``catalogo-sin-entidad``: the sections go
    unchecked), or has no section in the district or municipality asked for
    (``ambito-sin-secciones``: every section would be out of scope)."""
    out = [_no_reconocido(a) for a in contexto.ambito_no_reconocido]
    catalogo, entidad = contexto.catalogo, contexto.entidad
    distrito, municipio = contexto.distrito, contexto.municipio
    if catalogo is None and (distrito is not None or municipio is not None):
        # A district or municipality from the Aspirante sheet (the command line refuses one
        # without a catalogue): only the catalogue places a sección in it.
        partes = [f"del distrito {distrito}" if distrito is not None else "",
                  f"del municipio {municipio}" if municipio is not None else ""]
        return [*out, hallazgo("ambito-sin-catalogo", None, None,
                               ambito=" y ".join(p for p in partes if p))]
    if catalogo is None or entidad is None:
        return out
    if not catalogo.cubre(entidad):
        return [*out, hallazgo("catalogo-sin-entidad", None, None, catalogo=catalogo.origen,
                               entidad=entidad)]
    if (distrito is not None or municipio is not None) and not catalogo.tiene_ambito(
            entidad, distrito, municipio):
        partes = [f"del distrito {distrito}" if distrito is not None else "",
                  f"del municipio {municipio}" if municipio is not None else ""]
        return [*out, hallazgo("ambito-sin-secciones", None, None, catalogo=catalogo.origen,
                               entidad=entidad, ambito=" y ".join(p for p in partes if p))]
    return out


def _no_reconocido(ambito: AmbitoNoReconocido) -> Hallazgo:
    celda, del_ambito, el_ambito = _PARTES[ambito.parte]
    return hallazgo("ambito-no-reconocido", None, None, ambito.valor, celda=celda,
                    motivo=ambito.motivo, del_ambito=del_ambito,
                    correccion=ambito.correccion, ambito=el_ambito, opcion=ambito.parte)
