"""The marked copy carries the original's other sheets with apoyos (found by a tester: the copy
held only Apoyos, Resumen and Aspirante, so validating it again lost ``otra-hoja-con-datos``,
and the rows typed in the other sheet were missing from the copy)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc
from xlsxwriter.workbook import Workbook

from apoyo.check import Contexto
from apoyo.example import generar
from apoyo.mark import otras_hojas
from apoyo.mark.otras_hojas import copiar_otras_hojas, resumen_de
from apoyo.pipeline import validar_archivo
from apoyo.read.tabla import HojaAparte

CORTE = date(2026, 11, 29)
ENCABEZADOS = ["Clave del Estado", "Sección electoral", "Nombre(s)", "Apellido paterno",
               "Apellido materno", "Clave de elector", "OCR", "CIC"]


def _filas(n: int, semilla: int) -> list[list[str]]:
    return [list(f) for f in generar(n, semilla=semilla, fecha_corte=CORTE, cada=10**9)]


@pytest.fixture
def tres_hojas(tmp_path: Path) -> Path:
    """«Tuxtla» (read, 5 rows), «Tapachula» (4 rows and other values off to the right) and a
    hidden «Oculta» (1 row, starting at C3)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tuxtla"
    for fila in [ENCABEZADOS, *_filas(5, 1)]:
        ws.append(fila)
    tap = wb.create_sheet("Tapachula")
    for fila in [ENCABEZADOS, *_filas(4, 2)]:
        tap.append(fila)
    tap["J2"] = date(2026, 1, 2)
    tap["K3"] = 3.5
    tap["L4"] = True
    tap["M5"] = "=no es fórmula"
    tap["M5"].data_type = "s"
    oculta = wb.create_sheet("Oculta")
    for i, fila in enumerate([ENCABEZADOS, *_filas(1, 3)]):
        for j, valor in enumerate(fila):
            oculta.cell(3 + i, 3 + j, valor)
    oculta.sheet_state = "hidden"
    ruta = tmp_path / "municipios.xlsx"
    wb.save(ruta)
    return ruta


def _avisos(revision) -> list[tuple[str, str]]:
    return sorted((h.codigo, h.mensaje.split(", pero")[0]) for h in revision.hallazgos
                  if h.codigo == "otra-hoja-con-datos")


def test_la_copia_lleva_las_otras_hojas_y_revisarla_da_los_mismos_avisos(
        tres_hojas: Path, tmp_path: Path) -> None:
    contexto = Contexto(fecha_corte=CORTE)
    (tmp_path / "uno").mkdir()
    (tmp_path / "dos").mkdir()
    _, revision, salidas = validar_archivo(tres_hojas, contexto, tmp_path / "uno")
    assert _avisos(revision) == [
        ("otra-hoja-con-datos", "La hoja «Oculta» (oculta) también tiene los encabezados y "
                                "1 fila con datos"),
        ("otra-hoja-con-datos", "La hoja «Tapachula» también tiene los encabezados y "
                                "4 filas con datos"),
    ]
    copia = pc.CalamineWorkbook.from_path(salidas.revisado)
    original = pc.CalamineWorkbook.from_path(tres_hojas)
    assert copia.sheet_names == ["Apoyos", "Tapachula", "Oculta", "Resumen"]
    assert {m.name: m.visible for m in copia.sheets_metadata}["Oculta"] == (
        pc.SheetVisibleEnum.Hidden)
    for nombre in ("Tapachula", "Oculta"):
        assert (copia.get_sheet_by_name(nombre).to_python(skip_empty_area=False)
                == original.get_sheet_by_name(nombre).to_python(skip_empty_area=False))
    tap = copia.get_sheet_by_name("Tapachula").to_python()
    assert tap[1][9] == date(2026, 1, 2) and tap[2][10] == 3.5 and tap[3][11] is True
    assert tap[4][12] == "=no es fórmula"
    celda = openpyxl.load_workbook(salidas.revisado)["Tapachula"]["M5"]
    assert (celda.data_type, celda.value) == ("s", "=no es fórmula")  # text, not a formula
    # The copy, validated again: the same two sheets, the same rows.
    _, otra_vez, _ = validar_archivo(salidas.revisado, contexto, tmp_path / "dos")
    assert _avisos(otra_vez) == _avisos(revision)
    assert (otra_vez.filas, otra_vez.filas_validas) == (revision.filas, revision.filas_validas)


def test_hoja_demasiado_grande_no_se_copia_y_se_dice(tres_hojas: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(otras_hojas, "FILAS_MAXIMAS", 3)
    _, _, salidas = validar_archivo(tres_hojas, Contexto(fecha_corte=CORTE), tmp_path)
    assert pc.CalamineWorkbook.from_path(salidas.revisado).sheet_names == [
        "Apoyos", "Oculta", "Resumen"]
    assert salidas.otras_hojas == (
        "Se copiaron sin revisar: «Oculta». No se copió «Tapachula» (4 filas, más de 3): está "
        "solo en el archivo original; junte sus filas con las de la hoja revisada y vuelva a "
        "validar.")
    resumen = pc.CalamineWorkbook.from_path(salidas.revisado).get_sheet_by_name("Resumen")
    assert ["Otras hojas", salidas.otras_hojas] in [fila[:2] for fila in resumen.to_python()]


def test_nombres_que_excel_no_admite_o_que_la_copia_usa(tmp_path: Path) -> None:
    # An .ods sheet name may be longer than Excel's 31 characters, or hold «:» or «/»; a user's
    # own «Resumen» sheet would clash with the copy's.
    libro = Workbook(str(tmp_path / "x.xlsx"))
    libro.add_worksheet("Apoyos")
    largo = "Apoyos del municipio de Tuxtla Gutiérrez"
    hojas = [HojaAparte(largo, False, 1, iter([["a"]])),
             HojaAparte("resumen", False, 1, iter([["b"]])),
             HojaAparte("Hoja:1/2", False, 1, iter([["d"]])),
             HojaAparte("Tapachula", False, 1,
                        iter([[], [], ["", "c", "", datetime(2026, 1, 2, 3)]]))]
    hechas = copiar_otras_hojas(libro, hojas, ("Apoyos", "Resumen"))
    libro.close()
    assert [(h.nombre, h.copia) for h in hechas] == [
        (largo, "Apoyos del municipio de Tuxtla"), ("resumen", "resumen (2)"),
        ("Hoja:1/2", "Hoja_1_2"), ("Tapachula", "Tapachula")]
    copia = pc.CalamineWorkbook.from_path(tmp_path / "x.xlsx")
    assert copia.sheet_names == ["Apoyos", "Apoyos del municipio de Tuxtla", "resumen (2)",
                                 "Hoja_1_2", "Tapachula"]
    assert copia.get_sheet_by_name("Tapachula").to_python(skip_empty_area=False) == [
        ["", "", "", ""], ["", "", "", ""], ["", "c", "", datetime(2026, 1, 2, 3)]]
    assert resumen_de(hechas) == (
        f"Se copiaron sin revisar: «{largo}» (como «Apoyos del municipio de Tuxtla»); "
        "«resumen» (como «resumen (2)»); «Hoja:1/2» (como «Hoja_1_2»); «Tapachula».")
