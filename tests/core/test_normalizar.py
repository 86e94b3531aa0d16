"""Normalisation: every repair from domain.md "What breaks in real spreadsheets", with its Cambio."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from apoyo.normalize import Cambio, normalizar
from apoyo.schema import CAMPOS


def _cambios(campo, *pasos):
    """Cambio list from (antes, despues, motivo) steps."""
    return tuple(Cambio(campo, a, d, m) for a, d, m in pasos)


# ---- text ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("campo, valor, texto, pasos", [
    # non-breaking space
    ("nombre", "\u00a0MARTHA", "MARTHA", [("\u00a0MARTHA", "MARTHA", "espacios-corregidos")]),
    ("nombre", "ANA\u00a0LAURA", "ANA LAURA",
     [("ANA\u00a0LAURA", "ANA LAURA", "espacios-corregidos")]),
    # narrow no-break space and ideographic space
    ("nombre", "ANA\u202fLAURA\u3000", "ANA LAURA",
     [("ANA\u202fLAURA\u3000", "ANA LAURA", "espacios-corregidos")]),
    # tabs
    ("apellido_materno", "CASTILLO\t", "CASTILLO",
     [("CASTILLO\t", "CASTILLO", "espacios-corregidos")]),
    ("nombre", "LUIS\tALBERTO", "LUIS ALBERTO",
     [("LUIS\tALBERTO", "LUIS ALBERTO", "espacios-corregidos")]),
    # line breaks (LF, CRLF, Excel's Alt+Enter, U+2028)
    ("nombre", "JUAN\nCARLOS", "JUAN CARLOS",
     [("JUAN\nCARLOS", "JUAN CARLOS", "espacios-corregidos")]),
    ("nombre", "JUAN\r\nCARLOS", "JUAN CARLOS",
     [("JUAN\r\nCARLOS", "JUAN CARLOS", "espacios-corregidos")]),
    ("nombre", "JUAN\u2028CARLOS", "JUAN CARLOS",
     [("JUAN\u2028CARLOS", "JUAN CARLOS", "espacios-corregidos")]),
    # zero-width characters and BOM, soft hyphen
    ("apellido_materno", "TORRES\u200b", "TORRES",
     [("TORRES\u200b", "TORRES", "espacios-corregidos")]),
    ("apellido_materno", "\ufeffTO\u200dRR\u00adES", "TORRES",
     [("\ufeffTO\u200dRR\u00adES", "TORRES", "espacios-corregidos")]),
    # doubled spaces
    ("nombre", "ANA  LAURA", "ANA LAURA", [("ANA  LAURA", "ANA LAURA", "espacios-corregidos")]),
    # trailing / leading blanks
    ("apellido_paterno", "SANCHEZ ", "SANCHEZ",
     [("SANCHEZ ", "SANCHEZ", "espacios-corregidos")]),
    ("nombre", "  ROSA ELENA  ", "ROSA ELENA",
     [("  ROSA ELENA  ", "ROSA ELENA", "espacios-corregidos")]),
    # code fields: every blank is removed
    ("seccion", "2340\u00a0", "2340", [("2340\u00a0", "2340", "espacios-corregidos")]),
    ("ocr", " 0102 361587332 ", "0102361587332",
     [(" 0102 361587332 ", "0102361587332", "espacios-corregidos")]),
    ("clave_elector", "GRRZEN74110707H808  ", "GRRZEN74110707H808",
     [("GRRZEN74110707H808  ", "GRRZEN74110707H808", "espacios-corregidos")]),
    ("clave_estado", "07 ", "07", [("07 ", "07", "espacios-corregidos")]),
    ("cic", "589795853\u00a0", "589795853",
     [("589795853\u00a0", "589795853", "espacios-corregidos")]),
    # decomposed accents (E + COMBINING ACUTE) are composed, then stripped in names
    ("nombre", "JOSE\u0301", "JOSE", [("JOSE\u0301", "JOSÉ", "caracteres-normalizados"),
                                      ("JOSÉ", "JOSE", "acentos-quitados")]),
    # lowercase
    ("nombre", "oscar", "OSCAR", [("oscar", "OSCAR", "mayusculas-corregidas")]),
    ("clave_elector", "vzsnsf92021707m101", "VZSNSF92021707M101",
     [("vzsnsf92021707m101", "VZSNSF92021707M101", "mayusculas-corregidas")]),
    # accents stripped, Ñ kept
    ("apellido_paterno", "RAMÍREZ", "RAMIREZ", [("RAMÍREZ", "RAMIREZ", "acentos-quitados")]),
    ("nombre", "raúl", "RAUL", [("raúl", "RAÚL", "mayusculas-corregidas"),
                                ("RAÚL", "RAUL", "acentos-quitados")]),
    ("apellido_materno", "Núñez", "NUÑEZ", [("Núñez", "NÚÑEZ", "mayusculas-corregidas"),
                                            ("NÚÑEZ", "NUÑEZ", "acentos-quitados")]),
    ("apellido_materno", "ibañez", "IBAÑEZ", [("ibañez", "IBAÑEZ", "mayusculas-corregidas")]),
    ("apellido_materno", "IBAN\u0303EZ", "IBAÑEZ",
     [("IBAN\u0303EZ", "IBAÑEZ", "caracteres-normalizados")]),
    ("apellido_paterno", "GÜEMES", "GUEMES", [("GÜEMES", "GUEMES", "acentos-quitados")]),
    # typographic apostrophes
    ("apellido_paterno", "O\u2019HARA", "O'HARA",
     [("O\u2019HARA", "O'HARA", "caracteres-normalizados")]),
    ("apellido_paterno", "D\u00b4ARCY", "D'ARCY",
     [("D\u00b4ARCY", "D'ARCY", "caracteres-normalizados")]),
    # several repairs, in order, each one's `antes` the previous one's `despues`
    ("nombre", "  jose\u0301\u00a0 luis ", "JOSE LUIS", [
        ("  jose\u0301\u00a0 luis ", "jose\u0301 luis", "espacios-corregidos"),
        ("jose\u0301 luis", "josé luis", "caracteres-normalizados"),
        ("josé luis", "JOSÉ LUIS", "mayusculas-corregidas"),
        ("JOSÉ LUIS", "JOSE LUIS", "acentos-quitados"),
    ]),
])
def test_reparaciones_de_texto(campo, valor, texto, pasos):
    n = normalizar(campo, valor)
    assert n.texto == texto
    assert n.cambios == _cambios(campo, *pasos)
    assert n.problema is None


@pytest.mark.parametrize("campo, valor, texto, pasos", [
    ("nombre", "JOSE\u0301", "JOSÉ", [("JOSE\u0301", "JOSÉ", "caracteres-normalizados")]),
    ("nombre", "raúl", "RAÚL", [("raúl", "RAÚL", "mayusculas-corregidas")]),
    ("apellido_paterno", "RAMÍREZ", "RAMÍREZ", []),
    ("apellido_materno", "Núñez", "NÚÑEZ", [("Núñez", "NÚÑEZ", "mayusculas-corregidas")]),
])
def test_acentos_conservados(campo, valor, texto, pasos):
    n = normalizar(campo, valor, quitar_acentos=False)
    assert (n.texto, n.cambios, n.problema) == (texto, _cambios(campo, *pasos), None)


@pytest.mark.parametrize("campo, valor", [
    ("nombre", "SOFIA"), ("nombre", "MARIA DE LOS ANGELES"), ("apellido_paterno", "O'HARA"),
    ("apellido_materno", "IBAÑEZ"), ("nombre", "MA. ELENA"), ("apellido_paterno", "PEREZ-GOMEZ"),
    ("clave_estado", "07"), ("seccion", "1726"), ("clave_elector", "VZSNSF92021707M101"),
    ("ocr", "0204346340346"), ("cic", "767794671"), ("nombre", ""), ("ocr", ""),
    # not valid, but nothing to repair: validation reports it, not normalisation
    ("clave_estado", "7"), ("seccion", "0204"), ("apellido_paterno", "G4RCIA"),
])
def test_valores_limpios_sin_cambios(campo, valor):
    n = normalizar(campo, valor)
    assert (n.texto, n.cambios, n.problema) == (valor, (), None)


def test_vacio():
    for campo in CAMPOS:
        n = normalizar(campo, None)
        assert (n.texto, n.cambios, n.problema) == ("", (), None)


def test_caracteres_de_control_no_se_vuelven_enie():
    # An old implementation used NUL as a placeholder for Ñ while stripping accents.
    assert normalizar("nombre", "a\x00").texto == "A\x00"
    assert normalizar("nombre", "JOSÉ\x00").texto == "JOSE\x00"


@pytest.mark.parametrize("campo, valor", [
    ("nombre", "\u0301 x"),  # a stray accent before a blank: stripping it must not leave a blank
    ("nombre", "A \u0301 B"),
    ("ocr", "E\u200b\u0301"),  # removing the zero-width space joins E and the accent
    ("apellido_paterno", "\u0390"),  # upper() of this gives text that is not NFC
])
def test_resultado_estable(campo, valor):
    for quitar in (True, False):
        n = normalizar(campo, valor, quitar)
        otra = normalizar(campo, n.texto, quitar)
        assert (otra.texto, otra.cambios) == (n.texto, ())


# ---- numbers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("campo, valor, texto, antes", [
    ("clave_estado", 7.0, "07", "7"),
    ("clave_estado", 7, "07", "7"),
    ("clave_estado", 12.0, "12", "12"),
    ("ocr", 191693691046.0, "0191693691046", "191693691046"),
    ("ocr", 1726668657279.0, "1726668657279", "1726668657279"),
    ("cic", 12345678.0, "012345678", "12345678"),
    ("seccion", 191.0, "191", "191"),
    ("seccion", 1726, "1726", "1726"),
    ("clave_elector", 123.0, "123", "123"),  # no fixed width outside entity, OCR, CIC
    ("ocr", 123456789012345.0, "123456789012345", "123456789012345"),  # 15 digits: exact
    ("seccion", -5.0, "-5", "-5"),
])
def test_numero_convertido(campo, valor, texto, antes):
    n = normalizar(campo, valor)
    assert n.texto == texto
    assert n.cambios == (Cambio(campo, antes, texto, "numero-convertido"),)
    assert n.problema is None


@pytest.mark.parametrize("valor, digitos", [(1234567890123456.0, 16), (12345678901234567.0, 17),
                                            (1234567890123456, 16), (1e20, 21)])
def test_precision_perdida(valor, digitos):
    n = normalizar("ocr", valor)
    assert n.problema == ("precision-perdida", {"digitos": digitos})
    assert n.cambios == ()


def test_entero_gigante_no_revienta():
    n = normalizar("ocr", 10**5000)  # more digits than Python turns into text
    assert n.problema is not None and n.problema[0] == "precision-perdida"


@pytest.mark.parametrize("valor, tipo", [
    (7.5, "un número con decimales"),
    (0.1, "un número con decimales"),
    (float("nan"), "un número con decimales"),
    (True, "un valor lógico (VERDADERO/FALSO)"),
    (False, "un valor lógico (VERDADERO/FALSO)"),
    (date(2020, 1, 1), "una fecha"),
    (datetime(2020, 1, 1, 12, 30), "una fecha"),
    (time(12, 30), "una hora"),
])
def test_tipo_de_dato(valor, tipo):
    for campo in CAMPOS:
        n = normalizar(campo, valor)
        assert n.problema == ("tipo-de-dato", {"tipo": tipo})
        assert n.cambios == ()


# ---- numbers that a text file carries as text ----------------------------------------------------

@pytest.mark.parametrize("campo, valor, texto, pasos", [
    # a float written as text (pandas, other programs): the point and zeros go, the fixed
    # width's leading zeros come back, as for an xlsx number
    ("seccion", "1006.0", "1006", [("1006.0", "1006", "numero-convertido")]),
    ("seccion", "1006.000", "1006", [("1006.000", "1006", "numero-convertido")]),
    ("clave_estado", "7.0", "07", [("7.0", "07", "numero-convertido")]),
    ("ocr", "512345678901.0", "0512345678901",
     [("512345678901.0", "0512345678901", "numero-convertido")]),
    ("cic", "12345678.0", "012345678", [("12345678.0", "012345678", "numero-convertido")]),
    ("seccion", " 1006.0\u00a0", "1006", [(" 1006.0\u00a0", "1006.0", "espacios-corregidos"),
                                          ("1006.0", "1006", "numero-convertido")]),
    # Excel's text prefix leaked into a CSV: the apostrophe goes, the digits stay as typed
    ("ocr", "'0512345678901", "0512345678901",
     [("'0512345678901", "0512345678901", "formato-ajustado")]),
    ("clave_estado", "'07", "07", [("'07", "07", "formato-ajustado")]),
    ("cic", "'012345678", "012345678", [("'012345678", "012345678", "formato-ajustado")]),
    ("seccion", "'1006.0", "1006", [("'1006.0", "1006.0", "formato-ajustado"),
                                    ("1006.0", "1006", "numero-convertido")]),
    # ...and before a clave de elector (found by a tester: «'07» was repaired, and
    # «'JMIBJN53090506H767» was an error, "tiene 19 caracteres")
    ("clave_elector", "'VZSNSF92021707M101", "VZSNSF92021707M101",
     [("'VZSNSF92021707M101", "VZSNSF92021707M101", "formato-ajustado")]),
    ("clave_elector", "'vzsnsf92021707m101", "VZSNSF92021707M101",
     [("'vzsnsf92021707m101", "'VZSNSF92021707M101", "mayusculas-corregidas"),
      ("'VZSNSF92021707M101", "VZSNSF92021707M101", "formato-ajustado")]),
    # a typographic apostrophe is unified first, then removed
    ("ocr", "\u20190512345678901", "0512345678901",
     [("\u20190512345678901", "'0512345678901", "caracteres-normalizados"),
      ("'0512345678901", "0512345678901", "formato-ajustado")]),
])
def test_numero_escrito_como_texto(campo, valor, texto, pasos):
    n = normalizar(campo, valor)
    assert (n.texto, n.cambios, n.problema, n.aviso) == (texto, _cambios(campo, *pasos), None,
                                                         None)


@pytest.mark.parametrize("campo, valor", [
    # decimals that are not zeros: never "repaired" (the validators reject them)
    ("seccion", "1006.5"), ("seccion", "10.06"), ("seccion", "1006.01"), ("ocr", "0.5"),
    # not digits, point, zeros
    ("seccion", "1006."), ("seccion", ".0"), ("seccion", "-5.0"), ("seccion", "1E3"),
    ("seccion", "1,006.0"), ("seccion", "1006,0"), ("seccion", "\u0661\u0660.0"),
    # apostrophes other than one leading Excel prefix before digits
    ("ocr", "''0512345678901"), ("ocr", "0512345678901'"), ("ocr", "'05123A5678901"),
    ("ocr", "'"), ("cic", "'IDMEX"),
    # not a numeric field; in a clave de elector only one apostrophe before letters and digits
    ("clave_elector", "1006.0"), ("clave_elector", "VZSNSF'92021707M101"),
    ("clave_elector", "''VZSNSF92021707M101"), ("clave_elector", "'VZSNSF-92021707M101"),
])
def test_numero_como_texto_que_no_se_toca(campo, valor):
    n = normalizar(campo, valor)
    assert (n.texto, n.cambios) == (valor, ())


# ---- names that lost a letter in a conversion (UTF-8 read as Windows-1252) -----------------------

DANADO = "texto-posiblemente-danado"


@pytest.mark.parametrize("campo, valor, quitar, texto, pasos", [
    # GARCÍA: «Í» is C3 8D and 0x8D (undefined in Windows-1252) was dropped
    ("apellido_paterno", "GARCÃA", True, "GARCAA", [("GARCÃA", "GARCAA", "acentos-quitados")]),
    ("apellido_paterno", "GARCÃA", False, "GARCÃA", []),
    ("apellido_paterno", "garcãa", True, "GARCAA", [("garcãa", "GARCÃA", "mayusculas-corregidas"),
                                                    ("GARCÃA", "GARCAA", "acentos-quitados")]),
    ("apellido_materno", "SA\u0303NCHEZ", False, "SÃNCHEZ",
     [("SA\u0303NCHEZ", "SÃNCHEZ", "caracteres-normalizados")]),
    ("nombre", "MARÂA", True, "MARAA", [("MARÂA", "MARAA", "acentos-quitados")]),
    # a real Portuguese name gets the same warning (a warning only: compare with the form)
    ("nombre", "JOÃO", False, "JOÃO", []),
])
def test_texto_posiblemente_danado(campo, valor, quitar, texto, pasos):
    n = normalizar(campo, valor, quitar)
    assert (n.texto, n.cambios, n.problema, n.aviso) == (texto, _cambios(campo, *pasos), None,
                                                         DANADO)


@pytest.mark.parametrize("campo, valor", [
    # read back: nothing was lost
    ("apellido_paterno", "GARCÃ\u008dA"), ("apellido_paterno", "PEÃ‘A"),
    ("apellido_paterno", "GARCÍA"), ("apellido_materno", "MUÑOZ"), ("nombre", "FRANÇOIS"),
    # not a name
    ("ocr", "Ã0512345678901"),
])
def test_sin_aviso_de_dano(campo, valor):
    for quitar in (True, False):
        assert normalizar(campo, valor, quitar).aviso is None
