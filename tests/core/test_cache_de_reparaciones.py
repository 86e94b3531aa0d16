"""The caches that make a file of repairable rows fast (each given name typed in lower case,
each sección Excel made a number, worked out once) give exactly the findings computed afresh:
`apoyo.errors.hallazgo`'s texts and `apoyo.check.field.revisar_reparada`'s normalisations."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from apoyo.check import Vistos, revisar_cada
from apoyo.check.fast import comprobador
from apoyo.check.field import revisar_reparada
from apoyo.errors import hallazgo
from apoyo.schema import CAMPOS

from ._nucleo import BASE, CTX, fila

CONSERVAR = replace(CTX, quitar_acentos=False)
# Values of the five cached fields that repair, do not, or cannot be used; 1, 1.0 and True are
# equal dictionary keys but different cells.
VALORES = {
    "clave_estado": ["07", "7", 7, 7.0, True, "'07", " 07", None],
    "seccion": ["1726", 1726, 1726.0, "1726.0", True, 1, 1.0, "1", "01726", 1726.5],
    "nombre": ["SOFIA", "Sofía", "sofia", "SOFÍA", "SOFÃA", " Sofia ", None, 1.0],
    "apellido_paterno": ["VAZQUEZ", "Vázquez", "vazquez", "VÁZQUEZ"],
    "apellido_materno": ["SANCHEZ", "Sánchez", None, ""],
}


def test_hallazgo_repetido_cambia_solo_la_fila() -> None:
    a = hallazgo("mayusculas-corregidas", 5, "nombre", "Sofía", despues="SOFIA")
    b = hallazgo("mayusculas-corregidas", 9, "nombre", "Sofía", despues="SOFIA")
    assert (a.fila, b.fila) == (5, 9)
    assert a.model_dump(exclude={"fila"}) == b.model_dump(exclude={"fila"})
    assert a.mensaje == "«Nombre(s)» tenía minúsculas; se convirtió a «SOFIA»."


def test_hallazgo_distingue_parametros_iguales_de_otro_tipo() -> None:
    mensajes = [hallazgo("duplicado-ocr", 9, "ocr", "1", primera=p, en_archivo="").mensaje
                for p in (1, True, 1.0)]
    assert mensajes == ["El OCR ya aparece en la fila 1.", "El OCR ya aparece en la fila True.",
                        "El OCR ya aparece en la fila 1.0."]


@settings(max_examples=300, deadline=None)
@given(filas=st.lists(st.fixed_dictionaries({c: st.sampled_from(v) for c, v in VALORES.items()}),
                      min_size=1, max_size=12),
       conservar=st.booleans())
def test_con_cache_da_lo_mismo_que_sin_ella(filas: list[dict[str, object]],
                                             conservar: bool) -> None:
    contexto = CONSERVAR if conservar else CTX
    limpia = comprobador(contexto)
    cache: dict = {}
    for n, cambios in enumerate(filas, start=2):
        valores = fila(**cambios)
        assert (revisar_reparada(n, valores, contexto, limpia, cache)
                == revisar_reparada(n, valores, contexto, limpia))


def test_filas_reparadas_en_una_pasada_como_cada_una_sola() -> None:
    # The pass shares one cache: the 500th «sofia» gets the same findings as the first (but
    # for the duplicates: every row is the same person).
    filas = [(n, fila(nombre=["sofia", "Sofía", "SOFIA"][n % 3], seccion=[1726, "1726"][n % 2]))
             for n in range(2, 502)]
    juntas = list(revisar_cada(filas, CTX, Vistos(), "a.xlsx"))
    for (n, valores), (_, m, textos, hallazgos) in zip(filas, juntas):
        [(_, _, solo_textos, solos)] = list(revisar_cada([(n, valores)], CTX, Vistos(), "a.xlsx"))
        sin_duplicados = [h for h in hallazgos if not h.codigo.startswith("duplicado-")]
        assert (m, textos, sin_duplicados) == (n, solo_textos, list(solos))
    assert [h.codigo for h in juntas[0][3]] == ["numero-convertido"]  # SOFIA, 1726
    assert [h.codigo for h in juntas[1][3]] == [  # sofia, "1726"
        "mayusculas-corregidas", "duplicado-clave-elector", "duplicado-ocr", "duplicado-cic"]
    assert juntas[0][2] == tuple(BASE)


def test_verdadero_y_uno_no_se_confunden_en_la_cache() -> None:
    limpia = comprobador(CTX)
    cache: dict = {}
    con_uno = fila(seccion=1, ocr="0001668657279")
    con_verdadero = fila(seccion=True, ocr="0001668657279")
    assert revisar_reparada(2, con_verdadero, CTX, limpia, cache) is None  # a boolean: unusable
    textos, [h] = revisar_reparada(3, con_uno, CTX, limpia, cache)
    assert (textos[1], h.codigo, h.fila) == ("1", "numero-convertido", 3)
    assert revisar_reparada(4, con_verdadero, CTX, limpia, cache) is None
