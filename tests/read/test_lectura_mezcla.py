"""Text files in UTF-8 with some lines in Windows-1252 (rows pasted from a CSV Excel saved as
"ANSI"): each line is read in its own encoding and warned (``linea-otra-codificacion``), while
files in one encoding keep theirs."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from .ayudas_lectura import ENCABEZADOS, FILA_1, FILA_2

from apoyo.check import Contexto
from apoyo.errors import hallazgo
from apoyo.pipeline import revisar_tabla
from apoyo.read import leer, texto as lector_texto

Texto = Callable[..., Path]

MIXTA = "utf-8+cp1252"
#: The parameters of a UTF-8 file's warnings about its Windows-1252 lines.
UTF8 = {"esta": "Windows-1252 (ANSI)", "resto": "UTF-8"}
ENCABEZADO = ";".join(ENCABEZADOS) + "\r\n"
PENA = ["07", "2406", "ARTURO", "PEÑA", "SANCHEZ", "PXSNAR04100105H444", "2406000020264",
        "100159050"]
NUNEZ = ["07", "1397", "JUAN", "JIMENEZ", "NÚÑEZ", "JMNXJN53090406H767", "1397000028183",
         "100263779"]
MUNOZ = ["07", "1876", "MIGUEL ANGEL", "RAMIREZ", "MUÑOZ", "RMMXMG04030515H298",
         "1876000083616", "100996882"]


def _linea(fila: list[str], codificacion: str = "utf-8") -> bytes:
    return (";".join(fila) + "\r\n").encode(codificacion)


def test_utf8_con_una_linea_en_windows_1252(texto: Texto) -> None:
    contenido = (ENCABEZADO.encode() + _linea(FILA_1) + _linea(PENA) + _linea(NUNEZ)
                 + _linea(MUNOZ, "cp1252"))
    tabla = leer(texto("mezcla.csv", contenido))
    assert tabla.metadatos == {"formato": "csv", "encoding": MIXTA, "delimitador": ";"}
    assert tabla.encabezados == ENCABEZADOS
    assert list(tabla.valores()) == [(2, tuple(FILA_1)), (3, tuple(PENA)), (4, tuple(NUNEZ)),
                                     (5, tuple(MUNOZ))]
    assert tabla.hallazgos == [hallazgo("linea-otra-codificacion", 5, None, **UTF8)]
    aviso = tabla.hallazgos[0]
    assert (aviso.severidad, aviso.campo, aviso.valor) == ("aviso", None, None)
    assert aviso.mensaje == ("Esta línea del archivo estaba en Windows-1252 (ANSI) y el resto "
                             "en UTF-8; se leyó con esa codificación para conservar la Ñ y los "
                             "acentos.")
    assert aviso.remedio == ("Revise que los nombres de esta fila coincidan con la credencial y "
                             "guarde todo el archivo como «CSV UTF-8 (delimitado por comas)», "
                             "para que tenga una sola codificación.")


def test_la_revision_lleva_el_aviso_y_los_nombres_correctos(texto: Texto) -> None:
    contenido = (ENCABEZADO.encode() + _linea(PENA, "cp1252") + _linea(NUNEZ) + _linea(FILA_1))
    tabla = leer(texto("mezcla.csv", contenido))
    revision = revisar_tabla(tabla, Contexto(fecha_corte=date(2026, 11, 29)))
    assert (revision.filas, revision.filas_validas, revision.errores) == (3, 3, 0)
    assert [(h.fila, h.campo, h.codigo) for h in revision.hallazgos] == [
        (2, None, "linea-otra-codificacion"),
        (3, "apellido_materno", "acentos-quitados"),
    ]
    assert revision.hallazgos[1].mensaje == ("Se quitaron los acentos de «Apellido materno»: "
                                             "quedó «NUÑEZ» (la Ñ se conserva).")
    assert revision.metadatos["encoding"] == MIXTA


def test_con_bom_y_encabezado_en_windows_1252(texto: Texto) -> None:
    # The header line is the one in Windows-1252: it is read right and not warned (no row).
    contenido = (codecs.BOM_UTF8 + ENCABEZADO.encode("cp1252") + _linea(PENA) + _linea(FILA_2))
    tabla = leer(texto("bom.csv", contenido))
    assert tabla.metadatos["encoding"] == MIXTA
    assert tabla.encabezados == ENCABEZADOS
    assert list(tabla.valores()) == [(2, tuple(PENA)), (3, tuple(FILA_2))]
    assert tabla.hallazgos == []


def test_registro_de_varias_lineas_avisado_en_su_primera(texto: Texto) -> None:
    contenido = (ENCABEZADO.encode() + _linea(PENA) + b"\r\n"
                 + '07;1876;"MIGUEL\r\nÁNGEL";RAMIREZ;MUÑOZ;X;1;2\r\n'.encode("cp1252")
                 + _linea(NUNEZ))
    tabla = leer(texto("q.csv", contenido))
    valores = list(tabla.valores())
    assert [fila for fila, _ in valores] == [2, 4, 6]
    assert valores[1][1][2:5] == ("MIGUEL\r\nÁNGEL", "RAMIREZ", "MUÑOZ")
    assert tabla.hallazgos == [hallazgo("linea-otra-codificacion", 4, None, **UTF8)]


def test_finales_de_linea_cr_y_bloques_cortos(texto: Texto,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # Lines end in CR (old Mac) or CRLF; blocks of 5 bytes split lines, CRLF pairs and the
    # two bytes of a UTF-8 "Ñ".
    monkeypatch.setattr(lector_texto, "_BLOQUE", 5)
    contenido = (ENCABEZADO.encode() + _linea(PENA).replace(b"\r\n", b"\r")
                 + _linea(MUNOZ, "cp1252").replace(b"\r\n", b"\r") + _linea(NUNEZ))
    tabla = leer(texto("cr.csv", contenido))
    assert list(tabla.valores()) == [(2, tuple(PENA)), (3, tuple(MUNOZ)), (4, tuple(NUNEZ))]
    assert tabla.hallazgos == [hallazgo("linea-otra-codificacion", 3, None, **UTF8)]


def test_muchas_lineas_un_solo_aviso(texto: Texto) -> None:
    otras = lector_texto.AVISOS_POR_LINEA + 1
    contenido = (ENCABEZADO.encode() + _linea(PENA) + b"\r\n"
                 + _linea(MUNOZ, "cp1252") * otras + _linea(FILA_1))
    tabla = leer(texto("muchas.csv", contenido))
    assert tabla.metadatos["encoding"] == MIXTA
    assert tabla.hallazgos == [hallazgo("codificacion-mezclada", None, None, lineas="101",
                                        primera=4, **UTF8)]
    assert tabla.hallazgos[0].mensaje == (
        "El archivo mezcla codificaciones: 101 líneas (la primera, la 4) estaban en "
        "Windows-1252 (ANSI) y el resto en UTF-8; se leyó cada línea con la suya, para "
        "conservar la Ñ y los acentos.")
    assert sum(1 for fila, valores in tabla.valores() if valores[4] == "MUÑOZ") == otras


def test_exactamente_el_maximo_avisado_fila_por_fila(texto: Texto) -> None:
    otras = lector_texto.AVISOS_POR_LINEA
    contenido = ENCABEZADO.encode() + _linea(PENA) + _linea(MUNOZ, "cp1252") * otras
    tabla = leer(texto("cien.csv", contenido))
    assert tabla.hallazgos == [hallazgo("linea-otra-codificacion", fila, None, **UTF8)
                               for fila in range(3, 3 + otras)]


@pytest.mark.parametrize("fila", [
    # "É" and a no-break space (C9 A0) are valid UTF-8 by chance ("ɠ"): not a sign of UTF-8
    ["07", "1", "JOSÉ\u00a0LUIS", "PÉREZ", "LÓPEZ", "X", "1", "2"],
    # "Ñ" and a closing quote (D1 94): "є" in UTF-8
    ["07", "1", "ANA", "PEÑ”", "LÓPEZ", "X", "1", "2"],
    # mojibake saved as Windows-1252 (C3 91 is "Ñ" in UTF-8) in a line that is not UTF-8
    ["07", "1", "ANA", "PEÃ‘A", "MUÑOZ", "X", "1", "2"],
])
def test_windows_1252_con_bytes_que_parecen_utf8_sigue_siendo_windows_1252(
        texto: Texto, fila: list[str]) -> None:
    contenido = ENCABEZADO.encode("cp1252") + _linea(FILA_2, "cp1252") + _linea(fila, "cp1252")
    tabla = leer(texto("ansi.csv", contenido))
    assert tabla.metadatos["encoding"] == "cp1252"
    assert list(tabla.valores()) == [(2, tuple(FILA_2)), (3, tuple(fila))]
    assert tabla.hallazgos == []


def test_utf8_con_una_linea_que_no_es_windows_1252_no_es_mezcla(texto: Texto) -> None:
    # 0x90 is undefined in Windows-1252 (it is "É" in DOS code page 850): not this mixture.
    contenido = (ENCABEZADO.encode() + _linea(PENA) + _linea(FILA_2)
                 + _linea(["07", "1", "JOS\u00c9", "X", "Y", "Z", "1", "2"], "cp850"))
    assert leer(texto("dos.csv", contenido)).metadatos["encoding"] != MIXTA


def test_utf8_entero_no_se_revisa_por_lineas(texto: Texto,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def prohibido(*_: object) -> None:
        raise AssertionError("a UTF-8 file is decoded as a whole")

    monkeypatch.setattr(lector_texto, "_mezcla", prohibido)
    tabla = leer(texto("u.csv", ENCABEZADO.encode() + _linea(PENA) + _linea(NUNEZ)))
    assert tabla.metadatos["encoding"] == "utf-8"
    assert [valores[3] for _, valores in tabla.valores()] == ["PEÑA", "JIMENEZ"]


# ---- Windows-1252 with lines in cp850 ------------------------------------------------------
# Left alone before, now read: a file joined from an old MS-DOS program's export (cp850) and an
# Excel CSV (Windows-1252) was read all as Windows-1252, «MARÍA» in cp850 (byte D6) becoming
# «MARÖA», exported MAROA.

MARIA = ["07", "2410", "MARÍA", "GONZÁLEZ", "PEÑA", "GOPXMR04100105M444", "2410000012345",
         "100054321"]
CP850 = {"esta": "la página de códigos 850 (MS-DOS)", "resto": "Windows-1252 (ANSI)"}


def test_windows_1252_con_lineas_en_cp850(texto: Texto) -> None:
    contenido = (ENCABEZADO.encode("cp1252") + _linea(PENA, "cp1252") + _linea(MARIA, "cp850")
                 + _linea(FILA_1, "cp1252") + _linea(NUNEZ, "cp850") + _linea(MUNOZ, "cp1252"))
    tabla = leer(texto("dos_y_excel.csv", contenido))
    assert tabla.metadatos["encoding"] == lector_texto.MIXTA_850
    assert list(tabla.valores()) == [(2, tuple(PENA)), (3, tuple(MARIA)), (4, tuple(FILA_1)),
                                     (5, tuple(NUNEZ)), (6, tuple(MUNOZ))]
    assert tabla.hallazgos == [hallazgo("linea-otra-codificacion", 3, None, **CP850),
                               hallazgo("linea-otra-codificacion", 5, None, **CP850)]
    assert tabla.hallazgos[0].mensaje == (
        "Esta línea del archivo estaba en la página de códigos 850 (MS-DOS) y el resto en "
        "Windows-1252 (ANSI); se leyó con esa codificación para conservar la Ñ y los acentos.")


def test_linea_cp850_con_byte_que_windows_1252_no_define(texto: Texto) -> None:
    # «ÉDGAR» in cp850 is byte 90, which Windows-1252 leaves undefined: still this mixture,
    # not charset-normalizer's guess.
    edgar = ["07", "2406", "ÉDGAR", "PEÑA", "SANCHEZ", "PXSNED04100105H444", "2406000020264",
             "100159050"]
    contenido = ENCABEZADO.encode("cp1252") + _linea(MUNOZ, "cp1252") + _linea(edgar, "cp850")
    tabla = leer(texto("edgar.csv", contenido))
    assert tabla.metadatos["encoding"] == lector_texto.MIXTA_850
    assert list(tabla.valores()) == [(2, tuple(MUNOZ)), (3, tuple(edgar))]
    assert tabla.hallazgos == [hallazgo("linea-otra-codificacion", 3, None, **CP850)]


@pytest.mark.parametrize("nombre", ["MÉNDEZ", "JOSÉ", "SÁNCHEZ DE LA CRUZ", "PEÑA", "SCHRÖDER",
                                    "GÓMEZ SCHRÖDER"])
def test_windows_1252_solo_sigue_siendo_windows_1252(texto: Texto, nombre: str) -> None:
    # A Windows-1252 line never reads as cp850: its Ñ (D1) and á (E1) are not Spanish there,
    # and its é (E9, Ú in cp850) is plausible in Windows-1252.
    fila = [*PENA[:3], nombre, *PENA[4:]]
    contenido = ENCABEZADO.encode("cp1252") + _linea(fila, "cp1252") + _linea(MUNOZ, "cp1252")
    tabla = leer(texto("ansi.csv", contenido))
    assert tabla.metadatos["encoding"] == "cp1252"
    assert list(tabla.valores()) == [(2, tuple(fila)), (3, tuple(MUNOZ))]
    assert tabla.hallazgos == []


def test_cp850_entero_sigue_siendo_cp850(texto: Texto) -> None:
    contenido = ENCABEZADO.encode("cp850") + _linea(MARIA, "cp850") + _linea(NUNEZ, "cp850")
    tabla = leer(texto("dos.csv", contenido))
    assert tabla.metadatos["encoding"] == "cp850"
    assert tabla.hallazgos == []
