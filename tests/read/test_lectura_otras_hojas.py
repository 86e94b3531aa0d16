"""Workbooks with apoyos in more than one sheet: only one sheet is read, and each other worksheet
with the headers and data rows gets the file-level warning ``otra-hoja-con-datos`` (the sheet
read, its rows and its other findings are unchanged)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc
from .ayudas_lectura import ENCABEZADOS, FILA_1, FILA_2

from apoyo.errors import CATALOGO
from apoyo.example import generar
from apoyo.read import leer
from apoyo.read import libro as modulo
from apoyo.read.libro import hojas_con_datos
from apoyo.read.otras_hojas import avisos_de
from apoyo.schema import COLUMNA_RESULTADO
from apoyo.template import escribir_plantilla

Libro = Callable[..., Path]
CORTE = "2026-11-29"
REMEDIO = ("Junte todas las filas en una sola hoja (se revisa y se exporta una sola hoja por "
           "archivo) y vuelva a validar; o borre la hoja que sobra.")


def _filas(n: int, semilla: int) -> list[tuple[str, ...]]:
    """`n` rows without planted faults (valid at `CORTE`)."""
    return generar(n, semilla=semilla, fecha_corte=date.fromisoformat(CORTE), cada=10**9)


def _aviso(hoja: str, filas: str, revisada: str, oculta: str = "") -> tuple[str, str, str]:
    return ("otra-hoja-con-datos", "aviso",
            f"La hoja «{hoja}»{oculta} también tiene los encabezados y {filas} con datos, pero "
            f"solo se revisó la hoja «{revisada}»: esos datos no se revisaron ni se exportan.")


def _hallazgos(ruta: Path) -> list[tuple[str, str, str]]:
    return [(h.codigo, h.severidad, h.mensaje) for h in leer(ruta).hallazgos]


@pytest.fixture
def dos_municipios(libro: Libro) -> Path:
    """«Tuxtla» and «Tapachula», 10 rows each under the headers."""
    return libro("municipios.xlsx", {"Tuxtla": [ENCABEZADOS, *_filas(10, 1)],
                                     "Tapachula": [ENCABEZADOS, *_filas(10, 2)]})


def test_dos_hojas_con_datos(dos_municipios: Path) -> None:
    tabla = leer(dos_municipios)
    assert tabla.hoja == "Tuxtla"
    codigo, severidad, mensaje = _aviso("Tapachula", "10 filas", "Tuxtla")
    assert [(h.fila, h.campo, h.codigo, h.severidad, h.valor, h.mensaje, h.remedio)
            for h in tabla.hallazgos] == [(None, None, codigo, severidad, None, mensaje, REMEDIO)]
    # The sheet read is unchanged: its 10 rows, nothing from Tapachula.
    assert list(tabla.valores()) == [(i + 2, f) for i, f in enumerate(_filas(10, 1))]
    assert tabla.metadatos["hojas"] == ["Tuxtla", "Tapachula"]


def test_apoyos_y_su_copia(libro: Libro) -> None:
    ruta = libro("copia.xlsx", {"Apoyos": [ENCABEZADOS, *_filas(10, 3)],
                                "Apoyos (2)": [ENCABEZADOS, *_filas(10, 4)]})
    assert _hallazgos(ruta) == [_aviso("Apoyos (2)", "10 filas", "Apoyos")]
    assert len(list(leer(ruta).filas())) == 10


# «Apoyos» with its headers only and the rows in «Hoja1»: exit 2 naming «Hoja1»
# (tests/read/test_hoja_apoyos_sin_encabezado.py).


def test_plantilla_llenada_no_avisa(tmp_path: Path) -> None:
    # Our template: Apoyos, Aspirante and Instrucciones; only Apoyos holds apoyos.
    ruta = escribir_plantilla(tmp_path / "plantilla.xlsx", aspirante="ANA LOPEZ", entidad="07",
                              filas=_filas(12, 6))
    tabla = leer(ruta)
    assert openpyxl.load_workbook(ruta, read_only=True).sheetnames == [
        "Apoyos", "Aspirante", "Instrucciones"]
    assert tabla.hallazgos == []
    assert len(list(tabla.filas())) == 12


def test_hojas_con_nombre_de_la_plantilla_cuentan_si_tienen_apoyos(libro: Libro) -> None:
    """Found by a tester: a user's «Resumen» with the eight columns and rows was ignored (and
    the marked copy's Resumen took its place). The template's and the marked copy's own
    Resumen, Aspirante and Instrucciones do not look like apoyos (next test)."""
    otra = [ENCABEZADOS, FILA_2]
    ruta = libro("propias.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1], "Resumen": otra,
                                  "Instrucciones": otra})
    assert _hallazgos(ruta) == [_aviso("Resumen", "1 fila", "Apoyos"),
                                _aviso("Instrucciones", "1 fila", "Apoyos")]


def test_hojas_propias_de_la_plantilla_y_de_la_copia_no_cuentan(tmp_path: Path) -> None:
    from apoyo.check import Contexto
    from apoyo.pipeline import validar_archivo

    entrega = escribir_plantilla(tmp_path / "entrega.xlsx", aspirante="María López Núñez")
    assert [h.codigo for h in leer(entrega).hallazgos] == []
    wb = openpyxl.load_workbook(entrega)
    for fila in _filas(30, 4):
        wb["Apoyos"].append(list(fila))
    wb.save(entrega)
    _, revision, salidas = validar_archivo(entrega, Contexto(fecha_corte=date.fromisoformat(CORTE)),
                                           tmp_path)
    assert revision.errores == 0 and revision.filas == 30
    assert "otra-hoja-con-datos" not in [h.codigo for h in leer(salidas.revisado).hallazgos]


def test_segunda_hoja_solo_con_encabezados(libro: Libro) -> None:
    ruta = libro("solo_enc.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1],
                                   "Hoja2": [ENCABEZADOS, [], [None, "   "]]})
    assert _hallazgos(ruta) == []


def test_segunda_hoja_con_otro_contenido(libro: Libro) -> None:
    ruta = libro("otra_cosa.xlsx", {
        "Apoyos": [ENCABEZADOS, FILA_1],
        "Totales": [["Municipio", "Apoyos", "Nombre del capturista"], ["Tuxtla", 10, "ANA"],
                    ["Tapachula", 10, "LUIS"]],
        "Vacía": [],
    })
    assert _hallazgos(ruta) == []


def test_solo_resultado_no_es_dato_y_una_fila_en_singular(libro: Libro) -> None:
    # Below the header of «Anterior»: a row whose only content is a Resultado, then one row
    # with data, from C5 as a user may leave it.
    encabezado = [*ENCABEZADOS, COLUMNA_RESULTADO]
    ruta = libro("anterior.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1],
                                   "Anterior": [["Captura de marzo"], encabezado,
                                                [None] * 8 + ["OK"], [*FILA_2, "OK"]]},
                 inicio=(4, 2))
    assert _hallazgos(ruta) == [_aviso("Anterior", "1 fila", "Apoyos")]


def test_hoja_oculta_y_varias_hojas_en_orden(libro: Libro) -> None:
    ruta = libro("varias.xlsx", {"Comitán": [ENCABEZADOS, *_filas(3, 7)],
                                 "Apoyos": [ENCABEZADOS, FILA_1],
                                 "Respaldo": [ENCABEZADOS, *_filas(1500, 8)]})
    modificado = openpyxl.load_workbook(ruta)
    modificado["Respaldo"].sheet_state = "hidden"
    modificado.save(ruta)
    assert _hallazgos(ruta) == [
        _aviso("Comitán", "3 filas", "Apoyos"),
        _aviso("Respaldo", "1,500 filas", "Apoyos", " (oculta)"),
    ]


def test_avisos_de_hojas_con_datos_directo(dos_municipios: Path) -> None:
    libro = pc.CalamineWorkbook.from_path(str(dos_municipios))
    try:
        tuxtla = hojas_con_datos(libro, "Tuxtla")
        assert avisos_de(tuxtla, "Tuxtla") == leer(dos_municipios).hallazgos
        tapachula = hojas_con_datos(libro, "Tapachula")
        assert [h.mensaje for h in avisos_de(tapachula, "Tapachula")] == [
            _aviso("Tuxtla", "10 filas", "Tapachula")[2]]
    finally:
        libro.close()


@pytest.mark.parametrize("formato", ["ods", "xls"])
def test_dos_hojas_convertidas_por_libreoffice(
    dos_municipios: Path, convertir: Callable[[Path, str], Path], formato: str
) -> None:
    tabla = leer(convertir(dos_municipios, formato))
    assert tabla.formato == formato and tabla.hoja == "Tuxtla"
    assert [(h.codigo, h.severidad, h.mensaje) for h in tabla.hallazgos] == [
        _aviso("Tapachula", "10 filas", "Tuxtla")]
    assert len(list(tabla.filas())) == 10


def test_catalogo() -> None:
    decl = CATALOGO["otra-hoja-con-datos"]
    assert (decl.severidad, decl.titulo, decl.campo) == ("aviso", "Otra hoja con datos", None)
    assert decl.remedio == REMEDIO


def test_cli_muestra_el_codigo_y_sale_con_0(dos_municipios: Path, tmp_path: Path) -> None:
    salida = tmp_path / "salida"
    run = subprocess.run(
        [sys.executable, "-m", "apoyo", "validar", str(dos_municipios), "--salida", str(salida),
         "--fecha-corte", CORTE],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert run.returncode == 0, (run.stdout, run.stderr)  # only a warning: exit code unchanged
    assert "otra-hoja-con-datos" in run.stdout
    reporte = json.loads((salida / "municipios.reporte.json").read_text(encoding="utf-8"))
    assert (reporte["filas"], reporte["errores"], reporte["avisos"]) == (10, 0, 1)
    assert [(h["codigo"], h["severidad"], h["mensaje"], h["remedio"])
            for h in reporte["hallazgos"]] == [(*_aviso("Tapachula", "10 filas", "Tuxtla"),
                                                REMEDIO)]


class _Registro:
    """A python-calamine workbook that notes which sheets are loaded, in order."""

    def __init__(self, libro: object, cargadas: list[str]) -> None:
        self._libro, self._cargadas = libro, cargadas

    def get_sheet_by_name(self, nombre: str) -> object:
        self._cargadas.append(nombre)
        return self._libro.get_sheet_by_name(nombre)  # type: ignore[attr-defined]

    def __getattr__(self, nombre: str) -> object:
        return getattr(self._libro, nombre)


@pytest.mark.parametrize(("hojas", "orden"), [
    # With Apoyos, the other sheets (Aspirante too: a user's may hold apoyos) are counted
    # before Apoyos is loaded (and kept); Aspirante is read again for its values.
    (("Tapachula", "Apoyos", "Aspirante"), ["Tapachula", "Aspirante", "Apoyos", "Aspirante"]),
    # Without it, the sheet read is found first; the others are looked at after.
    (("Tuxtla", "Tapachula"), ["Tuxtla", "Tapachula"]),
])
def test_orden_de_carga(libro: Libro, monkeypatch: pytest.MonkeyPatch,
                        hojas: tuple[str, ...], orden: list[str]) -> None:
    ruta = libro("orden.xlsx", {nombre: [ENCABEZADOS, FILA_1] for nombre in hojas})
    cargadas: list[str] = []
    abrir = modulo._abrir
    monkeypatch.setattr(modulo, "_abrir", lambda *a: _Registro(abrir(*a), cargadas))
    tabla = leer(ruta)
    assert cargadas == orden
    # Every sheet but the one read holds the headers and a row (Aspirante too).
    assert [h.codigo for h in tabla.hallazgos] == ["otra-hoja-con-datos"] * (len(hojas) - 1)
