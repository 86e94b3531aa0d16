"""Text files (.csv, .txt, .tsv) read with the stdlib `csv` module.

Encoding: a BOM decides (UTF-8-SIG, UTF-16, UTF-32); otherwise the whole file must decode as
strict UTF-8, else as Windows-1252 (Excel's "Guardar como CSV" on Spanish Windows); BOM-less
UTF-16 is recognised by its NUL bytes. A UTF-8 file (BOM or not) that does not decode as a whole
but whose every line decodes as UTF-8 or as Windows-1252, some line plainly UTF-8 (rows pasted
from a CSV Excel saved as "ANSI"), is `MIXTA`: each line is decoded on its own, and each data
row with a line in Windows-1252 gets the warning ``linea-otra-codificacion`` (past
`AVISOS_POR_LINEA` such rows, the file gets one ``codificacion-mezclada``). Only when
Windows-1252 fails too (bytes it leaves undefined) is charset-normalizer asked.

DOS code page 850 (a CSV or TXT exported by an old MS-DOS or console program: «PEÑA» with Ñ as
byte A5): Windows-1252 often decodes such a file without error but with signs for the letters
(«PE¥A», «Secci¢n»), and charset-normalizer, when asked, often proposes a Baltic or other odd code
page (cp775 «PEŹA», cp437, mac_iceland...). So before both, one conservative rule
(`_es_cp850`), decided by the set of bytes 80-FF the file has (a single-byte encoding maps each
byte to one character): the file is read as cp850 when (1) as cp850 every such byte is a Spanish
letter or sign (Á É Í Ó Ú Ü Ñ, lower case too, ¿ ¡ ª º ° « »), and (2) as Windows-1252 some byte
is not a character a Spanish list has (undefined, or ¥ ¢ £ ¤ µ ‚ š, a letter such as Ö or à...:
not in `_PLAUSIBLE_1252`), or (2') all of them are plausible there too (Ú/é, á/no-break space,
í/¡) and the case of the letters says cp850 (`_mayusculas_a_favor_de_850`: «ÚRSULO», not
«éRSULO»). A real Windows-1252 file keeps its encoding: its Ñ (D1) is Ð in cp850 and its á (E1)
is ß, so (1) fails; a file whose bytes read well in both and whose letters' case does not point
to cp850 stays Windows-1252.
cp437 (the US code page) writes É, Ñ, ñ, ü, á, í, ó, ú, ¿ and ¡ with the same bytes as cp850,
so it is read right by this rule too; its box-drawing bytes fail (1).
A file not cp850 as a whole whose lines each decode as Windows-1252 or are plainly cp850 (the
same two conditions on the line's own bytes, `_linea_850`: files joined from an old MS-DOS
program's export and Excel's), some line being cp850, is `MIXTA_850`: each line is read in its
own encoding and warned as in a `MIXTA` file.

Delimiter: ``,`` ``;`` ``|`` or tab. `csv.Sniffer` (restricted to those) proposes one, then the
others by how often they occur in the first line; the first that yields a header row wins.

Values stay strings (``""`` -> None). `FilaLeida.fila` is the physical line where the record
starts (header line = 1 when it is the first line), also when a quoted field spans lines.

Limits: a physical line longer than `LINEA_MAXIMA` bytes is refused before parsing (a line of
millions of separators would be millions of cells in memory); a record starting after line
`FILA_MAXIMA` stops the reading (the marked copy keeps line numbers as row numbers, and an Excel
sheet ends there). A stray NUL byte in a cell is read as a character (the checker flags it); a
sample with NUL bytes that is not UTF-16 is binary when they are over 1 % of it or control bytes
over 10 %.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Generator, Iterable, Iterator
from contextlib import AbstractContextManager, closing, suppress
from pathlib import Path
from typing import Any

from apoyo.errors import hallazgo
from apoyo.read import inutilizable
from apoyo.read.celdas import ajustar_ancho, fila_vacia
from apoyo.read.deteccion import FILA_MAXIMA, LINEA_MAXIMA, Deteccion
from apoyo.read.encabezado import FILAS_A_EXPLORAR, Encabezado, buscar_encabezado
from apoyo.read.tabla import FilaLeida, Tabla
from apoyo.record import Hallazgo

#: Delimiters accepted, in the order ties are broken.
DELIMITADORES = (",", ";", "|", "\t")
_MUESTRA = 32 * 1024
_BLOQUE = 1 << 20
#: The encoding of a UTF-8 file some of whose lines are in Windows-1252 (`_lineas_mixtas`).
MIXTA = "utf-8+cp1252"
#: The encoding of a Windows-1252 file some of whose lines are in cp850 (`_linea_850`).
MIXTA_850 = "cp1252+cp850"
#: Names of the encodings of a mixed file, for its warnings: (the other lines', the rest's).
_NOMBRES_MEZCLA = {MIXTA: ("Windows-1252 (ANSI)", "UTF-8"),
                   MIXTA_850: ("la página de códigos 850 (MS-DOS)", "Windows-1252 (ANSI)")}
#: Most rows of a mixed file warned one by one; past them, one warning for the file.
AVISOS_POR_LINEA = 100
# UTF-8 of the characters U+00A0-U+00FF (Ñ, accented letters, no-break space) and of general
# punctuation (’ “ ”): read as Windows-1252, "Â" or "Ã" and a sign, or "â€" or "â" and a sign,
# which no Spanish text has. A line with them that decodes as UTF-8 is UTF-8 (a line with "É"
# and a no-break space, C9 A0, may be either). One pattern per first byte: a literal start makes
# a search fast.
_UTF8 = tuple(map(re.compile, (rb"\xc3[\x80-\xbf]", rb"\xc2[\x80-\xbf]",
                               rb"\xe2[\x80\x81][\x80-\xbf]")))


def _decodifica(ruta: Path, codificacion: str) -> bool:
    """The whole file decodes strictly with `codificacion` (streamed in blocks)."""
    decodificador = codecs.getincrementaldecoder(codificacion)("strict")
    try:
        with ruta.open("rb") as f:
            while bloque := f.read(_BLOQUE):
                decodificador.decode(bloque)
            decodificador.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None
    return True


#: What a byte 80-FF may be, read as cp850, in a Spanish list (`_es_cp850`, condition 1).
_ESPANOL_850 = frozenset("ÁÉÍÓÚÜÑáéíóúüñ¿¡ªº°«»")
#: What a byte 80-FF may be, read as Windows-1252, in a Spanish list (condition 2): letters,
#: the no-break space and the punctuation Excel and Word write.
_PLAUSIBLE_1252 = frozenset("ÁÉÍÓÚÜÑáéíóúüñ¿¡ªº°«»´·\u00a0\u2018\u2019\u201c\u201d"
                            "\u2013\u2014\u2026\u2022€")
_ASCII = bytes(range(0x80))


def _es_cp850(ruta: Path) -> bool:
    """`ruta`, not UTF-8, is DOS code page 850: conditions (1) and (2) of the module's
    docstring, on the set of bytes 80-FF of the whole file (one pass; stops at the first byte
    that cp850 does not read as Spanish, so a Windows-1252 file costs little)."""
    altos: set[int] = set()
    try:
        with ruta.open("rb") as f:
            while bloque := f.read(_BLOQUE):
                nuevos = set(bloque.translate(None, _ASCII)) - altos
                if any(bytes([b]).decode("cp850") not in _ESPANOL_850 for b in nuevos):
                    return False
                altos |= nuevos
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None
    if any(bytes([b]).decode("cp1252", "replace") not in _PLAUSIBLE_1252 for b in altos):
        return True
    return bool(altos) and _mayusculas_a_favor_de_850(ruta)


_BYTES_ESPANOL_850 = frozenset(b for b in range(0x80, 0x100)
                               if bytes([b]).decode("cp850") in _ESPANOL_850)
_BYTES_PLAUSIBLES_1252 = frozenset(b for b in range(0x80, 0x100)
                                   if bytes([b]).decode("cp1252", "replace") in _PLAUSIBLE_1252)
#: Bytes that Windows-1252 reads as a letter (Ö, à, ø, š...): a foreign name may hold one, so on
#: its own such a byte says nothing about a line (`_linea_850`).
_BYTES_LETRA_1252 = frozenset(b for b in range(0x80, 0x100)
                              if bytes([b]).decode("cp1252", "replace").isalpha())


def _linea_850(linea: bytes) -> bool:
    """A line of a file that is not cp850 as a whole is plainly cp850: conditions (1) and (2)
    of the module's docstring on its own bytes 80-FF (every one a Spanish letter or sign in
    cp850, some one neither what a Spanish list has in Windows-1252 nor a letter there: «PE¥A»
    is cp850's PEÑA, but «SCHRÖDER» stays Windows-1252, though cp850 would read «SCHRÍDER»;
    found by a tester).

    >>> _linea_850("07;PEÑA;NÚÑEZ".encode("cp850")), _linea_850("07;PEÑA".encode("cp1252"))
    (True, False)
    >>> _linea_850("PERÚ".encode("cp850")), _linea_850(b"SIN ACENTOS")  # E9 is é as well
    (False, False)
    >>> _linea_850("SCHRÖDER".encode("cp1252")), _linea_850("MARÍA".encode("cp850"))  # Ö / Í
    (False, False)
    """
    altos = set(linea.translate(None, _ASCII))
    return (bool(altos) and altos <= _BYTES_ESPANOL_850
            and not altos <= _BYTES_PLAUSIBLES_1252 | _BYTES_LETRA_1252)


def _mezcla_850(ruta: Path) -> bool | None:
    """For a file that is not cp850 as a whole: None when some line neither decodes as
    Windows-1252 nor is plainly cp850 (`_linea_850`); else whether some line is cp850 (the
    file is `MIXTA_850`) or not (it is Windows-1252)."""
    alguna = False
    try:
        for linea in _lineas_binarias(ruta):
            if linea.isascii():
                continue
            if _linea_850(linea):
                alguna = True
                continue
            linea.decode("cp1252")
    except UnicodeDecodeError:
        return None
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None
    return alguna


#: The bytes that read as Spanish both ways: Ú/é (E9), á/no-break space (A0), í/¡ (A1).
_AMBIGUOS = bytes(b for b in range(0x80, 0x100)
                  if bytes([b]).decode("cp850") in _ESPANOL_850
                  and bytes([b]).decode("cp1252", "replace") in _PLAUSIBLE_1252)
#: An ambiguous byte, the ASCII letters right before it (its word so far) and the ASCII letter
#: right after it.
_ANTES_DE_LETRA = re.compile(b"([A-Za-z]*)([" + re.escape(_AMBIGUOS) + b"])(?=([A-Za-z]))")
#: Words a no-break space often follows in a Windows-1252 name («de\u00a0la Cruz»): after them
#: byte A0 says nothing (in cp850 it would be «deála»).
_PARTICULAS = frozenset({b"de", b"del", b"la", b"las", b"los", b"y", b"e", b"el", b"da", b"das",
                         b"di", b"do", b"dos", b"van", b"von", b"mc", b"san", b"santa"})


def _mayusculas_a_favor_de_850(ruta: Path) -> bool:
    """For a file whose bytes 80-FF all read as Spanish both ways (condition (1) of the module
    docstring holds, (2) does not): True when the case of the letters says cp850.

    Each ambiguous byte followed by an ASCII letter is read both ways, and each reading that is
    a letter scores: inside a word, +1 when its case is the next letter's and -1 otherwise; at
    the start of a word, +1 for a capital (title case «Úrsula» or all caps «ÚRSULO»), -1 for a
    small letter before a capital, 0 for a small letter before a small one. A sign (no-break
    space, ¡) scores 0; a no-break space after «de», «la»... is left out. cp850 wins when its
    readings score more: «ÚRSULO», «Úrsula», «Sánchez», «María» in cp850 are not «éRSULO»,
    «érsula», «S nchez», «Mar¡a»; «Méndez» and «de la Cruz» (a no-break space) in Windows-1252
    are not «MÚndez», «deála Cruz». Undecided («JOSé», «PERÚ»: no letter after the byte) the
    file stays Windows-1252 (found by testers: cp850 «ÚRSULO» and «Úrsula» were exported as
    ERSULO, ERSULA)."""
    puntos = 0  # cp850's points minus Windows-1252's
    try:
        with ruta.open("rb") as f:
            while bloque := f.read(_BLOQUE):
                for m in _ANTES_DE_LETRA.finditer(bloque):
                    antes, byte, despues = m.groups()
                    if byte == b"\xa0" and antes.lower() in _PARTICULAS:
                        continue
                    for codificacion, signo in (("cp850", 1), ("cp1252", -1)):
                        puntos += signo * _puntos(byte.decode(codificacion), antes == b"",
                                                  despues.isupper())
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None
    return puntos > 0


def _puntos(letra: str, al_inicio: bool, siguiente_mayuscula: bool) -> int:
    """How plausible `letra` is before a letter of that case (`_mayusculas_a_favor_de_850`)."""
    if not letra.isalpha():
        return 0
    if al_inicio:
        if letra.isupper():
            return 1
        return -1 if siguiente_mayuscula else 0
    return 1 if letra.isupper() == siguiente_mayuscula else -1


def _utf16_sin_bom(muestra: bytes) -> str | None:
    pares, impares = muestra[0::2], muestra[1::2]
    if impares and impares.count(0) > len(impares) * 0.4 and pares.count(0) < len(pares) * 0.1:
        return "utf-16-le"
    if pares and pares.count(0) > len(pares) * 0.4 and impares.count(0) < len(impares) * 0.1:
        return "utf-16-be"
    return None


def detectar_codificacion(ruta: Path) -> str:
    """The Python codec name to read `ruta` with.

    Raises:
        ArchivoInutilizable: binary content, or no encoding decodes the file.
    """
    try:
        with ruta.open("rb") as f:
            muestra = f.read(_MUESTRA)
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None
    if muestra.startswith(codecs.BOM_UTF8):
        candidatas = ["utf-8-sig"]
    elif muestra.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        candidatas = ["utf-32"]
    elif muestra.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidatas = ["utf-16"]
    elif b"\x00" in muestra and (sin_bom := _utf16_sin_bom(muestra)) is not None:
        candidatas = [sin_bom]
    elif b"\x00" in muestra and (
        muestra.count(b"\x00") > len(muestra) // 100
        or sum(1 for b in muestra if b < 9 or 13 < b < 32) > len(muestra) // 10
    ):
        raise inutilizable.no_es_hoja("un archivo binario, no de texto")
    else:  # text, perhaps with a stray NUL in a cell (the checker flags that value)
        candidatas = ["utf-8", "cp1252"]
    for codificacion in candidatas:
        if codificacion == "cp1252":
            if _es_cp850(ruta):
                return "cp850"
            mezcla = _mezcla_850(ruta)
            if mezcla is not None:
                return MIXTA_850 if mezcla else "cp1252"
            continue
        if _decodifica(ruta, codificacion):
            return codificacion
        if codificacion.startswith("utf-8") and _mezcla(ruta, codificacion == "utf-8-sig"):
            return MIXTA
    return _con_charset_normalizer(ruta)


def _lineas_binarias(ruta: Path) -> Iterator[bytes]:
    """The physical lines of `ruta`, ends included, split as ``open(newline="")`` splits them
    (CR, LF, CRLF), read in blocks (`revisar_lineas` bounds a line's length)."""
    resto = b""
    with ruta.open("rb") as f:
        while bloque := f.read(_BLOQUE):
            lineas = (resto + bloque).splitlines(keepends=True)
            resto = lineas.pop()  # it may go on in the next block (a CR, its LF)
            yield from lineas
    if resto:
        yield resto


def _con_utf8(datos: bytes) -> bool:
    """Some bytes of `datos` match `_UTF8`."""
    return any(patron.search(datos) for patron in _UTF8)


def _archivo_con_utf8(ruta: Path) -> bool:
    """`_con_utf8` for the whole of `ruta` (one fast pass: a Windows-1252 file has none)."""
    with ruta.open("rb") as f:
        anterior = b""
        while bloque := f.read(_BLOQUE):
            if _con_utf8(anterior + bloque):
                return True
            anterior = bloque[-2:]  # a match may straddle two blocks
    return False


def _mezcla(ruta: Path, bom: bool) -> bool:
    """`ruta`, not UTF-8 as a whole, is `MIXTA`: each line decodes as UTF-8 or as
    Windows-1252, and a UTF-8 BOM or some line plainly UTF-8 (`_UTF8`) says the file is UTF-8.
    """
    utf8 = bom
    try:
        if not (bom or _archivo_con_utf8(ruta)):
            return False
        for linea in _lineas_binarias(ruta):
            try:
                linea.decode("utf-8")
            except UnicodeDecodeError:
                linea.decode("cp1252")  # neither: not this mixture
                continue
            utf8 = utf8 or _con_utf8(linea)
    except UnicodeDecodeError:
        return False
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None
    return utf8


def _lineas_mixtas(ruta: Path, codificacion: str,
                   ultima: list[int] | None = None) -> Generator[str, None, None]:
    """The lines of a `MIXTA` or `MIXTA_850` file, each in its own encoding: a `MIXTA` line as
    UTF-8, or else as Windows-1252; a `MIXTA_850` line as cp850 when it plainly is
    (`_linea_850`), else as Windows-1252. The number (from 1) of each line in the file's other
    encoding (Windows-1252, cp850) is put in ``ultima[0]``; a BOM before the first line is
    dropped."""
    for numero, linea in enumerate(_lineas_binarias(ruta), 1):
        if numero == 1:
            linea = linea.removeprefix(codecs.BOM_UTF8)
        otra = False
        if codificacion == MIXTA:
            try:
                texto = linea.decode("utf-8")
            except UnicodeDecodeError:
                texto, otra = linea.decode("cp1252"), True
        elif linea.isascii():
            texto = linea.decode("ascii")
        elif _linea_850(linea):
            texto, otra = linea.decode("cp850"), True
        else:
            texto = linea.decode("cp1252")
        if otra and ultima is not None:
            ultima[0] = numero
        yield texto


def _abrir(ruta: Path, codificacion: str,
           ultima: list[int] | None = None) -> AbstractContextManager[Iterable[str]]:
    """The lines of `ruta` as text, for `csv.reader` (`ultima`: as for `_lineas_mixtas`)."""
    if codificacion in _NOMBRES_MEZCLA:
        return closing(_lineas_mixtas(ruta, codificacion, ultima))
    return ruta.open(encoding=codificacion, errors="strict", newline="")


def _con_charset_normalizer(ruta: Path) -> str:
    from charset_normalizer import from_path  # only for files no usual encoding decodes

    try:
        mejor = from_path(ruta).best()
    except Exception:  # a detector failure is just "unknown"
        mejor = None
    if mejor is None or not mejor.encoding or not _decodifica(ruta, mejor.encoding):
        raise inutilizable.codificacion_desconocida()
    return mejor.encoding


def registros(
    ruta: Path, codificacion: str, delimitador: str, ultima: list[int] | None = None
) -> Generator[tuple[int, list[str]], None, None]:
    """``(line where the record starts, fields)`` for every record, blank lines included.
    `ultima`: as for `_lineas_mixtas` (a `MIXTA` or `MIXTA_850` file).

    Raises:
        ArchivoInutilizable: while iterating, on a csv error or undecodable bytes.
    """
    linea = 1
    try:
        with _abrir(ruta, codificacion, ultima) as f:
            lector = csv.reader(f, delimiter=delimitador)
            for registro in lector:
                yield linea, registro
                linea = lector.line_num + 1
    except csv.Error:
        raise inutilizable.texto_ilegible(linea) from None
    except UnicodeDecodeError:
        raise inutilizable.codificacion_desconocida() from None
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None


def _candidatos(ruta: Path, codificacion: str) -> list[str]:
    # The delimiters are ASCII: a mixed file's sample read in its main encoding shows them all.
    muestreo = {MIXTA: "utf-8-sig", MIXTA_850: "cp1252"}.get(codificacion, codificacion)
    try:
        with ruta.open(encoding=muestreo, errors="replace", newline="") as f:
            muestra = f.read(_MUESTRA)
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None
    if "\n" in muestra:
        muestra = muestra[: muestra.rfind("\n") + 1]
    orden: list[str] = []
    with suppress(csv.Error):
        orden.append(csv.Sniffer().sniff(muestra, delimiters="".join(DELIMITADORES)).delimiter)
    primera = next((ln for ln in muestra.splitlines() if ln.strip()), "")
    resto = sorted(DELIMITADORES, key=lambda d: -primera.count(d))
    return orden + [d for d in resto if d not in orden]


def revisar_lineas(ruta: Path, maximo: int = LINEA_MAXIMA) -> None:
    """Refuse a file with a physical line longer than `maximo` bytes, before `csv` builds it.

    Raises:
        ArchivoInutilizable: the line (numbered from 1, counting CR, LF and CRLF).
    """
    anteriores = 0  # lines ended before the current block
    arrastre = 0  # bytes of the line still open at the end of the previous block
    try:
        with ruta.open("rb") as f:
            while bloque := f.read(_BLOQUE):
                partes = bloque.splitlines()
                primera = arrastre + len(partes[0]) if partes else arrastre
                if primera > maximo or max(map(len, partes), default=0) > maximo:
                    larga = next(i for i, p in enumerate(partes)
                                 if (arrastre if i == 0 else 0) + len(p) > maximo)
                    raise inutilizable.linea_demasiado_larga(anteriores + larga + 1, maximo)
                abierta = not bloque.endswith((b"\n", b"\r"))
                anteriores += len(partes) - (1 if abierta and partes else 0)
                arrastre = (primera if len(partes) == 1 else len(partes[-1])) if abierta else 0
    except OSError:
        raise inutilizable.no_se_puede_abrir() from None


def _datos(
    ruta: Path, codificacion: str, delimitador: str, enc: Encabezado,
    ultima: list[int] | None = None,
) -> Generator[FilaLeida, None, None]:
    ancho = len(enc.etiquetas)
    for linea, registro in registros(ruta, codificacion, delimitador, ultima):
        if linea <= enc.fila:
            continue
        if linea > FILA_MAXIMA:
            raise inutilizable.demasiadas_filas(linea, "línea", FILA_MAXIMA)
        celdas: list[Any] = [None if v == "" else v for v in registro]
        if fila_vacia(celdas, enc.ignoradas):
            continue
        yield FilaLeida(linea, ajustar_ancho(celdas, ancho))


def _avisos_de_mezcla(ruta: Path, codificacion: str, delimitador: str,
                      enc: Encabezado) -> list[Hallazgo]:
    """``linea-otra-codificacion`` for each data row of a mixed file (`MIXTA`, `MIXTA_850`)
    with a line in the file's other encoding, or one ``codificacion-mezclada`` when there are
    more than `AVISOS_POR_LINEA`."""
    ultima = [0]
    filas: list[int] = []
    total = 0
    for leida in _datos(ruta, codificacion, delimitador, enc, ultima):
        if ultima[0] >= leida.fila:  # the lines of this row are the last ones read
            total += 1
            if len(filas) <= AVISOS_POR_LINEA:
                filas.append(leida.fila)
    esta, resto = _NOMBRES_MEZCLA[codificacion]
    if total > AVISOS_POR_LINEA:
        return [hallazgo("codificacion-mezclada", None, None, lineas=f"{total:,}",
                         primera=filas[0], esta=esta, resto=resto)]
    return [hallazgo("linea-otra-codificacion", fila, None, esta=esta, resto=resto)
            for fila in filas]


def leer_texto(ruta: Path, det: Deteccion) -> Tabla:
    """Read a delimited text file.

    Raises:
        ArchivoInutilizable: binary content, unknown encoding, or no header row.
    """
    revisar_lineas(ruta)
    codificacion = detectar_codificacion(ruta)
    for delimitador in _candidatos(ruta, codificacion):
        with closing(registros(ruta, codificacion, delimitador)) as recs:
            enc = buscar_encabezado(recs)
        if enc is not None:
            break
    else:
        raise inutilizable.sin_encabezado(FILAS_A_EXPLORAR)
    hallazgos = list(enc.hallazgos)
    if codificacion in _NOMBRES_MEZCLA:
        hallazgos += _avisos_de_mezcla(ruta, codificacion, delimitador, enc)

    def filas() -> Iterator[FilaLeida]:
        return _datos(ruta, codificacion, delimitador, enc)

    return Tabla(
        archivo=ruta.name,
        formato=det.formato,
        hoja=None,
        encabezados=enc.etiquetas,
        fila_encabezado=enc.fila,
        columnas=enc.columnas,
        filas=filas,
        hallazgos=hallazgos,
        metadatos={
            "formato": det.formato,
            "encoding": codificacion,
            "delimitador": delimitador,
        },
    )
