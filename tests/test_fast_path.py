"""The fast path must decide exactly as the full rules for every row it accepts."""

from datetime import date
from operator import itemgetter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apoyo.catalog import CatalogoSecciones
from apoyo.check import Contexto
from apoyo.check.cross import revisar_cruzadas
from apoyo.check.duplicates import ARCHIVOS, Vistos
from apoyo.check.fast import _rapido, avanzador, fila_limpia
from apoyo.check.field import revisar_campos
from apoyo.example import generar
from apoyo.schema import CAMPOS

CORTE = date(2026, 11, 29)
BASE = generar(60, semilla=7, fecha_corte=CORTE)
CATALOGO = CatalogoSecciones.desde_texto(
    "ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION\n"
    + "".join(f"7,{s % 13 + 1},{s % 120 + 1},M,{s}\n" for s in range(2, 2400, 3)),
    "prueba",
)
CONTEXTOS = [
    Contexto(fecha_corte=CORTE),
    Contexto(fecha_corte=CORTE, entidad="07", catalogo=CATALOGO, distrito=5),
    Contexto(fecha_corte=CORTE, quitar_acentos=False, catalogo=CATALOGO, municipio=3),
]
# Perturbations that keep the row plausible enough to probe the regex's edges.
VALORES_RAROS = st.sampled_from(
    ["", " ", "07", "7", "32", "33", "00", "0204", "204", "9999", "10000", "MARIA", "MA RIA",
     "MARIA ", "ÑAÑEZ", "JOSÉ", "O'HARA", "-", ".", "DE LA CRUZ", "G4RCIA", "1234567890123",
     "123456789", "1234567897", "PRLPJN800229 07H123", "PRLPJN80022907H123",
     "PRLPJN00022907H123", "PRLPJN10010107H123", "PRLPJN27022907H123", "PRLPJN80010199H123"]
)


@settings(max_examples=400, deadline=None)
@given(
    base=st.sampled_from(BASE),
    cambios=st.lists(st.tuples(st.integers(0, 7), VALORES_RAROS | st.none() | st.floats(0, 1e13)),
                     max_size=3),
    contexto=st.sampled_from(CONTEXTOS),
)
def test_fast_path_agrees_with_full_rules(base, cambios, contexto):
    fila = list(base)
    for i, valor in cambios:
        fila[i] = valor
    rapido = fila_limpia(fila, contexto)
    textos, validos, hallazgos = revisar_campos(5, fila, contexto)
    hallazgos += revisar_cruzadas(5, textos, validos, contexto)
    if rapido is not None:
        assert hallazgos == []
        assert rapido == tuple(textos[c] for c in CAMPOS)


def test_fast_path_takes_clean_rows_and_leaves_faulty_ones():
    contexto = Contexto(fecha_corte=CORTE)
    limpias = [f for i, f in enumerate(generar(200, semilla=3, fecha_corte=CORTE)) if i % 97 != 96]
    assert all(fila_limpia(f, contexto) == f for f in limpias)
    assert fila_limpia(("7",) + limpias[0][1:], contexto) is None
    assert fila_limpia((7.0,) + limpias[0][1:], contexto) is None


def test_fecha_plausible_equals_the_clave_rules_for_every_month_and_day():
    from apoyo.check.fast import fecha_plausible_en
    from apoyo.identifiers import clave_elector

    for corte in (CORTE, date(2024, 2, 29), date(2000, 1, 1)):
        for yy in range(100):
            for mm in range(14):
                for dd in range(33):
                    yymmdd = f"{yy:02d}{mm:02d}{dd:02d}"
                    clave = "AAAAAA" + yymmdd + "01H000"
                    esperado = (clave_elector.is_valid(clave)
                                and not clave_elector.edad_inusual(clave, corte))
                    assert fecha_plausible_en(yymmdd, corte) == esperado, (yymmdd, corte)


def test_fast_path_leaves_rows_the_rules_must_see():
    contexto = Contexto(fecha_corte=CORTE)
    base = next(f for i, f in enumerate(generar(30, semilla=3, fecha_corte=CORTE))
                if fila_limpia(f, contexto) == f)
    for cambios in ({3: "", 4: ""}, {6: "", 7: ""}, {3: None, 4: None}, {6: None, 7: None},
                    {6: "9" + base[6][1:]}, {1: "0" + base[1]}, {2: "-" + base[2]}):
        fila = list(base)
        for i, v in cambios.items():
            fila[i] = v
        assert fila_limpia(fila, contexto) is None, cambios
        textos, validos, hallazgos = revisar_campos(5, fila, contexto)
        hallazgos += revisar_cruzadas(5, textos, validos, contexto)
        assert hallazgos, cambios
    for cambios in ({6: ""}, {7: None}, {6: None}, {7: ""}):  # one of OCR and CIC is enough
        fila = list(base)
        for i, v in cambios.items():
            fila[i] = v
        assert fila_limpia(fila, contexto) == tuple("" if v is None else v for v in fila)


# ---- the compiled fast run (apoyo.check._rapido) against its Python reference ---------------

def _tablas():
    return tuple(Vistos().tablas())


def _contenido(tablas):
    return [dict(t.items()) for t in tablas]


def _recorrer(avanzar, lote):
    """Every index `avanzar` stops at, going on after each (as `revisar_cada` does)."""
    paradas, i = [], 0
    while i < len(lote):
        k = avanzar(lote, i)
        paradas.append(k)
        i = k + 1
    return paradas


RAROS_C = VALORES_RAROS | st.sampled_from(
    ["ΩMEGA", "MARÍA", "GARCÍA😀", "A" * 40_000, "Ñ", "O''", "A-", "\x1f", "07\x1f", "1726",
     "0001726000001", "PÉREZ", "1 2", "1000", "2411", "5555", "999", "99", "9"])


def _seccion_con_cero(fila):
    if not isinstance(fila[1], str) or not isinstance(fila[6], (str, type(None))):
        return
    fila[1] = "0" + fila[1][1:]
    if fila[6]:
        fila[6] = fila[1].zfill(4) + fila[6][4:]


def _seccion_ancha(fila):
    if not isinstance(fila[1], str) or not isinstance(fila[6], (str, type(None))):
        return
    fila[1] = "1" + fila[1].zfill(4)
    if fila[6]:
        fila[6] = fila[1] + fila[6][4:]



# Changes made from the row's own value, so that everything else still agrees (initials, date,
# OCR prefix) and the one change decides: (field index, change).
_NOMBRES = [2, 3, 4]
DERIVADOS = st.sampled_from(
    [(i, f) for i in _NOMBRES for f in (
        lambda v: v + " ", lambda v: " " + v, lambda v: v + "  X", lambda v: v + " X",
        lambda v: v + "-", lambda v: v + "Ñ", lambda v: v + "1", lambda v: v.lower(),
        lambda v: v + "\x1f", lambda v: v[:1] + "'" + v[1:], lambda v: "")]
    + [(5, f) for f in (
        lambda v: v[:6] + "000229" + v[12:], lambda v: v[:6] + "991231" + v[12:],
        lambda v: v[:6] + "150101" + v[12:], lambda v: v[:6] + "260101" + v[12:],
        lambda v: v[:6] + "800230" + v[12:], lambda v: v[:12] + "33" + v[14:],
        lambda v: v[:12] + "00" + v[14:], lambda v: v[:14] + "X" + v[15:],
        lambda v: v[:14] + "Z" + v[15:], lambda v: v[:17], lambda v: v + "1",
        lambda v: v[:3] + "Ñ" + v[4:], lambda v: v[:16] + "A" + v[17:])]
    + [(1, f) for f in (
        lambda v: str(int(v) % 9 + 1) * len(v), lambda v: str(int(v) + 1), lambda v: "0" + v,
        lambda v: v[1:] or "1")]
    + [(6, f) for f in (
        lambda v: v and "0" + v[1:], lambda v: v[1:], lambda v: v and str(
            (int(v[:4]) % 9999) + 1).zfill(4) + v[4:], lambda v: v and v[:12] + "A", lambda v: "")]
    + [(7, f) for f in (lambda v: v[1:], lambda v: v + "0", lambda v: "", lambda v: v and "A"
                        + v[1:])]
    + [(0, f) for f in (lambda v: v[1:], lambda v: "33", lambda v: "00", lambda v: "1" + v)]
    # the sección and the OCR's prefix together: a leading zero, a wider sección
    + [(None, f) for f in (_seccion_con_cero, _seccion_ancha)])


def _cambiar(fila, cambios):
    for cambio in cambios:
        if cambio[0] is None:
            cambio[1](fila)
        elif isinstance(cambio[1], str) or cambio[1] is None or not callable(cambio[1]):
            fila[cambio[0]] = cambio[1]
        elif isinstance(fila[cambio[0]], str):
            try:
                fila[cambio[0]] = cambio[1](fila[cambio[0]])
            except ValueError:  # a number's change on a text that is not one: no change
                pass


@pytest.mark.skipif(_rapido is None, reason="apoyo.check._rapido not built (no C compiler)")
@settings(max_examples=400, deadline=None)
@given(
    filas=st.lists(
        st.tuples(st.integers(0, 39),
                  st.lists(st.tuples(st.integers(0, 7),
                                     RAROS_C | st.none() | st.integers(0, 10**13)
                                     | st.floats(0, 1e13)) | DERIVADOS, max_size=2)),
        min_size=1, max_size=40),
    contexto=st.sampled_from(CONTEXTOS),
    ancho=st.sampled_from([None, 9]),
    como_lista=st.booleans(),
    con_dicts=st.booleans(),
)
def test_compiled_run_stops_where_the_python_one_does(filas, contexto, ancho, como_lista,
                                                      con_dicts):
    # Rows drawn from 40 bases (so identifiers repeat), some perturbed; with `ancho`, the eight
    # values sit reversed in wider rows and `tomar` picks them (as Tabla.tomador does).
    lote = []
    for n, (i, cambios) in enumerate(filas, start=2):
        fila = list(BASE[i])
        _cambiar(fila, cambios)
        valores = list(fila) if como_lista else tuple(fila)
        if ancho is not None:
            valores = (None, *reversed(valores))
        lote.append((n, valores))
    tomar = itemgetter(*range(8, 0, -1)) if ancho is not None else None
    tablas_c, tablas_py = ((({}, {}, {}), ({}, {}, {})) if con_dicts
                           else (_tablas(), _tablas()))
    compilado = avanzador(contexto, tablas_c, 3, tomar, compilado=True)
    python = avanzador(contexto, tablas_py, 3, tomar, compilado=False)
    assert _recorrer(compilado, lote) == _recorrer(python, lote)
    assert _contenido(tablas_c) == _contenido(tablas_py)


@pytest.mark.skipif(_rapido is None, reason="apoyo.check._rapido not built (no C compiler)")
def test_compiled_run_records_clean_rows_and_stops_at_the_first_repeat():
    contexto = Contexto(fecha_corte=CORTE)
    limpias = [f for i, f in enumerate(generar(200, semilla=3, fecha_corte=CORTE)) if i % 97 != 96]
    lote = [(n, f) for n, f in enumerate(limpias[:10], start=2)] + [(12, limpias[4])]
    tablas = _tablas()
    avanzar = avanzador(contexto, tablas, 1, compilado=True)
    assert avanzar(lote, 0) == 10
    claves, ocrs, cics = tablas
    assert claves[limpias[4][5]] == 6 * ARCHIVOS + 1
    assert len(claves) == 10
    assert len(ocrs) == sum(1 for f in limpias[:10] if f[6])
    assert len(cics) == sum(1 for f in limpias[:10] if f[7])
    # Items it does not handle end the run there: the caller's full path takes them.
    for raro in [(13, limpias[11], "x"), [13, limpias[11]], (13.0, limpias[11]),
                 (-1, limpias[11]), (13, limpias[11][:7]), (13, iter(limpias[11]))]:
        assert avanzar(lote[:10] + [raro], 10) == 10
    assert avanzar(lote[:10] + [(13, limpias[11])], 10) == 11
    assert avanzar(lote, 99) == len(lote)


def test_python_fast_run_is_used_when_asked_and_compiled_one_refuses_when_missing(monkeypatch):
    import apoyo.check.fast as fast

    monkeypatch.setattr(fast, "_rapido", None)
    tablas = _tablas()
    avanzar = avanzador(Contexto(fecha_corte=CORTE), tablas, 0)
    assert avanzar([(2, BASE[0]), (3, BASE[0])], 0) == 1
    assert dict(tablas[0].items()) == {BASE[0][5]: 2 * ARCHIVOS}
    with pytest.raises(RuntimeError):
        avanzador(Contexto(fecha_corte=CORTE), tablas, 0, compilado=True)


CLAVES_TABLA = st.sampled_from(
    ["", "A", "GNVZSF49062305H840", "2410000012345", "100054321", "X" * 23, "X" * 24, "Ñ",
     "ÑA", "é", "\x00", "A\x00", "\x00A", "😀", "a" * 100]) | st.text(max_size=30)


@pytest.mark.skipif(_rapido is None, reason="apoyo.check._rapido not built (no C compiler)")
@settings(max_examples=300, deadline=None)
@given(pasos=st.lists(st.tuples(st.sampled_from(["setdefault", "get", "in"]), CLAVES_TABLA,
                                st.integers(0, 2**62)), max_size=60))
def test_primeras_behaves_as_a_dict(pasos):
    tabla, dicc = _rapido.Primeras(), {}
    for paso, clave, valor in pasos:
        if paso == "setdefault":
            assert tabla.setdefault(clave, valor) == dicc.setdefault(clave, valor)
        elif paso == "in":
            assert (clave in tabla) == (clave in dicc)
        elif clave in dicc:
            assert tabla[clave] == dicc[clave]
        else:
            with pytest.raises(KeyError):
                tabla[clave]
        assert len(tabla) == len(dicc)
    assert dict(tabla.items()) == dicc
    assert len(tabla.items()) == len(dicc)


@pytest.mark.skipif(_rapido is None, reason="apoyo.check._rapido not built (no C compiler)")
def test_primeras_grows_and_refuses_what_a_clave_never_stores():
    tabla = _rapido.Primeras()
    claves = [f"{n:013d}" for n in range(0, 50_000_000, 997)]
    for i, clave in enumerate(claves):
        assert tabla.setdefault(clave, i) == i
    assert len(tabla) == len(claves)
    assert [tabla[c] for c in claves[::1000]] == list(range(0, len(claves), 1000))
    assert tabla.setdefault(claves[7], 99) == 7
    with pytest.raises(ValueError):
        tabla.setdefault("nueva", -1)
    with pytest.raises(TypeError):
        tabla.setdefault("nueva", "1")
