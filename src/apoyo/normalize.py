"""Normalisation of raw cell values with an audit trail: every repair is recorded, never silent.

A raw value (str, float, int, bool, date, None) becomes the text DERFE expects. Each change is
a `Cambio` (field, before, after, reason code) that surfaces as a warning; a value that cannot
be repaired gives an error code instead (precision lost, a date or boolean in a text column).

Repairs (domain.md, "What breaks in real spreadsheets"):
- whitespace: NBSP and other Unicode spaces, tabs and line breaks become spaces, zero-width
  characters and soft hyphens are removed, runs collapse to one space, ends are stripped; in
  code fields (clave_estado, seccion, clave_elector, ocr, cic) every blank is removed;
- Unicode NFC, typographic apostrophes to ``'``; uppercase;
- accents removed in names (default; Ñ kept) to match INE's uppercase list;
- numbers Excel made of codes back to digit strings when lossless (up to 15 significant
  digits), with the leading zeros the field's fixed length implies (OCR 13, CIC 9, entity 2).

A text longer than an Excel cell holds (`MAXIMO_CARACTERES`) is not repaired: it is the error
``texto-demasiado-largo`` and its text is cut to that length.

>>> normalizar("ocr", 191693691046.0)
Normalizado(texto='0191693691046', cambios=(Cambio(campo='ocr', antes='191693691046', despues='0191693691046', motivo='numero-convertido'),), problema=None)
>>> normalizar("nombre", " raúl\\u00a0 ").texto
'RAUL'
>>> [c.motivo for c in normalizar("nombre", " raúl\\u00a0 ").cambios]
['espacios-corregidos', 'mayusculas-corregidas', 'acentos-quitados']
>>> normalizar("ocr", 1234567890123456.0).problema
('precision-perdida', {'digitos': 16})
>>> normalizar("apellido_materno", "IBAÑEZ").texto
'IBAÑEZ'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

#: Fields holding codes: blanks inside them are never meaningful.
CAMPOS_CODIGO = frozenset({"clave_estado", "seccion", "clave_elector", "ocr", "cic"})
#: Fields holding names.
CAMPOS_NOMBRE = frozenset({"nombre", "apellido_paterno", "apellido_materno"})
#: Fixed width of numeric codes: a number typed without its leading zeros gets them back.
ANCHO_FIJO = {"clave_estado": 2, "ocr": 13, "cic": 9}
#: Significant digits Excel keeps in a number (IEEE 754 double as Excel stores it).
DIGITOS_EXACTOS = 15
#: Most characters an Excel cell holds; a longer text (a CSV can carry one) is an error.
MAXIMO_CARACTERES = 32_767

_INVISIBLES = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_ESPACIOS = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_APOSTROFOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'"})
# Already-clean values skip every repair (the common case, at a million rows).
_LIMPIO_NOMBRE = re.compile(r"[A-Z\u00d1'.-]+(?: [A-Z\u00d1'.-]+)*")
_LIMPIO_CODIGO = re.compile(r"[0-9A-Z]+")


@dataclass(frozen=True, slots=True)
class Cambio:
    """One recorded repair: `motivo` is the catalogue code of the warning it becomes."""

    campo: str
    antes: str
    despues: str
    motivo: str


@dataclass(frozen=True, slots=True)
class Normalizado:
    """Outcome for one cell.

    Attributes:
        texto: the normalised text ("" for an empty cell).
        cambios: the repairs made, in order.
        problema: (error code, params) when the value could not be used as it was.
    """

    texto: str
    cambios: tuple[Cambio, ...] = ()
    problema: tuple[str, dict[str, Any]] | None = None


_VACIO = Normalizado("")


def _sin_acentos(texto: str) -> str:
    """Drop combining marks except the tilde of Ñ (per character: no sentinel that input could
    contain); blanks a dropped mark leaves at the ends or doubled are cleaned as well."""
    texto = "".join(
        c if c in "Ññ" else "".join(
            d for d in unicodedata.normalize("NFD", c) if not unicodedata.combining(d))
        for c in unicodedata.normalize("NFC", texto)
    )
    return unicodedata.normalize("NFC", _ESPACIOS.sub(" ", texto).strip())


def _numero(campo: str, valor: float | int) -> Normalizado:
    if isinstance(valor, float) and not valor.is_integer():
        return Normalizado(repr(valor), problema=("tipo-de-dato", {"tipo": "un número con decimales"}))
    try:
        digitos = str(abs(int(valor)))
    except ValueError:  # beyond sys.get_int_max_str_digits(): far too long anyway
        return Normalizado("", problema=("precision-perdida", {"digitos": "miles de"}))
    if len(digitos) > DIGITOS_EXACTOS:
        return Normalizado(digitos, problema=("precision-perdida", {"digitos": len(digitos)}))
    texto = ("-" if valor < 0 else "") + digitos.zfill(ANCHO_FIJO.get(campo, 0))
    antes = ("-" if valor < 0 else "") + digitos
    return Normalizado(texto, (Cambio(campo, antes, texto, "numero-convertido"),))


def _tipo(valor: object) -> str | None:
    if isinstance(valor, bool):
        return "un valor lógico (VERDADERO/FALSO)"
    if isinstance(valor, (datetime, date)):
        return "una fecha"
    if isinstance(valor, time):
        return "una hora"
    return None


def en_blanco(valor: object) -> bool:
    """True for a cell that normalises to nothing: None, or text of blanks and invisible
    characters only (a zero-width space alone is an empty cell too).

    >>> en_blanco(None), en_blanco(" \\u00a0\\t"), en_blanco("\\u200b"), en_blanco(0)
    (True, True, True, False)
    """
    return valor is None or (isinstance(valor, str) and not valor.translate(_INVISIBLES).strip())


def normalizar(campo: str, valor: object, quitar_acentos: bool = True) -> Normalizado:
    """Normalise one raw cell value of canonical field `campo`.

    Args:
        campo: a name in `apoyo.schema.CAMPOS`.
        valor: the raw value a reader returned (str, int, float, bool, date, time or None).
        quitar_acentos: strip accents from names (Ñ is always kept).

    Returns:
        `Normalizado`; never raises for any input value.
    """
    if valor is None:
        return _VACIO
    tipo = _tipo(valor)
    if tipo:
        return Normalizado(str(valor), problema=("tipo-de-dato", {"tipo": tipo}))
    if isinstance(valor, (int, float)):
        return _numero(campo, valor)
    texto = str(valor)
    if len(texto) > MAXIMO_CARACTERES:
        return Normalizado(texto[:MAXIMO_CARACTERES],
                           problema=("texto-demasiado-largo", {"longitud": f"{len(texto):,}"}))
    es_nombre = campo in CAMPOS_NOMBRE
    if (_LIMPIO_NOMBRE if es_nombre else _LIMPIO_CODIGO).fullmatch(texto):
        return Normalizado(texto)
    if es_nombre:  # names repeat (given names, surnames): each spelling is repaired once
        return _reparar_nombre(campo, texto, quitar_acentos)
    return _reparar(campo, texto, quitar_acentos)


def _reparar(campo: str, texto: str, quitar_acentos: bool) -> Normalizado:
    """The repairs of a text that is not already clean, each recorded."""
    cambios: list[Cambio] = []

    def paso(nuevo: str, motivo: str) -> None:
        nonlocal texto
        if nuevo != texto:
            cambios.append(Cambio(campo, texto, nuevo, motivo))
            texto = nuevo

    # Blanks first: removing an invisible character can join a letter and a combining accent,
    # which NFC must then see; upper() can leave text that is not NFC (e.g. "ΐ").
    espacios = _ESPACIOS.sub(" ", texto.translate(_INVISIBLES)).strip()
    paso(espacios.replace(" ", "") if campo in CAMPOS_CODIGO else espacios, "espacios-corregidos")
    paso(unicodedata.normalize("NFC", texto).translate(_APOSTROFOS), "caracteres-normalizados")
    paso(unicodedata.normalize("NFC", texto.upper()), "mayusculas-corregidas")
    if campo in CAMPOS_NOMBRE and quitar_acentos:
        paso(_sin_acentos(texto), "acentos-quitados")
    return Normalizado(texto, tuple(cambios))


#: `_reparar` for names, remembered for the last 65,536 spellings (immutable results).
_reparar_nombre = functools.lru_cache(maxsize=1 << 16)(_reparar)
