"""Fast path for the common case: a row that is already clean and valid.

One compiled regular expression checks the shape of all eight fields at once (the raw values
joined by ``\\x1f``, a character no field pattern accepts); the birth date and the name initials
are looked up in plain dictionaries filled on first use. A row that passes gets no finding from
the per-field and cross-field rules, exactly as the full rules would decide (a test compares both
paths); anything else — numbers, blanks to repair, any doubt — takes the full path in
`apoyo.check.field` and `apoyo.check.cross`. Duplicates are always checked (`apoyo.check`).

Cost: about 2 µs per clean row (join, one ``fullmatch``, two dictionary look-ups); the name
patterns use possessive quantifiers so that a name is never re-scanned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any, NamedTuple

from apoyo.check.context import Contexto
from apoyo.check.duplicates import ARCHIVOS, Tabla
from apoyo.identifiers import clave_elector

try:  # the compiled fast path (`avanzador`), built at install time when a C compiler is there
    from apoyo.check import _rapido
except ImportError:  # pragma: no cover - e.g. no compiler, or Pyodide (xlwings Lite)
    _rapido = None  # type: ignore[assignment]

#: A name: words of letters, apostrophes, dots and hyphens separated by single spaces, starting
#: with a letter. Possessive: each word is taken whole, never backtracked into.
_NOMBRE = r"[A-Z\u00d1][A-Z\u00d1'.-]*+(?: [A-Z\u00d1'.-]++)*+"
_OCR = "(?:(?P=s4)|0(?P=s3)|00(?P=s2)|000(?P=s1))[0-9]{9}"
_FILA = re.compile(
    "(?:0[1-9]|[12][0-9]|3[0-2])\x1f"          # clave_estado
    # seccion, 1 to 4 digits: the group that matched tells its width, for the OCR
    "(?:(?P<s4>[1-9][0-9]{3})|(?P<s3>[1-9][0-9]{2})|(?P<s2>[1-9][0-9])|(?P<s1>[1-9]))\x1f"
    f"{_NOMBRE}\x1f"                           # nombre
    f"(?:{_NOMBRE}\x1f(?:{_NOMBRE})?|\x1f{_NOMBRE})\x1f"  # apellidos: one at least
    "[A-Z]{6}[0-9]{6}(?:0[1-9]|[12][0-9]|3[0-2])[HMX][0-9]{3}\x1f"  # clave_elector
    # ocr, cic: one at least; the OCR's first four digits are the sección, zero-padded
    # (else `ocr-seccion`)
    f"(?:{_OCR}\x1f(?:[0-9]{{9}})?|\x1f[0-9]{{9}})"
)
_SEPARADOR = "\x1f"
#: Longer rows take the full path (a cell holds at most 32,767 characters: `texto-demasiado-largo`).
_MAX_TEXTO = 32_767

#: Cache sizes: distinct birth dates (YYMMDD) and distinct names (per word list); past them a
#: miss is only computed, not stored (memory stays bounded on any file).
_MAX_FECHAS = 100_000
_MAX_NOMBRES = 500_000


def fecha_plausible_en(yymmdd: str, corte: date) -> bool:
    """True when YYMMDD (six digits) is a real date in 19YY or 20YY giving an age of 18-99 at
    `corte` for one of its readings not in the future: the clave gets neither
    ``clave-elector-fecha`` nor ``edad-inusual`` (`clave_elector.is_valid`,
    `clave_elector.edad_inusual`; a test compares them on every month and day)."""
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    for siglo in (1900, 2000):
        try:
            nacimiento = date(siglo + yy, mm, dd)
        except ValueError:
            continue
        if nacimiento <= corte:
            edad = corte.year - nacimiento.year - (
                (corte.month, corte.day) < (nacimiento.month, nacimiento.day))
            if clave_elector.EDAD_MINIMA <= edad <= clave_elector.EDAD_MAXIMA_USUAL:
                return True
    return False


class _Partes(NamedTuple):
    """What the fast path needs for one context: its caches, the functions that fill them on a
    miss (each stores what it computes while the cache has room), the scope's entity (None: any)
    and the catalogue check (None: no catalogue)."""

    fechas: dict[str, bool]
    fecha_plausible: Callable[[str], bool]
    apellidos: dict[str, str]
    del_apellido: Callable[[str], str]
    nombres: dict[str, str]
    del_nombre: Callable[[str], str]
    entidad: str | None
    en_catalogo: Callable[[str, str], bool] | None


def _partes(contexto: Contexto) -> _Partes:
    corte = contexto.fecha_corte
    catalogo = contexto.catalogo
    distrito, municipio = contexto.distrito, contexto.municipio
    fechas: dict[str, bool] = {}
    # First two letters of a surname / of a given name (CURP rules differ for given names),
    # cached per word: real submissions repeat surnames and given names, not whole triples.
    apellidos: dict[str, str] = {}
    nombres: dict[str, str] = {}

    def fecha_plausible(yymmdd: str) -> bool:
        ok = fecha_plausible_en(yymmdd, corte)
        if len(fechas) < _MAX_FECHAS:
            fechas[yymmdd] = ok
        return ok

    def del_apellido(apellido: str) -> str:
        letras = clave_elector.iniciales(apellido, "", "")[:2]
        if len(apellidos) < _MAX_NOMBRES:
            apellidos[apellido] = letras
        return letras

    def del_nombre(nombre: str) -> str:
        letras = clave_elector.iniciales("", "", nombre)[4:]
        if len(nombres) < _MAX_NOMBRES:
            nombres[nombre] = letras
        return letras

    def en_catalogo(entidad: str, seccion: str) -> bool:
        if catalogo.cubre(entidad):  # type: ignore[union-attr]
            ubicacion = catalogo.buscar(entidad, int(seccion))  # type: ignore[union-attr]
            if ubicacion is None:
                return False
            if distrito is not None and ubicacion.distrito != distrito:
                return False
            if municipio is not None and ubicacion.municipio != municipio:
                return False
        return True

    return _Partes(fechas, fecha_plausible, apellidos, del_apellido, nombres, del_nombre,
                   contexto.entidad or None, en_catalogo if catalogo is not None else None)


def comprobador(contexto: Contexto) -> Callable[[Sequence[Any]], tuple[str, ...] | None]:
    """A `fila_limpia` for one context, with its caches (use one per file or per pass).

    The returned function takes the eight raw values in `CAMPOS` order and returns them as a
    tuple of texts if the row is clean and valid, else None.
    """
    return _limpia(_partes(contexto))


def _limpia(p: _Partes) -> Callable[[Sequence[Any]], tuple[str, ...] | None]:
    fechas, fecha_plausible = p.fechas, p.fecha_plausible
    apellidos, del_apellido, nombres, del_nombre = (p.apellidos, p.del_apellido, p.nombres,
                                                    p.del_nombre)
    entidad_ambito, en_catalogo = p.entidad, p.en_catalogo
    coincide = _FILA.fullmatch
    unir = _SEPARADOR.join

    def limpia(valores: Sequence[Any]) -> tuple[str, ...] | None:
        try:
            texto = unir(valores)
        except TypeError:  # None (empty cell), a number, a date...: convert the empties only
            valores = tuple("" if v is None else v for v in valores)
            try:
                texto = unir(valores)
            except TypeError:  # a number, date or bool: needs normalising
                return None
        if len(texto) > _MAX_TEXTO or coincide(texto) is None:
            return None
        clave = valores[5]
        yymmdd = clave[6:12]
        ok = fechas.get(yymmdd)
        if ok is None:
            ok = fecha_plausible(yymmdd)
        if not ok:
            return None
        nombre, paterno, materno = valores[2], valores[3], valores[4]
        if clave[:6] != ((apellidos.get(paterno) or del_apellido(paterno))
                         + (apellidos.get(materno) or del_apellido(materno))
                         + (nombres.get(nombre) or del_nombre(nombre))):
            return None
        if entidad_ambito is not None and valores[0] != entidad_ambito:
            return None
        if en_catalogo is not None and not en_catalogo(valores[0], valores[1]):
            return None
        return valores if type(valores) is tuple else tuple(valores)

    return limpia


def avanzador(contexto: Contexto, tablas: tuple[Tabla, Tabla, Tabla],
              marca: int, tomar: Callable[[Any], Sequence[Any]] | None = None, *,
              compilado: bool | None = None) -> Callable[[list[Any], int], int]:
    """The fast path over a batch of rows: ``avanzar(lote, inicio) -> k``.

    Args:
        contexto: cut-off date, scope and catalogue (as for `comprobador`).
        tablas: the clave de elector, OCR and CIC first occurrences (`Vistos.tablas`).
        marca: the file's number in them (`Vistos.marca`).
        tomar: from the second element of an item to its eight raw values (None: the element
            is the eight values).
        compilado: True: the compiled version (`apoyo.check._rapido`, RuntimeError if it was
            not built); False: the Python one; None: the compiled one when it was built.

    ``avanzar(lote, inicio)`` takes a list of ``(fila, values)`` items and returns the index
    of the first item from `inicio` on that is not a clean row (`comprobador`) whose clave,
    OCR and CIC are all new (``len(lote)`` if there is none). The identifiers of the items
    before it are recorded as first occurrences (``fila * ARCHIVOS + marca``), exactly as
    `apoyo.check.revisar_cada` records a clean row; the item at the returned index is left
    untouched for the caller (its identifiers may already be recorded, with its own number).
    Both versions return the same index and leave the same tables (a test compares them); the
    compiled one is faster (`docs/rendimiento.md`: 16 -> 12 s for a million rows) and may stop
    earlier on a value it does not handle (a text that is not exactly `str`): the caller's full
    path decides.
    """
    p = _partes(contexto)
    if compilado is None:
        compilado = _rapido is not None
    if compilado:
        if _rapido is None:
            raise RuntimeError("apoyo.check._rapido was not built")
        return partial(_rapido.avanzar, (tomar, *p, *tablas, ARCHIVOS, marca))
    limpia = _limpia(p)
    primera_clave, primer_ocr, primer_cic = (t.setdefault for t in tablas)

    def avanzar(lote: list[Any], inicio: int) -> int:
        for k in range(inicio, len(lote)):
            fila, valores = lote[k]
            limpios = limpia(valores if tomar is None else tomar(valores))
            if limpios is None:
                return k
            codigo = fila * ARCHIVOS + marca
            _, _, _, _, _, clave, ocr, cic = limpios
            if not (primera_clave(clave, codigo) == codigo
                    and (not ocr or primer_ocr(ocr, codigo) == codigo)
                    and (not cic or primer_cic(cic, codigo) == codigo)):
                return k
        return len(lote)

    return avanzar


def fila_limpia(valores: Sequence[Any], contexto: Contexto) -> tuple[str, ...] | None:
    """The eight values unchanged if the row is clean and valid, else None (use full rules).

    Args:
        valores: eight raw values in `CAMPOS` order.
        contexto: cut-off date, scope and catalogue.

    (One-off form of `comprobador`, which keeps its caches between rows.)
    """
    return comprobador(contexto)(valores)
