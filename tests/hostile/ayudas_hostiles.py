"""Generators of bad and hostile submission files, and the runner that checks the invariants.

Every file of the corpus is written here by code (no binary blob is committed). The runner
(`Corredor`) calls the real command line and asserts, for every run, what must hold whatever
the file: no traceback, the input's SHA-256 unchanged, no temporary file (``.*.tmp``) left, and
for an unusable file (exit code 2) no output written or changed.

A uniquely named module (not `conftest`) so that tests can import it by name.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ENCABEZADOS = ["Clave del Estado", "Sección electoral", "Nombre(s)", "Apellido paterno",
               "Apellido materno", "Clave de elector", "OCR", "CIC"]
#: Three clean, valid, distinct rows (no finding at the cut-off date `CORTE`).
FILA_1 = ["07", "1726", "SOFIA", "VAZQUEZ", "SANCHEZ", "VZSNSF92021707M101", "1726668657279",
          "767794671"]
FILA_2 = ["07", "752", "MARIA", "PEREZ", "CASTAÑEDA", "PRCSMR50102707M484", "0752325589669",
          "817530666"]
FILA_3 = ["07", "1726", "ANA", "LOPEZ", "RUIZ", "LPRZAN85031207M200", "1726123456789",
          "123456789"]
FILAS = [FILA_1, FILA_2, FILA_3]
CORTE = "2026-11-29"
#: Personal data of the three rows (claves, OCR, CIC, names): never on screen by default.
DATOS_PERSONALES = [v for fila in FILAS for v in fila[2:]]


# ---- running the command line ------------------------------------------------------------------


def sha256(ruta: Path) -> str:
    h = hashlib.sha256()
    with ruta.open("rb") as f:
        for bloque in iter(lambda: f.read(1 << 20), b""):
            h.update(bloque)
    return h.hexdigest()


def _foto(carpeta: Path) -> dict[Path, str]:
    """Every regular file under `carpeta` with its hash (the state to compare after a run)."""
    return {p: sha256(p) for p in sorted(carpeta.rglob("*")) if p.is_file()}


def temporales(carpeta: Path) -> list[Path]:
    """Temporary files an interrupted atomic write would leave (``.<name>.<random>.tmp``)."""
    return sorted(p for p in carpeta.rglob(".*.tmp"))


def unir(texto: str) -> str:
    """Whitespace collapsed: the console wraps long lines."""
    return " ".join(texto.split())


@dataclass
class Resultado:
    """What one run of the command line produced."""

    rc: int
    stdout: str
    stderr: str
    reporte: dict[str, Any] | None = None
    revisado: Path | None = None
    salidas: list[Path] = field(default_factory=list)

    @property
    def texto(self) -> str:
        """stdout and stderr, whitespace collapsed."""
        return unir(self.stdout + "\n" + self.stderr)

    @property
    def hallazgos(self) -> list[tuple[int | None, str | None, str]]:
        """``(fila, campo, codigo)`` of every finding of the JSON report."""
        assert self.reporte is not None, "no report was written"
        return [(h["fila"], h["campo"], h["codigo"]) for h in self.reporte["hallazgos"]]

    def dice(self, frase: str) -> bool:
        return unir(frase) in self.texto


class Corredor:
    """Run ``apoyo ARGS`` in process (default) or as a subprocess, and check the invariants."""

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                 raiz: Path) -> None:
        self.capsys, self.monkeypatch, self.raiz = capsys, monkeypatch, raiz
        monkeypatch.setenv("COLUMNS", "400")

    def __call__(self, *args: str | Path, entrada: Path | None = None,
                 subproceso: bool = False, sin_salidas_si_falla: bool = True) -> Resultado:
        """Run the command; `sin_salidas_si_falla`: exit code 2 means nothing was written (not
        so for a folder, where the other files' results are written)."""
        argumentos = [str(a) for a in args]
        if entrada is None:
            entrada = next((Path(a) for a in argumentos[1:] if Path(a).exists()), None)
        antes = _foto(self.raiz)
        huella = sha256(entrada) if entrada is not None and entrada.is_file() else None
        if subproceso:
            entorno = {**os.environ, "COLUMNS": "400", "PYTHONIOENCODING": "utf-8"}
            entorno.pop("APOYO_DEPURAR", None)
            proc = subprocess.run([sys.executable, "-m", "apoyo", *argumentos], check=False,
                                  capture_output=True, text=True, encoding="utf-8",
                                  env=entorno, timeout=600, cwd=self.raiz)
            rc, out, err = proc.returncode, proc.stdout, proc.stderr
        else:
            from apoyo import cli

            self.capsys.readouterr()
            self.monkeypatch.setattr(sys, "argv", ["apoyo", *argumentos])
            self.monkeypatch.delenv("APOYO_DEPURAR", raising=False)
            try:
                cli.main()
                rc = 0
            except SystemExit as exc:
                rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
            out, err = self.capsys.readouterr()
        despues = _foto(self.raiz)
        # Invariants for every file, good or bad.
        assert "Traceback" not in out + err, out + err
        if huella is not None:
            assert sha256(entrada) == huella, "the input file was modified"
        assert not temporales(self.raiz), temporales(self.raiz)
        if rc == 2 and sin_salidas_si_falla:
            assert despues == antes, "an unusable file left or changed outputs"
        nuevos = sorted(p for p in despues if antes.get(p) != despues[p])
        res = Resultado(rc, out, err, salidas=nuevos)
        reporte = next((p for p in nuevos if p.name.endswith(".reporte.json")), None)
        if reporte is not None:
            res.reporte = json.loads(reporte.read_text(encoding="utf-8"))
        res.revisado = next((p for p in nuevos if p.name.endswith(".revisado.xlsx")), None)
        return res


# ---- writing workbooks -------------------------------------------------------------------------


def xlsx(ruta: Path, hojas: dict[str, Sequence[Sequence[Any]]], inicio: tuple[int, int] = (0, 0),
         preparar: Callable[[Any, Any], None] | None = None, **opciones: Any) -> Path:
    """An .xlsx (or .xlsm) written with XlsxWriter: each sheet's rows from `inicio`.

    None cells are not written; strings are written as strings (never formulas or numbers).
    `preparar(libro, hojas_xlsxwriter)` may add anything else before closing.
    """
    import xlsxwriter

    libro = xlsxwriter.Workbook(str(ruta), {"strings_to_formulas": False,
                                            "strings_to_numbers": False,
                                            "strings_to_urls": False, **opciones})
    escritas = {}
    for nombre, filas in hojas.items():
        hoja = libro.add_worksheet(nombre)
        escritas[nombre] = hoja
        for i, fila in enumerate(filas):
            for j, valor in enumerate(fila):
                if valor is None:
                    continue
                fila_x, col_x = inicio[0] + i, inicio[1] + j
                if isinstance(valor, str):
                    hoja.write_string(fila_x, col_x, valor)
                else:
                    hoja.write(fila_x, col_x, valor)
    if preparar is not None:
        preparar(libro, escritas)
    libro.close()
    return ruta


def basico(ruta: Path, filas: Sequence[Sequence[Any]] = FILAS, **kw: Any) -> Path:
    """Sheet ``Apoyos`` with the header and `filas`."""
    return xlsx(ruta, {"Apoyos": [ENCABEZADOS, *filas]}, **kw)


def reempaquetar(origen: Path, destino: Path,
                 cambiar: Callable[[str, bytes], bytes | None]) -> Path:
    """Copy a zip member by member, passing each through `cambiar(name, data)` (None: drop)."""
    with zipfile.ZipFile(origen) as src, zipfile.ZipFile(destino, "w",
                                                          zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            datos = cambiar(info.filename, src.read(info.filename))
            if datos is not None:
                dst.writestr(info.filename, datos)
    return destino


def cifrar(origen: Path, destino: Path, clave: str = "secreta") -> Path:
    """Password-to-open encryption (ECMA-376 agile), with msoffcrypto-tool."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with origen.open("rb") as f, destino.open("wb") as salida:
        OOXMLFile(f).encrypt(clave, salida)
    return destino


# ---- zips written by hand (zip bombs) ----------------------------------------------------------


def _deflate_repetido(bloque: bytes, veces: int, cabeza: bytes = b"",
                     cola: bytes = b"") -> tuple[bytes, int, int]:
    """A raw deflate stream of `cabeza`, `bloque` repeated `veces` times and `cola`, without
    ever building the data: the block is compressed once after a Z_FULL_FLUSH (which resets the
    compressor, so the block's compressed bytes never refer to earlier data) and those bytes are
    repeated. Returns (stream, crc32, uncompressed size)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    inicio = c.compress(cabeza) + c.flush(zlib.Z_FULL_FLUSH)
    unidad = c.compress(bloque) + c.flush(zlib.Z_FULL_FLUSH)
    final = c.compress(cola) + c.flush(zlib.Z_FINISH)
    crc = zlib.crc32(cabeza)
    for _ in range(veces):
        crc = zlib.crc32(bloque, crc)
    crc = zlib.crc32(cola, crc)
    return inicio + unidad * veces + final, crc, len(cabeza) + len(bloque) * veces + len(cola)


def zip_a_mano(ruta: Path, miembros: Sequence[tuple[str, bytes, int, int, int]]) -> Path:
    """Write a zip from ``(name, raw deflate data, crc32, real size, declared size)`` members.

    The declared uncompressed size may lie (a zip bomb hiding its size). Sizes over 4 GiB use
    ZIP64 extra fields.
    """
    centrales = []
    with ruta.open("wb") as f:
        for nombre, datos, crc, _real, declarado in miembros:
            desplazamiento = f.tell()
            bnombre = nombre.encode()
            zip64 = declarado >= 0xFFFFFFFF or len(datos) >= 0xFFFFFFFF
            extra = struct.pack("<HHQQ", 1, 16, declarado, len(datos)) if zip64 else b""
            tam = (0xFFFFFFFF, 0xFFFFFFFF) if zip64 else (len(datos), declarado)
            version = 45 if zip64 else 20
            f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, version, 0, 8, 0, 0x21, crc,
                                tam[0], tam[1], len(bnombre), len(extra)))
            f.write(bnombre + extra)
            f.write(datos)
            centrales.append((bnombre, crc, len(datos), declarado, desplazamiento, zip64))
        inicio_cd = f.tell()
        for bnombre, crc, comprimido, declarado, desplazamiento, zip64 in centrales:
            extra = (struct.pack("<HHQQQ", 1, 24, declarado, comprimido, desplazamiento)
                     if zip64 else b"")
            tam = (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF) if zip64 else (
                comprimido, declarado, desplazamiento)
            f.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45 if zip64 else 20,
                                45 if zip64 else 20, 0, 8, 0, 0x21, crc, tam[0], tam[1],
                                len(bnombre), len(extra), 0, 0, 0, 0, tam[2]))
            f.write(bnombre + extra)
        fin_cd = f.tell()
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(centrales), len(centrales),
                            fin_cd - inicio_cd, inicio_cd, 0))
    return ruta


def miembro(nombre: str, contenido: bytes) -> tuple[str, bytes, int, int, int]:
    """An honest member for `zip_a_mano`."""
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    datos = c.compress(contenido) + c.flush()
    return nombre, datos, zlib.crc32(contenido), len(contenido), len(contenido)


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    b'worksheet+xml"/></Types>')
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Apoyos" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


_SST_TIPO = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
             b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_SST_REL = (b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
_HOJA_SST = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http:'
             b'//schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
             b'<c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>')


def bomba_zip(ruta: Path, gigas: float, declarado: int | None = None,
              parte: str = "hoja") -> Path:
    """An .xlsx whose sheet XML (``parte="hoja"``: GiB of blanks between XML tags) or shared
    strings (``parte="cadenas"``: one string of GiB of letters) decompresses to `gigas` GiB,
    while the file has a few MB.

    `declarado`: the uncompressed size the zip claims for that part (default: the real one).
    """
    veces = int(gigas * 1024)
    if parte == "hoja":
        datos, crc, real = _deflate_repetido(
            b" " * (1 << 20), veces,
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://'
            b'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
            b"</sheetData></worksheet>")
        nombre = "xl/worksheets/sheet1.xml"
        extra = [miembro("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)]
        tipos = _CONTENT_TYPES
    else:
        datos, crc, real = _deflate_repetido(
            b"A" * (1 << 20), veces,
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://'
            b'schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            b"<si><t>", b"</t></si></sst>")
        nombre = "xl/sharedStrings.xml"
        extra = [miembro("xl/_rels/workbook.xml.rels",
                         _WORKBOOK_RELS.replace(b"</Relationships>", _SST_REL)),
                 miembro("xl/worksheets/sheet1.xml", _HOJA_SST)]
        tipos = _CONTENT_TYPES.replace(b"</Types>", _SST_TIPO)
    bomba = (nombre, datos, crc, real, real if declarado is None else declarado)
    return zip_a_mano(ruta, [miembro("[Content_Types].xml", tipos),
                             miembro("_rels/.rels", _RELS),
                             miembro("xl/workbook.xml", _WORKBOOK), *extra, bomba])


# ---- text files ----------------------------------------------------------------------------------


def csv_texto(filas: Sequence[Sequence[str]], delimitador: str = ",", fin: str = "\r\n") -> str:
    """Rows joined with `delimitador`, values quoted only when they need it (as Excel does)."""
    def campo(v: str) -> str:
        if any(c in v for c in (delimitador, '"', "\r", "\n")):
            return '"' + v.replace('"', '""') + '"'
        return v

    return "".join(delimitador.join(campo(v) for v in fila) + fin for fila in filas)
