"""Text files in DOS code page 850 (found by a tester: «PEÑA», Ñ = byte A5, came out as «PE¥A»
read as Windows-1252, or as «PEŹA»-like garbage when charset-normalizer proposed cp775). The rule
(`apoyo.read.texto._es_cp850`): cp850 when every byte 80-FF is a Spanish letter or sign in cp850
and some byte is not plausible in Windows-1252; real Windows-1252 files keep their encoding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from .ayudas_lectura import ENCABEZADOS, FILA_1

from apoyo.read import leer
from apoyo.read.texto import detectar_codificacion
from apoyo.schema import CAMPOS

Texto = Callable[..., Path]

PENA = ["07", "1726", "SOFIA", "PEÑA", "SANCHEZ", "PXSNSF92021707M101", "1726668657279",
        "767794671"]
NUNEZ = ["07", "752", "JOSÉ", "NÚÑEZ", "IBAÑEZ", "NXIBJS50102707H484", "0752325589669",
         "817530666"]
GUERA = ["07", "752", "MARÍA", "GÓMEZ", "ARGÜELLO", "GMARMR50102707M484", "0752325589669",
         "817530666"]


def _csv(filas: list[list[str]], delimitador: str = ",") -> str:
    return "".join(delimitador.join(f) + "\r\n" for f in filas)


def test_cp850_solo_con_enie(texto: Texto) -> None:
    # Only Ñ (A5) and the header's ó (A2): Windows-1252 decodes it, as «PE¥A» and «Secci¢n».
    contenido = _csv([ENCABEZADOS, PENA, FILA_1, PENA]).encode("cp850")
    assert contenido.decode("cp1252").count("PE¥A") == 2  # what was read before
    tabla = leer(texto("dos.csv", contenido))
    assert tabla.metadatos["encoding"] == "cp850"
    assert tabla.encabezados == ENCABEZADOS  # «Sección electoral» read right: no missing column
    assert tabla.columnas == {c: i for i, c in enumerate(CAMPOS)}
    assert tabla.hallazgos == []
    assert list(tabla.valores()) == [(2, tuple(PENA)), (3, tuple(FILA_1)), (4, tuple(PENA))]
    assert next(tabla.valores())[1][3] == "PEÑA"


def test_cp850_con_e_acentuada(texto: Texto) -> None:
    # É (90) is undefined in Windows-1252, so charset-normalizer was asked; for these very
    # bytes it proposed cp775: «PEźA», «NķźEZ».
    filas = [ENCABEZADOS] + [
        ["07", "1726", "SOFIA", apellido, "SANCHEZ", "VZSNSF92021707M101", "1726668657279",
         "767794671"] for apellido in ("PEÑA", "JOSÉ", "NÚÑEZ")]
    contenido = _csv(filas).encode("cp850")
    assert "PEźA" in contenido.decode("cp775")
    tabla = leer(texto("dos.txt", contenido))
    assert tabla.metadatos["encoding"] == "cp850"
    assert tabla.hallazgos == []
    assert [fila[1][3] for fila in tabla.valores()] == ["PEÑA", "JOSÉ", "NÚÑEZ"]
    assert list(tabla.valores())[0] == (2, ("07", "1726", "SOFIA", "PEÑA", "SANCHEZ",
                                            "VZSNSF92021707M101", "1726668657279", "767794671"))


def test_cp850_con_otras_letras(texto: Texto) -> None:
    contenido = _csv([ENCABEZADOS, NUNEZ, PENA, GUERA], ";").encode("cp850")
    tabla = leer(texto("dos.txt", contenido))
    assert tabla.metadatos["encoding"] == "cp850"
    assert list(tabla.valores()) == [(2, tuple(NUNEZ)), (3, tuple(PENA)), (4, tuple(GUERA))]


def test_cp437_se_lee_igual(texto: Texto) -> None:
    # The US DOS code page writes É, Ñ, Ü, ó... with cp850's bytes (it has no Á Í Ó Ú).
    filas = [ENCABEZADOS, PENA, ["07", "1", "JOSÉ", "PEÑA", "ARGÜELLO", "X", "1", "2"]]
    tabla = leer(texto("dos437.csv", _csv(filas).encode("cp437")))
    assert tabla.metadatos["encoding"] == "cp850"
    assert [fila[1][2:5] for fila in tabla.valores()] == [
        ("SOFIA", "PEÑA", "SANCHEZ"), ("JOSÉ", "PEÑA", "ARGÜELLO")]


@pytest.mark.parametrize("filas", [
    [ENCABEZADOS, PENA, NUNEZ, GUERA],  # Ñ is D1 (Ð in cp850)
    [[e.replace("ó", "o") for e in ENCABEZADOS], ["07", "1", "JOSé", "X", "Y", "Z", "1", "2"]],
    [[e.replace("ó", "o") for e in ENCABEZADOS], ["07", "1", "ANA\u00a0", "X", "Y", "Z", "1", "2"]],
])
def test_windows_1252_sigue_igual(texto: Texto, filas: list[list[str]]) -> None:
    # Only é (E9, «Ú» in cp850) or a no-break space (A0, «á»): both read well as Windows-1252,
    # which is kept.
    ruta = texto("ansi.csv", _csv(filas), "cp1252")
    assert detectar_codificacion(ruta) == "cp1252"
    assert [list(f) for _, f in leer(ruta).valores()] == filas[1:]


def test_cp850_con_signos_que_no_son_del_espanol_no_cambia(texto: Texto) -> None:
    # ß (E1 in cp850) is no Spanish letter: the rule does not apply to the file, nor to that
    # line, which is read as before (Windows-1252 decodes it: «á», «¥»). Only the header line
    # («Sección», ó is A2) plainly is cp850 on its own.
    ruta = texto("otro.csv", _csv([ENCABEZADOS, ["07", "1", "GROß", "PEÑA", "Y", "Z", "1",
                                                 "2"]]), "cp850")
    assert detectar_codificacion(ruta) == "cp1252+cp850"
    tabla = leer(ruta)
    assert tabla.encabezados == ENCABEZADOS
    assert [list(f) for _, f in tabla.valores()] == [["07", "1", "GROá", "PE¥A", "Y", "Z", "1",
                                                       "2"]]
    assert tabla.hallazgos == []


def test_utf8_sigue_igual(texto: Texto) -> None:
    ruta = texto("utf8.csv", _csv([ENCABEZADOS, PENA]), "utf-8")
    assert detectar_codificacion(ruta) == "utf-8"
    assert next(leer(ruta).valores())[1][3] == "PEÑA"


# Bytes that read as Spanish both ways (Ú/é E9, á/no-break space A0, í/¡ A1): the case of
# the letter after them decides (found by a tester: «ÚRSULO» in cp850, with no other sign, was
# read as Windows-1252 «éRSULO» and exported as «ERSULO»).
SIN_ACENTOS = [e.replace("ó", "o") for e in ENCABEZADOS]


@pytest.mark.parametrize(("nombres", "codificacion"), [
    (["ÚRSULO", "RAÚL"], "cp850"),         # é inside upper-case words: cp850's Ú
    (["María", "Ana"], "cp850"),           # ¡ between lower-case letters: cp850's í
    (["JUAN", "ÚRSULO"], "cp850"),
    (["Méndez", "José"], "cp1252"),        # é before a lower-case letter: Windows-1252
    (["JUAN\u00a0CARLOS", "ANA"], "cp1252"),  # a no-break space before an upper-case letter
    (["¡Hola", "ANA"], "cp1252"),          # cp850's í before an upper-case letter
    (["JOSé", "ANA"], "cp1252"),           # no letter after the byte: no evidence either way
    # Found by a second tester:
    (["Úrsula", "Ana"], "cp850"),          # title case: a capital starts the word
    (["Úrsula Sánchez", "Ana"], "cp850"),
    (["Úrsula Ríos Sánchez", "Ana"], "cp850"),
    (["José", "de\u00a0la Cruz"], "cp1252"),  # a no-break space after «de»: no evidence
])
def test_bytes_ambiguos_los_decide_la_mayuscula(texto: Texto, nombres: list[str],
                                               codificacion: str) -> None:
    filas = [SIN_ACENTOS] + [["07", "1726", n, "VAZQUEZ", "SANCHEZ", "VZSNUR92021707H101",
                              "1726668657279", "767794671"] for n in nombres]
    ruta = texto("ambiguo.txt", _csv(filas, "|"), codificacion)
    assert detectar_codificacion(ruta) == codificacion
    assert [f[2] for _, f in leer(ruta).valores()] == nombres


def test_ursulo_en_cp850_se_exporta_como_ursulo(texto: Texto, tmp_path: Path) -> None:
    from datetime import date

    from apoyo.check import Contexto, revisar_filas

    filas = [SIN_ACENTOS, ["07", "1726", "ÚRSULO", "VAZQUEZ", "SANCHEZ", "VZSNUR92021707H101",
                           "1726668657279", "767794671"]]
    ruta = texto("ursulo.txt", _csv(filas, "|"), "cp850")
    [revisada] = revisar_filas(leer(ruta).valores(), Contexto(fecha_corte=date(2026, 12, 5)))
    assert revisada.registro.nombre == "URSULO"
    assert [h.codigo for h in revisada.hallazgos] == ["acentos-quitados"]
