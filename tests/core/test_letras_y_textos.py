"""Rows with Latin letters beyond Spanish's (--conservar-acentos), names damaged by a conversion
between programs, and numbers a text file carries as text ("1006.0", "'0512345678901").

Each case lists all the row's findings as (campo, codigo, severidad) and the normalised values.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apoyo import check
from apoyo.check import Vistos, revisar_cada
from apoyo.check.cross import revisar_cruzadas
from apoyo.check.fast import fila_limpia
from apoyo.check.field import LETRAS_LATINAS, revisar_campos
from apoyo.normalize import normalizar
from apoyo.schema import CAMPOS

from ._nucleo import BASE, CTX, fila, revisada

A, E = "aviso", "error"
CONSERVAR = replace(CTX, quitar_acentos=False)


def _hallazgos(r):
    return [(h.campo, h.codigo, h.severidad) for h in r.hallazgos]


def _registro(r):
    return tuple(getattr(r.registro, c) for c in CAMPOS)


# ---- 1. Latin letters with diacritics, kept with --conservar-acentos ---------------------------

def test_francois_con_acentos_conservados_no_tiene_hallazgos():
    # FRANÇOIS -> F + R (accent-insensitive initials): the clave's letters agree
    r = revisada(fila(nombre="FRANÇOIS", clave_elector="VZSNFR92021707M101"), CONSERVAR)
    assert _hallazgos(r) == []
    assert r.valida
    assert r.registro.nombre == "FRANÇOIS"


@pytest.mark.parametrize("campo, valor", [
    ("nombre", "FRANÇOIS"), ("apellido_paterno", "GÖTZ"), ("apellido_paterno", "MÜLLER"),
    ("nombre", "ANDRÉ"), ("nombre", "ÀNGEL"), ("nombre", "CHLOË"), ("nombre", "ÅSA"),
    ("apellido_materno", "ØSTERGAARD"), ("nombre", "ŁUKASZ"), ("apellido_paterno", "DVOŘÁK"),
    ("nombre", "ȘTEFAN"), ("apellido_paterno", "NGUYỄN"), ("apellido_materno", "SCHÆFER"),
    ("nombre", "MARÍA JOSÉ"), ("apellido_paterno", "O'NEILL-GÓMEZ"),
])
def test_letras_latinas_no_son_error_con_acentos_conservados(campo, valor):
    r = revisada(fila(**{campo: valor}), CONSERVAR)
    assert E not in {h.severidad for h in r.hallazgos}, r.hallazgos
    assert "nombre-invalido" not in {h.codigo for h in r.hallazgos}
    assert r.valida
    assert getattr(r.registro, campo) == valor


def test_minusculas_latinas_se_convierten_y_se_conservan():
    r = revisada(fila(nombre="françois", clave_elector="VZSNFR92021707M101"), CONSERVAR)
    assert _hallazgos(r) == [("nombre", "mayusculas-corregidas", A)]
    assert r.registro.nombre == "FRANÇOIS"


def test_sin_conservar_los_acentos_se_quitan():
    r = revisada(fila(nombre="FRANÇOIS", clave_elector="VZSNFR92021707M101"))
    assert _hallazgos(r) == [("nombre", "acentos-quitados", A)]
    assert r.registro.nombre == "FRANCOIS"


@pytest.mark.parametrize("valor, queda", [
    ("ØSTERGAARD", "OSTERGAARD"), ("Łukasz", "LUKASZ"), ("SCHÆFER", "SCHAEFER"),
    ("Œuvray", "OEUVRAY"), ("ÞÓRA", "THORA"), ("Đorđe", "DORDE"),
])
def test_sin_conservar_las_letras_sin_acento_separable_se_escriben_con_letras_simples(valor, queda):
    # NFD leaves Ø, Ł, Æ... whole: without a plain spelling they were `nombre-invalido` errors
    r = revisada(fila(apellido_materno=valor))
    de_materno = {h.codigo for h in r.hallazgos if h.campo == "apellido_materno"}
    assert de_materno == {"acentos-quitados"} | ({"mayusculas-corregidas"}
                                                  if valor != valor.upper() else set())
    assert E not in {h.severidad for h in r.hallazgos}
    assert r.registro.apellido_materno == queda
    assert r.valida


@pytest.mark.parametrize("valor, caracteres", [
    ("SOFIA×2", "«×», «2»"),  # the multiplication sign of Latin-1 is not a letter
    ("SOFIA÷", "«÷»"),
    ("Mª SOFIA", "«ª»"),  # an ordinal indicator, not an uppercase letter
    ("SOFIA€", "«€»"),
    ("SOFIA©", "«©»"),
    ("ΣΟΦΙΑ", "«Σ», «Ο», «Φ», «Ι», «Α»"),  # Greek: not Latin
])
def test_signos_siguen_siendo_error_con_acentos_conservados(valor, caracteres):
    r = revisada(fila(nombre=valor), CONSERVAR)
    assert ("nombre", "nombre-invalido", E) in _hallazgos(r)
    [h] = [h for h in r.hallazgos if h.codigo == "nombre-invalido"]
    assert h.mensaje == (f"«Nombre(s)» contiene caracteres que no van en un nombre: "
                         f"{caracteres}.")
    assert not r.valida


def test_letras_latinas_definidas_con_precision():
    assert "×" not in LETRAS_LATINAS and "÷" not in LETRAS_LATINAS
    assert all(c.isupper() and c.isalpha() for c in LETRAS_LATINAS)
    for letra in "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞŁŒŠŽȘȚỄ":
        assert letra in LETRAS_LATINAS, letra
    for otra in "ßàçñøª×ΣЖ":  # lowercase (names are upper-cased first), signs, other scripts
        assert otra not in LETRAS_LATINAS, otra


PALABRA = st.text(alphabet=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ" + LETRAS_LATINAS),
                  min_size=1, max_size=10)
NOMBRE = st.lists(PALABRA, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nombre=NOMBRE, paterno=NOMBRE, materno=NOMBRE)
def test_cualquier_nombre_latino_es_valido_y_el_camino_rapido_coincide(nombre, paterno, materno):
    valores = fila(nombre=nombre, apellido_paterno=paterno, apellido_materno=materno)
    r = revisada(valores, CONSERVAR)
    assert "nombre-invalido" not in {h.codigo for h in r.hallazgos}
    assert r.valida
    # the fast path takes A-Z and Ñ only; when it takes a row, the full rules find nothing
    textos, validos, hallazgos = revisar_campos(5, valores, CONSERVAR)
    hallazgos += revisar_cruzadas(5, textos, validos, CONSERVAR)
    if (rapido := fila_limpia(valores, CONSERVAR)) is not None:
        assert hallazgos == []
        assert rapido == tuple(textos[c] for c in CAMPOS)
    else:
        assert any(c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZÑ '" for c in nombre + paterno + materno) \
            or hallazgos


@pytest.mark.parametrize("ctx", [CTX, CONSERVAR], ids=["sin-acentos", "conservar-acentos"])
def test_letras_que_parecen_utf8_con_una_marca_suelta_no_se_releen(ctx):
    """Found by the property test above: «AÌŽ» are the bytes of «A» + U+030E in UTF-8; read
    back, a mark would be left on its own (no letter composes with it): not a repair."""
    r = revisada(fila(apellido_materno="AÌŽ"), ctx)
    assert "nombre-invalido" not in {h.codigo for h in r.hallazgos}
    assert r.registro.apellido_materno == ("AÌŽ" if ctx is CONSERVAR else "AIZ")


def test_marca_que_no_es_acento_latino_no_se_quita_en_silencio():
    """«ÍÑIGUEZ» in DOS cp850 is the bytes D6 A5, valid UTF-8 for U+05A5 (a Hebrew accent): a
    file read so must not export «IGUEZ» as if nothing happened."""
    r = revisada(fila(apellido_paterno="\u05a5GUEZ"))
    assert ("apellido_paterno", "nombre-invalido", E) in _hallazgos(r)
    assert not r.valida


# ---- 2. a name that lost a letter: «Ã»/«Â» left by a conversion ---------------------------------

DANADO_SOFIA = ("«Nombre(s)» dice «SOFÃA»: parece que perdió una letra con acento al convertir "
                "el archivo entre programas («Ã» o «Â» suelen quedar en lugar de Á, Í u otra "
                "letra acentuada, y esa letra ya no se puede recuperar); en el archivo exportado "
                "queda «SOFAA».")


def test_garcia_danado_da_aviso_y_conserva_el_valor_original():
    r = revisada(fila(apellido_paterno="GARCÃA", clave_elector="GRSNSF92021707M101"))
    assert _hallazgos(r) == [("apellido_paterno", "texto-posiblemente-danado", A),
                             ("apellido_paterno", "acentos-quitados", A)]
    assert r.valida
    h = r.hallazgos[0]
    assert h.valor == "GARCÃA"
    assert "«GARCÃA»" in h.mensaje and "«GARCAA»" in h.mensaje
    assert h.remedio == ("Compare el nombre con el formato en papel y corríjalo en el archivo "
                         "(por ejemplo, GARCÍA en lugar de GARCÃA). Si el nombre de verdad lleva "
                         "«Ã» o «Â» (como JOÃO), no hace falta hacer nada.")
    assert r.registro.apellido_paterno == "GARCAA"


def test_danado_con_acentos_conservados_es_aviso_no_error():
    r = revisada(fila(nombre="SOFÃA"), CONSERVAR)
    assert _hallazgos(r) == [("nombre", "texto-posiblemente-danado", A)]
    assert r.valida and r.registro.nombre == "SOFÃA"
    assert r.hallazgos[0].mensaje == DANADO_SOFIA.replace("queda «SOFAA»", "queda «SOFÃA»")


def test_danado_en_minusculas():
    r = revisada(fila(nombre="sofãa"))
    assert _hallazgos(r) == [("nombre", "texto-posiblemente-danado", A),
                             ("nombre", "mayusculas-corregidas", A),
                             ("nombre", "acentos-quitados", A)]
    assert r.hallazgos[0].valor == "sofãa"


def test_mojibake_recuperable_no_da_aviso_de_dano():
    # the byte 0x8D kept as U+008D: read back to GARCÍA, nothing lost
    r = revisada(fila(apellido_paterno="GARCÃ\u008dA", clave_elector="GRSNSF92021707M101"))
    assert _hallazgos(r) == [("apellido_paterno", "texto-recodificado", A),
                             ("apellido_paterno", "acentos-quitados", A)]
    assert r.registro.apellido_paterno == "GARCIA"


# ---- 3. numbers carried as text by a CSV ----------------------------------------------------------

@pytest.mark.parametrize("cambios, esperados, registro", [
    ({"seccion": "1726.0"}, [("seccion", "numero-convertido", A)], {"seccion": "1726"}),
    ({"clave_estado": "7.0"}, [("clave_estado", "numero-convertido", A)], {"clave_estado": "07"}),
    ({"ocr": "1726668657279.0"}, [("ocr", "numero-convertido", A)], {}),
    ({"seccion": "204", "ocr": "204346340346.0"}, [("ocr", "numero-convertido", A)],
     {"seccion": "204", "ocr": "0204346340346"}),
    ({"cic": "767794671.0"}, [("cic", "numero-convertido", A)], {}),
    ({"ocr": "'1726668657279"}, [("ocr", "formato-ajustado", A)], {}),
    ({"seccion": "204", "ocr": "'0204346340346"}, [("ocr", "formato-ajustado", A)],
     {"seccion": "204", "ocr": "0204346340346"}),
    ({"clave_estado": "'07"}, [("clave_estado", "formato-ajustado", A)], {}),
    ({"cic": "'767794671"}, [("cic", "formato-ajustado", A)], {}),
])
def test_numero_como_texto_se_repara_con_aviso(cambios, esperados, registro):
    r = revisada(fila(**cambios))
    assert _hallazgos(r) == esperados
    assert r.valida
    assert _registro(r) == tuple(registro.get(c, v) for c, v in zip(CAMPOS, BASE))


def test_mensajes_de_numero_como_texto():
    [h] = revisada(fila(seccion="1726.0")).hallazgos
    assert (h.valor, h.mensaje) == ("1726.0", "«Sección electoral» estaba guardado como número "
                                              "(1726.0); se convirtió al texto «1726».")
    [h] = revisada(fila(ocr="'1726668657279")).hallazgos
    assert (h.valor, h.mensaje) == ("'1726668657279",
                                    "«OCR» se ajustó de «'1726668657279» a «1726668657279».")


@pytest.mark.parametrize("cambios, esperados", [
    ({"seccion": "1726.5"}, [("seccion", "seccion-invalida", E)]),
    ({"seccion": "17.26"}, [("seccion", "seccion-invalida", E)]),
    ({"ocr": "1726668657279.5"}, [("ocr", "ocr-formato", E)]),
    ({"ocr": "''1726668657279"}, [("ocr", "ocr-formato", E)]),
    ({"clave_estado": "0.7"}, [("clave_estado", "clave-estado-invalida", E)]),
])
def test_decimales_que_no_son_cero_no_se_reparan(cambios, esperados):
    r = revisada(fila(**cambios))
    assert _hallazgos(r) == esperados
    assert not r.valida


@pytest.mark.parametrize("valores, contexto", [
    (fila(seccion="1726.0", clave_estado="'07"), CTX),
    (fila(ocr="1726668657279.0", cic="'767794671"), CTX),
    (fila(apellido_paterno="GARCÃA", clave_elector="GRSNSF92021707M101"), CTX),
    (fila(nombre="françois", clave_elector="VZSNFR92021707M101"), CONSERVAR),
    (fila(nombre="SOFÃA"), CONSERVAR),
])
def test_atajo_de_filas_reparadas_coincide_con_las_reglas_completas(valores, contexto):
    esperado = check._revisar_completa(2, valores, contexto, Vistos(), "a.xlsx")
    [(_, n, textos, hallazgos)] = list(revisar_cada([(2, valores)], contexto, Vistos(), "a.xlsx"))
    assert (textos, hallazgos) == esperado


@pytest.mark.parametrize(("valor", "quitar", "esperado"), [
    ("Ǽ", True, "AE"),  # Æ with an accent: the accent goes, then Æ is written AE
    ("ŉ", False, "'N"),  # upper-cased it is «ʼN», whose apostrophe is then normalised
    ("ŉ", True, "'N"),
])
def test_normalizar_dos_veces_da_lo_mismo(valor, quitar, esperado):
    """Found by the slow property run (`tests/core/test_properties.py`): one more pass of the
    repairs changed these again."""
    n = normalizar("apellido_paterno", valor, quitar)
    assert n.texto == esperado
    otra = normalizar("apellido_paterno", n.texto, quitar)
    assert (otra.texto, otra.cambios, otra.problema) == (esperado, (), None)
