"""Row rules through `apoyo.check`: every catalogue code the core emits, with exact placement.

Each case varies one field of a valid base row and lists ALL the row's findings as
(fila, campo, codigo, severidad). Severities are written here from domain.md (Confirmed rules are
errors; Likely/Unknown ones and repairs are warnings), not read from the catalogue.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from apoyo.catalog import CatalogoSecciones
from apoyo.check import Contexto, Vistos, revisar, revisar_filas
from apoyo.errors import CATALOGO, hallazgo

from compartido import requerir_compartido

requerir_compartido()

from ._nucleo import BASE, CTX, DATOS, fila, hallazgos_de, revisada

CPS = CatalogoSecciones.desde_texto(Path(DATOS / "Catalogo-cps.csv").read_text(), "Catalogo-cps.csv")
CON_CATALOGO = replace(CTX, catalogo=CPS)
SIN_ACENTOS_NO = replace(CTX, quitar_acentos=False)

#: Codes only the file readers emit (not the core's job).
DEL_LECTOR = {"columna-faltante", "columna-repetida", "macros-ignoradas", "plantilla-antigua",
              "celda-formula", "formula-sin-resultado", "celdas-combinadas", "contenido-oculto",
              "linea-otra-codificacion", "codificacion-mezclada", "otra-hoja-con-datos"}

MRZ = "IDMEX" + "767794671" + "8" + "<<" + "1726668657279"  # check digit 8: see test_identificadores

A, E = "aviso", "error"

# (id, changes to the base row, context, expected findings as (campo, codigo, severidad),
#  expected message of the first finding or None)
CASOS = [
    ("limpia", {}, CTX, [], None),
    # ---- repairs (warnings) ----
    ("espacios", {"nombre": "\u00a0SOFIA "}, CTX, [("nombre", "espacios-corregidos", A)],
     "Se quitaron espacios o caracteres invisibles sobrantes en «Nombre(s)» (tabuladores, saltos "
     "de línea, espacios duros o de ancho cero)."),
    ("espacios-codigo", {"ocr": "1726 6686 57279"}, CTX, [("ocr", "espacios-corregidos", A)],
     None),
    ("mayusculas", {"nombre": "sofia"}, CTX, [("nombre", "mayusculas-corregidas", A)],
     "«Nombre(s)» tenía minúsculas; se convirtió a «SOFIA»."),
    ("acentos", {"nombre": "SOFÍA"}, CTX, [("nombre", "acentos-quitados", A)],
     "Se quitaron los acentos de «Nombre(s)»: quedó «SOFIA» (la Ñ se conserva)."),
    ("caracteres", {"apellido_paterno": "VA\u0301ZQUEZ"}, CTX,
     [("apellido_paterno", "caracteres-normalizados", A),
      ("apellido_paterno", "acentos-quitados", A)], None),
    ("caracteres-con-acentos", {"apellido_paterno": "VA\u0301ZQUEZ"}, SIN_ACENTOS_NO,
     [("apellido_paterno", "caracteres-normalizados", A)],
     "«Apellido paterno» tenía acentos compuestos o apóstrofos tipográficos; quedó «VÁZQUEZ»."),
    ("apostrofo", {"nombre": "SOFIA O\u2019NEILL"}, CTX,
     [("nombre", "caracteres-normalizados", A)],
     "«Nombre(s)» tenía acentos compuestos o apóstrofos tipográficos; quedó «SOFIA O'NEILL»."),
    ("apostrofo-modificador", {"nombre": "SOFIA K\u02bcANTIL"}, CTX,
     [("nombre", "caracteres-normalizados", A)],
     "«Nombre(s)» tenía acentos compuestos o apóstrofos tipográficos; quedó «SOFIA K'ANTIL»."),
    # UTF-8 read as Windows-1252 ("Ã‘" is "Ñ"): read back, then the accents go as usual
    ("texto-recodificado", {"apellido_materno": "SÃ\u0081NCHEZ"}, CTX,
     [("apellido_materno", "texto-recodificado", A), ("apellido_materno", "acentos-quitados", A)],
     "«SÃ\u0081NCHEZ» estaba mal codificado en «Apellido materno» (texto UTF-8 leído como "
     "Windows-1252, por ejemplo «Ã‘» en lugar de «Ñ»); se corrigió a «SANCHEZ»."),
    # SOFÍA's «Í» is C3 8D; 0x8D, undefined in Windows-1252, was dropped: nothing to read back
    ("texto-posiblemente-danado", {"nombre": "SOFÃA"}, CTX,
     [("nombre", "texto-posiblemente-danado", A), ("nombre", "acentos-quitados", A)],
     "«Nombre(s)» dice «SOFÃA»: parece que perdió una letra con acento al convertir el archivo "
     "entre programas («Ã» o «Â» suelen quedar en lugar de Á, Í u otra letra acentuada, y esa "
     "letra ya no se puede recuperar); en el archivo exportado queda «SOFAA»."),
    ("texto-posiblemente-danado-con-acentos", {"nombre": "SOFÃA"}, SIN_ACENTOS_NO,
     [("nombre", "texto-posiblemente-danado", A)], None),
    ("formato-ajustado", {"clave_estado": "7"}, CTX,
     [("clave_estado", "formato-ajustado", A)],
     "«Clave del Estado» se ajustó de «7» a «07»."),
    ("formato-ajustado-seccion", {"seccion": "01726"}, CTX, [("seccion", "formato-ajustado", A)],
     None),
    ("numero-convertido", {"clave_estado": 7.0}, CTX, [("clave_estado", "numero-convertido", A)],
     "«Clave del Estado» estaba guardado como número (7); se convirtió al texto «07»."),
    ("numero-convertido-ocr", {"ocr": 1726668657279.0}, CTX, [("ocr", "numero-convertido", A)],
     None),
    ("precision-perdida", {"ocr": 1726668657279123.0}, CTX, [("ocr", "precision-perdida", E)],
     "«OCR» se guardó como número de 16 cifras; Excel solo conserva 15 y las demás ya se "
     "perdieron."),
    ("tipo-de-dato", {"seccion": True}, CTX, [("seccion", "tipo-de-dato", E)],
     "«Sección electoral» contiene un valor lógico (VERDADERO/FALSO) en lugar de texto."),
    ("tipo-de-dato-fecha", {"nombre": date(1992, 2, 17)}, CTX, [("nombre", "tipo-de-dato", E)],
     "«Nombre(s)» contiene una fecha en lugar de texto."),
    # ---- per field ----
    ("obligatorio-estado", {"clave_estado": ""}, CTX, [("clave_estado", "campo-obligatorio", E)],
     "Falta «Clave del Estado»."),
    ("obligatorio-seccion", {"seccion": None}, CTX, [("seccion", "campo-obligatorio", E)], None),
    ("obligatorio-nombre", {"nombre": None}, CTX, [("nombre", "campo-obligatorio", E)],
     "Falta «Nombre(s)»."),
    # blanks only: the repair is recorded, and the field is then empty
    ("obligatorio-nombre-blancos", {"nombre": " \u00a0"}, CTX,
     [("nombre", "campo-obligatorio", E), ("nombre", "espacios-corregidos", A)], None),
    ("obligatorio-clave", {"clave_elector": ""}, CTX,
     [("clave_elector", "campo-obligatorio", E)], None),
    # an empty surname is valid (domain.md); only the clave's letters then disagree (XX expected)
    ("sin-paterno", {"apellido_paterno": ""}, CTX,
     [("clave_elector", "iniciales-no-coinciden", A)],
     "Las letras de la clave de elector (VZSNSF) no corresponden al nombre capturado (se "
     "esperaba XXSNSF)."),
    ("sin-materno-con-xx", {"apellido_materno": "", "clave_elector": "VZXXSF92021707M101"}, CTX,
     [], None),
    ("solo-ocr", {"cic": ""}, CTX, [], None),
    ("solo-cic", {"ocr": None}, CTX, [], None),
    ("clave-estado-invalida", {"clave_estado": "33"}, CTX,
     [("clave_estado", "clave-estado-invalida", E)],
     "La Clave del Estado «33» no existe: debe ser un número de 01 a 32."),
    ("clave-estado-letras", {"clave_estado": "CHIS"}, CTX,
     [("clave_estado", "clave-estado-invalida", E)], None),
    ("entidad-distinta", {"clave_estado": "06"}, replace(CTX, entidad="07"),
     [("clave_estado", "entidad-distinta", E)],
     "La Clave del Estado 06 no es la entidad de la candidatura (07 Chiapas)."),
    ("entidad-igual", {}, replace(CTX, entidad="07"), [], None),
    ("seccion-invalida", {"seccion": "0"}, CTX, [("seccion", "seccion-invalida", E)],
     "La sección «0» no es válida: debe ser un número entero de 1 a 9999."),
    ("seccion-letras", {"seccion": "17A6"}, CTX, [("seccion", "seccion-invalida", E)], None),
    ("nombre-invalido", {"apellido_paterno": "G4RCIA"}, CTX,
     [("apellido_paterno", "nombre-invalido", E)],
     "«Apellido paterno» contiene caracteres que no van en un nombre: «4»."),
    ("nombre-sin-letras", {"nombre": "."}, CTX, [("nombre", "nombre-invalido", E)],
     "«Nombre(s)» contiene caracteres que no van en un nombre: ninguna letra."),
    ("nombre-guion-inicial", {"apellido_materno": "-SANCHEZ"}, CTX,
     [("apellido_materno", "nombre-invalido", E)],
     "«Apellido materno» contiene caracteres que no van en un nombre: «-» al principio."),
    ("nombre-guion-interior", {"apellido_materno": "SANCHEZ-RUIZ"}, CTX, [], None),
    ("texto-demasiado-largo", {"nombre": "S" * 32_768}, CTX,
     [("nombre", "texto-demasiado-largo", E)],
     "«Nombre(s)» tiene 32,768 caracteres; una celda de Excel admite como máximo 32,767 (en la "
     "copia marcada se muestra recortado)."),
    ("nombre-con-acento-sin-quitar", {"nombre": "SOFÍA"}, SIN_ACENTOS_NO, [], None),
    ("nombre-control", {"nombre": "SOFIA\x07"}, CTX, [("nombre", "nombre-invalido", E)],
     "«Nombre(s)» contiene caracteres que no van en un nombre: un carácter invisible (U+0007)."),
    ("sin-apellidos", {"apellido_paterno": "", "apellido_materno": None,
                       "clave_elector": "XXXXSF92021707M101"}, CTX,
     [("apellido_paterno", "sin-apellidos", A)],
     "El registro no tiene apellido paterno ni materno."),
    ("clave-elector-longitud", {"clave_elector": "VZSNSF92021707M10"}, CTX,
     [("clave_elector", "clave-elector-longitud", E)],
     "La clave de elector «VZSNSF92021707M10» tiene 17 caracteres; debe tener 18."),
    ("clave-elector-formato", {"clave_elector": "VZSNSF92021707F101"}, CTX,
     [("clave_elector", "clave-elector-formato", E)],
     "La clave de elector «VZSNSF92021707F101» no tiene la forma esperada: el carácter 15 debe "
     "ser H, M o X (sexo)."),
    ("clave-elector-fecha", {"clave_elector": "VZSNSF92023007M101"}, CTX,
     [("clave_elector", "clave-elector-fecha", E)],
     "La clave de elector «VZSNSF92023007M101» lleva la fecha 30/02/92 (DD/MM/AA), que no "
     "existe."),
    ("clave-elector-mes-13", {"clave_elector": "VZSNSF92131707M101"}, CTX,
     [("clave_elector", "clave-elector-fecha", E)], None),
    ("edad-inusual", {"clave_elector": "VZSNSF10010107M101"}, CTX,
     [("clave_elector", "edad-inusual", A)],
     "Según la clave de elector, la persona tendría 116 o 16 años."),
    ("edad-99", {"clave_elector": "VZSNSF27010107M101"}, CTX, [], None),
    ("entidad-nacimiento-desconocida", {"clave_elector": "VZSNSF92021787M101"}, CTX,
     [("clave_elector", "entidad-nacimiento-desconocida", A)],
     "La clave de elector «VZSNSF92021787M101» indica la entidad de nacimiento 87, que no está "
     "entre 01 y 32."),
    ("nacido-en-otra-entidad", {"clave_elector": "VZSNSF92021720X101"}, CTX, [], None),
    ("iniciales-no-coinciden", {"nombre": "ANA"}, CTX,
     [("clave_elector", "iniciales-no-coinciden", A)],
     "Las letras de la clave de elector (VZSNSF) no corresponden al nombre capturado (se "
     "esperaba VZSNAN)."),
    ("iniciales-compuesto", {"nombre": "MARIA SOFIA"}, CTX, [], None),
    ("ocr-longitud", {"ocr": "172666865727"}, CTX, [("ocr", "ocr-longitud", E)],
     "El OCR «172666865727» tiene 12 dígitos; debe tener 13."),
    ("ocr-formato", {"ocr": "17266686572A9"}, CTX, [("ocr", "ocr-formato", E)],
     "El OCR «17266686572A9» contiene caracteres que no son dígitos."),
    ("ocr-seccion", {"ocr": "0204346340346"}, CTX, [("ocr", "ocr-seccion", A)],
     "El OCR empieza con 0204, pero la sección es 1726."),
    ("ocr-seccion-ceros", {"seccion": "204", "ocr": "0204346340346"}, CTX, [], None),
    ("cic-longitud", {"cic": "76779467"}, CTX, [("cic", "cic-longitud", E)],
     "El CIC «76779467» tiene 8 dígitos; debe tener 9."),
    ("cic-formato", {"cic": "76779467A"}, CTX, [("cic", "cic-formato", E)],
     "El CIC «76779467A» contiene caracteres que no son dígitos."),
    ("cic-digito-verificador", {"cic": "7677946710"}, CTX, [("cic", "cic-digito-verificador", E)],
     "El CIC «7677946710» tiene 10 dígitos y el último no es su dígito verificador: debería ser 8."),
    ("cic-con-digito", {"cic": "7677946718"}, CTX, [("cic", "cic-con-digito", A)],
     "El CIC «7677946718» incluía su dígito verificador; se conservaron los 9 dígitos "
     "«767794671»."),
    ("mrz-reconocida", {"ocr": "", "cic": MRZ}, CTX, [("cic", "mrz-reconocida", A)],
     "En «CIC» se capturó la línea completa del reverso; se tomó el CIC «767794671» y el OCR "
     "«1726668657279»."),
    # \d would take Arabic-Indic digits: a CIC must be ASCII digits
    ("mrz-digitos-no-ascii", {"ocr": "", "cic": "IDMEX\u0667\u0666\u0667\u0667\u0669\u0664"
                              "\u0666\u0667\u0661" "8<<1726668657279"}, CTX,
     [("cic", "cic-formato", E)], None),
    ("sin-ocr-ni-cic", {"ocr": "", "cic": None}, CTX, [("ocr", "sin-ocr-ni-cic", E)],
     "El registro no tiene OCR ni CIC."),
    ("sin-ocr-ni-cic-blancos", {"ocr": " \u00a0", "cic": "\t"}, CTX,
     [("ocr", "sin-ocr-ni-cic", E), ("ocr", "espacios-corregidos", A),
      ("cic", "espacios-corregidos", A)], None),
    # ---- catalogue ----
    ("catalogo-existe", {}, CON_CATALOGO, [], None),
    ("seccion-inexistente", {"seccion": "1", "ocr": "0001668657279"}, CON_CATALOGO,
     [("seccion", "seccion-inexistente", E)],
     "La sección 1 no existe en la entidad 07 según el catálogo (Catalogo-cps.csv)."),
    ("seccion-inexistente-alta", {"seccion": "2420", "ocr": "2420668657279"}, CON_CATALOGO,
     [("seccion", "seccion-inexistente", E)], None),
    ("distrito-propio", {}, replace(CON_CATALOGO, distrito=9), [], None),
    ("seccion-fuera-de-distrito", {}, replace(CON_CATALOGO, distrito=7),
     [("seccion", "seccion-fuera-de-ambito", E)], None),
    # Tuxtla Gutiérrez is 102 at INE and 101 at INEGI (domain.md): the catalogue uses INE's.
    ("municipio-propio", {}, replace(CON_CATALOGO, municipio=102), [], None),
    ("seccion-fuera-de-municipio", {}, replace(CON_CATALOGO, municipio=101),
     [("seccion", "seccion-fuera-de-ambito", E)], None),
    # Section 204 is in Cintalapa (17), district 7.
    ("seccion-de-otro-municipio", {"seccion": "204", "ocr": "0204346340346"},
     replace(CON_CATALOGO, municipio=102), [("seccion", "seccion-fuera-de-ambito", E)], None),
    # A catalogue covering only 07 says nothing about 06's sections.
    ("entidad-no-cubierta", {"clave_estado": "06", "seccion": "1", "ocr": "0001668657279"},
     CON_CATALOGO, [], None),
    ("entidad-distinta-con-catalogo", {"clave_estado": "06"},
     replace(CON_CATALOGO, entidad="07"), [("clave_estado", "entidad-distinta", E)], None),
]


@pytest.mark.parametrize("cambios, contexto, esperados, mensaje",
                         [c[1:] for c in CASOS], ids=[c[0] for c in CASOS])
def test_regla(cambios, contexto, esperados, mensaje):
    r = revisada(fila(**cambios), contexto, numero=5)
    assert [(h.fila, h.campo, h.codigo, h.severidad) for h in r.hallazgos] == [
        (5, campo, codigo, sev) for campo, codigo, sev in esperados]
    assert r.valida == (E not in {sev for _, _, sev in esperados})
    if mensaje is not None:
        assert r.hallazgos[0].mensaje == mensaje


def test_mrz_rellena_ocr_y_cic():
    r = revisada(fila(ocr="", cic=MRZ))
    assert (r.registro.ocr, r.registro.cic) == ("1726668657279", "767794671")


def test_mrz_con_caracter_invisible_rellena_ocr():
    r = revisada(fila(ocr="", cic=MRZ + "\u200b"))
    assert [h.codigo for h in r.hallazgos] == ["espacios-corregidos", "mrz-reconocida"]
    assert (r.registro.ocr, r.registro.cic) == ("1726668657279", "767794671")


def test_mrz_no_pisa_el_ocr_capturado():
    r = revisada(fila(cic=MRZ))
    assert (r.registro.ocr, r.registro.cic) == ("1726668657279", "767794671")
    r = revisada(fila(ocr="1726000000001", cic=MRZ))
    assert r.registro.ocr == "1726000000001"


def test_valores_normalizados_en_el_registro():
    r = revisada([7.0, 1726.0, "sofía", "Vázquez ", "SANCHEZ", "vzsnsf92021707m101",
                  1726668657279.0, "7677946718"])
    assert tuple(r.registro.model_dump(exclude={"fila"}).values()) == BASE
    assert r.valida


def test_fila_de_excel_con_numeros_solo_avisos():
    valores = [7.0, 191.0, "HECTOR", "MARTINEZ", "DIAZ", "MRDZHC96092807H486", 191693691046.0,
               996833759.0]
    r = revisada(valores)
    assert [(h.campo, h.codigo, h.severidad) for h in r.hallazgos] == [
        ("clave_estado", "numero-convertido", A), ("seccion", "numero-convertido", A),
        ("ocr", "numero-convertido", A), ("cic", "numero-convertido", A)]
    assert r.registro.ocr == "0191693691046"


def test_fuera_de_ambito_menciona_lugar_y_ambito():
    [h] = revisada(fila(), replace(CON_CATALOGO, municipio=101)).hallazgos
    assert "102 (TUXTLA GUTIERREZ)" in h.mensaje and "101" in h.mensaje
    [h] = revisada(fila(), replace(CON_CATALOGO, distrito=7)).hallazgos
    assert "distrito 9" in h.mensaje and "distrito 7" in h.mensaje


def test_fuera_de_ambito_en_buen_espanol():
    [h] = revisada(fila(), replace(CON_CATALOGO, distrito=7)).hallazgos
    assert h.mensaje == ("La sección 1726 pertenece al distrito 9, fuera del distrito 7 de la "
                         "candidatura.")


# ---- duplicates ----------------------------------------------------------------------------------

OTRA = ["07", "2415", "IRMA", "RAMIREZ", "LOPEZ", "RMLPIR44091707M120", "2415528329976",
        "666720306"]


def _por_fila(revision):
    out: dict[int, list[tuple]] = {}
    for h in revision.hallazgos:
        out.setdefault(h.fila, []).append((h.campo, h.codigo, h.severidad, h.mensaje))
    return out


def test_duplicados_en_un_archivo():
    filas = [
        (2, list(BASE)),
        (3, list(OTRA)),
        (4, fila(ocr="1726000000001", cic="000000001")),  # same clave as row 2, other credential
        (5, list(OTRA)),  # exact copy of row 3
        (6, fila(clave_elector="VZSNSF92021707M102", ocr="1726000000002",
                 cic="7677946718")),  # row 2's CIC with its check digit
    ]
    rev = revisar(filas, CTX, "a.xlsx")
    assert rev.filas == 5 and rev.filas_validas == 2
    assert _por_fila(rev) == {
        4: [("clave_elector", "duplicado-clave-elector", E,
             "La clave de elector ya aparece en la fila 2.")],
        5: [("clave_elector", "duplicado-clave-elector", E,
             "La clave de elector ya aparece en la fila 3."),
            ("ocr", "duplicado-ocr", E, "El OCR ya aparece en la fila 3."),
            ("cic", "duplicado-cic", E, "El CIC ya aparece en la fila 3.")],
        6: [("cic", "duplicado-cic", E, "El CIC ya aparece en la fila 2."),
            ("cic", "cic-con-digito", A,
             "El CIC «7677946718» incluía su dígito verificador; se conservaron los 9 dígitos "
             "«767794671».")],
    }


def test_duplicado_de_ocr_tomado_de_la_mrz():
    rev = revisar([(2, list(BASE)), (3, fila(clave_elector="VZSNSF92021707M102", ocr="",
                                             cic="IDMEX0000000011<<1726668657279"))],
                  CTX, "a.xlsx")
    # 000000001: 0*7+...+0*3+1*1 = 1 -> check digit 1
    assert [(h.fila, h.campo, h.codigo) for h in rev.hallazgos] == [
        (3, "ocr", "duplicado-ocr"), (3, "cic", "mrz-reconocida")]


def test_valores_invalidos_no_cuentan_como_duplicados():
    rev = revisar([(2, fila(ocr="172666865727")), (3, fila(clave_elector="VZSNSF92021707M10",
                                                           ocr="172666865727"))],
                  CTX, "a.xlsx")
    assert [h.codigo for h in rev.hallazgos] == ["ocr-longitud", "clave-elector-longitud",
                                                 "ocr-longitud", "duplicado-cic"]


def test_duplicados_entre_archivos():
    vistos = Vistos()
    primera = revisar([(2, list(BASE)), (3, list(OTRA))], CTX, "MARIA_LOPEZ_1.xlsx",
                      vistos=vistos)
    assert primera.hallazgos == []
    segunda = revisar([(7, list(OTRA))], CTX, "MARIA_LOPEZ_2.xlsx", vistos=vistos)
    assert [(h.fila, h.campo, h.codigo, h.mensaje) for h in segunda.hallazgos] == [
        (7, "clave_elector", "duplicado-clave-elector",
         "La clave de elector ya aparece en la fila 3 del archivo «MARIA_LOPEZ_1.xlsx»."),
        (7, "ocr", "duplicado-ocr", "El OCR ya aparece en la fila 3 del archivo "
                                    "«MARIA_LOPEZ_1.xlsx»."),
        (7, "cic", "duplicado-cic", "El CIC ya aparece en la fila 3 del archivo "
                                    "«MARIA_LOPEZ_1.xlsx»."),
    ]
    assert (segunda.filas, segunda.filas_validas) == (1, 0)


def test_sin_vistos_compartidos_cada_archivo_es_independiente():
    revisar([(2, list(BASE))], CTX, "a.xlsx")
    assert revisar([(2, list(BASE))], CTX, "b.xlsx").hallazgos == []


def test_revisar_filas_comparte_vistos():
    vistos = Vistos()
    list(revisar_filas([(2, list(BASE))], CTX, vistos, "a.csv"))
    [r] = revisar_filas([(2, list(BASE))], CTX, vistos, "b.csv")
    assert [h.mensaje for h in r.hallazgos][0] == (
        "La clave de elector ya aparece en la fila 2 del archivo «a.csv».")


# ---- blank rows, empty files ---------------------------------------------------------------------

def test_filas_en_blanco_se_saltan_y_no_cuentan():
    filas = [
        (2, list(BASE)),
        (3, [None] * 8),
        (4, ["", " ", "\t", "\u00a0", None, "\n", "  \r\n", ""]),
        (5, list(OTRA)),
        (6, ["\u200b", None, "\ufeff", " \u200b ", None, None, None, None]),  # invisible only
    ]
    assert [r.fila for r in revisar_filas(filas, CTX)] == [2, 5]
    rev = revisar(filas, CTX, "a.xlsx")
    assert (rev.filas, rev.filas_validas, rev.hallazgos) == (2, 2, [])


def test_fila_con_un_solo_dato_no_es_blanca():
    rev = revisar([(2, [None, None, "SOFIA", None, None, None, None, None])], CTX, "a.xlsx")
    assert rev.filas == 1
    assert [(h.campo, h.codigo) for h in rev.hallazgos] == [
        ("clave_estado", "campo-obligatorio"), ("seccion", "campo-obligatorio"),
        ("apellido_paterno", "sin-apellidos"), ("clave_elector", "campo-obligatorio"),
        ("ocr", "sin-ocr-ni-cic")]


@pytest.mark.parametrize("filas", [[], [(2, [None] * 8), (3, ["  "] * 8)]], ids=["nada", "blancas"])
def test_sin_registros(filas):
    rev = revisar(filas, CTX, "vacio.xlsx")
    assert (rev.filas, rev.filas_validas) == (0, 0)
    assert [(h.fila, h.campo, h.codigo, h.severidad, h.mensaje) for h in rev.hallazgos] == [
        (None, None, "sin-registros", E,
         "El archivo tiene encabezados pero ninguna fila con datos.")]


def test_revision_cuenta_y_ordena():
    previo = hallazgo("columna-repetida", None, "ocr", columnas="G, I")
    otra = OTRA[:2] + ["irma"] + OTRA[3:6] + ["", OTRA[7]]
    filas = [(2, list(BASE)), (3, otra),
             (4, fila(seccion="0", clave_elector="VZSNSF92021707M102", ocr="1726000000003",
                      cic="000000003"))]
    rev = revisar(filas, CTX, "a.xlsx", hallazgos_archivo=[previo])
    assert rev.hallazgos[0] == previo
    assert (rev.filas, rev.filas_validas, rev.errores, rev.avisos) == (3, 2, 2, 1)
    assert [(h.fila, h.codigo) for h in rev.hallazgos[1:]] == [
        (3, "mayusculas-corregidas"), (4, "seccion-invalida")]
    assert rev.fecha_corte == date(2026, 11, 29)
    # an aspirant file where the scope is 07 and all rows are Chiapas: still valid
    assert revisar(filas[:1], replace(CTX, entidad="07"), "a.xlsx").filas_validas == 1


# ---- coverage of the catalogue -----------------------------------------------------------------

PROBADOS_APARTE = {"duplicado-clave-elector", "duplicado-ocr", "duplicado-cic", "sin-registros",
                   # file-level, from the scope: tests/core/test_catalogo.py
                   "catalogo-sin-entidad", "ambito-sin-secciones",
                   # file-level, from the Aspirante sheet: tests/core/test_ambito_del_aspirante.py
                   "ambito-no-reconocido", "ambito-sin-catalogo"}


def test_cada_codigo_del_nucleo_tiene_prueba():
    probados = {codigo for c in CASOS for _, codigo, _ in c[3]} | PROBADOS_APARTE
    assert probados == set(CATALOGO) - DEL_LECTOR


@pytest.mark.parametrize("codigo, severidad", [
    # Confirmed by domain.md -> error
    ("clave-estado-invalida", E), ("seccion-invalida", E), ("clave-elector-longitud", E),
    ("clave-elector-formato", E), ("clave-elector-fecha", E), ("cic-digito-verificador", E),
    ("sin-ocr-ni-cic", E), ("campo-obligatorio", E),
    # Likely / Unknown -> warning only
    ("edad-inusual", A), ("entidad-nacimiento-desconocida", A), ("iniciales-no-coinciden", A),
    ("ocr-seccion", A), ("sin-apellidos", A),
])
def test_severidad_segun_domain_md(codigo, severidad):
    assert CATALOGO[codigo].severidad == severidad


def test_la_fila_base_es_limpia():
    assert hallazgos_de(list(BASE)) == []
