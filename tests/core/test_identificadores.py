"""Identifier modules (python-stdnum style): valid values, typed errors, compact, parse."""

from __future__ import annotations

from datetime import date

import pytest

from apoyo.identifiers import cic, clave_elector, clave_estado, ocr, seccion
from apoyo.identifiers._errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

from ._nucleo import CORTE


def _falla(funcion, valor, clase, codigo, **params):
    """Assert `funcion(valor)` raises exactly `clase` with `codigo` and `params`."""
    with pytest.raises(ValidationError) as info:
        funcion(valor)
    assert type(info.value) is clase
    assert info.value.codigo == codigo
    assert info.value.params == params
    return info.value


# ---- Clave del Estado ---------------------------------------------------------------------------

# Typed from domain.md ("Clave del Estado — Confirmed"), the authority for the numbering.
ENTIDADES_DOMINIO = (
    "Aguascalientes, Baja California, Baja California Sur, Campeche, Coahuila, Colima, Chiapas, "
    "Chihuahua, Ciudad de México, Durango, Guanajuato, Guerrero, Hidalgo, Jalisco, México, "
    "Michoacán, Morelos, Nayarit, Nuevo León, Oaxaca, Puebla, Querétaro, Quintana Roo, "
    "San Luis Potosí, Sinaloa, Sonora, Tabasco, Tamaulipas, Tlaxcala, Veracruz, Yucatán, "
    "Zacatecas"
).split(", ")


def test_clave_estado_numera_las_32_entidades_como_domain_md():
    assert len(ENTIDADES_DOMINIO) == 32
    for numero, nombre in enumerate(ENTIDADES_DOMINIO, start=1):
        assert clave_estado.nombre(f"{numero:02d}") == nombre
    assert clave_estado.validate("01") == "01" and clave_estado.validate("32") == "32"


@pytest.mark.parametrize("valor", ["07", "7", " 7 ", 7, 7.0, "0 7", "\t07\n"])
def test_clave_estado_valida_y_restaura_el_cero(valor):
    assert clave_estado.validate(valor) == "07"
    assert clave_estado.is_valid(valor)


@pytest.mark.parametrize("valor, compacto", [(7, "07"), (7.0, "07"), ("7", "07"), ("07", "07"),
                                              (" 1 2 ", "12"), (7.5, "7.5"), ("", ""),
                                              ("A", "A")])
def test_clave_estado_compact(valor, compacto):
    assert clave_estado.compact(valor) == compacto


@pytest.mark.parametrize("valor, clase", [
    ("33", InvalidComponent), ("00", InvalidComponent), ("0", InvalidComponent),
    (0, InvalidComponent), (33.0, InvalidComponent), ("007", InvalidComponent),
    ("7A", InvalidFormat), ("", InvalidFormat), ("-7", InvalidFormat), (7.5, InvalidFormat),
    ("\u0667", InvalidFormat),  # ARABIC-INDIC DIGIT SEVEN: a digit, but not ASCII
    ("０７", InvalidFormat),  # fullwidth digits
])
def test_clave_estado_errores(valor, clase):
    _falla(clave_estado.validate, valor, clase, "clave-estado-invalida")
    assert not clave_estado.is_valid(valor)


def test_clave_estado_nombre_de_clave_invalida():
    with pytest.raises(InvalidComponent):
        clave_estado.nombre("33")


# ---- Sección -----------------------------------------------------------------------------------

@pytest.mark.parametrize("valor, esperado", [
    ("1726", "1726"), (" 0204 ", "204"), (191.0, "191"), (191, "191"), ("1", "1"),
    ("9999", "9999"), ("0001", "1"), ("2 419", "2419"),
])
def test_seccion_valida(valor, esperado):
    assert seccion.validate(valor) == esperado
    assert seccion.is_valid(valor)


@pytest.mark.parametrize("valor, clase", [
    ("0", InvalidComponent), ("0000", InvalidComponent), ("10000", InvalidComponent),
    (0, InvalidComponent), ("00010000", InvalidComponent),
    pytest.param("1" * 5000, InvalidComponent, id="5000-digits"),  # int() refuses >4300 digits: must still be a typed error
    pytest.param(10**5000, InvalidComponent, id="int-5001-digits"),  # str() refuses it too
    ("12A", InvalidFormat), ("-5", InvalidFormat), ("1.5", InvalidFormat), (1.5, InvalidFormat),
    ("", InvalidFormat), ("\u0661\u0662", InvalidFormat), (float("nan"), InvalidFormat),
])
def test_seccion_errores(valor, clase):
    _falla(seccion.validate, valor, clase, "seccion-invalida")
    assert not seccion.is_valid(valor)


def test_seccion_compact():
    assert seccion.compact(191.0) == "191"
    assert seccion.compact(" 02 04 ") == "0204"
    assert seccion.compact(1.5) == "1.5"


def test_clave_estado_entero_gigante_es_error_tipado():
    _falla(clave_estado.validate, 10**5000, InvalidComponent, "clave-estado-invalida")


# ---- Clave de elector ----------------------------------------------------------------------------

CLAVE = "VZSNSF92021707M101"


def _clave(yymmdd="920217", entidad="07", sexo="M", letras="VZSNSF", homonimia="101"):
    return f"{letras}{yymmdd}{entidad}{sexo}{homonimia}"


def test_clave_elector_valida():
    assert clave_elector.validate(CLAVE) == CLAVE
    assert clave_elector.is_valid(CLAVE)


@pytest.mark.parametrize("valor", ["vzsnsf92021707m101", " VZSN SF92 0217 07M101 ",
                                   "VZSNSF-920217-07M101", "VZSNSF92021707M101\n"])
def test_clave_elector_compact(valor):
    assert clave_elector.compact(valor) == CLAVE
    assert clave_elector.validate(valor) == CLAVE


@pytest.mark.parametrize("valor, longitud", [
    ("VZSNSF92021707M10", 17), ("VZSNSF92021707M1011", 19), ("", 0), ("VZSNSF", 6),
])
def test_clave_elector_longitud(valor, longitud):
    _falla(clave_elector.validate, valor, InvalidLength, "clave-elector-longitud",
           longitud=longitud)


@pytest.mark.parametrize("valor, detalle", [
    ("VZSNS192021707M101", "los caracteres 1 a 6 deben ser letras"),
    ("VZSNSFA2021707M101", "los caracteres 7 a 12 deben ser la fecha de nacimiento en 6 dígitos"),
    ("VZSNSF920217A7M101", "los caracteres 13 y 14 deben ser dígitos (entidad de nacimiento)"),
    ("VZSNSF92021707F101", "el carácter 15 debe ser H, M o X (sexo)"),
    ("VZSNSF920217071101", "el carácter 15 debe ser H, M o X (sexo)"),
    ("VZSNSF92021707M10A", "los caracteres 16 a 18 deben ser dígitos"),
    ("NXÑZSF92021707M101", "los caracteres 1 a 6 deben ser letras (la Ñ se escribe X en la clave)"),
    ("VZSNSF92021707M10\u0661", "los caracteres 16 a 18 deben ser dígitos"),
])
def test_clave_elector_formato(valor, detalle):
    _falla(clave_elector.validate, valor, InvalidFormat, "clave-elector-formato", detalle=detalle)


@pytest.mark.parametrize("sexo", ["H", "M", "X"])
def test_clave_elector_sexos_validos(sexo):
    assert clave_elector.parse(_clave(sexo=sexo), CORTE).sexo == sexo


@pytest.mark.parametrize("yymmdd, fecha", [
    ("920230", "30/02/92 (DD/MM/AA)"),  # 30 Feb
    ("920017", "17/00/92 (DD/MM/AA)"),  # month 00
    ("921317", "17/13/92 (DD/MM/AA)"),  # month 13
    ("920132", "32/01/92 (DD/MM/AA)"),  # day 32
    ("920431", "31/04/92 (DD/MM/AA)"),  # 31 April
    ("920100", "00/01/92 (DD/MM/AA)"),  # day 00
    ("270229", "29/02/27 (DD/MM/AA)"),  # neither 1927 nor 2027 is leap
    ("010229", "29/02/01 (DD/MM/AA)"),  # neither 1901 nor 2001
])
def test_clave_elector_fecha_imposible(yymmdd, fecha):
    _falla(clave_elector.validate, _clave(yymmdd), InvalidComponent, "clave-elector-fecha",
           fecha=fecha)


@pytest.mark.parametrize("yymmdd, nacimiento", [
    ("000229", date(2000, 2, 29)),  # 1900 is not leap, 2000 is
    ("280229", date(1928, 2, 29)),  # 1928 is leap (2028 too, but in the future of the cut-off)
    ("960229", date(1996, 2, 29)),
])
def test_clave_elector_29_de_febrero_bisiesto(yymmdd, nacimiento):
    assert clave_elector.is_valid(_clave(yymmdd))
    assert clave_elector.parse(_clave(yymmdd), CORTE).nacimiento == nacimiento


@pytest.mark.parametrize("yymmdd, edades, inusual, nacimiento", [
    # 1910-01-01 -> 116 at 2026-11-29; 2010-01-01 -> 16: a minor or a centenarian.
    ("100101", [116, 16], True, date(1910, 1, 1)),
    # 1905 -> 121, 2005 -> 21: the 2005 reading is an ordinary adult.
    ("050101", [121, 21], False, date(2005, 1, 1)),
    # 2027 is after the cut-off and is dropped: only 1927 -> 99.
    ("270101", [99], False, date(1927, 1, 1)),
    # 1926-01-01 -> 100 (a centenarian), 2026-01-01 -> 0: unusual.
    ("260101", [100, 0], True, date(1926, 1, 1)),
    # Born on the cut-off day: 1926-11-29 -> 100, 2026-11-29 -> 0 (not in the future).
    ("261129", [100, 0], True, date(1926, 11, 29)),
    # One day later: 1926-11-30 -> 99 (birthday not reached), 2026-11-30 is in the future.
    ("261130", [99], False, date(1926, 11, 30)),
    # Turning 18 on the cut-off day: 2008-11-29 -> 18 (1908 -> 118).
    ("081129", [118, 18], False, date(2008, 11, 29)),
    # 2008-11-30 -> 17, 1908-11-30 -> 117.
    ("081130", [117, 17], True, date(1908, 11, 30)),
    # 1992-02-17 -> 34; 2092 is in the future.
    ("920217", [34], False, date(1992, 2, 17)),
])
def test_clave_elector_siglo(yymmdd, edades, inusual, nacimiento):
    clave = _clave(yymmdd)
    assert clave_elector.edades(clave, CORTE) == edades
    assert clave_elector.edad_inusual(clave, CORTE) is inusual
    assert clave_elector.parse(clave, CORTE).nacimiento == nacimiento


def test_clave_elector_parse():
    p = clave_elector.parse("RMLPIR44091707H120", date(2026, 11, 29))
    assert (p.letras, p.nacimiento, p.entidad_nacimiento, p.sexo, p.homonimia) == (
        "RMLPIR", date(1944, 9, 17), "07", "H", "120")


def test_clave_elector_parse_error_tipado():
    _falla(lambda v: clave_elector.parse(v, CORTE), "VZSNSF92023007M101", InvalidComponent,
           "clave-elector-fecha", fecha="30/02/92 (DD/MM/AA)")


@pytest.mark.parametrize("entidad, conocida", [("07", True), ("01", True), ("32", True),
                                                ("87", False), ("00", False), ("33", False)])
def test_clave_elector_entidad_nacimiento(entidad, conocida):
    clave = _clave(entidad=entidad)
    assert clave_elector.is_valid(clave)  # an unknown entity of birth is never a format error
    assert clave_elector.entidad_nacimiento_conocida(clave) is conocida
    assert clave_elector.parse(clave, CORTE).entidad_nacimiento == entidad


@pytest.mark.parametrize("paterno, materno, nombre, esperadas", [
    ("VAZQUEZ", "SANCHEZ", "SOFIA", "VZSNSF"),
    ("RAMIREZ", "LOPEZ", "IRMA", "RMLPIR"),
    # particles are skipped: DE LA CRUZ -> CRUZ (C+R); DEL RIO -> RIO (R, no internal consonant)
    ("DE LA CRUZ", "DEL RIO", "JUAN", "CRRXJN"),
    ("GOMEZ", "Y PEREZ", "ANA", "GMPRAN"),
    ("DE LOS SANTOS", "MC GREGOR", "LUZ", "SNGRLZ"),
    ("VAN DER BERG", "LAS HERAS", "EVA", "BRHREV"),
    # compound given names: MARIA / JOSE / MA. / J. skipped when a second name follows
    ("LOPEZ", "PEREZ", "MARIA GUADALUPE", "LPPRGD"),
    ("LOPEZ", "PEREZ", "JOSE LUIS", "LPPRLS"),
    ("LOPEZ", "PEREZ", "MA. ELENA", "LPPREL"),
    ("LOPEZ", "PEREZ", "J. JESUS", "LPPRJS"),
    ("LOPEZ", "PEREZ", "MARIA DE LOS ANGELES", "LPPRAN"),
    ("LOPEZ", "PEREZ", "MARIA", "LPPRMR"),
    ("LOPEZ", "PEREZ", "JOSE", "LPPRJS"),
    # ...but not in surnames
    ("JOSE", "MARIA", "ANA", "JSMRAN"),
    # Ñ counts as X, in either position
    ("NUÑEZ", "ÑAÑEZ", "ANA", "NXXXAN"),
    ("IBAÑEZ", "PEÑA", "NOE", "IBPXNX"),  # B is the first internal consonant of IBAÑEZ
    # missing surname -> XX
    ("", "LOPEZ", "ANA", "XXLPAN"),
    ("LOPEZ", "", "ANA", "LPXXAN"),
    ("  ", "", "ANA", "XXXXAN"),
    # no internal consonant -> X
    ("OIA", "AU", "EUA", "OXAXEX"),
    # accents (composed or decomposed) and case are ignored
    ("Vázquez", "sánchez", "Sofía", "VZSNSF"),
    ("VA\u0301ZQUEZ", "SA\u0301NCHEZ", "SOFI\u0301A", "VZSNSF"),
    ("MÜLLER", "GÜEMES", "ÁNGEL", "MLGMAN"),
])
def test_iniciales(paterno, materno, nombre, esperadas):
    assert clave_elector.iniciales(paterno, materno, nombre) == esperadas


# ---- OCR ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("valor", ["0204346340346", " 0204 346340346 ", "0204-346340346"])
def test_ocr_valido(valor):
    assert ocr.validate(valor) == "0204346340346"
    assert ocr.is_valid(valor)
    assert ocr.compact(valor) == "0204346340346"


@pytest.mark.parametrize("valor, longitud", [("020434634034", 12), ("02043463403461", 14),
                                             ("1", 1)])
def test_ocr_longitud(valor, longitud):
    _falla(ocr.validate, valor, InvalidLength, "ocr-longitud", longitud=longitud)
    assert not ocr.is_valid(valor)


@pytest.mark.parametrize("valor", ["12345678901AB", "", "020434634034.", "1.23457E+12",
                                   "\u0660\u0662\u0660\u0664346340346", "0204346340346²"])
def test_ocr_formato(valor):
    _falla(ocr.validate, valor, InvalidFormat, "ocr-formato")
    assert not ocr.is_valid(valor)


def test_ocr_prefijo_seccion():
    assert ocr.prefijo_seccion("0204346340346") == 204
    assert ocr.prefijo_seccion("1726668657279") == 1726
    assert ocr.prefijo_seccion("0001668657279") == 1
    with pytest.raises(InvalidLength):
        ocr.prefijo_seccion("020434634034")


# ---- CIC ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("valor, digito", [
    # 1*7 + 2*3 + 3*1 + 4*7 + 5*3 + 6*1 + 7*7 + 8*3 + 9*1 = 147 -> 7
    ("123456789", "7"),
    # 7*7 + 6*3 + 7*1 + 7*7 + 9*3 + 4*1 + 6*7 + 7*3 + 1*1 = 218 -> 8
    ("767794671", "8"),
    ("000000000", "0"),
    # ICAO 9303 specimen passport number: L=21: 21*7 + 8*3 + 9 + 8*7 + 9*3 + 0 + 2*7 + C=12*3
    # + 3 = 316 -> 6
    ("L898902C3", "6"),
    # ICAO TD1 specimen: D=13: 13*7 + 2*3 + 3 + 1*7 + 4*3 + 5 + 8*7 + 9*3 + 0 = 207 -> 7
    ("D23145890", "7"),
    # ICAO specimen birth date 740812: 49 + 12 + 0 + 56 + 3 + 2 = 122 -> 2
    ("740812", "2"),
    # '<' counts as 0: 1*7 + 2*3 + 0*1 = 13 -> 3
    ("12<", "3"),
    ("<<<", "0"),
])
def test_cic_digito_verificador_731(valor, digito):
    assert cic.digito_verificador(valor) == digito


@pytest.mark.parametrize("valor", ["767794671", " 767 794 671 ", "767-794-671"])
def test_cic_valido(valor):
    assert cic.validate(valor) == "767794671"
    assert cic.is_valid(valor)


def test_cic_diez_digitos_con_verificador_correcto():
    assert cic.validate("7677946718") == "767794671"
    assert cic.validate("1234567897") == "123456789"


@pytest.mark.parametrize("valor, esperado", [("7677946710", "8"), ("7677946719", "8"),
                                             ("1234567890", "7")])
def test_cic_diez_digitos_con_verificador_incorrecto(valor, esperado):
    _falla(cic.validate, valor, InvalidChecksum, "cic-digito-verificador", esperado=esperado)
    assert not cic.is_valid(valor)


@pytest.mark.parametrize("valor, longitud", [("76779467", 8), ("76779467181", 11), ("1", 1)])
def test_cic_longitud(valor, longitud):
    _falla(cic.validate, valor, InvalidLength, "cic-longitud", longitud=longitud)


@pytest.mark.parametrize("valor", ["76779467A", "", "IDMEX767794671", "\u0667\u0666\u0667794671"])
def test_cic_formato(valor):
    _falla(cic.validate, valor, InvalidFormat, "cic-formato")


MRZ = "IDMEX" + "767794671" + "8" + "<<" + "1726668657279"  # 5 + 9 + 1 + 2 + 13 = 30


@pytest.mark.parametrize("linea", [MRZ, MRZ.lower(), MRZ + "<<", " " + MRZ[:15] + " " + MRZ[15:],
                                   "IDMEX1234567897<<0204346340346"])
def test_cic_mrz_reconocida(linea):
    assert len(MRZ) == 30
    esperado = ("123456789", "0204346340346") if "123456789" in linea else (
        "767794671", "1726668657279")
    assert cic.parse_mrz(linea) == esperado


@pytest.mark.parametrize("linea", [
    "IDMEX7677946710<<1726668657279",  # wrong check digit
    "IDMEX767794671<<1726668657279",  # no check digit
    "IDMEX7677946718<<172666865727",  # 12 digits
    "IDMEX7677946718<1726668657279",  # one filler
    "XXMEX7677946718<<1726668657279",
    "767794671",
    "",
    # non-ASCII digits: \d would match them; a CIC must be ASCII digits
    "IDMEX\u0667\u0666\u0667\u0667\u0669\u0664\u0666\u0667\u0661" "8<<1726668657279",
])
def test_cic_mrz_no_reconocida(linea):
    assert cic.parse_mrz(linea) is None
