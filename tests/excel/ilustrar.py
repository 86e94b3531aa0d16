"""Draw the pictures of docs/excel.md from our own workbooks (no screenshot of Excel).

The committed template is filled with an example submission, the add-in's entry point runs on
it through xlwings' remote engine, and the actions it returns (values, fills, the Resumen
sheet) are applied to the template with openpyxl; LibreOffice renders the result to PNG
(``/work/shared/tools/render.sh``, or any ``render.sh FILE OUTDIR`` given as argument).

Usage: ``python tests/excel/ilustrar.py [RENDER_SH]`` from the repository root. Writes
``docs/img/excel_*.png``. Needs LibreOffice and poppler (pdftoppm).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
IMAGENES = RAIZ / "docs" / "img"
RENDER = Path("/work/shared/tools/render.sh")


def _filas_de_muestra():
    """24 rows: every planted fault of the example (rows 98, 195... of a 1,200-row
    submission) moved up among clean rows, so that one printed page shows them all."""
    from conftest import filas_ejemplo

    todas = filas_ejemplo(1200)
    faltas = [todas[i] for i in range(96, 1200, 97)]
    limpias = todas[:12]
    filas = []
    for limpia, falla in zip(limpias, faltas):
        filas += [limpia, falla]
    return filas


def _aplicar(libro, acciones, colores_fila=None):
    """Apply remote-engine actions to an openpyxl workbook (what Excel would do)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    for a in acciones:
        func = a["func"]
        if func == "addSheet":
            libro.create_sheet(a["args"][1], a["args"][0])
            continue
        if a["sheet_position"] is None or func in ("alert", "activateSheet"):
            continue
        hoja = libro.worksheets[a["sheet_position"]]
        if func == "setAutofit":  # Excel's "AutoFit column width", approximated
            from openpyxl.utils import get_column_letter

            for j in range(a["column_count"]):
                col = a["start_column"] + j + 1
                largo = max((len(str(hoja.cell(a["start_row"] + i + 1, col).value or ""))
                             for i in range(a["row_count"])), default=0)
                hoja.column_dimensions[get_column_letter(col)].width = max(8, largo * 1.05 + 2)
            continue
        if func == "setValues":
            for i, fila in enumerate(a["values"]):
                for j, v in enumerate(fila):
                    hoja.cell(a["start_row"] + i + 1, a["start_column"] + j + 1).value = (
                        None if v == "" else v)
        elif func == "setRangeColor":
            color = a["args"][0]
            relleno = (PatternFill() if color in (None, "#FFFFFF") else
                       PatternFill(fill_type="solid", fgColor=color.lstrip("#")))
            for i in range(a["row_count"]):
                for j in range(a["column_count"]):
                    hoja.cell(a["start_row"] + i + 1, a["start_column"] + j + 1).fill = relleno
        elif func == "sheetClear":
            for fila in hoja.iter_rows():
                for celda in fila:
                    celda.value, celda.fill = None, PatternFill()
        elif func == "addNote":
            hoja[a["args"][0].replace("$", "")].comment = Comment(a["args"][1], "Apoyo ciudadano")
        else:
            raise ValueError(f"acción no prevista: {func}")


def _validar(libro_xlsx: Path, filas):
    """Fill the template with `filas`, run the add-in's Validar on it, return the workbook."""
    import openpyxl
    import xlwings as xw
    from conftest import carga, hoja

    import apoyo.excel

    libro = openpyxl.load_workbook(libro_xlsx)
    apoyos = libro["Apoyos"]
    for i, fila in enumerate(filas):
        for j, v in enumerate(fila):
            apoyos.cell(i + 2, j + 1).value = v or None
    aspirante = libro["Aspirante"]
    aspirante["B1"], aspirante["B2"], aspirante["B3"] = ("María López Hernández", "Gubernatura",
                                                         "07")
    hojas = []
    for ws in libro.worksheets:
        valores = [[c.value for c in fila] for fila in ws.iter_rows()]
        hojas.append(hoja(ws.title, valores))
    # An Office.js payload without the template's defined name: the remote engine then adds
    # notes, as desktop Excel does (the pictures show what a desktop reviewer sees).
    payload = carga(hojas, nombre="apoyos_maria_lopez.xlsx", cliente="Office.js")
    book = xw.Book(json=payload)
    book.set_mock_caller()
    apoyo.excel.validar()
    acciones = book.json()["actions"]
    _aplicar(libro, acciones)
    return libro, acciones


def _una_hoja(libro, nombre: str, destino: Path, filas: int, columnas: str) -> Path:
    """Save a copy of `libro` keeping only sheet `nombre`, printed on one landscape page."""
    for ws in list(libro.worksheets):
        if ws.title != nombre:
            libro.remove(ws)
    ws = libro[nombre]
    ws.print_area = f"A1:{columnas}{filas}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    libro.save(destino)
    return destino


def _render(render: Path, xlsx: Path, nombre_png: str) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["bash", str(render), str(xlsx), tmp, "110"], check=True,
                       stdout=subprocess.DEVNULL)
        [png] = sorted(Path(tmp).glob("*.png"))[:1]
        destino = IMAGENES / nombre_png
        shutil.copyfile(png, destino)
    return destino


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import openpyxl

    render = Path(argv[0]) if argv else RENDER
    IMAGENES.mkdir(parents=True, exist_ok=True)
    plantilla = RAIZ / "template" / "formato_apoyo_ciudadano.xlsx"
    filas = _filas_de_muestra()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        libro, _ = _validar(plantilla, filas)
        libro.save(tmp / "validado.xlsx")
        hechas = [
            _render(render, _una_hoja(openpyxl.load_workbook(tmp / "validado.xlsx"), "Apoyos",
                                      tmp / "excel_apoyos_validado.xlsx", 26, "I"),
                    "excel_apoyos_validado.png"),
            _render(render, _una_hoja(openpyxl.load_workbook(tmp / "validado.xlsx"), "Resumen",
                                      tmp / "excel_resumen.xlsx", 32, "E"),
                    "excel_resumen.png"),
        ]
        # The reviewer fixes the rows with errors (here: drops them) and clicks Validar again.
        corregidas = [f for i, f in enumerate(filas) if i % 2 == 0 or i >= 16]
        libro, _ = _validar(plantilla, corregidas)
        libro.save(tmp / "corregido.xlsx")
        hechas.append(_render(render, _una_hoja(
            openpyxl.load_workbook(tmp / "corregido.xlsx"), "Apoyos",
            tmp / "excel_apoyos_corregido.xlsx", 22, "I"), "excel_apoyos_corregido.png"))
    for ruta in hechas:
        print(ruta.relative_to(RAIZ))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
