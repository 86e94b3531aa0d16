"""Normalisation of text read with the wrong encoding (UTF-8 read as Windows-1252 or Latin-1,
``texto-recodificado``) and of apostrophe look-alikes (``caracteres-normalizados``): real
examples both ways, legitimate names never changed."""

from __future__ import annotations

import pytest

from apoyo.normalize import Cambio, en_blanco, normalizar

from ._nucleo import fila, hallazgos_de, revisada

R, E, M, A, C = ("texto-recodificado", "espacios-corregidos", "mayusculas-corregidas",
                 "acentos-quitados", "caracteres-normalizados")


def _cambios(campo, *pasos):
    """Cambio list from (antes, despues, motivo) steps."""
    return tuple(Cambio(campo, a, d, m) for a, d, m in pasos)


# ---- text read with the wrong encoding ------------------------------------------------------

@pytest.mark.parametrize("campo, valor, texto, pasos", [
    # Excel opening a UTF-8 CSV as "ANSI": Ñ is "Ã‘", É "Ã‰", Ü "Ãœ"
    ("apellido_paterno", "PEÃ‘A", "PEÑA", [("PEÃ‘A", "PEÑA", R)]),
    ("apellido_materno", "MUÃ‘OZ", "MUÑOZ", [("MUÃ‘OZ", "MUÑOZ", R)]),
    ("nombre", "JOSÃ‰", "JOSE", [("JOSÃ‰", "JOSÉ", R), ("JOSÉ", "JOSE", A)]),
    ("apellido_paterno", "GÃœEMES", "GUEMES", [("GÃœEMES", "GÜEMES", R), ("GÜEMES", "GUEMES", A)]),
    # Í and Á are C3 8D and C3 81: bytes Windows-1252 leaves undefined, read as Latin-1
    ("apellido_paterno", "GARCÃ\u008dA", "GARCIA",
     [("GARCÃ\u008dA", "GARCÍA", R), ("GARCÍA", "GARCIA", A)]),
    ("apellido_paterno", "Ã\u0081LVAREZ", "ALVAREZ",
     [("Ã\u0081LVAREZ", "ÁLVAREZ", R), ("ÁLVAREZ", "ALVAREZ", A)]),
    # Latin-1 reading of Ñ (C3 91)
    ("apellido_materno", "IBAÃ\u0091EZ", "IBAÑEZ", [("IBAÃ\u0091EZ", "IBAÑEZ", R)]),
    # lowercase: í is C3 AD, the soft hyphen (which the blanks repair would remove)
    ("nombre", "marÃ\u00ada", "MARIA",
     [("marÃ\u00ada", "maría", R), ("maría", "MARÍA", M), ("MARÍA", "MARIA", A)]),
    ("apellido_paterno", "peÃ±a", "PEÑA", [("peÃ±a", "peña", R), ("peña", "PEÑA", M)]),
    # read wrongly twice
    ("apellido_paterno", "PEÃƒâ€˜A", "PEÑA", [("PEÃƒâ€˜A", "PEÑA", R)]),
    # typographic and modifier-letter apostrophes, then made "'"
    ("apellido_paterno", "Oâ€™HARA", "O'HARA", [("Oâ€™HARA", "O\u2019HARA", R),
                                                ("O\u2019HARA", "O'HARA", C)]),
    ("apellido_paterno", "KÊ¼ULUB", "K'ULUB", [("KÊ¼ULUB", "K\u02bcULUB", R),
                                               ("K\u02bcULUB", "K'ULUB", C)]),
    # decomposed Ñ (N + U+0303, as macOS writes it): CC 83 is "Ìƒ"
    ("apellido_materno", "NUNÌƒEZ", "NUÑEZ", [("NUNÌƒEZ", "NUN\u0303EZ", R),
                                              ("NUN\u0303EZ", "NUÑEZ", C)]),
    # a no-break space (C2 A0, "Â" + NBSP) and a BOM ("ï»¿"), then the blanks repair
    ("nombre", "ANAÂ\u00a0LAURA", "ANA LAURA",
     [("ANAÂ\u00a0LAURA", "ANA\u00a0LAURA", R), ("ANA\u00a0LAURA", "ANA LAURA", E)]),
    ("nombre", "ï»¿JUAN", "JUAN", [("ï»¿JUAN", "\ufeffJUAN", R), ("\ufeffJUAN", "JUAN", E)]),
    ("seccion", "1726Â\u00a0", "1726",
     [("1726Â\u00a0", "1726\u00a0", R), ("1726\u00a0", "1726", E)]),
    # only the run read wrongly changes: the Ñ typed right stays
    ("apellido_paterno", "PEÃ‘A MUÑOZ", "PEÑA MUÑOZ", [("PEÃ‘A MUÑOZ", "PEÑA MUÑOZ", R)]),
])
def test_texto_mal_codificado_se_corrige(campo, valor, texto, pasos):
    n = normalizar(campo, valor)
    assert (n.texto, n.cambios, n.problema) == (texto, _cambios(campo, *pasos), None)
    assert normalizar(campo, n.texto).cambios == ()


def test_con_acentos_conservados():
    n = normalizar("nombre", "JOSÃ‰ MARÃ\u008dA", quitar_acentos=False)
    assert (n.texto, n.cambios) == ("JOSÉ MARÍA",
                                    _cambios("nombre", ("JOSÃ‰ MARÃ\u008dA", "JOSÉ MARÍA", R)))


@pytest.mark.parametrize("campo, valor, texto, pasos", [
    ("apellido_paterno", "PEÑA", "PEÑA", []),
    ("apellido_materno", "MUÑOZ", "MUÑOZ", []),
    ("nombre", "JOSÉ", "JOSÉ", []),
    ("apellido_paterno", "GARCÍA", "GARCÍA", []),
    ("apellido_paterno", "ÁLVAREZ", "ÁLVAREZ", []),
    ("apellido_materno", "NÚÑEZ", "NÚÑEZ", []),
    ("apellido_paterno", "GÜEMES", "GÜEMES", []),
    ("apellido_paterno", "O'HARA", "O'HARA", []),
    ("apellido_paterno", "O\u2019HARA", "O'HARA", [("O\u2019HARA", "O'HARA", C)]),
    ("apellido_paterno", "D\u00b4ARCY", "D'ARCY", [("D\u00b4ARCY", "D'ARCY", C)]),
    # Portuguese Ã followed by a letter, not by a sign: not UTF-8 read wrongly
    ("nombre", "JOÃO", "JOÃO", []),
    ("apellido_paterno", "CONCEIÇÃO", "CONCEIÇÃO", []),
    ("nombre", "ESTÊVÃO", "ESTÊVÃO", []),
    ("nombre", "FRANÇOIS", "FRANÇOIS", []),
    # "É" + no-break space (C9 A0) and "Í" + no-break space (CD A0) are valid UTF-8 by chance
    # ("ɠ", U+0360): characters no name has, so not taken
    ("nombre", "JOSÉ\u00a0LUIS", "JOSÉ LUIS", [("JOSÉ\u00a0LUIS", "JOSÉ LUIS", E)]),
    ("nombre", "NOHEMÍ\u00a0GUADALUPE", "NOHEMÍ GUADALUPE",
     [("NOHEMÍ\u00a0GUADALUPE", "NOHEMÍ GUADALUPE", E)]),
    # "Ñ" and a closing quote (D1 94): "є"
    ("apellido_paterno", "PEÑ\u201d", "PEÑ\u201d", []),
    # the byte after Ã was lost (Í or Á?): nothing proves a reading, left to the other rules
    ("apellido_paterno", "GARCÃA", "GARCÃA", []),
    # a lone mojibake no-break space would leave the cell blank: not taken
    ("nombre", "Â\u00a0", "Â", [("Â\u00a0", "Â", E)]),
])
def test_nombres_legitimos_no_se_recodifican(campo, valor, texto, pasos):
    n = normalizar(campo, valor, quitar_acentos=False)
    assert (n.texto, n.cambios, n.problema) == (texto, _cambios(campo, *pasos), None)


def test_las_reparaciones_pueden_dejar_texto_mal_codificado():
    # upper() makes "Ã‰" of "ã‰": read back too, so that the result is stable
    n = normalizar("nombre", "ã‰", quitar_acentos=False)
    assert n.cambios == _cambios("nombre", ("ã‰", "Ã‰", M), ("Ã‰", "É", R))
    assert normalizar("nombre", n.texto, quitar_acentos=False).cambios == ()


def test_en_blanco_coincide():
    for valor in ("Â\u00a0", "â€‹", "ï»¿", "Ì\u0081"):
        assert not en_blanco(valor) and normalizar("nombre", valor).texto != ""


def test_fila_completa_mal_codificada_pasa_con_avisos():
    valores = fila(nombre="ARTURO", apellido_paterno="PEÃ‘A", apellido_materno="SANCHEZ",
                   clave_elector="PXSNAR04100105H444")
    r = revisada(valores)
    assert r.valida and r.registro.apellido_paterno == "PEÑA"
    assert hallazgos_de(valores) == [(5, "apellido_paterno", R, "aviso")]
    assert r.hallazgos[0].mensaje == (
        "«PEÃ‘A» estaba mal codificado en «Apellido paterno» (texto UTF-8 leído como "
        "Windows-1252, por ejemplo «Ã‘» en lugar de «Ñ»); se corrigió a «PEÑA».")
    assert r.hallazgos[0].remedio == (
        "No hace falta hacer nada: el archivo exportado lleva «PEÑA». Para evitarlo, abra los "
        "CSV en Excel con Datos > Desde el texto/CSV y origen «65001: Unicode (UTF-8)», y "
        "guárdelos como «CSV UTF-8 (delimitado por comas)».")


# ---- apostrophe look-alikes -----------------------------------------------------------------

@pytest.mark.parametrize("apostrofo", [
    "\u02bc",  # MODIFIER LETTER APOSTROPHE (Mayan orthographies)
    "\u02bb",  # MODIFIER LETTER TURNED COMMA
    "\ua78b",  # LATIN CAPITAL LETTER SALTILLO
    "\ua78c",  # LATIN SMALL LETTER SALTILLO
    "\uff07",  # FULLWIDTH APOSTROPHE
    "\u2032",  # PRIME
    "\u02b9",  # MODIFIER LETTER PRIME
])
def test_apostrofos_parecidos(apostrofo):
    valor = f"K{apostrofo}ULUB"
    n = normalizar("apellido_paterno", valor)
    assert (n.texto, n.cambios) == ("K'ULUB", _cambios("apellido_paterno", (valor, "K'ULUB", C)))


def test_saltillo_en_minusculas():
    n = normalizar("apellido_paterno", "k\ua78culub")
    assert n.cambios == _cambios("apellido_paterno", ("k\ua78culub", "k'ulub", C),
                                 ("k'ulub", "K'ULUB", M))


def test_apostrofo_maya_ya_no_es_nombre_invalido():
    valores = fila(nombre="SOFIA K\u02bcANTIL")
    assert revisada(valores).valida
    assert hallazgos_de(valores) == [(5, "nombre", C, "aviso")]


def test_doble_prima_no_es_apostrofo():
    # U+2033 is a quotation mark, not an apostrophe: still rejected
    assert hallazgos_de(fila(apellido_paterno="K\u2033ULUB")) == [
        (5, "apellido_paterno", "nombre-invalido", "error")]
