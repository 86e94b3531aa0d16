"""Row findings of the reader (``celda-formula``, ``linea-otra-codificacion``) are marked on their
row in the marked copy, as the rules' findings: the field's cell, or Resultado without a field."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import xlsxwriter
from .ayudas_marcado import (
    ARGB_AVISO,
    ARGB_ERROR,
    ARGB_OK,
    ENCABEZADOS,
    FILA_LIMPIA,
    relleno,
    revision,
    tabla,
)

from apoyo.check import Contexto
from apoyo.errors import CATALOGO, hallazgo
from apoyo.example import generar
from apoyo.mark import escribir_revisado
from apoyo.mark.revisado import CopiaMarcada
from apoyo.pipeline import revisar_tabla, validar_archivo
from apoyo.read import leer
from apoyo.read.tabla import FilaLeida
from apoyo.record import Hallazgo
from apoyo.schema import HOJA_APOYOS

CORTE = date(2026, 11, 29)
#: The parameters of a UTF-8 file's warnings about its Windows-1252 lines.
UTF8 = {"esta": "Windows-1252 (ANSI)", "resto": "UTF-8"}
#: The reader's findings about the form of the original (a formula, a line's encoding): the
#: marked copy holds values in one encoding, so checking it again cannot find them.
DE_FORMA = {"celda-formula", "linea-otra-codificacion"}


def _bloque(h: Hallazgo) -> str:
    gravedad = "Error" if h.severidad == "error" else "Aviso"
    return f"{gravedad}: {CATALOGO[h.codigo].titulo}\n{h.mensaje}\nCómo corregir: {h.remedio}"


def _notas(hoja) -> dict[str, str]:
    return {c.coordinate: c.comment.text for fila in hoja.iter_rows() for c in fila if c.comment}


def _partes(ruta: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(ruta) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def _claves(hallazgos: list[Hallazgo]) -> list[tuple[object, ...]]:
    return [(h.fila, h.campo, h.codigo, h.severidad, h.valor, h.mensaje) for h in hallazgos]


H_FORMULA = hallazgo("celda-formula", 3, "nombre")
H_LINEA = hallazgo("linea-otra-codificacion", 4, None, **UTF8)
H_MAYUS = hallazgo("mayusculas-corregidas", 3, "nombre", "sofia", despues="SOFIA")
H_ESTADO = hallazgo("clave-estado-invalida", 3, "clave_estado", "7")
FILA_MINUS = (*FILA_LIMPIA[:2], "sofia", *FILA_LIMPIA[3:])


def _con_lector(filas, del_lector: list[Hallazgo]):
    t = tabla(filas)
    t.hallazgos = [hallazgo("macros-ignoradas", None, None), *del_lector]
    return t


def test_celda_y_fila_marcadas_como_las_de_las_reglas(tmp_path: Path) -> None:
    filas = [(2, FILA_LIMPIA), (3, FILA_MINUS), (4, FILA_LIMPIA), (5, FILA_LIMPIA)]
    t = _con_lector(filas, [H_FORMULA, H_LINEA])
    # As `apoyo.check.revisar` builds it: the reader's findings in the file-level list.
    r = revision([*t.hallazgos, H_ESTADO, H_MAYUS], filas=4)
    ruta = escribir_revisado(t, r, tmp_path)
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    # Row 3: the formula warning joins the rules' findings of the Nombre cell (once).
    assert relleno(hoja["C3"]) == ARGB_AVISO
    assert relleno(hoja["A3"]) == ARGB_ERROR
    assert hoja["I3"].value == "clave-estado-invalida, mayusculas-corregidas, celda-formula"
    assert relleno(hoja["I3"]) == ARGB_ERROR
    # Row 4: no rule finding; the encoding warning names no field: on the Resultado cell.
    assert hoja["I4"].value == "linea-otra-codificacion"
    assert relleno(hoja["I4"]) == ARGB_AVISO
    assert [relleno(hoja.cell(4, c)) for c in range(1, 9)] == [None] * 8
    assert (hoja["I2"].value, relleno(hoja["I2"])) == ("OK", ARGB_OK)
    assert (hoja["I5"].value, relleno(hoja["I5"])) == ("OK", ARGB_OK)
    assert _notas(hoja) == {
        "A3": _bloque(H_ESTADO),
        "C3": _bloque(H_MAYUS) + "\n\n" + _bloque(H_FORMULA),
        "I4": _bloque(H_LINEA),
    }
    # The Resumen links each code to its first marked cell.
    resumen = {f[0].value: f for f in openpyxl.load_workbook(ruta)["Resumen"].iter_rows()
               if f[0].value}
    assert resumen["celda-formula"][4].hyperlink.location == "'Apoyos'!C3"
    assert resumen["linea-otra-codificacion"][4].hyperlink.location == "'Apoyos'!I4"


def test_en_una_pasada_tambien_en_las_filas_en_bloque(tmp_path: Path) -> None:
    # As the pipeline feeds it: clean rows go in bulk through `pendientes`; a reader's finding
    # on one of them must still mark it. The file is the one of `escribir_revisado`.
    filas = [(n, FILA_LIMPIA) for n in range(2, 5_000)]
    del_lector = [hallazgo("celda-formula", 2_500, "ocr"), hallazgo("celda-formula", 2_500, "cic"),
                  hallazgo("linea-otra-codificacion", 4_000, None, **UTF8)]
    t = _con_lector(filas, del_lector)
    r = revision(list(t.hallazgos), filas=len(filas))
    dos = escribir_revisado(t, r, tmp_path / "dos.xlsx")

    uno = tmp_path / "uno.xlsx"
    t = _con_lector(filas, del_lector)
    with CopiaMarcada(t, uno) as copia:
        assert copia.pendientes is not None
        for n, celdas in filas:
            copia.pendientes.append(FilaLeida(n, celdas))
            if len(copia.pendientes) >= 2048:
                copia.vaciar()
        copia.vaciar()
        copia.concluir(r)
    assert _partes(uno) == _partes(dos)
    hoja = openpyxl.load_workbook(uno)[HOJA_APOYOS]
    assert [relleno(hoja[ref]) for ref in ("G2500", "H2500", "I2500", "I4000")] == [
        ARGB_AVISO] * 4
    assert hoja["I2500"].value == "celda-formula"
    assert hoja["I4000"].value == "linea-otra-codificacion"
    assert hoja["I2499"].value == hoja["I2501"].value == "OK"
    assert set(_notas(hoja)) == {"G2500", "H2500", "I4000"}


def _con_formulas(ruta: Path, filas: list[tuple[str, ...]], formulas: dict[tuple[int, int], str]
                  ) -> Path:
    """An xlsx with sheet Apoyos; cells in `formulas` ((row, col), 0-based) hold a formula whose
    cached result is the row's value."""
    libro = xlsxwriter.Workbook(ruta)
    hoja = libro.add_worksheet(HOJA_APOYOS)
    hoja.write_row(0, 0, ENCABEZADOS)
    for i, fila in enumerate(filas, start=1):
        for j, valor in enumerate(fila):
            if (i, j) in formulas:
                hoja.write_formula(i, j, formulas[i, j], None, valor)
            else:
                hoja.write_string(i, j, valor)
    libro.close()
    return ruta


def test_formulas_marcadas_al_validar_y_la_revalidacion_da_lo_mismo(tmp_path: Path) -> None:
    filas = list(generar(3_000, semilla=5, fecha_corte=CORTE))
    entrega = _con_formulas(tmp_path / "formulas.xlsx", filas, {
        (10, 0): '="07"', (2_500, 2): '=UPPER("x")', (2_500, 7): "=1+1"})
    contexto = Contexto(fecha_corte=CORTE)
    (tmp_path / "a").mkdir()
    t, r, salidas = validar_archivo(entrega, contexto, tmp_path / "a")
    formulas = [(h.fila, h.campo) for h in r.hallazgos if h.codigo == "celda-formula"]
    assert formulas == [(11, "clave_estado"), (2_501, "nombre"), (2_501, "cic")]

    hoja = openpyxl.load_workbook(salidas.revisado)[HOJA_APOYOS]
    for ref in ("A11", "C2501", "H2501"):
        assert relleno(hoja[ref]) == ARGB_AVISO, ref
        assert hoja[ref].comment.text.startswith("Aviso: Celda con fórmula\n"), ref
        assert hoja[ref].data_type != "f"  # still a value, never a formula
    assert hoja["I11"].value == hoja["I2501"].value == "celda-formula"
    assert [c.value for c in hoja[2501]][:8] == list(filas[2_499])

    # The same file as checking first and marking after (`escribir_revisado`).
    t2 = leer(entrega)
    dos = escribir_revisado(t2, revisar_tabla(t2, contexto), tmp_path / "dos.xlsx",
                            reporte=salidas.reporte.name)
    assert _partes(salidas.revisado) == _partes(dos)

    # Checking the marked copy again finds the same, but the formulas: the copy holds values.
    (tmp_path / "b").mkdir()
    _, r2, _ = validar_archivo(salidas.revisado, contexto, tmp_path / "b")
    assert _claves(r2.hallazgos) == _claves([h for h in r.hallazgos if h.codigo not in DE_FORMA])
    assert (r2.filas, r2.filas_validas) == (r.filas, r.filas_validas)


MIXTA_ENCABEZADO = ";".join(ENCABEZADOS) + "\r\n"
PENA = ("07", "2406", "ARTURO", "PEÑA", "SANCHEZ", "PXSNAR04100105H444", "2406000020264",
        "100159050")
NUNEZ = ("07", "1397", "JUAN", "JIMENEZ", "NÚÑEZ", "JMNXJN53090406H767", "1397000028183",
         "100263779")
MUNOZ = ("07", "1876", "MIGUEL ANGEL", "RAMIREZ", "MUÑOZ", "RMMXMG04030515H298",
         "1876000083616", "100996882")


def test_linea_en_otra_codificacion_marcada(tmp_path: Path) -> None:
    def linea(fila: tuple[str, ...], codificacion: str = "utf-8") -> bytes:
        return (";".join(fila) + "\r\n").encode(codificacion)

    entrega = tmp_path / "mezcla.csv"
    entrega.write_bytes(MIXTA_ENCABEZADO.encode() + linea(PENA) + linea(NUNEZ)
                        + linea(MUNOZ, "cp1252") + linea(PENA[:5] + MUNOZ[5:]))
    contexto = Contexto(fecha_corte=CORTE)
    (tmp_path / "a").mkdir()
    t, r, salidas = validar_archivo(entrega, contexto, tmp_path / "a")
    aviso = next(h for h in r.hallazgos if h.codigo == "linea-otra-codificacion")
    assert aviso.fila == 4
    hoja = openpyxl.load_workbook(salidas.revisado)[HOJA_APOYOS]
    assert [c.value for c in hoja[4]][:8] == list(MUNOZ)  # read as Windows-1252: Ñ kept
    assert (hoja["I4"].value, relleno(hoja["I4"])) == ("linea-otra-codificacion", ARGB_AVISO)
    assert hoja["I4"].comment.text == _bloque(aviso)
    assert (hoja["I2"].value, hoja["I3"].value) == ("OK", "acentos-quitados")  # NÚÑEZ
    assert hoja["I2"].comment is None and hoja["I3"].comment is None
    assert relleno(hoja["E3"]) == ARGB_AVISO and relleno(hoja["E4"]) is None

    (tmp_path / "b").mkdir()
    _, r2, _ = validar_archivo(salidas.revisado, contexto, tmp_path / "b")
    assert _claves(r2.hallazgos) == _claves([h for h in r.hallazgos if h.codigo not in DE_FORMA])


def test_hallazgo_del_lector_de_una_fila_que_no_se_escribe(tmp_path: Path) -> None:
    # A finding of a row that is not among the rows written (an empty one) marks nothing.
    t = _con_lector([(2, FILA_LIMPIA)], [hallazgo("celda-formula", 7, "nombre")])
    ruta = escribir_revisado(t, revision(list(t.hallazgos), filas=1), tmp_path)
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    assert hoja.max_row == 2 and hoja["I2"].value == "OK"
    assert _notas(hoja) == {}
