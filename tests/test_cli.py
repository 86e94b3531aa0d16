"""The main job end to end through the `apoyo` command: validar, exportar, plantilla, ejemplo."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from apoyo.example import cada_para, generar
from apoyo.schema import CAMPOS, ETIQUETAS, COLOR_ERROR
from compartido import CASOS, MOTIVO

CORTE = "2026-11-29"


def apoyo(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line (`python -m apoyo`)."""
    return subprocess.run([sys.executable, "-m", "apoyo", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def sha(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def errores(reporte: dict) -> set[tuple[int | None, str | None, str]]:
    return {(h["fila"], h["campo"], h["codigo"]) for h in reporte["hallazgos"]
            if h["severidad"] == "error"}


@pytest.fixture
def ejemplo(tmp_path: Path) -> Path:
    ruta = tmp_path / "entrega" / "apoyos.xlsx"
    run = apoyo("ejemplo", "--filas", 130, "--salida", ruta, "--semilla", 5)
    assert run.returncode == 0, run.stderr
    return ruta


# ---- the handed cases: each kind of fault, through the CLI ----------------------------------------

ERRORES_CASOS = {
    "columnas_formateadas.xlsx": {(9, "ocr", "sin-ocr-ni-cic")},
    "duplicados.xlsx": {(6, "clave_elector", "duplicado-clave-elector"),
                        (9, "clave_elector", "duplicado-clave-elector"),
                        (9, "ocr", "duplicado-ocr"), (9, "cic", "duplicado-cic")},
    "espacios_acentos.xlsx": {(7, "apellido_paterno", "nombre-invalido"),
                              (11, "nombre", "campo-obligatorio")},
    "excel_cp1252.csv": {(11, "ocr", "ocr-longitud")},
    "excel_numeros.xlsx": {(10, "clave_elector", "clave-elector-fecha")},
    "libreoffice_guardado.xlsx": {(8, "clave_elector", "clave-elector-longitud")},
}


@pytest.mark.skipif(not CASOS.is_dir(), reason=MOTIVO)
@pytest.mark.parametrize("archivo", sorted(ERRORES_CASOS))
def test_handed_case_gives_exactly_its_errors(tmp_path: Path, archivo: str) -> None:
    entrada = tmp_path / archivo
    shutil.copy(CASOS / archivo, entrada)
    antes = sha(entrada)
    run = apoyo("validar", entrada, "--fecha-corte", CORTE)
    assert run.returncode == 1, run.stderr
    reporte = json.loads((tmp_path / f"{entrada.stem}.reporte.json").read_text("utf-8"))
    esperado = json.loads((CASOS / archivo).with_suffix(".expected.json").read_text("utf-8"))
    assert reporte["filas"] == esperado["filas"]
    assert errores(reporte) == ERRORES_CASOS[archivo]
    assert reporte["errores"] == len(ERRORES_CASOS[archivo])
    assert sha(entrada) == antes
    assert "Traceback" not in run.stderr + run.stdout


# ---- validar: the marked copy, the report, re-validation ------------------------------------------

def test_validar_marks_planted_faults_and_revalidating_the_marked_copy_agrees(
        ejemplo: Path) -> None:
    run = apoyo("validar", ejemplo, "--fecha-corte", CORTE)
    assert run.returncode == 1
    reporte = json.loads(ejemplo.with_name("apoyos.reporte.json").read_text("utf-8"))
    cada = cada_para(130)  # 10: faults at data rows 10, 20...
    fila_fecha = cada + 1  # row 11 in Excel (header = 1) holds the first fault: month 13
    assert (fila_fecha, "clave_elector", "clave-elector-fecha") in errores(reporte)
    assert reporte["filas"] == 130
    assert reporte["aviso"].startswith("Este reporte contiene datos personales")

    libro = openpyxl.load_workbook(ejemplo.with_name("apoyos.revisado.xlsx"))
    hoja = libro["Apoyos"]
    assert [c.value for c in hoja[1]][:9] == [ETIQUETAS[c] for c in CAMPOS] + ["Resultado"]
    celda = hoja.cell(fila_fecha, CAMPOS.index("clave_elector") + 1)
    assert celda.fill.fgColor.rgb[-6:] == COLOR_ERROR.lstrip("#")
    assert "Fecha de nacimiento imposible" in celda.comment.text
    assert "Revise los dígitos 7 a 12" in celda.comment.text
    assert hoja.cell(fila_fecha, 9).value == "clave-elector-fecha"
    assert hoja.cell(2, 9).value == "OK"
    assert "Resumen" in libro.sheetnames
    resumen = {f[0]: f[1] for f in libro["Resumen"].iter_rows(max_col=2, values_only=True)}
    assert (resumen["Aspirante"], resumen["Cargo"]) == ("María López Hernández", "Gubernatura")

    # Re-validating the marked copy (Resultado column and Resumen sheet are ours) agrees.
    segunda = apoyo("validar", ejemplo.with_name("apoyos.revisado.xlsx"), "--fecha-corte", CORTE,
                    "--salida", ejemplo.parent / "otra")
    assert segunda.returncode == 1
    otro = json.loads((ejemplo.parent / "otra" / "apoyos.revisado.reporte.json").read_text())
    assert [(h["fila"], h["campo"], h["codigo"]) for h in otro["hallazgos"]] == \
        [(h["fila"], h["campo"], h["codigo"]) for h in reporte["hallazgos"]]


def test_validar_clean_file_exits_0_and_personal_data_stays_off_screen(tmp_path: Path) -> None:
    filas = generar(40, semilla=9, fecha_corte=date(2026, 11, 29))  # first fault at row 97
    ruta = tmp_path / "limpio.csv"
    ruta.write_text("\n".join(";".join(f) for f in [[ETIQUETAS[c] for c in CAMPOS], *filas]),
                    encoding="utf-8")
    run = apoyo("validar", ruta, "--fecha-corte", CORTE)
    assert run.returncode == 0, run.stdout + run.stderr
    pantalla = run.stdout + run.stderr
    assert filas[0][5] not in pantalla and filas[0][6] not in pantalla
    reporte = json.loads((tmp_path / "limpio.reporte.json").read_text("utf-8"))
    assert (reporte["filas"], reporte["filas_validas"], reporte["errores"]) == (40, 40, 0)


def test_validar_folder_flags_the_same_clave_in_two_files(tmp_path: Path) -> None:
    filas = generar(6, semilla=11, fecha_corte=date(2026, 11, 29))[:2]
    encabezado = ",".join(ETIQUETAS[c] for c in CAMPOS)
    (tmp_path / "a.csv").write_text(f"{encabezado}\n{','.join(filas[0])}\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        f"{encabezado}\n{','.join(filas[1])}\n{','.join(filas[0])}\n", encoding="utf-8")
    run = apoyo("validar", tmp_path, "--fecha-corte", CORTE)
    assert run.returncode == 1
    assert "Resumen de la carpeta" in run.stdout
    b = json.loads((tmp_path / "b.reporte.json").read_text("utf-8"))
    [h] = [h for h in b["hallazgos"] if h["codigo"] == "duplicado-clave-elector"]
    assert (h["fila"], h["mensaje"]) == (
        3, "La clave de elector ya aparece en la fila 2 del archivo «a.csv».")


def test_carpeta_con_la_plantilla_y_su_exportacion_cuenta_cada_apoyo_una_vez(
        ejemplo: Path) -> None:
    # Found by a tester: the same people in the template and in its export were counted twice
    # as valid; found by another: checking the export too made every apoyo a duplicate. The
    # export (marked as such, `apoyo.export.marca`) is now left out of the folder, and said.
    assert apoyo("exportar", ejemplo, "--fecha-corte", CORTE).returncode == 1
    run = apoyo("validar", ejemplo.parent, "--fecha-corte", CORTE)
    assert run.returncode == 1
    assert "«MARIA_LOPEZ_HERNANDEZ.xlsx». Para revisarlo, valídelo por separado." in " ".join(
        run.stdout.split())
    assert not ejemplo.with_name("MARIA_LOPEZ_HERNANDEZ.reporte.json").exists()
    plantilla = json.loads(ejemplo.with_name("apoyos.reporte.json").read_text("utf-8"))
    assert not [h for h in plantilla["hallazgos"] if "MARIA_LOPEZ_HERNANDEZ" in h["mensaje"]]
    assert (plantilla["filas"], plantilla["filas_validas"]) == (130, 121)
    # Checked by itself, the export is a submission like any other.
    solo = apoyo("validar", ejemplo.with_name("MARIA_LOPEZ_HERNANDEZ.xlsx"),
                 "--fecha-corte", CORTE)
    assert solo.returncode == 0, solo.stdout


def test_unusable_file_exits_2_with_spanish_message_and_no_output(tmp_path: Path) -> None:
    ruta = tmp_path / "no_es_hoja.xlsx"
    ruta.write_bytes(b"%PDF-1.4\n% not a spreadsheet\n")
    run = apoyo("validar", ruta)
    assert run.returncode == 2
    assert "No se pudo usar" in run.stderr and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["no_es_hoja.xlsx"]


# ---- exportar ------------------------------------------------------------------------------------

def test_screen_counts_agree_in_number_and_a_clean_file_says_so(tmp_path: Path) -> None:
    filas = [list(f) for f in generar(3, semilla=9, fecha_corte=date(2026, 11, 29))]
    encabezado = [ETIQUETAS[c] for c in CAMPOS]

    def escribir(nombre: str, datos: list[list[str]]) -> Path:
        ruta = tmp_path / nombre
        ruta.write_text("\n".join(";".join(f) for f in [encabezado, *datos]), encoding="utf-8")
        return ruta

    limpio = apoyo("validar", escribir("limpio.csv", filas[:1]), "--fecha-corte", CORTE)
    assert limpio.returncode == 0
    assert ("limpio.csv: 1 fila (1 válida, 0 con errores); 0 errores y 0 avisos.\n"
            "Sin errores ni avisos: todas las filas están listas para exportar.") in limpio.stdout
    mala = [*filas[1][:5], filas[1][5][:8] + "13" + filas[1][5][10:], *filas[1][6:]]
    una = escribir("una.csv", [filas[0], mala])
    run = apoyo("validar", una, "--fecha-corte", CORTE)
    assert run.returncode == 1
    assert "una.csv: 2 filas (1 válida, 1 con errores); 1 error y 0 avisos" in run.stdout
    assert "Sin errores ni avisos" not in run.stdout
    exportar = apoyo("exportar", una, "--fecha-corte", CORTE, "--aspirante", "ANA PEREZ LOPEZ",
                     "--salida", tmp_path / "salida")
    assert exportar.returncode == 1
    pantalla = " ".join(exportar.stdout.split())  # rich wraps long lines
    assert "Exportada 1 fila a " in pantalla
    assert "1 fila con errores quedó en " in pantalla and "; corríjala y vuelva a exportar." in pantalla


@pytest.mark.parametrize("formato", ["xlsx", "txt"])
def test_exportar_sin_filas_validas_no_escribe_archivo_vacio(tmp_path: Path, formato: str) -> None:
    encabezado = ";".join(ETIQUETAS[c] for c in CAMPOS)
    [fila] = generar(1, semilla=9, fecha_corte=date(2026, 11, 29))
    sin_nombre = ";".join([*fila[:2], "", *fila[3:]])  # campo-obligatorio: rejected
    casos = {"solo_encabezado.csv": (encabezado, "el archivo no tiene filas con datos", False),
             "todas_malas.csv": (f"{encabezado}\n{sin_nombre}", "todas las filas tienen errores",
                                 True)}
    for nombre, (contenido, motivo, con_rechazos) in casos.items():
        salida = tmp_path / f"{nombre}.salidas"
        (tmp_path / nombre).write_text(contenido, encoding="utf-8")
        run = apoyo("exportar", tmp_path / nombre, "--aspirante", "Ana Ruiz", "--formato",
                    formato, "--salida", salida / "out", "--fecha-corte", CORTE)
        assert run.returncode == 1
        assert " ".join(run.stdout.split()).startswith(
            f"No se exportó nada: {motivo}; no se escribió ANA_RUIZ.{formato} (un archivo "
            "vacío no debe enviarse).")
        if con_rechazos:
            assert sorted(p.name for p in (salida / "out").iterdir()) == [
                "ANA_RUIZ_rechazados.xlsx"]
        else:  # nothing written: the output folders this run created are gone too
            assert not salida.exists()


def test_exportar_names_file_after_aspirant_and_keeps_text(ejemplo: Path) -> None:
    run = apoyo("exportar", ejemplo, "--fecha-corte", CORTE)
    assert run.returncode == 1  # the example has rows with errors: they go to the rejects
    exportado = ejemplo.with_name("MARIA_LOPEZ_HERNANDEZ.xlsx")
    rechazados = ejemplo.with_name("MARIA_LOPEZ_HERNANDEZ_rechazados.xlsx")
    reporte_run = apoyo("validar", ejemplo, "--fecha-corte", CORTE)
    reporte = json.loads(ejemplo.with_name("apoyos.reporte.json").read_text("utf-8"))
    assert reporte_run.returncode == 1
    hoja = openpyxl.load_workbook(exportado).active
    filas = list(hoja.iter_rows(values_only=True))
    assert list(filas[0]) == [ETIQUETAS[c] for c in CAMPOS]
    assert len(filas) - 1 == reporte["filas_validas"]
    assert all(c.data_type == "s" for fila in hoja.iter_rows(min_row=2) for c in fila)
    assert filas[1][0] == "07"
    rech = openpyxl.load_workbook(rechazados).active
    assert rech.max_row - 1 == reporte["filas"] - reporte["filas_validas"]


def test_exportar_txt_with_name_option(ejemplo: Path, tmp_path: Path) -> None:
    salida = tmp_path / "derfe"
    run = apoyo("exportar", ejemplo, "--formato", "txt", "--aspirante", "José Ñúñez de la O",
                "--salida", salida, "--fecha-corte", CORTE)
    assert run.returncode == 1
    texto = (salida / "JOSE_NUNEZ_DE_LA_O.txt").read_bytes().decode("utf-8-sig")
    lineas = texto.split("\r\n")
    assert lineas[0] == "\t".join(ETIQUETAS[c] for c in CAMPOS)
    assert lineas[1].split("\t")[0] == "07"


# ---- plantilla -----------------------------------------------------------------------------------

def test_plantilla_prefills_aspirant(tmp_path: Path) -> None:
    ruta = tmp_path / "sub" / "p.xlsx"
    run = apoyo("plantilla", "--salida", ruta, "--aspirante", "Ana Ruiz", "--entidad", "7")
    assert run.returncode == 0, run.stderr
    hoja = openpyxl.load_workbook(ruta)["Aspirante"]
    valores = {hoja.cell(r, 1).value: hoja.cell(r, 2).value for r in range(1, 10)}
    assert valores["Nombre del aspirante"] == "Ana Ruiz"
    assert valores["Entidad"] == "07"


def test_bad_option_is_a_spanish_usage_error(tmp_path: Path) -> None:
    run = apoyo("validar", tmp_path, "--entidad", "40")
    assert run.returncode == 2
    assert "La entidad «40» no existe." in run.stderr


@pytest.mark.parametrize("args", [["--help"], ["validar", "--help"], ["exportar", "--help"]])
def test_help_screens_are_spanish(args: list[str]) -> None:
    run = apoyo(*args)
    assert run.returncode == 0
    assert "Uso: apoyo" in run.stdout and "Opciones" in run.stdout
    assert "Muestra esta ayuda y termina." in " ".join(run.stdout.replace("│", " ").split())
    assert "Usage" not in run.stdout and "Show this message" not in run.stdout


@pytest.mark.parametrize(("args", "mensaje"), [
    (["plantilla", "--salida", "p/x.csv"], "El archivo de la plantilla debe terminar en .xlsx"),
    (["validar", "x.csv", "--entidad"], "La opción «--entidad» necesita un valor."),
    (["nada"], "Ese comando no existe. Los comandos son: validar, exportar"),
    (["validar"], "Falta el archivo de apoyos: escríbalo después del comando, por ejemplo "
                  "«apoyo validar apoyos.xlsx»"),
    (["exportar"], "Falta el archivo de apoyos: escríbalo después del comando, por ejemplo "
                   "«apoyo exportar apoyos.xlsx»."),
    (["validar", "x.csv", "--fecha-corte", "1900-01-01"], "está fuera de lo razonable"),
    (["validar", "x.csv", "--salida", "x.csv"], "«x.csv» es un archivo; --salida espera una"),
    (["validar", "x.csv", "--salida", "r.xlsx"], "«r.xlsx» es un archivo; --salida espera una"),
])
def test_misuse_gets_spanish_message_and_exit_2(tmp_path: Path, args: list[str],
                                                 mensaje: str) -> None:
    (tmp_path / "x.csv").write_text("Clave del Estado\n", encoding="utf-8")
    run = apoyo(*args, cwd=tmp_path)
    assert run.returncode == 2
    assert mensaje in " ".join(run.stderr.split())
    assert "Traceback" not in run.stderr


def test_carpeta_dice_lo_que_no_reviso(tmp_path: Path) -> None:
    # Found by a tester: subfolders and broken links were skipped in silence, and a link to
    # a file of the folder was checked again (all its rows duplicates of themselves).
    filas = generar(2, semilla=11, fecha_corte=date(2026, 11, 29))
    encabezado = ",".join(ETIQUETAS[c] for c in CAMPOS)
    (tmp_path / "a.csv").write_text(f"{encabezado}\n{','.join(filas[0])}\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.csv").write_text(f"{encabezado}\n{','.join(filas[1])}\n",
                                            encoding="utf-8")
    (tmp_path / "c.csv").symlink_to(tmp_path / "a.csv")
    (tmp_path / "roto.csv").symlink_to(tmp_path / "no_existe.csv")
    run = apoyo("validar", tmp_path, "--fecha-corte", CORTE)
    assert run.returncode == 0
    assert " ".join(run.stdout.split()).startswith(
        "No se revisaron: «c.csv» (es otro nombre de un archivo ya incluido); «roto.csv» "
        "(enlace a un archivo que no existe); la subcarpeta «sub» (valídela aparte).")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.csv", "a.reporte.json", "a.revisado.xlsx", "c.csv", "roto.csv", "sub"]


@pytest.mark.parametrize(("argumentos", "mensaje"), [
    (("validar", "a.csv", "a.csv"), "Sobra «a.csv»: cada orden recibe un solo archivo o "
     "carpeta, y opciones como --conservar-acentos no llevan valor."),
    (("validar", "a.csv", "--conservar-acentos", "true"), "Sobra «true»: cada orden recibe un "
     "solo archivo o carpeta, y opciones como --conservar-acentos no llevan valor."),
    (("validar", "a.csv", "--tiempo-maximo", "-1"), "Valor no válido para --tiempo-maximo."),
])
def test_ordenes_mal_escritas_dicen_que_sobra(argumentos, mensaje) -> None:
    # Found by a tester: all three said only «La orden no se entendió» (or were accepted).
    run = apoyo(*argumentos)
    assert run.returncode == 2
    assert " ".join(run.stderr.split()).startswith(f"No se pudo usar: {mensaje}")


def test_ayuda_no_ofrece_valor_a_las_banderas() -> None:
    ayuda = apoyo("validar", "--help").stdout
    [linea] = [x for x in ayuda.splitlines() if "--conservar-acentos" in x]
    assert "<bool>" not in linea and "<bool>" not in ayuda


def test_nombre_de_aspirante_demasiado_largo(ejemplo: Path) -> None:
    run = apoyo("exportar", ejemplo, "--aspirante", "Ana " * 100)
    assert run.returncode == 2
    assert " ".join(run.stderr.split()) == (
        "No se pudo usar: El nombre del aspirante es demasiado largo para nombrar el archivo "
        "(399 caracteres; como máximo 120). Qué hacer: Escriba solo el nombre y los apellidos "
        "del aspirante en la hoja Aspirante de la plantilla o con --aspirante \"NOMBRE "
        "APELLIDO APELLIDO\".")
    assert sorted(p.name for p in ejemplo.parent.iterdir()) == ["apoyos.xlsx"]


def test_exportar_con_una_columna_repetida_no_escribe_nada(tmp_path: Path) -> None:
    # Found by a tester: the first «OCR» column was empty, the data in the second; the export
    # went out without OCR. Which column is meant only the user knows.
    [fila] = generar(1, semilla=9, fecha_corte=date(2026, 11, 29))
    entrada = tmp_path / "dos_ocr.csv"
    entrada.write_text(",".join(["OCR", *(ETIQUETAS[c] for c in CAMPOS)]) + "\n"
                       + ",".join(["", *fila]) + "\n", encoding="utf-8")
    run = apoyo("exportar", entrada, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE)
    assert run.returncode == 2
    assert " ".join(run.stderr.split()) == (
        "No se pudo usar: La columna «OCR» aparece más de una vez y no se sabe cuál enviar a la "
        "DERFE; no se exportó nada. Qué hacer: Deje una sola columna «OCR» y borre o renombre "
        "las demás.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dos_ocr.csv"]
