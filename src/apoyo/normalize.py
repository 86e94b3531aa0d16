"""Normalisation of raw cell values with an audit trail: every repair is recorded, never silent.

A raw value (str, float, int, bool, date, None) becomes the text DERFE expects. Each change is
a `Cambio` (field, before, after, reason code) that surfaces as a warning; a value that cannot
be repaired gives an error code instead (precision lost, a date or boolean in a text column).

Repairs (domain.md, "What breaks in real spreadsheets"):
- text read with the wrong encoding: UTF-8 read as Windows-1252 or Latin-1 ("PEÃ‘A") is read
  back as UTF-8 ("PEÑA") when the bytes prove it (`recodificar`);
- whitespace: NBSP and other Unicode spaces, tabs and line breaks become spaces, zero-width
  characters and soft hyphens are removed, runs collapse to one space, ends are stripped; in
  code fields (clave_estado, seccion, clave_elector, ocr, cic) every blank is removed;
- Unicode NFC, apostrophe look-alikes (typographic, modifier letter, saltillo...) to ``'``;
  uppercase;
- accents removed in names (default; Ñ kept) to match INE's uppercase list;
- numbers Excel made of codes back to digit strings when lossless (up to 15 significant
  digits), with the leading zeros the field's fixed length implies (OCR 13, CIC 9, entity 2);
- the same numbers when a text file carries them as text: in a numeric field (entity,
  sección, OCR, CIC) digits followed by a point and zeros only ("1006.0", how pandas writes a
  float) lose the point and zeros and get those leading zeros (``numero-convertido``); a single
  leading apostrophe before digits ("'0512345678901", Excel's text prefix leaked into a CSV) is
  removed (``formato-ajustado``). "1006.5" or "10.06" are never touched.

A name still holding «Ã» or «Â» once read back (`recodificar`) probably lost a letter to a
conversion between programs ("GARCÃA": the byte 0x8D of «Í» is undefined in Windows-1252 and
was dropped, so nothing can read it back). The accent removal still applies, but the result
carries the warning ``texto-posiblemente-danado`` (`Normalizado.aviso`), so the change is
never silent.

A text longer than an Excel cell holds (`MAXIMO_CARACTERES`) is not repaired: it is the error
``texto-demasiado-largo`` and its text is cut to that length. So is a text of exactly that
length ending in "…": such a text as the marked copy shows it, cut.

>>> normalizar("ocr", 191693691046.0)
Normalizado(texto='0191693691046', cambios=(Cambio(campo='ocr', antes='191693691046', despues='0191693691046', motivo='numero-convertido'),), problema=None, aviso=None)
>>> [(c.antes, c.despues, c.motivo) for c in normalizar("seccion", "1006.0").cambios]
[('1006.0', '1006', 'numero-convertido')]
>>> normalizar("apellido_paterno", "GARCÃA").texto, normalizar("apellido_paterno", "GARCÃA").aviso
('GARCAA', 'texto-posiblemente-danado')
>>> normalizar("nombre", " raúl\\u00a0 ").texto
'RAUL'
>>> [c.motivo for c in normalizar("nombre", " raúl\\u00a0 ").cambios]
['espacios-corregidos', 'mayusculas-corregidas', 'acentos-quitados']
>>> normalizar("ocr", 1234567890123456.0).problema
('precision-perdida', {'digitos': 16})
>>> normalizar("apellido_materno", "IBAÑEZ").texto
'IBAÑEZ'
>>> normalizar("apellido_paterno", "PEÃ‘A").cambios[0].motivo
'texto-recodificado'
>>> normalizar("apellido_paterno", "PEÃ‘A").texto
'PEÑA'
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
#: Code fields made of digits only (the CIC column may also hold an MRZ line, never digits only
#: with a point or an apostrophe): the ones Excel and other programs turn into numbers.
CAMPOS_NUMERICOS = frozenset({"clave_estado", "seccion", "ocr", "cic"})
#: Fixed width of numeric codes: a number typed without its leading zeros gets them back.
ANCHO_FIJO = {"clave_estado": 2, "ocr": 13, "cic": 9}
#: Significant digits Excel keeps in a number (IEEE 754 double as Excel stores it).
DIGITOS_EXACTOS = 15
#: Most characters an Excel cell holds; a longer text (a CSV can carry one) is an error.
MAXIMO_CARACTERES = 32_767
#: How the marked copy ends a text it cut to `MAXIMO_CARACTERES` (`apoyo.mark.xlsx_rapido`).
_RECORTE = "…"

_INVISIBLES = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_ESPACIOS = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
#: Characters typed for the apostrophe of O'HARA or of indigenous names (KʼULUB): nothing else
#: they can mean in a name, and the lista nominal writes ``'``. Typographic quotes ’ ‘ (Word's
#: autocorrect) and the accents ´ ` typed in their place; U+02BC MODIFIER LETTER APOSTROPHE
#: (Unicode's apostrophe for the glottal stop of Mayan orthographies) and U+02BB, the same
#: shape as ‘; the saltillo U+A78B/U+A78C, encoded for orthographies of Mexico; U+FF07
#: FULLWIDTH APOSTROPHE (NFKC: ``'``); the primes U+2032 and U+02B9, an apostrophe's shape in
#: many fonts and keyboards.
_APOSTROFOS = str.maketrans(dict.fromkeys(
    "\u2019\u2018\u00b4`\u02bc\u02bb\ua78b\ua78c\uff07\u2032\u02b9", "'"))
# UTF-8 read as Windows-1252 turns each byte 0x80-0xFF into a character: the Latin-1 one of the
# same value, but for 27 bytes of 0x80-0x9F (‘ ’ € ™...; the other five, undefined, are read as
# Latin-1). `_DE_1252` takes those 27 back to the Latin-1 character of their byte; `_TRAMO_1252`
# finds runs of such characters.
_DE_1252 = {ord(c): chr(b) for b in range(0x80, 0x100)
            if len(c := bytes([b]).decode("cp1252", "ignore")) == 1 and ord(c) > 0xFF}
_TRAMO_1252 = re.compile("[\x80-\xff" + re.escape("".join(map(chr, _DE_1252))) + "]{2,}")
# What a run may be read back to: Latin-1 letters and signs, combining accents U+0300-U+033F
# (as macOS writes them), general punctuation (’ “ ”, special spaces, zero-width characters),
# the BOM, the apostrophe look-alikes. Their UTF-8 bytes read as Windows-1252 are Â, Ã, Ì, Ê, â,
# ê or ï followed by signs (by "ž" and a sign for the saltillo), which no Spanish name has; a
# name read back by chance gives other characters ("É" and a no-break space: "ɠ").
_RELEIBLE = re.compile("[\u00a0-\u00ff\u0300-\u033f\u2000-\u206f\ufeff"
                       + "".join(chr(c) for c in _APOSTROFOS if c > 0xFF) + "]+")
# A number written as text by a program that had it as a float: digits, a point, zeros only
# (ASCII digits: [0-9], not \d). With an apostrophe before it: Excel's text prefix, leaked.
_ENTERO_CON_PUNTO = re.compile(r"([0-9]+)\.0+")
_NUMERO_EN_TEXTO = re.compile(r"[0-9]+(?:\.0+)?")
#: What may follow a leading apostrophe in a clave de elector for it to be Excel's text prefix.
_CLAVE_EN_TEXTO = re.compile(r"[A-Z0-9]+")
# What UTF-8 read as Windows-1252 leaves of a two-byte letter whose second byte was dropped:
# «Ã» (C3) of Á Í Ï Ð Ý (C3 81, 8D, 8F, 90, 9D: undefined in Windows-1252), «Â» (C2) of the
# characters U+0080-U+00BF. No Spanish name has them; a Portuguese one (JOÃO) gets a warning
# only.
_DANADO = re.compile("[\u00c3\u00c2]")
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
        aviso: the catalogue code of a warning about the value that is not a repair:
            ``texto-posiblemente-danado`` for a name holding «Ã» or «Â» (see the module).
    """

    texto: str
    cambios: tuple[Cambio, ...] = ()
    problema: tuple[str, dict[str, Any]] | None = None
    aviso: str | None = None


_VACIO = Normalizado("")


#: Latin letters that are not a base letter plus a combining mark (NFD leaves them whole), as
#: the plain letters they are written with where the alphabet lacks them (ØSTERGAARD ->
#: OSTERGAARD, Ł -> L, Æ -> AE); ß upper-cases to SS already.
_SIN_DESCOMPOSICION = str.maketrans({
    "Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
    "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "ı": "i", "Æ": "AE", "æ": "ae", "Œ": "OE",
    "œ": "oe", "Þ": "TH", "þ": "th",
})


#: A Latin diacritic: the block Combining Diacritical Marks.
_ACENTO_LATINO = re.compile("[\u0300-\u036f]")


def _sin_acentos(texto: str) -> str:
    """Drop the Latin diacritics (the combining marks U+0300-U+036F) except the tilde of Ñ (per
    character: no sentinel that input could contain), and write the Latin letters without a combining mark in plain letters
    (`_SIN_DESCOMPOSICION`); blanks a dropped mark leaves at the ends or doubled are cleaned as
    well. Other combining marks (a Hebrew or Arabic sign, as a byte pair of another encoding
    read as UTF-8 can give) stay, and the name check rejects them: dropping them would hide
    the damage.

    >>> _sin_acentos("JOSÉ PEÑA"), _sin_acentos("\u05a5GUEZ"), _sin_acentos("ǼRØ")
    ('JOSE PEÑA', '\u05a5GUEZ', 'AERO')
    """
    texto = "".join(
        c if c in "Ññ" else "".join(
            d for d in unicodedata.normalize("NFD", c) if not _ACENTO_LATINO.fullmatch(d))
        for c in unicodedata.normalize("NFC", texto)
    )
    # After the marks are dropped: «Ǽ» is Æ with an accent, and becomes AE too.
    texto = texto.translate(_SIN_DESCOMPOSICION)
    return unicodedata.normalize("NFC", _ESPACIOS.sub(" ", texto).strip())


def _releer(tramo: re.Match[str]) -> str:
    """A run of `_TRAMO_1252` read back as UTF-8 when its bytes are valid UTF-8 (RFC 3629) of
    characters `_RELEIBLE` allows, else as it is."""
    texto = tramo.group()
    try:
        leido = texto.translate(_DE_1252).encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return texto
    return leido if _RELEIBLE.fullmatch(leido) else texto


def _visible(texto: str) -> bool:
    """Some character of `texto` survives the other repairs (not blank, invisible or a combining
    mark): reading a text back never leaves blank a cell `en_blanco` calls not blank."""
    return any(not (c.isspace() or ord(c) in _INVISIBLES or unicodedata.combining(c))
               for c in texto)


def recodificar(texto: str) -> str:
    """`texto` with the UTF-8 that was read as Windows-1252 or Latin-1 read back: the mojibake
    of Excel opening a UTF-8 CSV as "ANSI" ("PEÃ‘A", "JOSÃ‰", "GARCÃ\\x8dA" -> "PEÑA", "JOSÉ",
    "GARCÍA"), also when read so twice. Verified by computation: a run changes only when its
    bytes decode as UTF-8 (`_releer`); a result left with nothing visible is not taken.

    >>> recodificar("MUÃ‘OZ"), recodificar("MUÑOZ"), recodificar("JOÃO"), recodificar("AÌŽ")
    ('MUÑOZ', 'MUÑOZ', 'JOÃO', 'AÌŽ')
    """
    leido = texto
    while (otro := _TRAMO_1252.sub(_releer, leido)) != leido:  # each pass shortens the text
        leido = otro
    if leido == texto:
        return texto
    # Decomposed UTF-8 ("E" + U+0301, as macOS writes) composes into a letter; a mark left
    # alone ("AÌŽ" would give "A" + U+030E) means the bytes were not UTF-8 text after all.
    if any(map(unicodedata.combining, unicodedata.normalize("NFC", leido))):
        return texto
    return leido if _visible(leido) else texto


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
    if len(texto) == MAXIMO_CARACTERES and texto[-1] == _RECORTE:
        # Such a text as the marked copy shows it, cut: checking the copy again finds the same.
        return Normalizado(texto, problema=("texto-demasiado-largo",
                                            {"longitud": f"más de {MAXIMO_CARACTERES:,}"}))
    es_nombre = campo in CAMPOS_NOMBRE
    if (_LIMPIO_NOMBRE if es_nombre else _LIMPIO_CODIGO).fullmatch(texto):
        return Normalizado(texto)
    if es_nombre:  # names repeat (given names, surnames): each spelling is repaired once
        return _reparar_nombre(campo, texto, quitar_acentos)
    return _reparar(campo, texto, quitar_acentos)


#: Most passes of the repairs (`_reparar`); two suffice for every text found so far.
_VUELTAS = 4


def _reparar(campo: str, texto: str, quitar_acentos: bool) -> Normalizado:
    """The repairs of a text that is not already clean, each recorded."""
    cambios: list[Cambio] = []

    def paso(nuevo: str, motivo: str) -> None:
        nonlocal texto
        if nuevo != texto:
            cambios.append(Cambio(campo, texto, nuevo, motivo))
            texto = nuevo

    # The encoding first: the other repairs would change the characters it reads back (a soft
    # hyphen, a no-break space, "š" upper-cased). Blanks next: removing an invisible character
    # can join a letter and a combining accent, which NFC must then see; upper() can leave text
    # that is not NFC (e.g. "ΐ"). The repairs can make new text to read back (upper-casing
    # "ã‰") or to repair (upper-casing "ŉ" gives "ʼN", whose apostrophe is normalised): they
    # run again until a pass changes nothing (at most `_VUELTAS`), so that the result is stable.
    # A name is looked at for «Ã»/«Â» once read back and upper-cased, before its accents go
    # (they would take the evidence away), in the last pass (an earlier pass may still be read
    # back by the next one).
    danado = False
    releido = recodificar(texto)
    for vuelta in range(_VUELTAS):
        hechos = len(cambios)
        paso(releido, "texto-recodificado")
        espacios = _ESPACIOS.sub(" ", texto.translate(_INVISIBLES)).strip()
        paso(espacios.replace(" ", "") if campo in CAMPOS_CODIGO else espacios,
             "espacios-corregidos")
        paso(unicodedata.normalize("NFC", texto).translate(_APOSTROFOS), "caracteres-normalizados")
        paso(unicodedata.normalize("NFC", texto.upper()), "mayusculas-corregidas")
        if campo in CAMPOS_NOMBRE:
            if len(cambios) > hechos or not vuelta:  # a pass that changes nothing keeps it
                danado = _DANADO.search(texto) is not None
            if quitar_acentos:
                paso(_sin_acentos(texto), "acentos-quitados")
        elif campo == "clave_elector":
            # Excel's text prefix typed or pasted into a CSV, as for the numeric codes.
            if texto[:1] == "'" and _CLAVE_EN_TEXTO.fullmatch(texto, 1):
                paso(texto[1:], "formato-ajustado")
        elif campo in CAMPOS_NUMERICOS:
            if texto[:1] == "'" and _NUMERO_EN_TEXTO.fullmatch(texto, 1):
                paso(texto[1:], "formato-ajustado")
            if entero := _ENTERO_CON_PUNTO.fullmatch(texto):
                paso(entero[1].zfill(ANCHO_FIJO.get(campo, 0)), "numero-convertido")
        releido = recodificar(texto)
        if releido == texto and len(cambios) == hechos:
            break
    return Normalizado(texto, tuple(cambios),
                       aviso="texto-posiblemente-danado" if danado else None)


#: `_reparar` for names, remembered for the last 65,536 spellings (immutable results).
_reparar_nombre = functools.lru_cache(maxsize=1 << 16)(_reparar)
