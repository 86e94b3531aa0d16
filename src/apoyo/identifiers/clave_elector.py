"""Clave de elector: the 18-character key printed on the front of the credencial para votar.

Structure (domain.md; learn.sayari.com; INE agreement of 27 Feb 2023 for ``X``):

====== ========================================================================
1-6    letters from the name: first letter + first internal consonant of the
       apellido paterno, then of the apellido materno, then of the nombre
7-12   birth date YYMMDD (a real date; the century is not written)
13-14  entity of birth 01-32 (other codes, e.g. born abroad: Unknown, a warning)
15     sex: H, M, or X (non-binary records since 2023)
16-18  three digits with no public algorithm: never checksummed
====== ========================================================================

>>> validate("RMLPIR44091707M120")
'RMLPIR44091707M120'
>>> p = parse("RMLPIR44091707M120", fecha_corte=date(2026, 11, 29))
>>> p.letras, p.nacimiento, p.entidad_nacimiento, p.sexo
('RMLPIR', datetime.date(1944, 9, 17), '07', 'M')
>>> validate("GMMRJN50132107H192")
Traceback (most recent call last):
    ...
apoyo.identifiers._errors.InvalidComponent: clave-elector-fecha
>>> edades("XXXXXX10010107H123", fecha_corte=date(2026, 11, 29))
[116, 16]
>>> iniciales("de la Cruz", "Núñez", "María José")
'CRNXJS'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from apoyo.identifiers._errors import InvalidComponent, InvalidFormat, InvalidLength

LONGITUD = 18
EDAD_MINIMA = 18
EDAD_MAXIMA_USUAL = 99  # domain.md: a minor or a centenarian (100+) is unusual
_PATRON = re.compile(r"[A-Z]{6}[0-9]{6}[0-9]{2}[HMX][0-9]{3}")
_PARTES = (
    (0, 6, re.compile(r"[A-Z]{6}"), "los caracteres 1 a 6 deben ser letras"),
    (6, 12, re.compile(r"[0-9]{6}"), "los caracteres 7 a 12 deben ser la fecha de nacimiento "
                                     "en 6 dígitos"),
    (12, 14, re.compile(r"[0-9]{2}"), "los caracteres 13 y 14 deben ser dígitos (entidad de "
                                      "nacimiento)"),
    (14, 15, re.compile(r"[HMX]"), "el carácter 15 debe ser H, M o X (sexo)"),
    (15, 18, re.compile(r"[0-9]{3}"), "los caracteres 16 a 18 deben ser dígitos"),
)
_ENTIDADES = {f"{n:02d}" for n in range(1, 33)}


@dataclass(frozen=True)
class ClaveElector:
    """The parts of a valid clave.

    Attributes:
        letras: characters 1-6.
        nacimiento: the most plausible birth date: of the readings 19YY and 20YY not in the
            future of the cut-off date, the one giving an age of 18-99 (at most one can),
            else the older one.
        entidad_nacimiento: characters 13-14 ("01"-"32", or another code).
        sexo: "H", "M" or "X".
        homonimia: characters 16-18.
    """

    letras: str
    nacimiento: date
    entidad_nacimiento: str
    sexo: str
    homonimia: str


def compact(value: str) -> str:
    """Remove blanks and hyphens; uppercase."""
    return "".join(str(value).split()).replace("-", "").upper()


def _lecturas(yymmdd: str) -> list[date]:
    """Real dates that YYMMDD can be, 19YY first."""
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    out = []
    for siglo in (1900, 2000):
        try:
            out.append(date(siglo + yy, mm, dd))
        except ValueError:
            pass
    return out


def _edad(nacimiento: date, corte: date) -> int:
    return corte.year - nacimiento.year - ((corte.month, corte.day) < (nacimiento.month,
                                                                        nacimiento.day))


def validate(value: str) -> str:
    """Return the compact clave or raise:

    - `InvalidLength` (``clave-elector-longitud``, with ``longitud``): not 18 characters;
    - `InvalidFormat` (``clave-elector-formato``, with ``detalle``): a part has wrong characters;
    - `InvalidComponent` (``clave-elector-fecha``, with ``fecha``): characters 7-12 are not a
      real date in either century (30 Feb, month 00 or 13, 29 Feb of a non-leap year).
    """
    text = compact(value)
    if len(text) != LONGITUD:
        raise InvalidLength("clave-elector-longitud", longitud=len(text))
    if not (text.isascii() and _PATRON.fullmatch(text)):
        for inicio, fin, patron, detalle in _PARTES:
            if not (text[inicio:fin].isascii() and patron.fullmatch(text[inicio:fin])):
                if inicio == 0 and "Ñ" in text[:6]:
                    detalle += " (la Ñ se escribe X en la clave)"
                raise InvalidFormat("clave-elector-formato", detalle=detalle)
    if not _lecturas(text[6:12]):
        yymmdd = text[6:12]
        raise InvalidComponent(
            "clave-elector-fecha", fecha=f"{yymmdd[4:]}/{yymmdd[2:4]}/{yymmdd[:2]} (DD/MM/AA)"
        )
    return text


def is_valid(value: str) -> bool:
    """True when `validate` would succeed."""
    try:
        validate(value)
    except ValueError:
        return False
    return True


def edades(value: str, fecha_corte: date) -> list[int]:
    """Ages at `fecha_corte` for each real birth-date reading not in its future, oldest first.

    Raises like `validate`.
    """
    text = validate(value)
    return [_edad(d, fecha_corte) for d in _lecturas(text[6:12]) if d <= fecha_corte]


def edad_inusual(value: str, fecha_corte: date) -> bool:
    """True when no reading gives an age from 18 to 99 (e.g. either 16 or 116 years old).

    A warning only: the clave carries no century (domain.md). Raises like `validate`.
    """
    return not any(EDAD_MINIMA <= e <= EDAD_MAXIMA_USUAL for e in edades(value, fecha_corte))


def parse(value: str, fecha_corte: date) -> ClaveElector:
    """Split a valid clave into its parts (see `ClaveElector`); raises like `validate`."""
    text = validate(value)
    lecturas = [d for d in _lecturas(text[6:12]) if d <= fecha_corte] or _lecturas(text[6:12])
    plausibles = [
        d for d in lecturas if EDAD_MINIMA <= _edad(d, fecha_corte) <= EDAD_MAXIMA_USUAL
    ]
    return ClaveElector(
        letras=text[:6],
        nacimiento=(plausibles or lecturas)[0],
        entidad_nacimiento=text[12:14],
        sexo=text[14],
        homonimia=text[15:],
    )


def entidad_nacimiento_conocida(value: str) -> bool:
    """True when characters 13-14 are an entity code 01-32. Raises like `validate`."""
    return validate(value)[12:14] in _ENTIDADES


# ---- name initials (CURP conventions, Likely for the clave: a mismatch is only a warning) ------

_PARTICULAS = frozenset("DA DAS DE DEL DER DI DIE DD EL LA LAS LE LES LOS MAC MC VAN VON Y".split())
_NOMBRES_COMUNES = frozenset("MARIA MA MA. JOSE J J.".split())
_VOCALES = frozenset("AEIOU")


def _plano(texto: str) -> str:
    """Uppercase, accents removed, Ñ kept, only letters, spaces and dots."""
    texto = unicodedata.normalize("NFC", texto.upper()).replace("Ñ", "\0")
    texto = "".join(c for c in unicodedata.normalize("NFD", texto) if not unicodedata.combining(c))
    return re.sub(r"[^A-Z\0. ]+", " ", texto).replace("\0", "Ñ")


def _palabra_util(texto: str, es_nombre: bool) -> str:
    palabras = [p for p in _plano(texto).split() if p not in _PARTICULAS]
    if es_nombre and len(palabras) > 1 and palabras[0] in _NOMBRES_COMUNES:
        palabras = palabras[1:]
    return palabras[0].replace(".", "") if palabras else ""


def _dos_letras(texto: str, es_nombre: bool = False) -> str:
    palabra = _palabra_util(texto, es_nombre)
    if not palabra:
        return "XX"
    primera = palabra[0]
    consonante = next((c for c in palabra[1:] if c not in _VOCALES), "X")
    return (primera + consonante).replace("Ñ", "X")


def iniciales(apellido_paterno: str, apellido_materno: str, nombre: str) -> str:
    """The six letters a clave is expected to start with, from the name columns.

    First letter and first internal consonant of each of apellido paterno, apellido materno
    and nombre; accents ignored; Ñ counts as X; particles (DE, DEL, LA, LAS, LOS, Y, MC, MAC,
    VAN, VON...) skipped; MARIA/MA./JOSE/J. skipped in compound given names; a missing part
    gives XX. Conventions borrowed from CURP (domain.md: Likely), so compare as a warning.
    """
    return (
        _dos_letras(apellido_paterno)
        + _dos_letras(apellido_materno)
        + _dos_letras(nombre, es_nombre=True)
    )
