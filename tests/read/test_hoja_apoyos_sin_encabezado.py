"""«Apoyos» (always the sheet read) without a header row while another sheet holds the data: the
error names that sheet and says to move the rows into «Apoyos» (found by a tester: the message
did not say where the data was). And a second sheet whose rows plainly are apoyos but have no
header row gets ``otra-hoja-con-datos`` too."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from .ayudas_lectura import ENCABEZADOS, FILA_1, FILA_2

from apoyo.errors import ArchivoInutilizable
from apoyo.read import leer

Libro = Callable[..., Path]
ETIQUETAS = ("«Clave del Estado», «Sección electoral», «Nombre(s)», «Apellido paterno», "
             "«Apellido materno», «Clave de elector», «OCR», «CIC»")


def _falla(ruta: Path) -> ArchivoInutilizable:
    with pytest.raises(ArchivoInutilizable) as info:
        leer(ruta)
    return info.value


def test_apoyos_vacia_y_datos_en_hoja1(libro: Libro) -> None:
    ruta = libro("vacia.xlsx", {"Apoyos": [], "Hoja1": [ENCABEZADOS, FILA_1, FILA_2]})
    error = _falla(ruta)
    assert error.mensaje == ("La hoja «Apoyos», que es la que se revisa, está vacía, pero la hoja "
                             "«Hoja1» tiene 2 filas con datos de apoyos.")
    assert error.remedio == (
        "Mueva las filas de la hoja «Hoja1», con su fila de encabezados, a la hoja «Apoyos» "
        "(solo se revisa esa hoja) y vuelva a validar; o borre la hoja «Apoyos», que está "
        "vacía, y cambie el nombre de la hoja «Hoja1» a «Apoyos».")
    for valor in FILA_1 + FILA_2:  # no personal data in the message
        assert valor not in error.mensaje + error.remedio


def test_apoyos_con_titulo_y_datos_sin_encabezado_en_hoja1(libro: Libro) -> None:
    # «Apoyos» has a title but no header row; «Hoja1» has the rows, without a header either.
    ruta = libro("titulo.xlsx", {"Apoyos": [["Apoyos de ANA LOPEZ"]],
                                 "Hoja1": [FILA_1, FILA_2, FILA_1]})
    error = _falla(ruta)
    assert error.mensaje == (
        "La hoja «Apoyos», que es la que se revisa, no tiene la fila de encabezados (ninguna de "
        "sus primeras 20 filas con datos tiene los nombres de las columnas), pero la hoja «Hoja1» "
        "tiene 3 filas con datos de apoyos.")
    assert error.remedio == (
        "Mueva las filas de la hoja «Hoja1» a la hoja «Apoyos» (solo se revisa esa hoja) y "
        "vuelva a validar; o cambie el nombre de la hoja «Apoyos» (por ejemplo, a «Apoyos "
        "anterior») y cambie el nombre de la hoja «Hoja1» a «Apoyos». La hoja «Hoja1» no tiene "
        f"fila de encabezados: escriba arriba de los datos una fila con {ETIQUETAS}.")


def test_apoyos_vacia_y_datos_en_dos_hojas_una_oculta(libro: Libro) -> None:
    ruta = libro("dos.xlsx", {"Apoyos": [], "Hoja1": [ENCABEZADOS, FILA_1],
                              "Respaldo": [FILA_2, FILA_1], "Notas": [["Entregar el lunes"]]})
    modificado = openpyxl.load_workbook(ruta)
    modificado["Respaldo"].sheet_state = "hidden"
    modificado.save(ruta)
    error = _falla(ruta)
    assert error.mensaje == (
        "La hoja «Apoyos», que es la que se revisa, está vacía, pero las hojas «Hoja1» (1 fila) "
        "y «Respaldo» (oculta) (2 filas) tienen datos de apoyos.")
    assert error.remedio.startswith(
        "Junte las filas de las hojas «Hoja1» y «Respaldo» en la hoja «Apoyos», debajo de una "
        "sola fila de encabezados, y vuelva a validar")
    assert "La hoja «Respaldo» no tiene fila de encabezados" in error.remedio


def test_apoyos_vacia_sin_datos_en_otra_hoja_sigue_igual(libro: Libro) -> None:
    # Nothing elsewhere (a notes sheet, the template's own Instrucciones): the usual message.
    ruta = libro("nada.xlsx", {"Apoyos": [], "Notas": [["Municipio", "Total"], ["Tuxtla", 10]],
                               "Instrucciones": [["Capture una fila por apoyo."]]})
    assert _falla(ruta).mensaje.startswith(
        "No se encontró la fila de encabezados en la hoja «Apoyos»")


def test_apoyos_vacia_y_los_datos_en_una_hoja_llamada_instrucciones(libro: Libro) -> None:
    # A sheet with a template's name that holds apoyos is named too.
    ruta = libro("nada.xlsx", {"Apoyos": [], "Instrucciones": [ENCABEZADOS, FILA_1]})
    assert _falla(ruta).mensaje == (
        "La hoja «Apoyos», que es la que se revisa, está vacía, pero la hoja «Instrucciones» "
        "tiene 1 fila con datos de apoyos.")


def test_sin_apoyos_ni_encabezados_nombra_la_hoja_con_los_datos(libro: Libro) -> None:
    ruta = libro("sin.xlsx", {"Portada": [["Apoyos de ANA"]], "Datos": [FILA_1, FILA_2]})
    assert _falla(ruta).mensaje.startswith(
        "No se encontró la fila de encabezados en la hoja «Datos»:")


def test_cli_sale_con_2_y_nombra_la_hoja(libro: Libro, tmp_path: Path) -> None:
    ruta = libro("vacia.xlsx", {"Apoyos": [], "Hoja1": [ENCABEZADOS, FILA_1, FILA_2]})
    salida = tmp_path / "salida"
    run = subprocess.run([sys.executable, "-m", "apoyo", "validar", str(ruta), "--salida",
                          str(salida)], capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 2, (run.stdout, run.stderr)
    stderr = " ".join(run.stderr.split())  # the CLI wraps long lines
    assert "pero la hoja «Hoja1» tiene 2 filas con datos de apoyos." in stderr
    assert "Mueva las filas de la hoja «Hoja1», con su fila de encabezados, a la hoja «Apoyos»" \
        in stderr
    assert "Traceback" not in stderr
    assert not salida.exists() or not any(salida.iterdir())  # no output written


# ---- a second sheet of apoyos without a header row: otra-hoja-con-datos -----------------------

def test_segunda_hoja_sin_encabezados_avisa(libro: Libro) -> None:
    ruta = libro("sin_enc.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1],
                                  "Hoja2": [FILA_2, FILA_1, [], FILA_2]})
    tabla = leer(ruta)
    assert tabla.hoja == "Apoyos"
    assert [(h.fila, h.campo, h.codigo, h.severidad, h.mensaje) for h in tabla.hallazgos] == [
        (None, None, "otra-hoja-con-datos", "aviso",
         "La hoja «Hoja2» también tiene 3 filas con datos que parecen apoyos, sin fila de "
         "encabezados, pero solo se revisó la hoja «Apoyos»: esos datos no se revisaron ni se "
         "exportan.")]
    assert list(tabla.valores()) == [(2, tuple(FILA_1))]  # the sheet read is unchanged


def test_segunda_hoja_sin_encabezados_con_titulo_y_desde_c5(libro: Libro) -> None:
    # A title row, then apoyos; the claves in lower case with a trailing space still count.
    otra = [["Captura de marzo"], [*FILA_2[:5], FILA_2[5].lower() + " ", *FILA_2[6:]], FILA_1]
    ruta = libro("c5.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1], "Marzo": otra}, inicio=(4, 2))
    assert [(h.codigo, h.mensaje) for h in leer(ruta).hallazgos] == [
        ("otra-hoja-con-datos",
         "La hoja «Marzo» también tiene 3 filas con datos que parecen apoyos, sin fila de "
         "encabezados, pero solo se revisó la hoja «Apoyos»: esos datos no se revisaron ni se "
         "exportan.")]


@pytest.mark.parametrize("otra", [
    # No clave de elector shape: a totals sheet, a list of names and phones.
    [["Tuxtla", 10, "ANA", "LUIS", "PEDRO"], ["Tapachula", 12, "EVA", "JUAN", "RAUL"]],
    # Claves, but in rows of fewer than five filled cells (a lookup list).
    [["VZSNSF92021707M101", "SOFIA"], ["PRCSMR50102707M484", "MARIA"]],
    # Only one apoyo-like row among the first ones: not enough.
    [["Notas de la captura"], ["Revisar la sección 1726"], FILA_1],
])
def test_segunda_hoja_sin_encabezados_que_no_parece_apoyos(libro: Libro,
                                                          otra: list[list[object]]) -> None:
    ruta = libro("otra.xlsx", {"Apoyos": [ENCABEZADOS, FILA_1], "Otra": otra})
    assert leer(ruta).hallazgos == []


def test_apoyos_solo_con_encabezados_y_datos_en_hoja1(libro: Libro) -> None:
    """The template left empty and the rows typed in another sheet: exit 2 naming the sheet,
    as for an empty «Apoyos» (was: sin-registros plus a warning, found by a tester)."""
    ruta = libro("plantilla.xlsx", {"Apoyos": [ENCABEZADOS],
                                    "Hoja1": [ENCABEZADOS, FILA_1, FILA_2]})
    error = _falla(ruta)
    assert error.mensaje == ("La hoja «Apoyos», que es la que se revisa, solo tiene los "
                             "encabezados, sin filas de datos, pero la hoja «Hoja1» tiene 2 "
                             "filas con datos de apoyos.")
    assert error.remedio == (
        "Mueva las filas de la hoja «Hoja1» a la hoja «Apoyos», debajo de sus encabezados (solo "
        "se revisa esa hoja) y vuelva a validar; o borre la hoja «Apoyos», que no tiene datos, "
        "y cambie el nombre de la hoja «Hoja1» a «Apoyos».")


def test_apoyos_solo_con_encabezados_sin_otra_hoja_sigue_sin_registros(libro: Libro) -> None:
    ruta = libro("plantilla.xlsx", {"Apoyos": [ENCABEZADOS]})
    assert leer(ruta).hallazgos == []  # the checker then says sin-registros, exit 1
