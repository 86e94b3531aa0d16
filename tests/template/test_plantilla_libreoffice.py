"""The template in LibreOffice: prints to PDF, survives a save as .xlsx, its validation
rejects exactly what it should when values are typed, and its conditional formatting paints the
cells the flags column marks.

Skipped when `soffice` is not on PATH (the rendering test also needs poppler's pdftoppm and
pdftotext). Each run uses a fresh LibreOffice profile and a timeout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from con_libreoffice import SIN_LIBREOFFICE, SOFFICE, TIEMPO_LIMITE
from con_libreoffice import convertir as _convertir

from apoyo.schema import (
    CAMPOS,
    COLOR_AVISO,
    COLOR_ERROR,
    COLOR_OK,
    COLUMNA_MARCAS,
    COLUMNA_RESULTADO,
    ETIQUETAS,
    HOJA_APOYOS,
    HOJA_ASPIRANTE,
    HOJA_INSTRUCCIONES,
    VERSION_PLANTILLA,
)
from apoyo.template import FORMULA_CIC, FORMULA_OCR, FORMULA_SECCION, escribir_plantilla

pytestmark = pytest.mark.skipif(SOFFICE is None, reason=SIN_LIBREOFFICE)

AYUDANTE_UNO = Path(__file__).with_name("lo_validez.py")


@pytest.fixture(scope="module")
def plantilla(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return escribir_plantilla(tmp_path_factory.mktemp("lo") / "formato_apoyo_ciudadano.xlsx")


@pytest.fixture(scope="module")
def ida_y_vuelta(plantilla: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("lo_xlsx")
    return _convertir(plantilla, "xlsx", base / "salida", base / "perfil")


def test_pdf(plantilla: Path, tmp_path: Path) -> None:
    pdf = _convertir(plantilla, "pdf", tmp_path / "salida", tmp_path / "perfil")
    contenido = pdf.read_bytes()
    assert contenido.startswith(b"%PDF") and len(contenido) > 5_000
    if shutil.which("pdftotext"):
        texto = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        for frase in ("Clave del Estado", "Versión de la plantilla", "Pegado especial",
                      "Página 1 de", "IDMEX"):
            assert frase in texto, frase


def test_ida_y_vuelta_conserva_proteccion(ida_y_vuelta: Path) -> None:
    libro = openpyxl.load_workbook(ida_y_vuelta)
    assert libro.sheetnames == [HOJA_APOYOS, HOJA_ASPIRANTE, HOJA_INSTRUCCIONES]
    hoja = libro[HOJA_APOYOS]
    assert [c.value for c in hoja[1]] == [ETIQUETAS[c] for c in CAMPOS] + [COLUMNA_RESULTADO,
                                                                           COLUMNA_MARCAS]
    p = hoja.protection
    assert p.sheet is True
    permitido = [p.selectLockedCells, p.selectUnlockedCells, p.formatCells, p.formatColumns,
                 p.formatRows, p.insertRows, p.deleteRows, p.sort, p.autoFilter]
    assert permitido == [False] * len(permitido)
    assert [p.insertColumns, p.deleteColumns] == [True, True]
    for nombre in (HOJA_ASPIRANTE, HOJA_INSTRUCCIONES):
        assert libro[nombre].protection.sheet is True
    assert libro[HOJA_ASPIRANTE]["B8"].value == VERSION_PLANTILLA
    assert libro[HOJA_ASPIRANTE]["B8"].protection.locked is True
    assert libro[HOJA_ASPIRANTE]["B1"].protection.locked is False
    assert hoja.auto_filter.ref == "A1:J1"


def test_ida_y_vuelta_conserva_formato_de_columnas(ida_y_vuelta: Path) -> None:
    hoja = openpyxl.load_workbook(ida_y_vuelta)[HOJA_APOYOS]
    assert hoja.calculate_dimension() == "A1:J1"
    cubiertas = {}
    ocultas = set()
    for dim in hoja.column_dimensions.values():
        if dim.min is not None:
            for col in range(dim.min, dim.max + 1):
                cubiertas[col] = (dim.number_format, dim.protection.locked)
                if dim.hidden:
                    ocultas.add(col)
    assert [cubiertas[c] for c in range(1, 11)] == [("@", False)] * 10
    assert ocultas == {10}  # the flags column J stays hidden


def test_ida_y_vuelta_conserva_el_formato_condicional(ida_y_vuelta: Path) -> None:
    hoja = openpyxl.load_workbook(ida_y_vuelta)[HOJA_APOYOS]
    reglas = set()
    for rango in hoja.conditional_formatting:
        for regla in rango.rules:
            # LibreOffice writes the fill as the dxf's background or foreground colour.
            relleno = regla.dxf.fill
            color = next(c.rgb[-6:] for c in (relleno.bgColor, relleno.fgColor)
                         if c is not None and c.rgb not in (None, "00000000"))
            formula = "".join(regla.formula).replace(" ", "")
            # LibreOffice 7.4 writes the ranges back cut to row 1,048,576 or earlier rows.
            filas = str(rango.sqref).split(":")
            reglas.add((filas[0], filas[1][0], formula, "#" + color.upper()))
    assert reglas == {
        ("A2", "I", 'MID($J2,COLUMN(),1)="E"', COLOR_ERROR),
        ("A2", "I", 'MID($J2,COLUMN(),1)="A"', COLOR_AVISO),
        ("I2", "I", 'MID($J2,COLUMN(),1)="V"', COLOR_OK),
    }


def test_ida_y_vuelta_conserva_validaciones(ida_y_vuelta: Path) -> None:
    hoja = openpyxl.load_workbook(ida_y_vuelta)[HOJA_APOYOS]
    dvs = {}
    for dv in hoja.data_validations.dataValidation:
        for rango in dv.sqref.ranges:
            dvs[rango.coord[0]] = (dv, rango)
    assert sorted(dvs) == list("ABCDEFGHI")
    esperados = {
        "A": ("list", '"' + ",".join(f"{n:02d}" for n in range(1, 33)) + '"'),
        "B": ("custom", FORMULA_SECCION.lstrip("=")),
        "C": ("textLength", "60"),
        "D": ("textLength", "60"),
        "E": ("textLength", "60"),
        "F": ("textLength", "18"),
        "G": ("custom", FORMULA_OCR.lstrip("=")),
        "H": ("custom", FORMULA_CIC.lstrip("=")),
    }
    for col, (tipo, formula) in esperados.items():
        dv, rango = dvs[col]
        assert (dv.type, dv.formula1) == (tipo, formula), col
        assert dv.errorStyle in (None, "stop") and dv.showErrorMessage is True
        assert dv.promptTitle == ETIQUETAS[CAMPOS["ABCDEFGH".index(col)]]
        assert dv.prompt and dv.error
        # LibreOffice 7.4 writes the ranges back cut to rows 2..1001 (it keeps the whole
        # column in memory; the clipping happens on export). Enough for a first session.
        assert rango.min_row == 2 and rango.max_row >= 1_001, col
    aspirante = openpyxl.load_workbook(ida_y_vuelta)[HOJA_ASPIRANTE]
    tipos = {str(dv.sqref): dv.type for dv in aspirante.data_validations.dataValidation}
    assert tipos == {"B2": "list", "B3": "list", "B7": "date"}


def _python_con_uno() -> str | None:
    candidatos = [
        os.environ.get("APOYO_PYTHON_UNO"),
        "/usr/bin/python3",
        shutil.which("python3"),
        "/usr/lib/libreoffice/program/python",
        "/Applications/LibreOffice.app/Contents/Resources/python",
    ]
    for py in candidatos:
        if not py or not Path(py).exists():
            continue
        try:
            ok = subprocess.run([py, "-c", "import uno"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if ok.returncode == 0:
            return py
    return None


# Values typed into sheet Apoyos (cell -> text) and whether LibreOffice must reject them.
TECLEADOS: list[tuple[str, str, bool]] = [
    ("A2", "07", True), ("A3", "01", True), ("A4", "32", True),
    ("A5", "7", False), ("A6", "33", False), ("A7", "00", False), ("A8", "CHIAPAS", False),
    ("B2", "1", True), ("B3", "1234", True), ("B4", "9999", True), ("B5", "0012", True),
    ("B6", "0", False), ("B7", "0000", False), ("B8", "12345", False), ("B9", "1E3", False),
    ("B10", " 12", False), ("B11", "12.0", False), ("B12", "-5", False), ("B13", "12a", False),
    ("C2", "MARÍA DE LOS ÁNGELES", True), ("C3", "N" * 60, True), ("C4", "N" * 61, False),
    ("D2", "LÓPEZ", True), ("E2", "P" * 61, False),
    ("F2", "LPHRMR85021407M123", True), ("F3", "LPHRMR85021407M12", False),
    ("F4", "LPHRMR85021407M1234", False),
    ("G2", "0123456789012", True), ("G3", "012345678901", False),
    ("G4", "01234567890123", False), ("G5", "1.23457E+12", False),
    ("G6", "123456789012 ", False), ("G7", "12345 6789012", False),
    ("G8", "1234567890I23", False),
    ("H2", "123456789", True), ("H3", "012345678", True), ("H4", "12345678", False),
    ("H5", "1234567890", False), ("H6", "12345678X", False), ("H7", "1E8000000", False),
    ("I2", "cualquier cosa", True),
]


def test_validacion_al_teclear_en_libreoffice(plantilla: Path, tmp_path: Path) -> None:
    py = _python_con_uno()
    if py is None:
        pytest.skip("no hay un Python con el módulo uno de LibreOffice (python3-uno)")
    rondas = [
        {
            HOJA_APOYOS: {celda: valor for celda, valor, _ in TECLEADOS},
            # B3 entity as typed without the zero; B7 a date serial of 1902 (outside range).
            HOJA_ASPIRANTE: {"B3": "7", "B7": 1000},
        },
        {HOJA_ASPIRANTE: {"B3": "07", "B7": 46402, "B2": "Regiduría"}},
    ]
    casos = tmp_path / "rondas.json"
    casos.write_text(json.dumps(rondas), encoding="utf-8")
    proceso = subprocess.run(
        [py, str(AYUDANTE_UNO), str(plantilla), str(casos)],
        capture_output=True,
        text=True,
        timeout=TIEMPO_LIMITE,
        check=False,
    )
    assert proceso.returncode == 0, proceso.stderr
    resultado = json.loads(proceso.stdout.strip().splitlines()[-1])
    rechazadas = sorted(celda for celda, _, valida in TECLEADOS if not valida)
    assert sorted(resultado[0][HOJA_APOYOS]) == rechazadas
    assert resultado[0][HOJA_ASPIRANTE] == ["B3", "B7"]
    # B2 (cargo) is only a suggestion list: an office outside it is circled by "Mark invalid
    # data", but typing it is allowed because its error alert is off (test_plantilla.py).
    assert resultado[1][HOJA_ASPIRANTE] == ["B2"]


# ---- the conditional formatting, as LibreOffice draws it -----------------------------------------

#: Rows 2-5 of sheet Apoyos: a distinct word in each cell looked at (to find it on the page), and
#: the flags the in-Excel checker would write in J. Row 5 has no flags (never validated).
FILAS_MARCADAS = [
    (["07", "1234", "NOMBRE", "PATERNO", "MATERNO", "ERRF", "0123456789012", "123456789",
      "RESE"], "_____E__E"),
    (["AVA", "1234", "NOMBRE", "PATERNO", "MATERNO", "LIMPF", "0123456789012", "123456789",
      "RESA"], "A_______A"),
    (["07", "1234", "LIMPC", "PATERNO", "MATERNO", "LIMPG", "0123456789012", "123456789",
      "RESV"], "________V"),
    (["07", "1234", "NADAC", "PATERNO", "MATERNO", "NADAF", "0123456789012", "123456789",
      "RESN"], None),
]
#: Word -> fill LibreOffice must draw behind it (None: none, white paper).
COLORES_ESPERADOS = {
    "ERRF": COLOR_ERROR, "RESE": COLOR_ERROR,
    "AVA": COLOR_AVISO, "RESA": COLOR_AVISO,
    "RESV": COLOR_OK,
    "LIMPF": None, "LIMPC": None, "LIMPG": None, "NADAC": None, "NADAF": None, "RESN": None,
}
PPP = 100  # resolution of the rendered page


def _rgb(color: str | None) -> tuple[int, int, int]:
    texto = (color or "#FFFFFF").lstrip("#")
    return int(texto[0:2], 16), int(texto[2:4], 16), int(texto[4:6], 16)


def _ppm(ruta: Path) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (P6, 8 bits) as pdftoppm writes it."""
    datos = ruta.read_bytes()
    cabecera = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", datos)
    assert cabecera is not None, datos[:20]
    return int(cabecera.group(1)), int(cabecera.group(2)), datos[cabecera.end():]


def test_formato_condicional_pinta_lo_que_dicen_las_marcas(plantilla: Path, tmp_path: Path) -> None:
    if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):
        pytest.skip("faltan pdftoppm y pdftotext (apt-get install -y poppler-utils)")
    libro = openpyxl.load_workbook(plantilla)
    hoja = libro[HOJA_APOYOS]
    for fila, (celdas, marcas) in enumerate(FILAS_MARCADAS, start=2):
        for col, valor in enumerate(celdas, start=1):
            hoja.cell(fila, col).value = valor
        hoja.cell(fila, 10).value = marcas
    llena = tmp_path / "llena.xlsx"
    libro.save(llena)
    pdf = _convertir(llena, "pdf", tmp_path / "salida", tmp_path / "perfil")
    # Where each word is on page 1 (points), then the page as pixels.
    cajas = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, timeout=60, check=True).stdout
    palabras = {m.group(5): tuple(float(m.group(i)) for i in range(1, 5)) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(\w+)</word>',
        cajas)}
    assert set(COLORES_ESPERADOS) <= set(palabras), sorted(palabras)
    subprocess.run(["pdftoppm", "-r", str(PPP), "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "pagina")], check=True, timeout=60)
    [imagen] = tmp_path.glob("pagina*.ppm")
    ancho, _, pixeles = _ppm(imagen)
    vistos = {}
    for palabra, esperado in COLORES_ESPERADOS.items():
        x_min, y_min, x_max, y_max = palabras[palabra]
        # A point of the cell just right of the word (the cells are much wider than it).
        x = round((x_max + 6) * PPP / 72)
        y = round((y_min + y_max) / 2 * PPP / 72)
        i = (y * ancho + x) * 3
        vistos[palabra] = tuple(pixeles[i:i + 3])
    distintos = {p: (v, _rgb(COLORES_ESPERADOS[p])) for p, v in vistos.items()
                 if any(abs(a - b) > 3 for a, b in zip(v, _rgb(COLORES_ESPERADOS[p])))}
    assert not distintos, distintos
