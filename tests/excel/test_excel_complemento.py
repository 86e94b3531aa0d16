"""The ribbon add-in ``template/apoyo_xl.xlam``: how it is built, what its VBA calls (every
target must exist and run), and ``apoyo excel instalar``."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xlwings as xw
from typer.testing import CliRunner

from apoyo.excel import addin
from apoyo.excel import cli as excel_cli
from apoyo.excel.vba import llamadas_runpython, modulos_de_complemento, objetivos_python

pytest.importorskip("olefile")

NS = "{http://schemas.microsoft.com/office/2006/01/customui}"
COMPROMETIDO = addin.RUTA_COMPLEMENTO


@pytest.fixture(scope="module")
def vba():
    return modulos_de_complemento(COMPROMETIDO)


def _version_vba(modulos) -> str:
    return re.search(r'XLWINGS_VERSION As String = "([^"]+)"', modulos["xlwings"]).group(1)


def test_complemento_comprometido_es_el_que_genera_el_comando(tmp_path, vba):
    if _version_vba(vba) != xw.__version__:
        pytest.skip(f"template/apoyo_xl.xlam es de xlwings {_version_vba(vba)}; este entorno "
                    f"tiene {xw.__version__}: regenérelo con python -m apoyo.excel.addin")
    nuevo = addin.construir_complemento(tmp_path)
    assert nuevo.name == "apoyo_xl.xlam"
    assert nuevo.read_bytes() == COMPROMETIDO.read_bytes()


def test_solo_cambia_la_cinta(tmp_path):
    nuevo = addin.construir_complemento(tmp_path)
    with zipfile.ZipFile(addin.origen_xlwings()) as a, zipfile.ZipFile(nuevo) as b:
        assert a.namelist() == b.namelist()
        for nombre in a.namelist():
            if nombre != addin.PARTE_CINTA:
                assert a.read(nombre) == b.read(nombre), nombre


def test_cinta_en_espanol_y_un_solo_boton():
    with zipfile.ZipFile(COMPROMETIDO) as z:
        raiz = ET.fromstring(z.read(addin.PARTE_CINTA))
    [pestana] = raiz.iter(f"{NS}tab")
    assert pestana.get("label") == "Apoyo ciudadano"
    [boton] = raiz.iter(f"{NS}button")
    assert boton.get("label") == "Validar"
    assert boton.get("screentip") == "Validar los apoyos de este libro"
    assert "exportar" in boton.get("supertip")
    assert boton.get("onAction") == "RibbonMyAddin.RunMain"


def test_la_macro_de_la_cinta_existe_en_el_vba(vba):
    modulo, macro = addin.MACRO.split(".")
    assert re.search(rf"^Sub {macro}\(control As IRibbonControl\)", vba[modulo], re.MULTILINE)


def _comando_de_la_cinta(vba) -> str:
    codigo = vba["RibbonMyAddin"]
    # The module name is the add-in's file name without its extension:
    assert ('mymodule = Left(ThisWorkbook.Name, (InStrRev(ThisWorkbook.Name, ".", -1, '
            "vbTextCompare) - 1))") in codigo
    [comando] = llamadas_runpython(codigo, {"mymodule": Path(COMPROMETIDO.name).stem})
    return comando


def test_el_vba_llama_a_apoyo_xl_main(vba):
    assert _comando_de_la_cinta(vba) == "import apoyo_xl;apoyo_xl.main()"


def test_objetivos_python_del_vba_existen(vba):
    objetivos = set(objetivos_python("\n".join(vba.values())))
    assert objetivos == {
        "xlwings._xlwindows.BOOK_CALLER",  # optimized connection (Windows)
        "xlwings.import_udfs",  # UDFs (Windows)
        "xlwings.pro.runpython_embedded_code",  # embedded code sheets (not used)
        "xlwings.serve",  # COM server (Windows)
        "xlwings.utils.prepare_sys_path",  # every RunPython on Windows
    }
    for objetivo in objetivos:
        modulo, nombre = objetivo.rsplit(".", 1)
        assert _define(modulo, nombre), objetivo
    # and ours, from the ribbon macro
    modulo = importlib.import_module("apoyo_xl")
    assert callable(modulo.main)


def _define(modulo: str, nombre: str) -> bool:
    """Whether `modulo` defines or imports `nombre` at top level (read, not imported: some
    xlwings modules only import on Windows)."""
    spec = importlib.util.find_spec(modulo)
    arbol = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    for nodo in ast.walk(arbol):
        if isinstance(nodo, (ast.FunctionDef, ast.ClassDef)) and nodo.name == nombre:
            return True
        if isinstance(nodo, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == nombre for t in nodo.targets):
            return True
        if isinstance(nodo, ast.ImportFrom) and any(
                (a.asname or a.name) == nombre for a in nodo.names):
            return True
    return False


def test_comando_de_la_cinta_corre_de_verdad(abrir, xl, vba):
    """What RunPython executes on click, executed here against a mock caller."""
    book = abrir(xl.entrega(1200))
    exec(_comando_de_la_cinta(vba), {})  # noqa: S102 - our own command, read from the VBA
    alertas = [a["args"] for a in book.json()["actions"] if a["func"] == "alert"]
    [(texto, titulo, botones, modo, _)] = alertas
    assert texto.startswith("Se revisaron 1,200 filas de la hoja «Apoyos»: 1,192 válidas y 8 ")
    assert (titulo, botones, modo) == ("Apoyo ciudadano", "ok", "critical")


def test_linea_de_comandos_de_windows_corre(abrir, xl, vba, monkeypatch, tmp_path):
    """ExecuteWindows runs ``python -B -c "import xlwings.utils;xlwings.utils.prepare_sys_path(
    \\"<PYTHONPATH>\\"); <command>"``: run that Python text too."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    assert ('import xlwings.utils;xlwings.utils.prepare_sys_path(\\""" & PYTHONPATH & '
            '"\\""); " & PythonCommand') in vba["xlwings"]
    ruta = f"false;{tmp_path / 'entrega.xlsx'};{tmp_path / 'apoyo_xl.xlam'};;;;"
    python = (f'import xlwings.utils;xlwings.utils.prepare_sys_path("{ruta}"); '
              + _comando_de_la_cinta(vba))
    book = abrir(xl.entrega(100))
    exec(python, {})  # noqa: S102
    assert book.json()["actions"][-1]["func"] == "alert"


def test_nombre_distinto_se_rechaza(tmp_path):
    with pytest.raises(ValueError, match="debe llamarse «apoyo_xl.xlam»"):
        addin.construir_complemento(tmp_path / "otro.xlam")


def test_comando_python_m_regenera(tmp_path, capsys):
    assert addin.main([str(tmp_path)]) == 0
    assert (tmp_path / "apoyo_xl.xlam").is_file()
    assert "Complemento escrito" in capsys.readouterr().out


# ---- apoyo excel instalar ----------------------------------------------------------------------


def test_instalar_en_linux_dice_que_no_hay_excel(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    resultado = CliRunner().invoke(excel_cli.app, ["instalar"])
    assert resultado.exit_code == 2
    assert "Excel de escritorio no está disponible en este sistema (linux)" in resultado.output


def test_instalar_en_este_sistema_sin_excel():
    if sys.platform.startswith("win") or sys.platform == "darwin":
        pytest.skip("aquí podría haber Excel")
    resultado = CliRunner().invoke(excel_cli.app, ["instalar"])
    assert resultado.exit_code == 2
    assert "Excel de escritorio no está disponible" in resultado.output


@pytest.mark.parametrize("plataforma, clave, relativa", [
    ("win32", "INTERPRETER_WIN", ".myaddin/myaddin.conf"),
    ("darwin", "INTERPRETER_MAC", "Library/Containers/com.microsoft.Excel/Data/myaddin.conf"),
])
def test_instalar_en_windows_y_macos(tmp_path, plataforma, clave, relativa):
    comandos = []
    casa = tmp_path / "casa"
    previa = casa / relativa
    previa.parent.mkdir(parents=True)
    previa.write_text(f'"{clave}","viejo"\n"SHOW CONSOLE","True"\n', encoding="utf-8")
    conf = excel_cli.instalar_complemento(
        plataforma, ejecutar=lambda c: comandos.append(list(c)) or 0,
        carpeta=tmp_path / "apoyo", casa=casa, interprete="/opt/py/bin/python")
    xlam = tmp_path / "apoyo" / "apoyo_xl.xlam"
    assert comandos == [["/opt/py/bin/python", "-m", "xlwings.cli", "addin", "install",
                         "--file", str(xlam)]]
    assert xlam.is_file() and conf == previa
    lineas = conf.read_text(encoding="utf-8").splitlines()
    assert f'"{clave}","/opt/py/bin/python"' in lineas
    assert '"ADD_WORKBOOK_TO_PYTHONPATH","false"' in lineas
    assert '"SHOW CONSOLE","True"' in lineas
    assert f'"{clave}","viejo"' not in lineas


def test_instalar_falla_si_xlwings_falla(tmp_path):
    with pytest.raises(RuntimeError, match="xlwings no pudo instalar el complemento"):
        excel_cli.instalar_complemento("win32", ejecutar=lambda c: 1, carpeta=tmp_path,
                                       casa=tmp_path)


def test_subcomando_complemento(tmp_path):
    resultado = CliRunner().invoke(excel_cli.app, ["complemento", "--salida", str(tmp_path)])
    assert resultado.exit_code == 0, resultado.output
    assert (tmp_path / "apoyo_xl.xlam").is_file()


def test_instalar_sin_xlwings(tmp_path, monkeypatch):
    def sin_xlwings():
        raise ImportError("xlwings")

    monkeypatch.setattr(addin, "origen_xlwings", sin_xlwings)
    with pytest.raises(RuntimeError, match=r'pip install "apoyo-ciudadano\[excel\]"'):
        excel_cli.instalar_complemento("win32", ejecutar=lambda c: 0, carpeta=tmp_path,
                                       casa=tmp_path)
