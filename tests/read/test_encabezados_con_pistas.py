"""Header labels that carry a hint in parentheses or brackets (``OCR (13 dígitos)``), as teams
write them in their own capture sheets, name their field (found by a tester: every row was
rejected with ``columna-faltante``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .ayudas_lectura import FILA_1, FILA_2, escribir_libro

from apoyo.read import leer
from apoyo.schema import CAMPOS

PISTAS = ["Clave del Estado (2 dígitos)", "Sección electoral (hasta 4 dígitos)", "Nombre(s)",
          "Apellido paterno [como en la credencial]", "Apellido materno",
          "Clave de elector (18 caracteres)", "OCR (13 dígitos)", "CIC (9 dígitos)"]


def test_csv_con_pistas_en_los_encabezados(texto: Callable[..., Path]) -> None:
    contenido = "".join(",".join(f) + "\r\n" for f in (PISTAS, FILA_1, FILA_2))
    tabla = leer(texto("pistas.csv", contenido))
    assert tabla.columnas == {c: i for i, c in enumerate(CAMPOS)}
    assert tabla.hallazgos == []
    assert list(tabla.valores()) == [(2, tuple(FILA_1)), (3, tuple(FILA_2))]


def test_libro_con_pistas_en_los_encabezados(tmp_path: Path) -> None:
    ruta = escribir_libro(tmp_path / "pistas.xlsx", {"Hoja1": [["Teléfono (casa)", *PISTAS],
                                                              ["555", *FILA_1]]})
    tabla = leer(ruta)
    assert tabla.columnas == {c: i + 1 for i, c in enumerate(CAMPOS)}
    assert [h.codigo for h in tabla.hallazgos] == []
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]
