"""The fast sheet writer: cell XML, the compiled fast path against the general path, notes."""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from xlsxwriter.workbook import Workbook

from apoyo.mark.xlsx_rapido import (
    OPCIONES_XLSXWRITER,
    EscritorHoja,
    EstilosCelda,
    Nota,
    _compilar,
    celda_xml,
    fila_xml,
    libro_tabla,
    partes_notas,
    texto_xml,
)

E = EstilosCelda(texto=1, numero=2, fecha=3, fecha_hora=4, hora=5, duracion=6)


@pytest.mark.parametrize(("valor", "xml"), [
    ("07", '<c r="B2" s="1" t="inlineStr"><is><t>07</t></is></c>'),
    ("", '<c r="B2" s="1" t="inlineStr"><is><t></t></is></c>'),
    (" a ", '<c r="B2" s="1" t="inlineStr"><is><t xml:space="preserve"> a </t></is></c>'),
    ("=SUMA(A1)", '<c r="B2" s="1" t="inlineStr"><is><t>=SUMA(A1)</t></is></c>'),
    ("a\rb", '<c r="B2" s="1" t="inlineStr"><is><t>a&#13;b</t></is></c>'),
    (None, ""),
    (7, '<c r="B2" s="2"><v>7</v></c>'),
    (1726.0, '<c r="B2" s="2"><v>1726.0</v></c>'),
    (True, '<c r="B2" s="2" t="b"><v>1</v></c>'),
    (math.inf, '<c r="B2" s="1" t="inlineStr"><is><t>inf</t></is></c>'),
    (date(2020, 5, 17), '<c r="B2" s="3"><v>43968</v></c>'),
    (datetime(2020, 5, 17, 12), '<c r="B2" s="4"><v>43968.5</v></c>'),
    (time(6), '<c r="B2" s="5"><v>0.25</v></c>'),
    (timedelta(hours=30), '<c r="B2" s="6"><v>1.25</v></c>'),
    (date(1850, 1, 2), '<c r="B2" s="1" t="inlineStr"><is><t>1850-01-02</t></is></c>'),
])
def test_celda_xml(valor: object, xml: str) -> None:
    assert celda_xml("B2", valor, E) == xml


def test_texto_demasiado_largo_se_corta() -> None:
    largo = "A" * 40_000
    assert celda_xml("A1", largo, E) == (
        '<c r="A1" s="1" t="inlineStr"><is><t>' + "A" * 32_766 + "…</t></is></c>")
    assert _compilar((str,), [E])("1", largo) is None  # the general path cuts it


def test_celda_vacia_marcada_conserva_su_estilo() -> None:
    assert celda_xml("C9", None, EstilosCelda(texto=8, vacia=True)) == '<c r="C9" s="8"/>'


def test_texto_xml_escapes() -> None:
    assert texto_xml("<a & b>") == ("&lt;a &amp; b&gt;", False)
    assert texto_xml("_x000D_") == ("_x005F_x000D_", False)
    assert texto_xml("\x01\t\n") == ("_x0001_\t\n", True)
    assert texto_xml("\ud83d\ufffe") == ("\ufffd\ufffd", False)


_VALOR = st.one_of(
    st.none(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.text(alphabet="AZ09 ñ&<>_x|", max_size=8),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_VALOR, min_size=1, max_size=6), st.integers(2, 1_048_576), st.booleans())
def test_atajo_igual_al_camino_general(valores: list[object], n: int, referencias: bool) -> None:
    """The compiled builder, when it accepts a row, writes exactly what the general path writes."""
    estilos = [E, EstilosCelda(texto=9, vacia=True), EstilosCelda()]
    construir = _compilar(tuple(map(type, valores)), estilos, referencias)
    assert construir is not None
    rapido = construir(str(n), *valores)
    if rapido is not None:
        assert rapido == fila_xml(n, valores, estilos, referencias=referencias)
    otros = [object() if v is None else None for v in valores]
    assert construir(str(n), *otros) is False


def test_atajo_rechaza_otros_tipos() -> None:
    construir = _compilar((str, int), [E])
    assert construir is not None
    assert construir("2", "a", 1.5) is False
    assert construir("2", "a", True) is False
    assert _compilar((str, date), [E]) is None


def _hoja_con_notas(n: int) -> tuple[bytes, bytes]:
    notas = [Nota(fila, 2, (("Error: Título", True), ("\nMensaje <x>", False)))
             for fila in range(2, n + 2)]
    return partes_notas(notas, [10, 11, 22], "Revisión")


def test_partes_notas() -> None:
    comentarios, vml = _hoja_con_notas(3)
    raiz = ET.fromstring(comentarios)
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    refs = [c.get("ref") for c in raiz.iterfind("m:commentList/m:comment", ns)]
    assert refs == ["C2", "C3", "C4"]
    assert raiz.find("m:authors/m:author", ns).text == "Revisión"
    texto = "".join(t.text for t in raiz.iterfind("m:commentList/m:comment[1]//m:t", ns))
    assert texto == "Error: Título\nMensaje <x>"
    formas = ET.fromstring(vml)
    assert len(formas.findall("{urn:schemas-microsoft-com:vml}shape")) == 3
    assert b'<o:idmap v:ext="edit" data="1"/>' in vml
    assert b"<x:Row>1</x:Row><x:Column>2</x:Column>" in vml


def test_partes_notas_mas_de_1024() -> None:
    _, vml = _hoja_con_notas(2100)
    assert b'data="1,2,3"' in vml
    assert b'id="_x0000_s3124"' in vml  # 1025 + 2099


def _libro(con_notas: bool) -> bytes:
    salida = io.BytesIO()
    libro = Workbook(salida, OPCIONES_XLSXWRITER)
    hoja = libro.add_worksheet("Datos")
    hoja.write_string(0, 0, "Encabezado")
    hoja.autofilter(0, 0, 0, 1)
    if con_notas:
        hoja.write_comment(1, 0, "sonda")
    libro.close()
    return salida.getvalue()


def test_escritor_hoja(tmp_path: Path) -> None:
    ruta = tmp_path / "x.xlsx"
    comentarios, vml = partes_notas([Nota(3, 1, (("nota", False),))], [8.43, 8.43], "yo")
    with EscritorHoja(_libro(True), "Datos", ruta, fila_inicial=2, notas=(comentarios, vml)) as e:
        e.fila(2, ("a", 1))
        e.fila(3, (None, "b"))
        e.fila(10, ("c", None))
        assert e.ultima_fila == 10
    with zipfile.ZipFile(ruta) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert z.read("xl/comments1.xml") == comentarios
        libro_xml = z.read("xl/workbook.xml").decode()
        hoja = z.read("xl/worksheets/sheet1.xml").decode()
    assert "Datos!$A$1:$B$10</definedName>" in libro_xml
    assert '<autoFilter ref="A1:B10"/>' in hoja
    leido = CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name("Datos").to_python()
    assert leido[:3] == [["Encabezado", ""], ["a", 1.0], ["", "b"]]
    assert leido[-1] == ["c", ""] and len(leido) == 10


def test_escritor_hoja_errores(tmp_path: Path) -> None:
    with (pytest.raises(ValueError, match="no tiene la hoja"),
          EscritorHoja(_libro(False), "Otra", tmp_path / "a.xlsx", fila_inicial=2)):
        pass
    with (pytest.raises(RuntimeError, match="no tiene notas"),
          EscritorHoja(_libro(False), "Datos", tmp_path / "b.xlsx", fila_inicial=2,
                       notas=(b"", b""))):
        pass
    with (pytest.raises(ValueError, match="fuera de orden"),
          EscritorHoja(_libro(False), "Datos", tmp_path / "c.xlsx", fila_inicial=2) as e):
        e.fila(1, ("encima del encabezado",))


def test_libro_tabla_estilos() -> None:
    datos, estilos = libro_tabla("T", ["Fila", "Texto"], [6, 12], [False, True])
    assert estilos[0].texto is None and estilos[1].texto is not None
    with zipfile.ZipFile(io.BytesIO(datos)) as z:
        estilos_xml = z.read("xl/styles.xml").decode()
    assert 'formatCode="@"' in estilos_xml or 'numFmtId="49"' in estilos_xml


def test_error_al_escribir_en_el_hilo_se_propaga(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure of the deflating thread (disk full) reaches the caller; nothing hangs."""
    original = zipfile._ZipWriteFile.write  # type: ignore[attr-defined]

    def escribir(self: object, datos: bytes) -> int:
        if len(datos) > 100_000:  # a block of rows, not the small parts
            raise OSError(28, "No space left on device")
        return original(self, datos)

    libro = _libro(False)
    monkeypatch.setattr(zipfile._ZipWriteFile, "write", escribir)  # type: ignore[attr-defined]
    with (pytest.raises(OSError, match="No space left"),
          EscritorHoja(libro, "Datos", tmp_path / "x.xlsx", fila_inicial=2) as e):
        for n in range(2, 200_000):
            e.fila(n, ("texto de relleno", n))


@pytest.mark.parametrize("deflate", ["zlib", "zlib_ng"])
@pytest.mark.parametrize("nivel", [1, 6])
def test_la_hoja_se_comprime_al_nivel_dicho(tmp_path: Path, monkeypatch, nivel: int,
                                            deflate: str) -> None:
    """`ZipFile.open(ZipInfo, "w")` takes the level from the ZipInfo: the streamed sheet must
    be deflated at `NIVEL_DEFLATE` like every other part, by zlib-ng when it is installed
    (`_deflate_rapido`), else by zlib (whose bytes do not depend on how the data was split
    between calls; zlib-ng's may)."""
    import types
    import zlib

    from apoyo.mark import xlsx_rapido

    pedidos: list[tuple[int, ...]] = []
    if deflate == "zlib_ng":
        modulo = pytest.importorskip("zlib_ng.zlib_ng", reason="zlib-ng no instalado")
        assert xlsx_rapido._zlib_ng is modulo

        def compressobj(*args: int) -> object:
            pedidos.append(args)
            return modulo.compressobj(*args)

        monkeypatch.setattr(xlsx_rapido, "_zlib_ng", types.SimpleNamespace(
            compressobj=compressobj, DEFLATED=modulo.DEFLATED))
    else:
        monkeypatch.setattr(xlsx_rapido, "_zlib_ng", None)
    monkeypatch.setattr(xlsx_rapido, "NIVEL_DEFLATE", nivel)
    ruta = tmp_path / "x.xlsx"
    with EscritorHoja(_libro(False), "Datos", ruta, fila_inicial=2) as e:
        for n in range(2, 3000):
            e.fila(n, (f"texto {n % 97} de la fila", n * 7919 % 10007))
    with zipfile.ZipFile(ruta) as z:
        assert z.testzip() is None  # every member inflates to its CRC
        info = z.getinfo("xl/worksheets/sheet1.xml")
        xml = z.read(info)
        crudo = ruta.read_bytes()
    assert xml.count(b"<row ") == 2999
    compresor = zlib.compressobj(nivel, zlib.DEFLATED, -15)
    esperado = compresor.compress(xml) + compresor.flush()
    if deflate == "zlib_ng":
        assert pedidos == [(nivel, zlib.DEFLATED, -15)]  # the sheet, and nothing else
        assert esperado not in crudo
    else:
        assert info.compress_size == len(esperado)
        assert esperado in crudo


_TEXTOS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    ancho=st.integers(0, 4),
    filas=st.lists(st.lists(_TEXTOS, min_size=4, max_size=4), max_size=20),
    inicio=st.integers(0, 10**12),
    fijas=st.lists(_TEXTOS.map(str.encode), min_size=1, max_size=4),
    numeros_veces=st.integers(0, 3),
)
def test_unir_filas_compilado_igual_que_python(ancho, filas, inicio, fijas, numeros_veces):
    """The compiled bulk row builder gives the bytes of the Python one (its reference)."""
    from apoyo.mark import xlsx_rapido

    compilado = pytest.importorskip("apoyo.mark._filas",
                                    reason="apoyo.mark._filas no compilado (sin compilador de C)")
    piezas = tuple([*fijas, *range(ancho), *[None] * numeros_veces, *range(ancho)][::-1])
    filas = [tuple(f[:ancho]) for f in filas]
    numeros = list(range(inicio, inicio + 3 * len(filas), 3))
    esperado = xlsx_rapido._unir_python(piezas, numeros, filas)
    assert compilado.unir(piezas, numeros, filas) == esperado
    assert xlsx_rapido.unir_filas(piezas, range(inicio, inicio + 3 * len(filas), 3),
                                  filas) == esperado
    # Lists as rows, too (the marked copy's slices of the cells read).
    assert compilado.unir(piezas, numeros, [list(f) for f in filas]) == esperado


def test_unir_filas_declina_lo_que_no_sabe() -> None:
    """The compiled builder returns None (the Python way then decides) for what it does not
    handle, and `unir_filas` gives the Python result or its error."""
    from apoyo.mark import xlsx_rapido

    compilado = pytest.importorskip("apoyo.mark._filas",
                                    reason="apoyo.mark._filas no compilado (sin compilador de C)")

    class Texto(str):
        pass

    piezas = (b"<r>", None, b":", 0, b"</r>")
    assert compilado.unir(piezas, [7, 8], [("a",), ("ñ€😀",)]) == "<r>7:a</r><r>8:ñ€😀</r>".encode()
    assert compilado.unir(piezas, [7], [(Texto("a"),)]) is None
    assert xlsx_rapido.unir_filas(piezas, [7], [(Texto("a"),)]) == b"<r>7:a</r>"
    assert compilado.unir(piezas, [7], [(5,)]) is None
    with pytest.raises(TypeError):
        xlsx_rapido.unir_filas(piezas, [7], [(5,)])
    assert compilado.unir(piezas, [7], [("\ud800",)]) is None
    with pytest.raises(UnicodeEncodeError):
        xlsx_rapido.unir_filas(piezas, [7], [("\ud800",)])
    assert compilado.unir(piezas, [-1], [("a",)]) is None
    assert compilado.unir(piezas, [True], [("a",)]) is None
    assert compilado.unir(piezas, [7, 8], [("a",)]) is None
    assert compilado.unir(piezas, [7], [()]) is None  # row too short
    assert compilado.unir(piezas, [7], ["a"]) is None  # row not a tuple or list
    assert compilado.unir((b"x", 1.5), [7], [("a",)]) is None
    assert compilado.unir((b"x", "y"), [7], [("a",)]) is None
    assert compilado.unir((b"x", -1), [7], [("a",)]) is None
    assert compilado.unir(piezas, [], []) == b""
