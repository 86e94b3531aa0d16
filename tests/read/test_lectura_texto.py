"""Text files: encodings, delimiters, quoting and line numbers."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest
from .ayudas_lectura import ENCABEZADOS, FILA_1, FILA_2

from apoyo.errors import hallazgo
from apoyo.read import leer

Texto = Callable[..., Path]


def _csv(delimitador: str, filas: list[list[str]], fin: str = "\r\n") -> str:
    return "".join(delimitador.join(f) + fin for f in filas)


@pytest.mark.parametrize(
    ("codificacion", "bom", "esperada"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("cp1252", b"", "cp1252"),
        ("utf-16-le", b"", "utf-16-le"),
    ],
)
def test_codificaciones(texto: Texto, codificacion: str, bom: bytes, esperada: str) -> None:
    contenido = bom + _csv(",", [ENCABEZADOS, FILA_1, FILA_2]).encode(codificacion)
    tabla = leer(texto("a.csv", contenido))
    assert tabla.metadatos["encoding"] == esperada
    assert tabla.encabezados == ENCABEZADOS
    assert list(tabla.valores()) == [(2, tuple(FILA_1)), (3, tuple(FILA_2))]


@pytest.mark.parametrize("delimitador", [",", ";", "|", "\t"])
def test_delimitadores_cp1252(texto: Texto, delimitador: str) -> None:
    contenido = _csv(delimitador, [ENCABEZADOS, FILA_2, FILA_1])
    tabla = leer(texto("d.txt", contenido, "cp1252"))
    assert tabla.formato == "txt"
    assert tabla.metadatos == {
        "formato": "txt", "encoding": "cp1252", "delimitador": delimitador,
    }
    assert next(tabla.valores()) == (2, tuple(FILA_2))


def test_tsv(texto: Texto) -> None:
    tabla = leer(texto("d.tsv", _csv("\t", [ENCABEZADOS, FILA_1])))
    assert tabla.formato == "tsv" and tabla.metadatos["delimitador"] == "\t"


def test_comillas_con_delimitador_y_salto_de_linea(texto: Texto) -> None:
    contenido = (
        "Clave del Estado,Sección electoral,Nombre(s),Apellido paterno,Apellido materno,"
        "Clave de elector,OCR,CIC\r\n"
        '07,1726,"JUAN\r\nCARLOS",PEREZ,"LOPEZ, DE LA O",PRLPJN80010107H100,1726668657279,'
        "767794671\r\n"
        "\r\n"
        '07,752,"ANA ""LA GÜERA""",RUIZ,DIAZ,RZDZAN80010107M100,"0752325589669\n",817530666\n'
        "07,1,X,Y,Z,CLAVE,1,2\r\n"
    )
    tabla = leer(texto("q.csv", contenido))
    valores = list(tabla.valores())
    assert [fila for fila, _ in valores] == [2, 5, 7]
    assert valores[0][1][2] == "JUAN\r\nCARLOS"
    assert valores[0][1][4] == "LOPEZ, DE LA O"
    assert valores[1][1][2] == 'ANA "LA GÜERA"'
    assert valores[1][1][6] == "0752325589669\n"


def test_lineas_en_blanco_y_titulo(texto: Texto) -> None:
    contenido = "Apoyos de ANA;;;\n\n" + _csv(";", [ENCABEZADOS, FILA_1, [""] * 8, FILA_2], "\n")
    tabla = leer(texto("t.csv", contenido))
    assert tabla.fila_encabezado == 3
    assert [fila for fila, _ in tabla.valores()] == [4, 6]


def test_vacios_son_none_y_ancho_del_encabezado(texto: Texto) -> None:
    contenido = _csv(",", [ENCABEZADOS, ["07", "1234", "", "PEREZ"]])
    fila = next(leer(texto("v.csv", contenido)).filas())
    assert fila.celdas == ("07", "1234", None, "PEREZ", None, None, None, None)


def test_columna_faltante_y_repetida_en_csv(texto: Texto) -> None:
    encabezados = [*ENCABEZADOS[:7], "Nombre"]
    tabla = leer(texto("f.csv", _csv(",", [encabezados, FILA_1])))
    assert tabla.hallazgos == [
        hallazgo("columna-repetida", None, "nombre", columnas="C y H"),
        hallazgo("columna-faltante", None, "cic"),
    ]


def test_solo_encabezado_csv(texto: Texto) -> None:
    tabla = leer(texto("h.csv", _csv(",", [ENCABEZADOS])))
    assert list(tabla.filas()) == []
    assert tabla.hallazgos == []  # sin-registros is the checker's finding


def test_csv_con_extension_xls(texto: Texto) -> None:
    tabla = leer(texto("exportado.xls", _csv(";", [ENCABEZADOS, FILA_1])))
    assert tabla.formato == "csv"
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]


def test_cp850_por_charset_normalizer(texto: Texto) -> None:
    filas = [ENCABEZADOS] + [FILA_2, ["07", "1", "MÜLLER", "NÚÑEZ", "PEÑA", "X", "1", "2"]] * 20
    tabla = leer(texto("dos.csv", _csv(";", filas), "cp850"))
    assert tabla.metadatos["encoding"] not in ("utf-8", "cp1252")
    assert next(tabla.valores())[1][4] == "CASTAÑEDA"
