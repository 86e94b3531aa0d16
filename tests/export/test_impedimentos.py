"""Why a file is not exported at all (`apoyo.export.impedimento`): a column named twice, and
(found by a tester) a required column the reader did not find. A workbook headed «AP. PAT.»,
«AP. MAT.», «C.I.C.» got ``columna-faltante`` errors but `apoyo exportar` still wrote the DERFE
file with those columns empty; a DERFE file must never go out without one of its eight columns.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from apoyo.errors import hallazgo
from apoyo.example import generar
from apoyo.export import impedimento
from apoyo.read import leer
from apoyo.read.encabezado import mapear
from apoyo.schema import CAMPOS, ETIQUETAS

CORTE = "2026-11-29"
#: The tester's header, in `CAMPOS` order.
DEL_PROBADOR = ["EDO", "SECC", "NOMBRE", "AP. PAT.", "AP. MAT.", "CVE. DE ELECTOR", "NÚM. OCR",
                "C.I.C."]


def apoyo(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the real command line (`python -m apoyo`)."""
    return subprocess.run([sys.executable, "-m", "apoyo", *map(str, args)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "COLUMNS": "100"})


def unir(texto: str) -> str:
    return " ".join(texto.split())


def _filas(n: int = 4) -> list[tuple[str, ...]]:
    return generar(n, semilla=11, fecha_corte=date.fromisoformat(CORTE), cada=10**9)


def _libro(ruta: Path, encabezado: list[str], filas: list[tuple[str, ...]]) -> Path:
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "Apoyos"
    hoja.append(encabezado)
    for fila in filas:
        hoja.append(list(fila))
    libro.save(ruta)
    return ruta


# ---- the function --------------------------------------------------------------------------------


def test_sin_impedimento() -> None:
    assert impedimento([]) is None
    assert impedimento([hallazgo("macros-ignoradas", None, None)]) is None


def test_una_columna_faltante() -> None:
    assert impedimento([hallazgo("columna-faltante", None, "cic")]) == (
        "No se encontró la columna «CIC»; el archivo para la DERFE no puede ir sin ella, así que "
        "no se exportó nada.",
        "Cambie el encabezado de esa columna para que diga exactamente «CIC», el nombre oficial, "
        "o agregue la columna con ese encabezado si no existe; luego vuelva a exportar.")


def test_varias_columnas_faltantes_con_sus_etiquetas_oficiales() -> None:
    # As the reader gives them: one finding per missing field, in `CAMPOS` order.
    enc = mapear(["EDO", "SECC", "NOMBRE", "Padre", "Madre", "Clave", "NÚM. OCR", "Folio"],
                 1)
    assert [h.campo for h in enc.hallazgos] == ["apellido_paterno", "apellido_materno",
                                                "clave_elector", "cic"]
    mensaje, remedio = impedimento(enc.hallazgos)
    etiquetas = "«Apellido paterno», «Apellido materno», «Clave de elector» y «CIC»"
    assert mensaje == (f"No se encontraron las columnas {etiquetas}; el archivo para la DERFE no "
                       "puede ir sin ellas, así que no se exportó nada.")
    assert remedio == (
        f"Cambie los encabezados de esas columnas para que digan exactamente {etiquetas}, los "
        "nombres oficiales, o agregue con ese encabezado las que no existan; luego vuelva a "
        "exportar. Lo más seguro es copiar los datos a la plantilla oficial.")
    for campo in ("apellido_paterno", "apellido_materno", "clave_elector", "cic"):
        assert f"«{ETIQUETAS[campo]}»" in mensaje


def test_la_columna_repetida_se_dice_primero() -> None:
    hallazgos = [hallazgo("columna-faltante", None, "cic"),
                 hallazgo("columna-repetida", None, "ocr", columnas="G y I")]
    assert impedimento(hallazgos) == (
        "La columna «OCR» aparece más de una vez y no se sabe cuál enviar a la DERFE; no se "
        "exportó nada.", "Deje una sola columna «OCR» y borre o renombre las demás.")


# ---- the command line ----------------------------------------------------------------------------


@pytest.mark.parametrize("formato", ["xlsx", "txt"])
def test_exportar_sin_una_columna_sale_con_2_y_no_escribe_nada(tmp_path: Path,
                                                               formato: str) -> None:
    encabezado = [ETIQUETAS[c] for c in CAMPOS]
    encabezado[3] = "Ap. del padre"  # not a label of any field
    entrada = _libro(tmp_path / "captura.xlsx", encabezado, _filas())
    # Files of an earlier export stay as they were: nothing is replaced nor deleted.
    viejo = tmp_path / f"ANA_RUIZ.{formato}"
    viejo.write_bytes(b"anterior")
    run = apoyo("exportar", entrada, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE,
                "--formato", formato)
    assert run.returncode == 2, run.stdout + run.stderr
    assert unir(run.stderr) == (
        "No se pudo usar: No se encontró la columna «Apellido paterno»; el archivo para la DERFE "
        "no puede ir sin ella, así que no se exportó nada. Qué hacer: Cambie el encabezado de esa "
        "columna para que diga exactamente «Apellido paterno», el nombre oficial, o agregue la "
        "columna con ese encabezado si no existe; luego vuelva a exportar.")
    assert "Error interno" not in run.stderr and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["captura.xlsx", viejo.name])
    assert viejo.read_bytes() == b"anterior"


def test_exportar_csv_sin_varias_columnas(tmp_path: Path) -> None:
    entrada = tmp_path / "captura.csv"
    filas = _filas()
    entrada.write_text("\n".join(",".join(f[:6]) for f in [
        [ETIQUETAS[c] for c in CAMPOS[:6]], *filas]) + "\n", encoding="utf-8")
    run = apoyo("exportar", entrada, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE)
    assert run.returncode == 2
    assert unir(run.stderr).startswith(
        "No se pudo usar: No se encontraron las columnas «OCR» y «CIC»; el archivo para la DERFE "
        "no puede ir sin ellas")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["captura.csv"]


def test_el_libro_del_probador_ahora_se_exporta_completo(tmp_path: Path) -> None:
    # With the abbreviations recognised every column is found, and every value goes out.
    filas = _filas(3)
    entrada = _libro(tmp_path / "captura.xlsx", DEL_PROBADOR, filas)
    assert leer(entrada).columnas == {c: i for i, c in enumerate(CAMPOS)}
    run = apoyo("exportar", entrada, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE)
    assert run.returncode == 0, run.stdout + run.stderr
    hoja = openpyxl.load_workbook(tmp_path / "ANA_RUIZ.xlsx", read_only=True).worksheets[0]
    escritas = [tuple(r) for r in hoja.iter_rows(values_only=True)]
    assert escritas == [tuple(ETIQUETAS[c] for c in CAMPOS), *filas]
    assert all(all(v for v in fila) for fila in escritas)


def test_validar_sigue_revisando_el_archivo_sin_una_columna(tmp_path: Path) -> None:
    # Only the export is refused: `validar` reports the missing column as an error (exit 1).
    encabezado = [ETIQUETAS[c] for c in CAMPOS]
    encabezado[7] = "Folio"
    entrada = _libro(tmp_path / "captura.xlsx", encabezado, _filas())
    run = apoyo("validar", entrada, "--fecha-corte", CORTE)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "No se encontró la columna «CIC»" in unir(run.stdout)


# ---- the Excel add-in (`preparar_exportacion` shows the same reason) -----------------------------


def test_complemento_de_excel_dice_lo_mismo(tmp_path: Path) -> None:
    adaptador = pytest.importorskip("apoyo.excel.adaptador")
    encabezado = mapear([*DEL_PROBADOR[:7], "Folio"], 1)
    v = SimpleNamespace(aspirante={"nombre": "Ana Ruiz"},
                        revision=SimpleNamespace(filas_validas=3), encabezado=encabezado)
    assert adaptador.preparar_exportacion(None, v, tmp_path) == " ".join(
        impedimento(encabezado.hallazgos))
    assert adaptador.preparar_exportacion(None, v, tmp_path).startswith(
        "No se encontró la columna «CIC»; el archivo para la DERFE no puede ir sin ella")
    assert list(tmp_path.iterdir()) == []


def test_complemento_de_excel_da_la_columna_antes_que_las_filas(tmp_path: Path) -> None:
    """With no valid row either, the missing column is the reason given: fixing the rows would
    not make the file exportable."""
    adaptador = pytest.importorskip("apoyo.excel.adaptador")
    encabezado = mapear([*DEL_PROBADOR[:7], "Folio"], 1)
    v = SimpleNamespace(aspirante={"nombre": "Ana Ruiz"},
                        revision=SimpleNamespace(filas_validas=0), encabezado=encabezado)
    assert adaptador.preparar_exportacion(None, v, tmp_path).startswith(
        "No se encontró la columna «CIC»; el archivo para la DERFE no puede ir sin ella")
