"""The JSON report: the same content as `apoyo.report.reporte`, one finding per line."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from apoyo.check import Contexto, revisar
from apoyo.report import escribir_reporte, reporte

_CORTE = date(2026, 11, 29)
_LIMPIA = ("07", "1726", "SOFIA", "VAZQUEZ", "SANCHEZ", "VZSNSF92021707M101",
           "1726668657279", "767794671")


def _revision(filas: list[tuple[int, tuple[str | None, ...]]]):
    return revisar(filas, Contexto(fecha_corte=_CORTE), "apoyos.xlsx")


def _sin_fecha(datos: dict) -> dict:
    return {k: v for k, v in datos.items() if k != "fecha_revision"}


def test_reporte_con_hallazgos_una_linea_por_hallazgo(tmp_path: Path) -> None:
    mala = (*_LIMPIA[:5], "VZSNSF92021707M10", *_LIMPIA[6:])  # clave one character short
    revision = _revision([(2, _LIMPIA), (3, mala), (4, _LIMPIA)])
    ruta = escribir_reporte(revision, tmp_path / "apoyos.reporte.json")
    texto = ruta.read_text("utf-8")
    datos = json.loads(texto)
    assert _sin_fecha(datos) == _sin_fecha(json.loads(json.dumps(reporte(revision), default=str)))
    assert [(h["fila"], h["codigo"]) for h in datos["hallazgos"]] == [
        (3, "clave-elector-longitud"), (3, "duplicado-ocr"), (3, "duplicado-cic"),
        (4, "duplicado-clave-elector"), (4, "duplicado-ocr"), (4, "duplicado-cic")]
    lineas = texto.splitlines()
    inicio = lineas.index(' "hallazgos": [')
    assert [json.loads(linea.strip().rstrip(",")) for linea in lineas[inicio + 1:-2]] \
        == datos["hallazgos"]
    assert lineas[-2:] == [" ]", "}"] and texto.endswith("}\n")
    assert "«VZSNSF92021707M10»" in texto  # UTF-8 text, not \\u escapes


def test_reporte_sin_hallazgos(tmp_path: Path) -> None:
    revision = _revision([(2, _LIMPIA)])
    texto = escribir_reporte(revision, tmp_path / "r.json").read_text("utf-8")
    assert texto.endswith(' "hallazgos": []\n}\n')
    assert json.loads(texto)["filas_validas"] == 1


def _salidas(entrada: Path, carpeta: Path) -> tuple[dict, dict[str, bytes], object]:
    from apoyo.pipeline import validar_archivo

    carpeta.mkdir()
    _, revision, salidas = validar_archivo(entrada, Contexto(fecha_corte=_CORTE), carpeta)
    datos = json.loads(salidas.reporte.read_text("utf-8"))
    with zipfile.ZipFile(salidas.revisado) as z:
        partes = {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/")}
    return _sin_fecha(datos), partes, revision


def test_tope_de_hallazgos_en_memoria_no_cambia_las_salidas(tmp_path: Path, monkeypatch) -> None:
    # 200 rows with their names in lower case (three warnings a row) and the example's
    # planted faults; with only 7 findings kept in memory the report and the marked copy
    # are the same, and the counts are exact.
    from apoyo.check import revision as modulo_revision
    from apoyo.example import cada_para, generar
    from apoyo.schema import CAMPOS, ETIQUETAS

    entrada = tmp_path / "apoyos.csv"
    with entrada.open("w", newline="", encoding="utf-8") as fh:
        escritor = csv.writer(fh)
        escritor.writerow([ETIQUETAS[c] for c in CAMPOS])
        for fila in generar(200, fecha_corte=_CORTE, cada=cada_para(200)):
            escritor.writerow([*fila[:2], *(v.lower() for v in fila[2:5]), *fila[5:]])
    completo, partes, revision = _salidas(entrada, tmp_path / "completo")
    assert revision.completa and len(completo["hallazgos"]) == len(revision.hallazgos) > 500
    monkeypatch.setattr(modulo_revision, "MAX_EN_MEMORIA", 7)
    acotado, partes_acotado, revision_acotada = _salidas(entrada, tmp_path / "acotado")
    assert not revision_acotada.completa
    assert 7 <= len(revision_acotada.hallazgos) < 7 + 8  # one row's findings past the cap
    assert acotado == completo
    assert partes_acotado == partes
    assert (revision_acotada.errores, revision_acotada.avisos, revision_acotada.por_codigo(),
            revision_acotada.primeras()) == (revision.errores, revision.avisos,
                                             revision.por_codigo(), revision.primeras())


def test_reporte_sin_todos_los_hallazgos_se_niega(tmp_path: Path, monkeypatch) -> None:
    from apoyo.check import revision as modulo_revision

    monkeypatch.setattr(modulo_revision, "MAX_EN_MEMORIA", 1)
    fila = (*_LIMPIA[:2], "sofia", *_LIMPIA[3:])
    revision = _revision([(2, fila), (3, _LIMPIA)])  # 1 warning kept, 4 only counted
    assert [h.codigo for h in revision.hallazgos] == ["mayusculas-corregidas"]
    assert revision.omitidos == {("duplicado-clave-elector", "error"): 1,
                                 ("duplicado-ocr", "error"): 1, ("duplicado-cic", "error"): 1}
    assert (revision.errores, revision.avisos) == (3, 1)
    with pytest.raises(ValueError):
        escribir_reporte(revision, tmp_path / "r.json")
    assert not (tmp_path / "r.json").exists()
