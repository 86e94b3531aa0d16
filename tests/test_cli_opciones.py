"""Options of validar and exportar: Spanish value placeholders in the help, and a scope
(--entidad, --distrito, --municipio) that the catalogue does not have is refused before
anything is read (found by a tester: «--distrito 99» rejected every row of the file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compartido import DATOS, MOTIVO

CORTE = "2026-11-29"
CPS = DATOS / "Catalogo-cps.csv"  # Chiapas (07): districts 1-13, INE municipalities 1-124


def apoyo(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line (`python -m apoyo`), on a wide screen (no wrapping)."""
    return subprocess.run([sys.executable, "-m", "apoyo", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300, env={**os.environ, "COLUMNS": "200"})


def unir(texto: str) -> str:
    return " ".join(texto.split())


# ---- help: value placeholders in Spanish -----------------------------------------------------

@pytest.mark.parametrize("orden", ["validar", "exportar", "plantilla", "ejemplo", "errores"])
def test_ayuda_sin_tipos_en_ingles(orden: str) -> None:
    run = apoyo(orden, "--help")
    assert run.returncode == 0
    for ingles in ("<int>", "<path>", "<text>", "<str>", "<float", "range>", "INTEGER", "PATH",
                   "TEXT", "FLOAT"):
        assert ingles not in run.stdout, (ingles, run.stdout)


@pytest.mark.parametrize("orden", ["validar", "exportar"])
def test_ayuda_dice_que_valor_lleva_cada_opcion(orden: str) -> None:
    lineas = {linea.split()[1]: linea for linea in apoyo(orden, "--help").stdout.splitlines()
              if linea.startswith("│ --")}
    esperados = {"--catalogo": "<archivo>", "--entidad": "<clave>", "--distrito": "<número>",
                 "--municipio": "<número>", "--fecha-corte": "<AAAA-MM-DD>",
                 "--salida": "<carpeta>", "--tiempo-maximo": "<segundos>"}
    if orden == "exportar":
        esperados |= {"--aspirante": "<nombre>", "--formato": "<xlsx|txt>"}
    for opcion, valor in esperados.items():
        assert lineas[opcion].split()[2] == valor, lineas[opcion]
    argumento = next(x for x in apoyo(orden, "--help").stdout.splitlines() if "entrega" in x
                     and "│ *" in x)
    assert "<ruta>" in argumento


# ---- a scope the catalogue does not have: exit 2 before reading -------------------------------

REMEDIO_DISTRITO = (
    "Corrija --distrito con el número del distrito federal de la candidatura, como en la "
    "columna DISTRITO del catálogo; o quite la opción. Si el número es correcto, indique con "
    "--catalogo el catálogo de secciones vigente.")
REMEDIO_MUNICIPIO = (
    "Corrija --municipio con la clave del municipio que usa el INE, como en la columna "
    "MUNICIPIO del catálogo (no es la del INEGI); o quite la opción. Si el número es correcto, "
    "indique con --catalogo el catálogo de secciones vigente.")

AMBITOS_INEXISTENTES = [
    (["--distrito", "99"],
     "El catálogo «Catalogo-cps.csv» no tiene ninguna sección del distrito 99 en ninguna de "
     "sus entidades (--distrito 99); con ese ámbito se rechazarían todas las filas.",
     REMEDIO_DISTRITO),
    (["--entidad", "07", "--distrito", "99"],
     "El catálogo «Catalogo-cps.csv» no tiene ninguna sección del distrito 99 de la entidad 07 "
     "(--distrito 99); con ese ámbito se rechazarían todas las filas.", REMEDIO_DISTRITO),
    (["--entidad", "7", "--municipio", "999"],
     "El catálogo «Catalogo-cps.csv» no tiene ninguna sección del municipio 999 de la entidad "
     "07 (--municipio 999); con ese ámbito se rechazarían todas las filas.", REMEDIO_MUNICIPIO),
    (["--entidad", "07", "--distrito", "99", "--municipio", "999"],
     "El catálogo «Catalogo-cps.csv» no tiene ninguna sección del distrito 99 y del municipio "
     "999 de la entidad 07 (--distrito 99 --municipio 999); con ese ámbito se rechazarían todas "
     "las filas.",
     "Corrija --distrito con el número del distrito federal de la candidatura, como en la "
     "columna DISTRITO del catálogo; y --municipio con la clave del municipio que usa el INE, "
     "como en la columna MUNICIPIO del catálogo (no es la del INEGI); o quite las opciones. Si "
     "los números son correctos, indique con --catalogo el catálogo de secciones vigente."),
    # Both exist, but Tuxtla Gutiérrez (INE 102) lies in district 9, not 7.
    (["--entidad", "07", "--distrito", "7", "--municipio", "102"],
     "El catálogo «Catalogo-cps.csv» no tiene ninguna sección del distrito 7 y del municipio "
     "102 de la entidad 07 (--distrito 7 --municipio 102); con ese ámbito se rechazarían todas "
     "las filas.",
     "Revise --distrito y --municipio: el catálogo tiene el distrito 7 y el municipio 102, pero "
     "ninguna sección en ambos; corrija la opción equivocada o quite la que sobra."),
    (["--entidad", "9"],
     "El catálogo «Catalogo-cps.csv» no trae ninguna sección de la entidad 09 (--entidad 9).",
     "Indique con --catalogo el catálogo de secciones de la entidad 09, o corrija --entidad "
     "con la clave de la entidad de la candidatura."),
]


@pytest.mark.skipif(not DATOS.is_dir(), reason=MOTIVO)
@pytest.mark.parametrize("orden", ["validar", "exportar"])
@pytest.mark.parametrize(("opciones", "mensaje", "remedio"), AMBITOS_INEXISTENTES)
def test_ambito_que_el_catalogo_no_tiene_sale_con_2_antes_de_leer(
        tmp_path: Path, orden: str, opciones: list[str], mensaje: str, remedio: str) -> None:
    # The input does not even exist: the options are refused before anything is read.
    run = apoyo(orden, tmp_path / "no_existe.xlsx", "--catalogo", CPS, *opciones)
    assert run.returncode == 2
    assert unir(run.stderr) == f"No se pudo usar: {mensaje} Qué hacer: {remedio}"
    assert run.stdout == "" and list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not DATOS.is_dir(), reason=MOTIVO)
def test_distrito_99_ya_no_rechaza_todo_el_archivo(tmp_path: Path) -> None:
    entrega = tmp_path / "apoyos.xlsx"  # the example's Aspirante sheet says entity 07
    assert apoyo("ejemplo", "--filas", 30, "--salida", entrega).returncode == 0
    run = apoyo("validar", entrega, "--catalogo", CPS, "--distrito", "99", "--fecha-corte",
                CORTE)
    assert run.returncode == 2
    assert "(--distrito 99)" in unir(run.stderr) and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["apoyos.xlsx"]
    # A district the catalogue has goes on as before: rows are checked against it.
    bien = apoyo("validar", entrega, "--catalogo", CPS, "--entidad", "07", "--distrito", "9",
                 "--municipio", "102", "--fecha-corte", CORTE)
    assert bien.returncode == 1, bien.stderr  # the example plants errors
    reporte = json.loads((tmp_path / "apoyos.reporte.json").read_text("utf-8"))
    assert "ambito-sin-secciones" not in {h["codigo"] for h in reporte["hallazgos"]}
