"""Per-field rules: normalise each of the eight values, then validate it with its identifier.

Every repair becomes a warning (its `Cambio`), every fault a finding from the catalogue.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from apoyo.check.context import Contexto
from apoyo.errors import hallazgo
from apoyo.identifiers import cic, clave_elector, clave_estado, ocr, seccion
from apoyo.identifiers._errors import ValidationError
from apoyo.normalize import Normalizado, normalizar
from apoyo.record import Hallazgo
from apoyo.schema import CAMPOS

_OBLIGATORIOS = frozenset({"clave_estado", "seccion", "nombre", "clave_elector"})
_VALIDADORES = {
    "clave_estado": clave_estado.validate,
    "seccion": seccion.validate,
    "clave_elector": clave_elector.validate,
    "ocr": ocr.validate,
    "cic": cic.validate,
}
#: Uppercase Latin letters with diacritics or of other Latin alphabets, kept when accents are
#: kept (``--conservar-acentos``): the characters of general category Lu (uppercase letter) of
#: the blocks Latin-1 Supplement (U+00C0-U+00FF: Á Ç È Ñ Ö Ø...; not × U+00D7, a sign),
#: Latin Extended-A (U+0100-U+017F: Č Ł Ő Š Ž...), Latin Extended-B (U+0180-U+024F: Ș Ț Ơ
#: Ư...) and Latin Extended Additional (U+1E00-U+1EFF: Vietnamese Ễ, Welsh Ẁ...). Names are
#: upper-cased first, so lowercase letters never reach the check.
LETRAS_LATINAS = "".join(
    chr(c) for bloque in (range(0x00C0, 0x0250), range(0x1E00, 0x1F00)) for c in bloque
    if unicodedata.category(chr(c)) == "Lu")
_NOMBRE_SIN_ACENTOS = re.compile(r"[A-ZÑ'. -]")
_NOMBRE_CON_ACENTOS = re.compile("[A-Z'. " + LETRAS_LATINAS + "-]")


def mostrar(valor: object) -> str:
    """How a raw value is shown in findings: integral numbers without ``.0``."""
    try:
        if isinstance(valor, float) and valor.is_integer():
            return str(int(valor))
        return str(valor)
    except ValueError:  # an int beyond sys.get_int_max_str_digits()
        return "(número de miles de cifras)"


def _caracteres(texto: str) -> str:
    """The distinct characters of `texto` as a reader sees them: «x», or for one that does not
    show (a control character, an invisible format mark), that it is invisible and its code."""
    vistos = dict.fromkeys(texto)
    return ", ".join(f"«{c}»" if c.isprintable() else f"un carácter invisible (U+{ord(c):04X})"
                     for c in vistos)


def _nombre(campo: str, fila: int, texto: str, valor: str, contexto: Contexto) -> list[Hallazgo]:
    permitido = _NOMBRE_SIN_ACENTOS if contexto.quitar_acentos else _NOMBRE_CON_ACENTOS
    malos = permitido.sub("", texto)
    if malos:
        return [hallazgo("nombre-invalido", fila, campo, valor, caracteres=_caracteres(malos))]
    if not any(c.isalpha() for c in texto):
        return [hallazgo("nombre-invalido", fila, campo, valor, caracteres="ninguna letra")]
    if not texto[0].isalpha():  # "-X" is a formula to Excel, "'X" hides its apostrophe
        return [hallazgo("nombre-invalido", fila, campo, valor,
                         caracteres=f"«{texto[0]}» al principio")]
    return []


def avisos_de_cambios(fila: int, campo: str, antes: str | None,
                      norm: Normalizado) -> list[Hallazgo]:
    """The warnings of one cell's normalisation: its `Normalizado.aviso` (a name that looks
    damaged) first, then one per repair (`Normalizado.cambios`); `antes` is the raw value as
    `mostrar` shows it. The message quotes the final value: what the export will carry."""
    avisos = [hallazgo(norm.aviso, fila, campo, antes, despues=norm.texto)] if norm.aviso else []
    return avisos + [hallazgo(cambio.motivo, fila, campo, antes, despues=norm.texto)
                     for cambio in norm.cambios]


#: A cell's normalisation as `revisar_reparada` needs it: the text, whether the value cannot
#: be used, and its warnings as ``(code, value shown, final text)``.
Reparacion = tuple[str, bool, tuple[tuple[str, str | None, str], ...]]
#: Cells whose `Reparacion` a cache given to `revisar_reparada` keeps (memory stays bounded).
MAX_REPARACIONES = 200_000
#: The fields whose values repeat from row to row (names, entity, sección), the ones cached;
#: an identifier is one person's.
_REPETIDOS = frozenset(CAMPOS[:5])


def _reparacion(campo: str, valor: Any, quitar_acentos: bool) -> Reparacion:
    norm = normalizar(campo, valor, quitar_acentos)
    antes = None if valor is None else mostrar(valor)
    avisos = ((norm.aviso,) if norm.aviso else ()) + tuple(c.motivo for c in norm.cambios)
    return norm.texto, bool(norm.problema), tuple((a, antes, norm.texto) for a in avisos)


def revisar_reparada(fila: int, valores: Sequence[Any], contexto: Contexto,
                     limpia: Callable[[Sequence[Any]], tuple[str, ...] | None],
                     cache: dict[tuple[Any, ...], Reparacion] | None = None,
                     ) -> tuple[tuple[str, ...], list[Hallazgo]] | None:
    """A row whose only faults are repairs (case, accents, blanks, numbers Excel made of codes):
    its eight normalised texts and the repairs' warnings (with `Normalizado.aviso`'s), else
    None.

    Such a row is decided without the identifier and cross-field rules: once normalised, the
    fast path (`limpia`, from `apoyo.check.fast.comprobador`) accepts its texts, so those rules
    find nothing in them, and `revisar_campos` would give exactly these warnings (a test
    compares both on random rows). Duplicates are left to the caller. A row with nothing to
    repair, or with a value that cannot be used (`Normalizado.problema`), gives None.

    `cache` (one per pass and context): each name, entity and sección cell's normalisation by
    field and value, so that the same repair (a given name typed in lower case, a sección Excel made a number) on
    thousands of rows is worked out once: about 3 times faster on such a file.
    """
    textos: list[str] = []
    hallazgos: list[Hallazgo] = []
    quitar = contexto.quitar_acentos
    for campo, valor in zip(CAMPOS, valores):
        if cache is None or campo not in _REPETIDOS:
            reparacion = _reparacion(campo, valor, quitar)
        else:
            # The type too: 1, 1.0 and True are equal keys but different cells.
            clave = (campo, valor.__class__, valor)
            try:
                reparacion = cache.get(clave)
            except TypeError:  # an unhashable value (no reader gives one)
                clave, reparacion = None, None
            if reparacion is None:
                reparacion = _reparacion(campo, valor, quitar)
                if clave is not None and len(cache) < MAX_REPARACIONES:
                    cache[clave] = reparacion
        texto, problema, avisos = reparacion
        if problema:
            return None
        for codigo, antes, despues in avisos:
            hallazgos.append(hallazgo(codigo, fila, campo, antes, despues=despues))
        textos.append(texto)
    if not hallazgos:
        return None
    limpios = limpia(textos)
    return None if limpios is None else (limpios, hallazgos)


def revisar_campos(
    fila: int, valores: Sequence[Any], contexto: Contexto
) -> tuple[dict[str, str], dict[str, bool], list[Hallazgo]]:
    """Normalise and validate the eight raw values of one row, each on its own.

    Args:
        fila: row number shown to the user.
        valores: the eight raw values in `CAMPOS` order.
        contexto: options (accent stripping).

    Returns:
        (texts by field, validity by field — True only for a non-empty valid value —, findings).
    """
    textos: dict[str, str] = {}
    validos: dict[str, bool] = {}
    hallazgos: list[Hallazgo] = []
    mrz: tuple[str, str] | None = None
    for campo, valor in zip(CAMPOS, valores):
        norm = normalizar(campo, valor, contexto.quitar_acentos)
        antes = None if valor is None else mostrar(valor)
        if norm.cambios or norm.aviso:
            hallazgos += avisos_de_cambios(fila, campo, antes, norm)
        texto = norm.texto
        validos[campo] = False
        if norm.problema:
            codigo, params = norm.problema
            hallazgos.append(hallazgo(codigo, fila, campo, antes, **params))
        elif not texto:
            if campo in _OBLIGATORIOS:
                hallazgos.append(hallazgo("campo-obligatorio", fila, campo, None))
        elif campo in _VALIDADORES:
            if campo == "cic":
                mrz = cic.parse_mrz(texto)
            elif campo == "ocr" and (con_cero := ocr.sin_cero_inicial(texto, textos["seccion"])):
                hallazgos.append(hallazgo("formato-ajustado", fila, campo, texto,
                                          despues=con_cero))
                texto = con_cero
            texto, nuevos = _identificador(campo, fila, texto, antes or "")
            hallazgos.extend(nuevos)
            validos[campo] = not any(h.severidad == "error" for h in nuevos)
        else:
            nuevos = _nombre(campo, fila, texto, antes or "", contexto)
            hallazgos.extend(nuevos)
            validos[campo] = not nuevos
        textos[campo] = texto
    if not textos["ocr"] and mrz:  # a recognised MRZ line in the CIC column carries the OCR
        textos["ocr"], validos["ocr"] = mrz[1], True
    return textos, validos, hallazgos


def _identificador(campo: str, fila: int, texto: str, antes: str) -> tuple[str, list[Hallazgo]]:
    hallazgos: list[Hallazgo] = []
    if campo == "cic" and (mrz := cic.parse_mrz(texto)):
        hallazgos.append(hallazgo("mrz-reconocida", fila, campo, antes, cic=mrz[0], ocr=mrz[1]))
        return mrz[0], hallazgos
    try:
        canonico = _VALIDADORES[campo](texto)
    except ValidationError as exc:
        return texto, [hallazgo(exc.codigo, fila, campo, texto, **exc.params)]
    if canonico != texto:
        codigo = "cic-con-digito" if campo == "cic" else "formato-ajustado"
        hallazgos.append(hallazgo(codigo, fila, campo, texto, despues=canonico))
    return canonico, hallazgos
