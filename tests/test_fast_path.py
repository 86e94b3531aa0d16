"""The fast path must decide exactly as the full rules for every row it accepts."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from apoyo.catalog import CatalogoSecciones
from apoyo.check import Contexto
from apoyo.check.cross import revisar_cruzadas
from apoyo.check.fast import fila_limpia
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
