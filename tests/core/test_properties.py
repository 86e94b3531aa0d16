"""Hypothesis properties of the core: typed errors only, idempotent compact / normalizar, and
generated valid rows that always pass.

The default run keeps examples moderate; the `slow` variants (``pytest -m slow``) run 10,000
examples per target.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apoyo.check import revisar_filas
from apoyo.errors import CATALOGO, hallazgo
from apoyo.identifiers import cic, clave_elector, clave_estado, ocr, seccion
from apoyo.identifiers._errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from apoyo.normalize import en_blanco, normalizar
from apoyo.schema import CAMPOS

from ._nucleo import CORTE, CTX

RAPIDO = settings(max_examples=250, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
LENTO = settings(max_examples=10_000, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

MODULOS = {"clave_estado": clave_estado, "seccion": seccion, "clave_elector": clave_elector,
           "ocr": ocr, "cic": cic}
TIPADOS = (InvalidLength, InvalidFormat, InvalidComponent, InvalidChecksum)

# Text near the identifiers' shapes finds more than st.text() alone.
CERCANO = st.text(
    alphabet=st.sampled_from(list("0123456789ABHMXZÑñ<- .\u00a0\t\u200b\u0661²０")),
    max_size=34,
)
TEXTO = st.one_of(st.text(), CERCANO)
NUMEROS = st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True))
# clave_estado and seccion take numbers (Excel cells); the others take text but str() anything.
ENTRADAS = {campo: st.one_of(TEXTO, NUMEROS) for campo in MODULOS}
OBJETIVOS = sorted(MODULOS)


def _propiedad_validador(campo, valor):
    modulo = MODULOS[campo]
    try:
        resultado = modulo.validate(valor)
    except ValidationError as exc:
        assert isinstance(exc, TIPADOS), type(exc)
        assert exc.codigo in CATALOGO
        # the error carries every placeholder its catalogue message needs
        h = hallazgo(exc.codigo, 2, campo, str(valor), **exc.params)
        assert h.severidad == "error"
        assert not modulo.is_valid(valor)
    else:
        assert isinstance(resultado, str) and resultado.isascii()
        assert modulo.is_valid(valor)
        assert modulo.validate(resultado) == resultado
        if campo == "clave_elector":
            partes = clave_elector.parse(resultado, CORTE)
            assert partes.nacimiento.strftime("%y%m%d") == resultado[6:12]
            assert clave_elector.edades(resultado, CORTE)
            assert isinstance(clave_elector.edad_inusual(resultado, CORTE), bool)
        elif campo == "ocr":
            assert 0 <= ocr.prefijo_seccion(resultado) <= 9999
    compacto = modulo.compact(valor) if not _gigante(valor) else None
    if compacto is not None:
        assert modulo.compact(compacto) == compacto
    if campo == "cic" and isinstance(valor, str):
        mrz = cic.parse_mrz(valor)
        if mrz is not None:
            assert len(mrz[0]) == 9 and len(mrz[1]) == 13
            assert (mrz[0] + mrz[1]).isascii() and (mrz[0] + mrz[1]).isdigit()


def _gigante(valor):
    return isinstance(valor, int) and abs(valor) > 10**4000


@RAPIDO
@pytest.mark.parametrize("campo", OBJETIVOS)
@given(datos=st.data())
def test_validadores_solo_errores_tipados(campo, datos):
    _propiedad_validador(campo, datos.draw(ENTRADAS[campo]))


@pytest.mark.slow
@LENTO
@pytest.mark.parametrize("campo", OBJETIVOS)
@given(datos=st.data())
def test_validadores_solo_errores_tipados_lento(campo, datos):
    _propiedad_validador(campo, datos.draw(ENTRADAS[campo]))


# ---- normalizar ----------------------------------------------------------------------------------

CRUDOS = st.one_of(st.none(), st.text(), CERCANO, st.floats(allow_nan=True), st.integers(),
                   st.booleans(), st.dates(), st.datetimes())


def _propiedad_normalizar(campo, valor, quitar):
    n = normalizar(campo, valor, quitar)
    assert isinstance(n.texto, str)
    if n.problema is not None:
        codigo, params = n.problema
        assert CATALOGO[codigo].severidad == "error"
        hallazgo(codigo, 2, campo, "x", **params)
        return
    for cambio in n.cambios:
        assert cambio.campo == campo
        assert CATALOGO[cambio.motivo].severidad == "aviso"
        assert cambio.antes != cambio.despues or cambio.motivo == "numero-convertido"
        hallazgo(cambio.motivo, 2, campo, cambio.antes, despues=cambio.despues)
    if isinstance(valor, str):
        # the audit trail is a chain from the cell to the result
        cadena = [valor] + [c.despues for c in n.cambios]
        assert [c.antes for c in n.cambios] == cadena[:-1]
        assert cadena[-1] == n.texto
    else:
        assert len(n.cambios) <= 1
    otra = normalizar(campo, n.texto, quitar)
    assert (otra.texto, otra.cambios, otra.problema) == (n.texto, (), None)


@RAPIDO
@given(valor=CRUDOS)
def test_en_blanco_si_y_solo_si_normaliza_a_nada(valor):
    # revisar_filas skips a row of such cells: it must agree with what normalisation leaves
    n = normalizar("nombre", valor)
    assert en_blanco(valor) == (n.texto == "" and n.problema is None)


@RAPIDO
@pytest.mark.parametrize("campo", CAMPOS)
@given(valor=CRUDOS, quitar=st.booleans())
def test_normalizar_nunca_falla_y_es_idempotente(campo, valor, quitar):
    _propiedad_normalizar(campo, valor, quitar)


@pytest.mark.slow
@LENTO
@pytest.mark.parametrize("campo", CAMPOS)
@given(valor=CRUDOS, quitar=st.booleans())
def test_normalizar_nunca_falla_y_es_idempotente_lento(campo, valor, quitar):
    _propiedad_normalizar(campo, valor, quitar)


# ---- generated valid rows ------------------------------------------------------------------------

LETRAS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # no Ñ: the clave letters then need no X substitution
PALABRA = st.text(alphabet=LETRAS, min_size=1, max_size=12)
NOMBRE = st.lists(PALABRA, min_size=1, max_size=3).map(" ".join)
APELLIDOS = st.tuples(NOMBRE | st.just(""), NOMBRE | st.just("")).filter(lambda t: any(t))


@st.composite
def filas_validas(draw):
    nacimiento = draw(st.dates(min_value=date(1926, 1, 1), max_value=date(2008, 12, 31)))
    entidad = draw(st.integers(1, 32))
    entidad_nacimiento = draw(st.integers(1, 32))
    sexo = draw(st.sampled_from("HMX"))
    nombre = draw(NOMBRE)
    paterno, materno = draw(APELLIDOS)
    letras = clave_elector.iniciales(paterno, materno, nombre)
    clave = (f"{letras}{nacimiento:%y%m%d}{entidad_nacimiento:02d}{sexo}"
             f"{draw(st.integers(0, 999)):03d}")
    numero_seccion = draw(st.integers(1, 9999))
    ocr_ = f"{numero_seccion:04d}{draw(st.integers(0, 10**9 - 1)):09d}"
    cic_ = f"{draw(st.integers(0, 10**9 - 1)):09d}"
    cual = draw(st.sampled_from(["ambos", "solo-ocr", "solo-cic"]))
    if cual == "solo-ocr":
        cic_ = ""
    elif cual == "solo-cic":
        ocr_ = ""
    fila = (f"{entidad:02d}", str(numero_seccion), nombre, paterno, materno, clave, ocr_, cic_)
    return fila, nacimiento


def _edad(nacimiento):
    return CORTE.year - nacimiento.year - ((CORTE.month, CORTE.day) <
                                           (nacimiento.month, nacimiento.day))


def _propiedad_fila(generada):
    fila, nacimiento = generada
    [r] = revisar_filas([(2, list(fila))], CTX)
    codigos = [h.codigo for h in r.hallazgos]
    # Readings: the true date, and the other century which is either in the future of the
    # cut-off, aged 0 (2026 up to the cut-off) or 118+; so only the true age decides.
    inusual = not 18 <= _edad(nacimiento) <= 99
    assert codigos == (["edad-inusual"] if inusual else []), (fila, r.hallazgos)
    assert r.valida
    assert tuple(getattr(r.registro, c) for c in CAMPOS) == fila


def _como_excel(fila):
    """The same row as Excel stores it when the code columns were not formatted as text."""
    entidad, sec, nombre, paterno, materno, clave, ocr_, cic_ = fila
    return [float(entidad), float(sec), nombre.lower(), paterno, materno, clave,
            float(ocr_) if ocr_ else None, int(cic_) if cic_ else None]


def _propiedad_fila_excel(generada):
    fila, nacimiento = generada
    [r] = revisar_filas([(2, _como_excel(fila))], CTX)
    assert tuple(getattr(r.registro, c) for c in CAMPOS) == fila
    assert r.valida
    esperados = {"numero-convertido", "mayusculas-corregidas"}
    assert {h.codigo for h in r.hallazgos} - {"edad-inusual"} == esperados
    assert all(h.severidad == "aviso" for h in r.hallazgos)


@RAPIDO
@given(generada=filas_validas())
def test_fila_valida_generada_no_tiene_errores(generada):
    _propiedad_fila(generada)


@RAPIDO
@given(generada=filas_validas())
def test_fila_valida_guardada_como_numeros_se_recupera(generada):
    _propiedad_fila_excel(generada)


@pytest.mark.slow
@LENTO
@given(generada=filas_validas())
def test_fila_valida_generada_no_tiene_errores_lento(generada):
    _propiedad_fila(generada)


@pytest.mark.slow
@LENTO
@given(generada=filas_validas())
def test_fila_valida_guardada_como_numeros_se_recupera_lento(generada):
    _propiedad_fila_excel(generada)
