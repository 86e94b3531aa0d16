"""Fuzzing (hypothesis): whatever the cells or the bytes, only typed errors or findings come out.

Targets: the normaliser and the row checker with random cell values of every type a reader can
give; the reader (`leer`), the checker (`revisar`) and the writers of the report and the marked
copy on random small workbooks (XlsxWriter) and random text files (random bytes, encodings,
delimiters, line ends); and on valid workbooks with random bytes changed. The only exception
allowed is `ArchivoInutilizable`; every finding is declared in the catalogue; the input's SHA-256
is the same after every run.

Each target runs a few dozen examples by default and 10,000 in the slow run (``pytest -m slow``,
which CI runs).
"""

from __future__ import annotations

import datetime
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from .ayudas_hostiles import ENCABEZADOS, FILAS, sha256
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apoyo.check import Contexto, revisar, revisar_filas
from apoyo.errors import CATALOGO, ArchivoInutilizable
from apoyo.mark import escribir_revisado
from apoyo.normalize import normalizar
from apoyo.read import leer
from apoyo.record import Hallazgo
from apoyo.report import escribir_reporte
from apoyo.schema import CAMPOS

_SALUD = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.large_base_example]
RAPIDO = settings(max_examples=60, deadline=None, suppress_health_check=_SALUD)
LENTO = settings(max_examples=10_000, deadline=None, suppress_health_check=_SALUD)
CTX = Contexto(fecha_corte=datetime.date(2026, 11, 29))

# ---- cell values ---------------------------------------------------------------------------------

# Text near the shapes of the fields finds more than st.text() alone.
_CERCANO = st.lists(st.sampled_from(
    list("0123456789ABCHMXZÑñáÁ<>&'.-=+@\"\u00a0\t\r\n\u200b\u202e\x00\x01\x1b") + ["_x0041_"]),
    max_size=30).map("".join)
TEXTO = st.one_of(st.text(max_size=40), _CERCANO, st.sampled_from([*FILAS[0], *ENCABEZADOS]))
FECHAS = st.datetimes(min_value=datetime.datetime(1900, 3, 1),
                      max_value=datetime.datetime(2100, 12, 31))
NUMEROS = st.one_of(st.integers(-10**20, 10**20),
                    st.floats(allow_nan=False, allow_infinity=False, width=64))
#: Any value a reader may pass on (python-calamine or csv), plus what no reader gives.
CRUDO = st.one_of(st.none(), TEXTO, NUMEROS, st.floats(), st.booleans(), FECHAS,
                  FECHAS.map(lambda d: d.date()), FECHAS.map(lambda d: d.time()),
                  st.timedeltas(max_value=datetime.timedelta(days=10**4),
                                min_value=datetime.timedelta(days=-10**4)))


def _hallazgos_validos(hallazgos: list[Hallazgo]) -> None:
    for h in hallazgos:
        assert h.codigo in CATALOGO, h.codigo
        assert h.severidad == CATALOGO[h.codigo].severidad
        assert h.mensaje and h.remedio


def _normalizar(campo: str, valor: Any) -> None:
    norm = normalizar(campo, valor)
    assert isinstance(norm.texto, str)
    if norm.problema:
        assert norm.problema[0] in CATALOGO
    for cambio in norm.cambios:
        assert cambio.motivo in CATALOGO


def _filas(filas: list[list[Any]]) -> None:
    revisadas = list(revisar_filas(enumerate(filas, start=2), CTX))
    for r in revisadas:
        assert len(r.valores) == len(CAMPOS) and all(isinstance(v, str) for v in r.valores)
        _hallazgos_validos(list(r.hallazgos))


FILA = st.lists(CRUDO, min_size=8, max_size=8)


@RAPIDO
@given(st.sampled_from(CAMPOS), CRUDO)
def test_normalizar(campo: str, valor: Any) -> None:
    _normalizar(campo, valor)


@pytest.mark.slow
@LENTO
@given(st.sampled_from(CAMPOS), CRUDO)
def test_normalizar_lento(campo: str, valor: Any) -> None:
    _normalizar(campo, valor)


@RAPIDO
@given(st.lists(FILA, max_size=6))
def test_revisar_filas(filas: list[list[Any]]) -> None:
    _filas(filas)


@pytest.mark.slow
@LENTO
@given(st.lists(FILA, max_size=6))
def test_revisar_filas_lento(filas: list[list[Any]]) -> None:
    _filas(filas)


# ---- whole files: read, check, write the outputs ------------------------------------------------


def _todo(ruta: Path) -> None:
    """Read, check, write the report and the marked copy: only `ArchivoInutilizable` may come out,
    and the input is unchanged."""
    huella = sha256(ruta)
    try:
        tabla = leer(ruta)
        revision = revisar(tabla.valores(), CTX, tabla.archivo, tabla.hallazgos)
        _hallazgos_validos(revision.hallazgos)
        escribir_reporte(revision, ruta.parent / "salida.reporte.json")
        escribir_revisado(tabla, revision, ruta.parent / "salida.revisado.xlsx")
    except ArchivoInutilizable as exc:
        assert exc.mensaje and exc.remedio
    assert sha256(ruta) == huella
    assert not list(ruta.parent.glob(".*.tmp"))


def _en_carpeta(nombre: str, escribir: Callable[[Path], None]) -> None:
    with tempfile.TemporaryDirectory() as carpeta:
        ruta = Path(carpeta) / nombre
        escribir(ruta)
        _todo(ruta)


_CELDA_LIBRO = st.one_of(
    st.none(), TEXTO, NUMEROS, st.booleans(), FECHAS,
    st.tuples(st.just("formula"), st.text(max_size=20), st.one_of(TEXTO, NUMEROS)),
    st.sampled_from([("error", "#N/A"), ("error", "#DIV/0!"), ("error", "#REF!")]),
)
_NOMBRE_HOJA = st.one_of(st.sampled_from(["Apoyos", "Hoja1", "Aspirante", "Resumen", "Datos"]),
                         st.text(alphabet=st.characters(blacklist_characters="[]:*?/\\'",
                                                        blacklist_categories=("Cs", "Cc"),
                                                        max_codepoint=0xFFFF),
                                 min_size=1, max_size=31).filter(lambda n: n.lower() != "history"))


@st.composite
def libros(draw: st.DrawFn) -> dict[str, Any]:
    """A small random workbook: sheets, maybe a header (some of the labels, shuffled, plus other
    labels) somewhere, rows of random cells, hidden rows, merged cells, a hidden sheet."""
    hojas = draw(st.lists(_NOMBRE_HOJA, min_size=1, max_size=3,
                          unique_by=lambda n: n.lower()))
    contenido = []
    for _ in hojas:
        filas: list[list[Any]] = []
        if draw(st.booleans()):
            etiquetas = draw(st.permutations(ENCABEZADOS))[: draw(st.integers(3, 8))]
            etiquetas += draw(st.lists(TEXTO, max_size=2))
            filas.append(draw(st.permutations(etiquetas)))
        filas += draw(st.lists(st.lists(_CELDA_LIBRO, max_size=10), max_size=6))
        if draw(st.booleans()):
            filas.insert(draw(st.integers(0, len(filas))), list(FILAS[0]))
        contenido.append({
            "filas": filas,
            "inicio": (draw(st.integers(0, 4)), draw(st.integers(0, 3))),
            "ocultas": draw(st.lists(st.integers(0, 12), max_size=2)),
            "combinar": draw(st.one_of(st.none(), st.tuples(st.integers(0, 8), st.integers(0, 8),
                                                               st.integers(0, 3),
                                                               st.integers(0, 3)))),
        })
    return {"hojas": hojas, "contenido": contenido, "oculta": draw(st.integers(0, 3))}


def _escribir_libro(ruta: Path, libro: dict[str, Any]) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(ruta), {"strings_to_formulas": False,
                                         "strings_to_numbers": False, "strings_to_urls": False})
    fecha = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    escritas = []
    for nombre, datos in zip(libro["hojas"], libro["contenido"]):
        hoja = wb.add_worksheet(nombre)
        escritas.append(hoja)
        f0, c0 = datos["inicio"]
        for i, fila in enumerate(datos["filas"]):
            for j, v in enumerate(fila):
                r, c = f0 + i, c0 + j
                if v is None:
                    continue
                if isinstance(v, tuple) and v[0] == "formula":
                    hoja.write_formula(r, c, "=" + v[1], None, v[2])
                elif isinstance(v, tuple):
                    hoja.write_formula(r, c, "=NA()", None, v[1])
                elif isinstance(v, bool):
                    hoja.write_boolean(r, c, v)
                elif isinstance(v, datetime.datetime):
                    hoja.write_datetime(r, c, v, fecha)
                elif isinstance(v, str):
                    hoja.write_string(r, c, v)
                else:
                    hoja.write_number(r, c, float(v) if abs(v) < 1e300 else 0.0)
        for r in datos["ocultas"]:
            hoja.set_row(r, None, None, {"hidden": True})
        if datos["combinar"] is not None:
            r0, r1, c0_, c1 = datos["combinar"]
            if (r0, c0_) != (max(r0, r1), max(c0_, c1)):
                hoja.merge_range(min(r0, r1), min(c0_, c1), max(r0, r1), max(c0_, c1), None)
    if 0 < libro["oculta"] < len(escritas):
        escritas[0].activate()
        escritas[libro["oculta"]].hide()
    wb.close()


def _libro(libro: dict[str, Any]) -> None:
    _en_carpeta("entrega.xlsx", lambda ruta: _escribir_libro(ruta, libro))


@RAPIDO
@given(libros())
def test_libros_al_azar(libro: dict[str, Any]) -> None:
    _libro(libro)


@pytest.mark.slow
@LENTO
@given(libros())
def test_libros_al_azar_lento(libro: dict[str, Any]) -> None:
    _libro(libro)


_CODIFICACIONES = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be",
                   "utf-32", "cp850", "mac-roman"]


@st.composite
def textos(draw: st.DrawFn) -> bytes:
    """A random text file: maybe a header, rows of random text joined by a random delimiter and
    line end, quoting or not, in a random encoding, with random bytes inserted sometimes."""
    delimitador = draw(st.sampled_from([",", ";", "|", "\t", " ", ""]))
    fin = draw(st.sampled_from(["\r\n", "\n", "\r", ""]))
    filas: list[list[str]] = []
    if draw(st.booleans()):
        filas.append(draw(st.permutations(ENCABEZADOS))[: draw(st.integers(3, 8))])
    filas += draw(st.lists(st.lists(st.one_of(TEXTO, st.sampled_from(FILAS[1])), max_size=10),
                           max_size=8))

    def campo(v: str) -> str:
        if draw(st.booleans()) or delimitador and delimitador in v:
            return '"' + v.replace('"', draw(st.sampled_from(['""', '"']))) + '"'
        return v

    texto = "".join(delimitador.join(campo(v) for v in fila) + fin for fila in filas)
    datos = texto.encode(draw(st.sampled_from(_CODIFICACIONES)), errors="replace")
    if draw(st.booleans()):
        basura = draw(st.binary(max_size=40))
        corte = draw(st.integers(0, len(datos)))
        datos = datos[:corte] + basura + datos[corte:]
    return datos


def _texto(datos: bytes, extension: str) -> None:
    _en_carpeta(f"entrega{extension}", lambda ruta: ruta.write_bytes(datos))


_EXTENSIONES_TEXTO = st.sampled_from([".csv", ".txt", ".tsv", ".xls"])


@RAPIDO
@given(textos(), _EXTENSIONES_TEXTO)
def test_textos_al_azar(datos: bytes, extension: str) -> None:
    _texto(datos, extension)


@pytest.mark.slow
@LENTO
@given(textos(), _EXTENSIONES_TEXTO)
def test_textos_al_azar_lento(datos: bytes, extension: str) -> None:
    _texto(datos, extension)


# ---- valid workbooks with random bytes changed --------------------------------------------------

_BASES: dict[str, bytes] = {}


def _base(formato: str) -> bytes:
    """A valid .xlsx (XlsxWriter, shared strings) or .xlsm, built once."""
    if formato not in _BASES:
        from .ayudas_hostiles import basico

        with tempfile.TemporaryDirectory() as carpeta:
            ruta = basico(Path(carpeta) / f"base.{formato}", FILAS)
            _BASES[formato] = ruta.read_bytes()
    return _BASES[formato]


@st.composite
def mutaciones(draw: st.DrawFn) -> tuple[str, bytes]:
    formato = draw(st.sampled_from(["xlsx", "xlsm"]))
    datos = bytearray(_base(formato))
    for _ in range(draw(st.integers(1, 8))):
        operacion = draw(st.sampled_from(["cambiar", "cortar", "insertar", "borrar"]))
        i = draw(st.integers(0, len(datos) - 1))
        if operacion == "cambiar":
            datos[i] = draw(st.integers(0, 255))
        elif operacion == "cortar":
            del datos[i:]
        elif operacion == "insertar":
            datos[i:i] = draw(st.binary(min_size=1, max_size=16))
        else:
            del datos[i: i + draw(st.integers(1, 64))]
        if not datos:
            break
    return formato, bytes(datos)


def _mutado(mutacion: tuple[str, bytes]) -> None:
    formato, datos = mutacion
    _en_carpeta(f"entrega.{formato}", lambda ruta: ruta.write_bytes(datos))


@RAPIDO
@given(mutaciones())
def test_libros_alterados(mutacion: tuple[str, bytes]) -> None:
    _mutado(mutacion)


@pytest.mark.slow
@LENTO
@given(mutaciones())
def test_libros_alterados_lento(mutacion: tuple[str, bytes]) -> None:
    _mutado(mutacion)


def test_las_bases_son_validas() -> None:
    """The mutation targets start from workbooks that read without findings."""
    for formato in ("xlsx", "xlsm"):
        with tempfile.TemporaryDirectory() as carpeta:
            ruta = Path(carpeta) / f"base.{formato}"
            ruta.write_bytes(_base(formato))
            with zipfile.ZipFile(ruta) as zf:
                assert "xl/worksheets/sheet1.xml" in zf.namelist()
            tabla = leer(ruta)
            revision = revisar(tabla.valores(), CTX, tabla.archivo, tabla.hallazgos)
            assert (revision.filas, revision.errores) == (3, 0)
