"""What the command says that it did not do: warnings about the whole file also in exportar
(found by a tester: «otra-hoja-con-datos», apoyos that are not exported, went unsaid), and
what a folder holds that is not checked (our own outputs, files of other types)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from apoyo.example import generar
from apoyo.schema import CAMPOS, ETIQUETAS
from compartido import DATOS, MOTIVO

CORTE = "2026-11-29"


def apoyo(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line (`python -m apoyo`)."""
    return subprocess.run([sys.executable, "-m", "apoyo", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300, env={**os.environ, "COLUMNS": "100"})


def unir(texto: str) -> str:
    return " ".join(texto.split())


def _limpias(n: int, semilla: int) -> list[tuple[str, ...]]:
    return generar(n, semilla=semilla, fecha_corte=date.fromisoformat(CORTE), cada=10**9)


def _csv(ruta: Path, filas: list[tuple[str, ...]]) -> Path:
    ruta.write_text("\n".join(",".join(f) for f in [[ETIQUETAS[c] for c in CAMPOS], *filas]),
                    encoding="utf-8")
    return ruta


# ---- file-level warnings: exportar shows them, as validar does -----------------------------------

OTRA_HOJA = (
    "Aviso del archivo: La hoja «Tapachula» también tiene los encabezados y 4 filas con datos, "
    "pero solo se revisó la hoja «Tuxtla»: esos datos no se revisaron ni se exportan. Junte "
    "todas las filas en una sola hoja (se revisa y se exporta una sola hoja por archivo) y "
    "vuelva a validar; o borre la hoja que sobra.")


@pytest.fixture
def dos_hojas(tmp_path: Path) -> Path:
    libro = openpyxl.Workbook()
    for hoja, nombre, semilla in ((libro.active, "Tuxtla", 1), (libro.create_sheet(), "Tapachula",
                                                                 2)):
        hoja.title = nombre
        hoja.append([ETIQUETAS[c] for c in CAMPOS])
        for fila in _limpias(4, semilla):
            hoja.append(list(fila))
    ruta = tmp_path / "municipios.xlsx"
    libro.save(ruta)
    return ruta


def test_exportar_avisa_de_otra_hoja_con_datos(dos_hojas: Path, tmp_path: Path) -> None:
    run = apoyo("exportar", dos_hojas, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE,
                "--salida", tmp_path / "derfe")
    assert run.returncode == 0, run.stderr  # a warning does not change the exit code
    assert unir(run.stdout) == f"Exportadas 4 filas a {tmp_path / 'derfe' / 'ANA_RUIZ.xlsx'} " \
        f"{OTRA_HOJA}"
    # validar says it the same way, under its table by code.
    validar = apoyo("validar", dos_hojas, "--fecha-corte", CORTE)
    assert validar.returncode == 0
    assert OTRA_HOJA in unir(validar.stdout)
    assert unir(validar.stdout).count("Aviso del archivo:") == 1


@pytest.mark.skipif(not DATOS.is_dir(), reason=MOTIVO)
def test_exportar_avisa_de_catalogo_de_otra_entidad(tmp_path: Path) -> None:
    entrega = tmp_path / "apoyos.xlsx"  # its Aspirante sheet says entity 07 (Chiapas)
    assert apoyo("ejemplo", "--filas", 20, "--salida", entrega).returncode == 0
    run = apoyo("exportar", entrega, "--catalogo", DATOS / "Catalogo-ags.csv", "--fecha-corte",
                CORTE)
    assert run.returncode == 1  # the example plants rows with errors
    assert unir(run.stdout).endswith(
        "Aviso del archivo: El catálogo de secciones «Catalogo-ags.csv» no trae la entidad 07: "
        "no se revisó que las secciones existan ni que estén en el ámbito de la candidatura. "
        "Indique con --catalogo el catálogo de secciones de la entidad 07 y vuelva a validar.")


def test_errores_del_archivo_antes_que_avisos(tmp_path: Path) -> None:
    # No «Sección» column (an error of the file) in a workbook with another sheet (a warning).
    libro = openpyxl.Workbook()
    for hoja, nombre in ((libro.active, "Uno"), (libro.create_sheet(), "Dos")):
        hoja.title = nombre
        hoja.append([ETIQUETAS[c] for c in CAMPOS if c != "seccion"])
        for fila in _limpias(2, 3):
            hoja.append([v for c, v in zip(CAMPOS, fila) if c != "seccion"])
    libro.save(ruta := tmp_path / "sin_seccion.xlsx")
    # validar lists them (exportar refuses a file missing a column: exit 2, nothing written)
    run = apoyo("validar", ruta, "--fecha-corte", CORTE, "--salida", tmp_path / "salida")
    assert run.returncode == 1
    exportado = apoyo("exportar", ruta, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE,
                      "--salida", tmp_path / "derfe")
    assert exportado.returncode == 2
    assert f"«{ETIQUETAS['seccion']}»" in unir(exportado.stderr)
    assert not (tmp_path / "derfe").exists() or list((tmp_path / "derfe").iterdir()) == []
    lineas = [x for x in unir(run.stdout).replace(" Aviso del archivo:", "\nAviso del archivo:")
              .replace(" Error del archivo:", "\nError del archivo:").splitlines()
              if x.startswith(("Error del archivo:", "Aviso del archivo:"))]
    assert [x.split(":")[0] for x in lineas] == ["Error del archivo", "Aviso del archivo"]
    assert f"«{ETIQUETAS['seccion']}»" in lineas[0] and "«Dos»" in lineas[1]


# ---- folders: what is not checked, and why ----------------------------------------------------------

ACEPTADAS = ".xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .txt, .tsv"


def test_carpeta_dice_que_no_reviso_resultados_ni_otros_tipos(tmp_path: Path) -> None:
    _csv(tmp_path / "a.csv", _limpias(1, 4))
    for nombre in ("viejo.revisado.xlsx", "viejo.reporte.json", "ANA_RUIZ_rechazados.xlsx",
                   "notas.docx", "foto.jpg", ".oculto.xlsx", "~$a.xlsx"):
        (tmp_path / nombre).write_bytes(b"x")
    run = apoyo("validar", tmp_path, "--fecha-corte", CORTE)
    assert run.returncode == 0, run.stdout + run.stderr
    assert unir(run.stdout).startswith(
        "No se revisaron 3 archivos porque son resultados de apoyo, no entregas: "
        "«ANA_RUIZ_rechazados.xlsx», «viejo.reporte.json», «viejo.revisado.xlsx». "
        "No se revisaron 2 archivos por su tipo: «foto.jpg», «notas.docx». Se revisan solo "
        f"archivos {ACEPTADAS}; si alguno es una entrega, guárdelo con uno de esos formatos. "
        "a.csv: 1 fila")


def test_carpeta_con_muchos_omitidos_los_cuenta_y_nombra_unos_pocos(tmp_path: Path) -> None:
    _csv(tmp_path / "a.csv", _limpias(1, 4))
    for i in range(40):
        (tmp_path / f"foto{i:02d}.jpg").write_bytes(b"x")
        (tmp_path / f"e{i:02d}.revisado.xlsx").write_bytes(b"x")
    (tmp_path / "ultimo.reporte.json").write_bytes(b"x")
    run = apoyo("validar", tmp_path, "--fecha-corte", CORTE)
    assert run.returncode == 0
    texto = unir(run.stdout)
    assert texto.startswith(
        "No se revisaron 41 archivos porque son resultados de apoyo, no entregas: "
        "«e00.revisado.xlsx», «e01.revisado.xlsx», «e02.revisado.xlsx» y 38 más. "
        "No se revisaron 40 archivos por su tipo: «foto00.jpg», «foto01.jpg», «foto02.jpg» y "
        "37 más. Se revisan solo")
    assert "foto03.jpg" not in texto and "e03.revisado" not in texto


def test_carpeta_sin_entregas_dice_por_que(tmp_path: Path) -> None:
    (tmp_path / "a.revisado.xlsx").write_bytes(b"x")
    (tmp_path / "notas.pdf").write_bytes(b"x")
    run = apoyo("validar", tmp_path)
    assert run.returncode == 2
    assert unir(run.stdout) == (
        "No se revisó 1 archivo porque es un resultado de apoyo, no una entrega: "
        "«a.revisado.xlsx». No se revisó 1 archivo por su tipo: «notas.pdf». Se revisan solo "
        f"archivos {ACEPTADAS}; si es una entrega, guárdelo con uno de esos formatos.")
    assert unir(run.stderr) == (
        f"No se pudo usar: La carpeta «{tmp_path}» no tiene archivos de apoyos. Qué hacer: "
        f"Coloque ahí archivos {ACEPTADAS}.")


def test_exportar_dice_que_borro_los_archivos_de_una_exportacion_anterior(
        tmp_path: Path) -> None:
    limpias = _limpias(3, 5)
    con_error = [("33", *limpias[0][1:])]  # entity 33 does not exist
    salida = tmp_path / "derfe"  # given relative: the message stays on one line
    primera = apoyo("exportar", _csv(tmp_path / "a.csv", [*limpias, *con_error]), "--aspirante",
                    "Ana Ruiz", "--salida", "derfe", "--fecha-corte", CORTE,
                    cwd=tmp_path)
    assert primera.returncode == 1, primera.stderr
    assert sorted(p.name for p in salida.iterdir()) == ["ANA_RUIZ.xlsx",
                                                         "ANA_RUIZ_rechazados.xlsx"]
    # Now everything is fixed: the old rejects file goes, and the command says so.
    segunda = apoyo("exportar", _csv(tmp_path / "a.csv", limpias), "--aspirante", "Ana Ruiz",
                    "--salida", "derfe", "--fecha-corte", CORTE,
                    cwd=tmp_path)
    assert segunda.returncode == 0, segunda.stderr
    assert ("Se borró derfe/ANA_RUIZ_rechazados.xlsx, de una exportación anterior, porque "
            "ya no hay filas con errores (así no se envía ni se corrige un archivo viejo por "
            "error).") in unir(segunda.stdout)
    # Then nothing valid: the old DERFE file goes.
    tercera = apoyo("exportar", _csv(tmp_path / "a.csv", con_error), "--aspirante", "Ana Ruiz",
                    "--salida", "derfe", "--fecha-corte", CORTE,
                    cwd=tmp_path)
    assert tercera.returncode == 1, tercera.stderr
    assert ("Se borró derfe/ANA_RUIZ.xlsx, de una exportación anterior, porque esta "
            "exportación no tiene filas que enviar") in unir(tercera.stdout)
    assert sorted(p.name for p in salida.iterdir()) == ["ANA_RUIZ_rechazados.xlsx"]


def test_carpeta_con_la_entrega_y_su_exportacion_no_revisa_dos_veces(tmp_path: Path) -> None:
    """Found by a tester: after the README's example, `apoyo validar ejemplo` checked the DERFE
    file as another submission: every apoyo repeated in the other file, totals twice."""
    carpeta = tmp_path / "ej"
    carpeta.mkdir()
    entrega = _csv(carpeta / "apoyos.csv", _limpias(4, 8))
    for formato in ("xlsx", "txt"):
        assert apoyo("exportar", entrega, "--aspirante", "Ana Ruiz", "--formato", formato,
                     "--fecha-corte", CORTE).returncode == 0
    run = apoyo("validar", carpeta, "--fecha-corte", CORTE)
    assert run.returncode == 0, run.stdout + run.stderr
    assert ("No se revisaron 2 archivos porque son archivos para la DERFE que apoyo exportó de "
            "otra entrega de esta carpeta (sus filas ya se revisan en esa entrega): "
            "«ANA_RUIZ.txt», «ANA_RUIZ.xlsx». Para revisarlos, valídelos por separado."
            ) in unir(run.stdout)
    assert "duplicado" not in run.stdout
    assert sorted(p.name for p in carpeta.iterdir()) == [
        "ANA_RUIZ.txt", "ANA_RUIZ.xlsx", "apoyos.csv", "apoyos.reporte.json",
        "apoyos.revisado.xlsx"]


def test_carpeta_solo_de_exportaciones_se_revisa_completa(tmp_path: Path) -> None:
    """What aspirants send the OPLE is the export: a folder of exports is checked whole."""
    carpeta = tmp_path / "recibidos"
    carpeta.mkdir()
    for semilla, nombre in ((8, "Ana Ruiz"), (9, "Luis Paz")):
        entrega = _csv(tmp_path / f"{semilla}.csv", _limpias(3, semilla))
        assert apoyo("exportar", entrega, "--aspirante", nombre, "--salida", carpeta,
                     "--fecha-corte", CORTE).returncode == 0
    run = apoyo("validar", carpeta, "--fecha-corte", CORTE)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "para la DERFE" not in run.stdout
    assert {"ANA_RUIZ.revisado.xlsx", "LUIS_PAZ.revisado.xlsx"} <= {
        p.name for p in carpeta.iterdir()}


def test_exportacion_cuya_entrega_no_esta_en_la_carpeta_si_se_revisa(tmp_path: Path) -> None:
    """The export names its submission (`apoyo.export.marca`): beside another batch of the
    same aspirant, but without the file it came from, its rows are checked (they were left
    out, unchecked, by any other submission in the folder)."""
    from apoyo.export.marca import origen_de_exportacion

    carpeta = tmp_path / "ana"
    carpeta.mkdir()
    lote1 = _csv(tmp_path / "lote1.csv", _limpias(3, 8))
    assert apoyo("exportar", lote1, "--aspirante", "Ana Ruiz", "--salida", carpeta,
                 "--fecha-corte", CORTE).returncode == 0
    assert origen_de_exportacion(carpeta / "ANA_RUIZ.xlsx") == "lote1.csv"
    assert origen_de_exportacion(carpeta / "lote1.csv") is None
    _csv(carpeta / "lote2.csv", _limpias(4, 9))
    run = apoyo("validar", carpeta, "--fecha-corte", CORTE)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "para la DERFE" not in run.stdout
    assert {"ANA_RUIZ.revisado.xlsx", "lote2.revisado.xlsx"} <= {p.name for p in carpeta.iterdir()}
    # With its submission beside it, it is left out again.
    lote1.rename(carpeta / "lote1.csv")
    run = apoyo("validar", carpeta, "--fecha-corte", CORTE)
    assert ("No se revisó 1 archivo porque es el archivo para la DERFE que apoyo exportó de "
            "otra entrega de esta carpeta") in unir(run.stdout)


def test_exportacion_de_una_version_anterior_sin_origen(tmp_path: Path) -> None:
    from xlsxwriter.workbook import Workbook

    from apoyo.export.marca import PROPIEDADES, origen_de_exportacion, propiedades

    assert propiedades("a.xlsx") == {**PROPIEDADES, "subject": "a.xlsx"}
    vieja = tmp_path / "vieja.xlsx"
    libro = Workbook(str(vieja))
    libro.set_properties(PROPIEDADES)
    libro.add_worksheet("Apoyos")
    libro.close()
    assert origen_de_exportacion(vieja) == ""
    otra = tmp_path / "otra.xlsx"
    libro = Workbook(str(otra))
    libro.set_properties({"category": "Otra cosa", "subject": "a.xlsx"})
    libro.close()
    assert origen_de_exportacion(otra) is None


# ---- an export never replaces another submission's, nor a folder (found by a tester) ---------

def test_exportar_no_reemplaza_la_exportacion_de_otra_entrega(tmp_path: Path) -> None:
    """Exporting «parte2.csv» silently replaced the export of «parte1.csv» of the same
    aspirant: parte1's rows were then in no file for the DERFE, and the duplicates between the
    two parts were never checked."""
    parte1 = _csv(tmp_path / "parte1.csv", _limpias(3, 8))
    parte2 = _csv(tmp_path / "parte2.csv", _limpias(4, 9))
    assert apoyo("exportar", parte1, "--aspirante", "Ana Ruiz",
                 "--fecha-corte", CORTE).returncode == 0
    antes = (tmp_path / "ANA_RUIZ.xlsx").read_bytes()
    run = apoyo("exportar", parte2, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE)
    assert run.returncode == 2
    assert unir(run.stderr) == unir(
        "No se pudo usar: Ya existe «ANA_RUIZ.xlsx», exportado de «parte1.csv»: exportar "
        "«parte2.csv» lo reemplazaría y las filas de «parte1.csv» ya no estarían en el archivo "
        "para la DERFE. Qué hacer: La DERFE recibe un solo archivo por aspirante: junte las "
        "filas de «parte1.csv» y de «parte2.csv» en un solo archivo, valídelo (así se "
        "encuentran los apoyos repetidos entre los dos) y exporte ese; o guarde esta "
        "exportación en otra carpeta (en la línea de comandos, con --salida), o mueva o borre "
        "«ANA_RUIZ.xlsx» si ya no sirve.")
    assert (tmp_path / "ANA_RUIZ.xlsx").read_bytes() == antes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ANA_RUIZ.xlsx", "parte1.csv",
                                                          "parte2.csv"]
    # The same submission again replaces its own export; another folder is free.
    assert apoyo("exportar", parte1, "--aspirante", "Ana Ruiz",
                 "--fecha-corte", CORTE).returncode == 0
    otra = tmp_path / "otra"
    assert apoyo("exportar", parte2, "--aspirante", "Ana Ruiz", "--salida", otra,
                 "--fecha-corte", CORTE).returncode == 0
    assert len(openpyxl.load_workbook(otra / "ANA_RUIZ.xlsx").active["A"]) == 5


def test_exportacion_sin_origen_se_reemplaza_como_antes(tmp_path: Path) -> None:
    from xlsxwriter.workbook import Workbook

    from apoyo.export.marca import PROPIEDADES, origen_de_exportacion

    vieja = tmp_path / "ANA_RUIZ.xlsx"  # an export of an earlier version: no origin recorded
    libro = Workbook(str(vieja))
    libro.set_properties(PROPIEDADES)
    libro.add_worksheet("Apoyos")
    libro.close()
    entrega = _csv(tmp_path / "apoyos.csv", _limpias(3, 8))
    assert apoyo("exportar", entrega, "--aspirante", "Ana Ruiz",
                 "--fecha-corte", CORTE).returncode == 0
    assert origen_de_exportacion(vieja) == "apoyos.csv"


@pytest.mark.parametrize("ocupado", ["ANA_RUIZ.xlsx", "ANA_RUIZ_rechazados.xlsx"])
def test_exportar_no_toca_una_carpeta_con_el_nombre_de_una_salida(tmp_path: Path,
                                                                   ocupado: str) -> None:
    """A folder named like the export was moved to a hidden «.ANA_RUIZ.xlsx.anterior.tmp»,
    left behind with its files, and the next run failed in English ("Directory not empty")."""
    filas = _limpias(3, 8)
    entrega = _csv(tmp_path / "apoyos.csv", [*filas, ("07", "1", "X", "", "", "", "", "")])
    (tmp_path / ocupado).mkdir()
    (tmp_path / ocupado / "notas.txt").write_text("mías", encoding="utf-8")
    for _ in range(2):
        run = apoyo("exportar", entrega, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE)
        assert run.returncode == 2
        assert unir(run.stderr) == unir(
            f"No se pudo usar: No se pudo leer o escribir «{ocupado}» (ya existe una carpeta con "
            "ese nombre). Qué hacer: Cambie el nombre de esa carpeta o muévala, o elija otra "
            "carpeta de salida con --salida; no se modificó nada.")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["apoyos.csv", ocupado])
        assert (tmp_path / ocupado / "notas.txt").read_text(encoding="utf-8") == "mías"
