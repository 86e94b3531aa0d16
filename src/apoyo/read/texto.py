"""Text files (.csv, .txt, .tsv) read with the stdlib `csv` module.

Encoding: a BOM decides (UTF-8-SIG, UTF-16, UTF-32); otherwise the whole file must decode as
strict UTF-8, else as Windows-1252 (Excel's "Guardar como CSV" on Spanish Windows); BOM-less
UTF-16 is recognised by its NUL bytes. Only when Windows-1252 fails too (bytes it leaves
undefined, e.g. DOS code page 850 files) is charset-normalizer asked.

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
from collections.abc import Generator, Iterator
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

from apoyo.read import inutilizable
from apoyo.read.celdas import ajustar_ancho, fila_vacia
from apoyo.read.deteccion import FILA_MAXIMA, LINEA_MAXIMA, Deteccion
from apoyo.read.encabezado import FILAS_A_EXPLORAR, Encabezado, buscar_encabezado
from apoyo.read.tabla import FilaLeida, Tabla

#: Delimiters accepted, in the order ties are broken.
DELIMITADORES = (",", ";", "|", "\t")
_MUESTRA = 32 * 1024
_BLOQUE = 1 << 20


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
        if _decodifica(ruta, codificacion):
            return codificacion
    return _con_charset_normalizer(ruta)


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
    ruta: Path, codificacion: str, delimitador: str
) -> Generator[tuple[int, list[str]], None, None]:
    """``(line where the record starts, fields)`` for every record, blank lines included.

    Raises:
        ArchivoInutilizable: while iterating, on a csv error or undecodable bytes.
    """
    linea = 1
    try:
        with ruta.open(encoding=codificacion, errors="strict", newline="") as f:
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
    try:
        with ruta.open(encoding=codificacion, errors="replace", newline="") as f:
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
    ruta: Path, codificacion: str, delimitador: str, enc: Encabezado
) -> Generator[FilaLeida, None, None]:
    ancho = len(enc.etiquetas)
    for linea, registro in registros(ruta, codificacion, delimitador):
        if linea <= enc.fila:
            continue
        if linea > FILA_MAXIMA:
            raise inutilizable.demasiadas_filas(linea, "línea", FILA_MAXIMA)
        celdas: list[Any] = [None if v == "" else v for v in registro]
        if fila_vacia(celdas, enc.ignoradas):
            continue
        yield FilaLeida(linea, ajustar_ancho(celdas, ancho))


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
