"""Which worksheet is read when there is no «Apoyos», and which other sheets count as holding
apoyos (found by a tester):

- D7: a staff list «Capturistas» (Nombre, Apellido paterno, Apellido materno, Sección, Teléfono)
  before «Hoja1» with the eight columns was the sheet read (four generic labels make a header
  row): four ``columna-faltante`` errors and no valid row. Now the sheet whose header names the
  most of the eight fields is read; ties go to the first in the workbook, visible sheets before
  hidden ones.
- D8: beside a valid «Apoyos», that staff list got ``otra-hoja-con-datos``. Now another sheet
  counts only when its header names an identifier column (clave de elector, OCR or CIC), or when
  its rows plainly are apoyos.

The workbooks are written with openpyxl (hidden sheets through ``sheet_state``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from .ayudas_lectura import ENCABEZADOS, FILA_1, FILA_2

from apoyo.errors import ArchivoInutilizable
from apoyo.read import leer
from apoyo.read import libro as modulo
from apoyo.read.otras_hojas import contenido_de_hoja

CAPTURISTAS = [
    ["Nombre", "Apellido paterno", "Apellido materno", "Sección", "Teléfono"],
    ["ANA", "LÓPEZ", "RUIZ", "1726", "9611234567"],
    ["LUIS", "GÓMEZ", "PÉREZ", "752", "9617654321"],
    ["EVA", "MORALES", "DÍAZ", "1726", "9610001111"],
    ["JUAN", "CRUZ", "HERNÁNDEZ", "88", "9612223333"],
    ["RAÚL", "SÁNCHEZ", "TORRES", "752", "9614445555"],
]
TOTALES = [
    ["Sección electoral", "Nombre", "Apellido paterno", "Apellido materno", "Apoyos"],
    ["1726", "ANA", "LÓPEZ", "RUIZ", 10],
    ["752", "LUIS", "GÓMEZ", "PÉREZ", 12],
]
#: The eight columns without OCR and CIC (six fields, clave de elector among them).
SEIS = ENCABEZADOS[:6]


def _libro(ruta: Path, hojas: dict[str, Sequence[Sequence[Any]]],
           ocultas: Sequence[str] = ()) -> Path:
    libro = openpyxl.Workbook()
    libro.remove(libro.active)
    for nombre, filas in hojas.items():
        hoja = libro.create_sheet(nombre)
        for fila in filas:
            hoja.append(list(fila))
        if nombre in ocultas:
            hoja.sheet_state = "hidden"
    libro.save(ruta)
    return ruta


def _hallazgos(tabla: Any) -> list[tuple[str, str, str]]:
    return [(h.codigo, h.severidad, h.mensaje) for h in tabla.hallazgos]


def _aviso(hoja: str, contenido: str, revisada: str, oculta: str = "") -> tuple[str, str, str]:
    return ("otra-hoja-con-datos", "aviso",
            f"La hoja «{hoja}»{oculta} también tiene {contenido}, pero solo se revisó la hoja "
            f"«{revisada}»: esos datos no se revisaron ni se exportan.")


def _faltante(etiqueta: str) -> tuple[str, str, str]:
    return ("columna-faltante", "error", f"No se encontró la columna «{etiqueta}».")


# ---- D7: the sheet whose header names the most fields is read -------------------------------

def test_lista_de_capturistas_antes_de_hoja1(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "d7.xlsx", {"Capturistas": CAPTURISTAS,
                                         "Hoja1": [ENCABEZADOS, FILA_1, FILA_2]})
    tabla = leer(ruta)
    assert tabla.hoja == "Hoja1"
    assert tabla.encabezados == ENCABEZADOS
    assert tabla.hallazgos == []  # no columna-faltante, no warning about the staff list
    assert list(tabla.valores()) == [(2, tuple(FILA_1)), (3, tuple(FILA_2))]
    assert tabla.metadatos["hojas"] == ["Capturistas", "Hoja1"]


def test_gana_la_que_nombra_mas_campos_y_las_otras_avisan(tmp_path: Path) -> None:
    # 4 generic fields, 6 with the clave, 8: the third is read, the second is warned about.
    ruta = _libro(tmp_path / "mas.xlsx", {"Capturistas": CAPTURISTAS,
                                          "Parcial": [SEIS, FILA_2[:6], FILA_1[:6]],
                                          "Completa": [ENCABEZADOS, FILA_1]})
    tabla = leer(ruta)
    assert tabla.hoja == "Completa"
    assert _hallazgos(tabla) == [
        _aviso("Parcial", "los encabezados y 2 filas con datos", "Completa")]


def test_ninguna_completa_gana_la_mejor_con_sus_faltantes(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "parcial.xlsx", {"Capturistas": CAPTURISTAS,
                                              "Parcial": [SEIS, FILA_2[:6]],
                                              "Notas": [["Entregar el lunes"]]})
    tabla = leer(ruta)
    assert tabla.hoja == "Parcial"
    assert _hallazgos(tabla) == [_faltante("OCR"), _faltante("CIC")]
    assert list(tabla.valores()) == [(2, (*FILA_2[:6], None, None))]  # valores: all eight


def test_empate_gana_la_primera(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "empate.xlsx", {"Tuxtla": [SEIS, FILA_1[:6]],
                                             "Tapachula": [SEIS, FILA_2[:6], FILA_1[:6]]})
    tabla = leer(ruta)
    assert tabla.hoja == "Tuxtla"
    assert _hallazgos(tabla) == [
        _faltante("OCR"), _faltante("CIC"),
        _aviso("Tapachula", "los encabezados y 2 filas con datos", "Tuxtla")]


def test_empate_la_visible_antes_que_la_oculta(tmp_path: Path) -> None:
    # «Respaldo» comes first in the workbook but is hidden: the visible «Captura» is read.
    ruta = _libro(tmp_path / "visible.xlsx", {"Respaldo": [SEIS, FILA_2[:6]],
                                              "Captura": [SEIS, FILA_1[:6]]},
                  ocultas=["Respaldo"])
    tabla = leer(ruta)
    assert tabla.hoja == "Captura"
    assert _hallazgos(tabla) == [
        _faltante("OCR"), _faltante("CIC"),
        _aviso("Respaldo", "los encabezados y 1 fila con datos", "Captura", " (oculta)")]


def test_oculta_que_nombra_mas_campos_se_lee_y_se_avisa(tmp_path: Path) -> None:
    # The visible sheet is a staff list; the eight columns are in a hidden sheet.
    ruta = _libro(tmp_path / "oculta.xlsx", {"Capturistas": CAPTURISTAS,
                                             "Datos": [ENCABEZADOS, FILA_1, FILA_2]},
                  ocultas=["Datos"])
    tabla = leer(ruta)
    assert tabla.hoja == "Datos"
    assert _hallazgos(tabla) == [
        ("contenido-oculto", "aviso",
         "La hoja «Datos», de donde se leyeron los apoyos, está oculta; se revisó igual que lo "
         "visible, y en la copia marcada todo queda a la vista.")]
    assert len(list(tabla.filas())) == 2


def test_solo_la_lista_de_capturistas_se_lee_como_antes(tmp_path: Path) -> None:
    # No better sheet: the staff list is still read (its header has four of the fields).
    ruta = _libro(tmp_path / "sola.xlsx", {"Capturistas": CAPTURISTAS,
                                           "Notas": [["Entregar el lunes"]]})
    tabla = leer(ruta)
    assert tabla.hoja == "Capturistas"
    assert _hallazgos(tabla) == [_faltante("Clave del Estado"), _faltante("Clave de elector"),
                                 _faltante("OCR"), _faltante("CIC")]


# ---- D8: another sheet holds apoyos only with an identifier column (or apoyo-like rows) -----

def test_apoyos_y_lista_de_capturistas_no_avisa(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "d8.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1, FILA_2],
                                         "Capturistas": CAPTURISTAS * 2,
                                         "Totales": TOTALES})
    tabla = leer(ruta)
    assert tabla.hoja == "Apoyos"
    assert tabla.hallazgos == []
    assert len(list(tabla.filas())) == 2


def test_capturistas_oculta_y_hoja_elegida_sin_apoyos_no_avisa(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "d8b.xlsx", {"Hoja1": [ENCABEZADOS, FILA_1],
                                          "Capturistas": CAPTURISTAS, "Totales": TOTALES},
                  ocultas=["Capturistas"])
    tabla = leer(ruta)
    assert tabla.hoja == "Hoja1"
    assert tabla.hallazgos == []


@pytest.mark.parametrize("identificador", ["Clave de elector", "OCR", "CIC"])
def test_un_identificador_basta_para_avisar(tmp_path: Path, identificador: str) -> None:
    otra = [["Nombre(s)", "Apellido paterno", "Apellido materno", "Sección", identificador],
            ["SOFIA", "VAZQUEZ", "SANCHEZ", "1726", "767794671"]]
    ruta = _libro(tmp_path / "uno.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1], "Otra": otra})
    assert _hallazgos(leer(ruta)) == [
        _aviso("Otra", "los encabezados y 1 fila con datos", "Apoyos")]


def test_encabezado_sin_identificador_pero_filas_de_apoyos_avisa(tmp_path: Path) -> None:
    # The header names no identifier, but the rows below carry claves de elector: judged as a
    # sheet without a header row (its three non-empty rows, header included, are counted).
    otra = [["Clave del Estado", "Sección", "Nombre", "Apellido paterno", "Apellido materno",
             "Credencial"], FILA_1[:6], FILA_2[:6]]
    ruta = _libro(tmp_path / "claves.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1], "Marzo": otra})
    assert _hallazgos(leer(ruta)) == [
        _aviso("Marzo", "3 filas con datos que parecen apoyos, sin fila de encabezados",
               "Apoyos")]


def test_apoyos_vacia_y_capturistas_no_se_nombra(tmp_path: Path) -> None:
    # Apoyos has no header row; the staff list is not «the data elsewhere».
    ruta = _libro(tmp_path / "vacia.xlsx", {"Apoyos": [], "Capturistas": CAPTURISTAS})
    with pytest.raises(ArchivoInutilizable) as info:
        leer(ruta)
    assert info.value.mensaje.startswith(
        "No se encontró la fila de encabezados en la hoja «Apoyos»:")


def test_apoyos_vacia_nombra_la_hoja1_y_no_capturistas(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "vacia2.xlsx", {"Apoyos": [], "Capturistas": CAPTURISTAS,
                                             "Hoja1": [ENCABEZADOS, FILA_1, FILA_2]})
    with pytest.raises(ArchivoInutilizable) as info:
        leer(ruta)
    assert info.value.mensaje == ("La hoja «Apoyos», que es la que se revisa, está vacía, pero "
                                  "la hoja «Hoja1» tiene 2 filas con datos de apoyos.")


def test_contenido_de_hoja_compartido_con_el_complemento() -> None:
    # The rule the Excel add-in uses too (apoyo.excel.adaptador.hojas_con_apoyos).
    assert contenido_de_hoja(CAPTURISTAS) is None
    assert contenido_de_hoja(TOTALES) is None
    assert contenido_de_hoja([SEIS, FILA_1[:6], [], FILA_2[:6]]) == (2, True)
    assert contenido_de_hoja([CAPTURISTAS[0], FILA_1, FILA_2]) == (3, False)


# ---- memory: at most two sheets loaded at once, none loaded twice ----------------------------

class _Hoja:
    """A loaded python-calamine sheet that notes when it is released."""

    def __init__(self, hoja: object, nombre: str, eventos: list[str], vivas: list[int]) -> None:
        self._hoja, self._nombre, self._eventos, self._vivas = hoja, nombre, eventos, vivas
        eventos.append(f"carga {nombre}")
        vivas[0] += 1
        vivas[1] = max(vivas[1], vivas[0])

    def __getattr__(self, nombre: str) -> object:
        return getattr(self._hoja, nombre)

    def __del__(self) -> None:
        self._eventos.append(f"suelta {self._nombre}")
        self._vivas[0] -= 1


class _Libro:
    def __init__(self, libro: object, eventos: list[str], vivas: list[int]) -> None:
        self._libro, self._eventos, self._vivas = libro, eventos, vivas

    def get_sheet_by_name(self, nombre: str) -> object:
        hoja = self._libro.get_sheet_by_name(nombre)  # type: ignore[attr-defined]
        return _Hoja(hoja, nombre, self._eventos, self._vivas)

    def __getattr__(self, nombre: str) -> object:
        return getattr(self._libro, nombre)


def test_cargas_y_liberaciones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cinco = ["Sección", "Nombre", "Apellido paterno", "Apellido materno", "Clave de elector"]
    siete = ENCABEZADOS[:7]
    ruta = _libro(tmp_path / "memoria.xlsx", {
        "A": [cinco, FILA_1[1:6]],
        "B": [SEIS, FILA_1[:6]],
        "C": [["Notas"]],
        "D": [siete, FILA_1[:7]],
        "E": [ENCABEZADOS, FILA_1, FILA_2],
        "F": [ENCABEZADOS, FILA_2],
        "G": [SEIS, FILA_2[:6]],
    })
    eventos: list[str] = []
    vivas = [0, 0]  # loaded now, at most
    abrir = modulo._abrir
    monkeypatch.setattr(modulo, "_abrir", lambda *a: _Libro(abrir(*a), eventos, vivas))
    tabla = leer(ruta)
    assert tabla.hoja == "E"
    # The best so far is kept while the next is loaded; the loser is counted and released
    # before the next load. After E (all eight fields) the others are looked at one by one.
    assert eventos == ["carga A", "carga B", "suelta A", "carga C", "suelta C", "carga D",
                       "suelta B", "carga E", "suelta D", "carga F", "suelta F", "carga G",
                       "suelta G"]
    assert vivas == [1, 2]  # E is kept for reading
    assert _hallazgos(tabla) == [
        _aviso(hoja, "los encabezados y 1 fila con datos", "E") for hoja in "ABDFG"]
    assert len(list(tabla.filas())) == 2
    tabla.liberar()
    assert eventos[-1] == "suelta E" and vivas == [0, 2]


# ---- a user's only sheet of apoyos with one of our names ------------------------------------
# Found in review: a workbook whose only sheet of apoyos was named «Resumen» was refused with
# "no se encontró la fila de encabezados", false and with no way out for the user.

def test_unica_hoja_con_apoyos_llamada_resumen_se_lee(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "r.xlsx", {"Notas": [["Municipio", "Total"], ["Tuxtla", 10]],
                                        "Resumen": [ENCABEZADOS, FILA_1, FILA_2]})
    tabla = leer(ruta)
    assert tabla.hoja == "Resumen"
    assert list(tabla.valores()) == [(2, tuple(FILA_1)), (3, tuple(FILA_2))]
    assert tabla.hallazgos == []


def test_resumen_con_apoyos_no_gana_a_otra_hoja_con_encabezados(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "r2.xlsx", {"Resumen": [ENCABEZADOS, FILA_1, FILA_2],
                                         "Hoja1": [ENCABEZADOS, FILA_1]})
    tabla = leer(ruta)
    assert tabla.hoja == "Hoja1"
    assert _hallazgos(tabla) == [
        _aviso("Resumen", "los encabezados y 2 filas con datos", "Hoja1")]


def test_hoja_con_nuestro_nombre_sin_filas_no_se_lee(tmp_path: Path) -> None:
    # A header row alone is not apoyos: the message stays "no header row" for the data.
    ruta = _libro(tmp_path / "r3.xlsx", {"Aspirante": [ENCABEZADOS],
                                         "Hoja1": [["Municipio", "Total"], ["Tuxtla", 10]]})
    with pytest.raises(ArchivoInutilizable, match="No se encontró la fila de encabezados"):
        leer(ruta)


def test_plantilla_sin_hoja_apoyos_no_lee_sus_instrucciones(tmp_path: Path) -> None:
    libro = openpyxl.load_workbook(Path(__file__).parents[2] / "template"
                                   / "formato_apoyo_ciudadano.xlsx")
    libro.remove(libro["Apoyos"])
    libro.save(tmp_path / "sin_apoyos.xlsx")
    with pytest.raises(ArchivoInutilizable, match="No se encontró la fila de encabezados"):
        leer(tmp_path / "sin_apoyos.xlsx")
