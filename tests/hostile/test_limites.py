"""The limits of `apoyo.limites`, each enforced with its Spanish message (exit code 2, nothing
written), and a full sheet of 1,048,575 rows, which is within them."""

from __future__ import annotations

import time
import types
import zipfile
from pathlib import Path

import pytest
import python_calamine
from .ayudas_hostiles import (
    _CONTENT_TYPES,
    _RELS,
    _WORKBOOK,
    _WORKBOOK_RELS,
    CORTE,
    ENCABEZADOS,
    FILA_1,
    FILAS,
    Corredor,
    basico,
    csv_texto,
    miembro,
    zip_a_mano,
)

from apoyo import limites
from apoyo.errors import ArchivoInutilizable
from apoyo.read.tabla import Tabla

FILAS_MAS_ALLA = ("Divida los apoyos en varios archivos de hasta 1,048,575 filas cada uno (sin "
                  "líneas en blanco de sobra) y valide cada uno.")


def validar(apoyo: Corredor, ruta: Path, *extra: str):
    return apoyo("validar", ruta, "--fecha-corte", CORTE, *extra, entrada=ruta)


def test_tamano_maximo(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = tmp_path / "enorme.csv"
    with ruta.open("wb") as f:
        f.truncate(250 * 2**20)  # sparse: no disk used
    res = validar(apoyo, ruta)
    assert res.rc == 2
    assert res.dice("No se pudo usar: enorme.csv: El archivo pesa 250 MB; el máximo que se acepta "
                    "es 200 MB. Qué hacer: Guárdelo como Libro de Excel (.xlsx), que ocupa menos, o "
                    "divida los registros en varios archivos.")


def _hoja(filas: list[tuple[int, list[str]]]) -> bytes:
    def fila(n: int, valores: list[str]) -> str:
        celdas = "".join(f'<c r="{chr(65 + i)}{n}" t="inlineStr"><is><t>{v}</t></is></c>'
                         for i, v in enumerate(valores))
        return f'<row r="{n}">{celdas}</row>'

    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://'
            'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(fila(n, v) for n, v in filas) + "</sheetData></worksheet>").encode()


def _libro_a_mano(ruta: Path, hoja: bytes) -> Path:
    return zip_a_mano(ruta, [miembro("[Content_Types].xml", _CONTENT_TYPES),
                             miembro("_rels/.rels", _RELS), miembro("xl/workbook.xml", _WORKBOOK),
                             miembro("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
                             miembro("xl/worksheets/sheet1.xml", hoja)])


def test_fila_despues_de_la_ultima_de_excel(apoyo: Corredor, tmp_path: Path) -> None:
    """A hand-made workbook with a row numbered 1,048,577 (Excel cannot have it)."""
    ruta = _libro_a_mano(tmp_path / "mas_alla.xlsx",
                         _hoja([(1, ENCABEZADOS), (2, FILA_1), (1_048_577, FILAS[1])]))
    res = validar(apoyo, ruta)
    assert res.rc == 2
    assert res.dice("No se pudo usar: mas_alla.xlsx: El archivo tiene datos en la fila 1,048,577; "
                    "una hoja de Excel llega hasta la fila 1,048,576 (1,048,575 apoyos debajo del "
                    "encabezado), así que la revisión no puede marcarlo completo. Qué hacer: "
                    + FILAS_MAS_ALLA)


def test_linea_despues_de_la_ultima_fila_de_excel(apoyo: Corredor, tmp_path: Path) -> None:
    """A text file whose data go past line 1,048,576 (here after a million blank lines): its
    line numbers are the marked copy's row numbers, which Excel cannot hold."""
    ruta = tmp_path / "lineas.csv"
    ruta.write_text(csv_texto([ENCABEZADOS, FILA_1]) + "\r\n" * 1_048_574
                    + csv_texto([FILAS[1]]), encoding="utf-8")
    res = validar(apoyo, ruta)
    assert res.rc == 2
    assert res.dice("No se pudo usar: lineas.csv: El archivo tiene datos en la línea 1,048,577; "
                    "una hoja de Excel llega hasta la fila 1,048,576")


def test_bomba_zip_total(apoyo: Corredor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard on the total declared size (2 GiB), lowered so that a small file trips it."""
    from apoyo.read import ooxml

    monkeypatch.setattr(ooxml, "DESCOMPRIMIDO_MAXIMO", 1000)
    res = validar(apoyo, basico(tmp_path / "apoyos.xlsx"))
    assert res.rc == 2
    assert res.dice("No se pudo usar: apoyos.xlsx: El archivo declara un contenido descomprimido "
                    "desproporcionado")


TIEMPO = ("La revisión pasó del tiempo máximo de 0.001 segundos por archivo (antes de revisar "
          "la primera fila) y se detuvo; no se escribió ningún resultado. Qué hacer: Divida el "
          "archivo en partes más pequeñas, o dé más tiempo con --tiempo-maximo SEGUNDOS (0 = "
          "sin límite).")


def test_tiempo_maximo_validar(apoyo: Corredor, tmp_path: Path) -> None:
    res = validar(apoyo, basico(tmp_path / "apoyos.xlsx"), "--tiempo-maximo", "0.001")
    assert res.rc == 2
    assert res.dice(f"No se pudo usar: apoyos.xlsx: {TIEMPO}")


def test_tiempo_maximo_exportar(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = basico(tmp_path / "apoyos.xlsx")
    res = apoyo("exportar", ruta, "--aspirante", "Ana Ruiz", "--tiempo-maximo", "0.001",
                entrada=ruta)
    assert res.rc == 2
    assert res.dice(f"No se pudo usar: {TIEMPO}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["apoyos.xlsx"]


def test_tiempo_cero_es_sin_limite(apoyo: Corredor, tmp_path: Path) -> None:
    res = validar(apoyo, basico(tmp_path / "apoyos.xlsx"), "--tiempo-maximo", "0")
    assert (res.rc, res.hallazgos) == (0, [])


def test_el_plazo_se_revisa_entre_lotes(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a clock that advances one second per look, a 2.5 s budget stops the pass after two
    batches, saying how far it got."""
    reloj = iter(range(100))
    monkeypatch.setattr(limites, "time", types.SimpleNamespace(monotonic=lambda: next(reloj)))
    tabla = Tabla("a.csv", "csv", None, [], 1, {}, lambda: iter(range(3 * limites.FILAS_POR_VISTAZO)))
    limites.con_plazo(tabla, 2.5)  # starts at 0: looks at 1, 2, then 3 > 2.5
    vistas: list[int] = []
    with pytest.raises(ArchivoInutilizable) as info:
        vistas.extend(tabla.filas())
    assert len(vistas) == 2 * limites.FILAS_POR_VISTAZO
    assert info.value.mensaje.startswith(
        "La revisión pasó del tiempo máximo de 2.5 segundos por archivo (iba en 8,192 filas)")


# ---- a full sheet: 1,048,576 rows (header included) -----------------------------------------------


def _hoja_completa(ruta: Path) -> Path:
    """An .xlsx with the header and 1,048,575 distinct valid rows, streamed into the zip."""
    inicio = "VZSNSF"
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for nombre, datos in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                              ("xl/workbook.xml", _WORKBOOK),
                              ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)):
            zf.writestr(nombre, datos)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as hoja:
            hoja.write(_hoja([(1, ENCABEZADOS)]).split(b"</sheetData>")[0])
            fechas = [time.strftime("%y%m%d", time.gmtime(-315_619_200 + d * 86_400))
                      for d in range(1100)]  # from 1960-01-01
            bloque = []
            for i in range(1, 1_048_576):
                n = i + 1
                clave = f"{inicio}{fechas[i // 1000]}07M{i % 1000:03d}"
                bloque.append(
                    f'<row r="{n}"><c t="inlineStr"><is><t>07</t></is></c><c t="inlineStr"><is>'
                    f'<t>1726</t></is></c><c t="inlineStr"><is><t>SOFIA</t></is></c><c t="inlineStr">'
                    f'<is><t>VAZQUEZ</t></is></c><c t="inlineStr"><is><t>SANCHEZ</t></is></c>'
                    f'<c t="inlineStr"><is><t>{clave}</t></is></c><c t="inlineStr"><is><t>1726'
                    f'{i:09d}</t></is></c><c t="inlineStr"><is><t>{100_000_000 + i}</t></is></c>'
                    f"</row>")
                if len(bloque) == 50_000:
                    hoja.write("".join(bloque).encode())
                    bloque.clear()
            hoja.write("".join(bloque).encode() + b"</sheetData></worksheet>")
    return ruta


@pytest.mark.slow
def test_hoja_completa_de_1048576_filas(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = _hoja_completa(tmp_path / "completa.xlsx")
    inicio = time.perf_counter()
    res = validar(apoyo, ruta)
    duracion = time.perf_counter() - inicio
    assert (res.rc, res.hallazgos) == (0, [])
    assert (res.reporte["filas"], res.reporte["filas_validas"]) == (1_048_575, 1_048_575)
    hoja = python_calamine.CalamineWorkbook.from_path(str(res.revisado)).get_sheet_by_name("Apoyos")
    assert hoja.height == 1_048_576
    assert duracion < limites.TIEMPO_MAXIMO / 3, duracion


@pytest.mark.parametrize(("segundos", "filas", "texto"), [
    (1, 0, "1 segundo por archivo (antes de revisar la primera fila)"),
    (1, 1, "1 segundo por archivo (iba en 1 fila)"),
    (2.5, 8192, "2.5 segundos por archivo (iba en 8,192 filas)"),
])
def test_tiempo_agotado_en_singular_y_plural(segundos: float, filas: int, texto: str) -> None:
    # Found by a tester: «--tiempo-maximo 1» said "1 segundos ... (iba en 0 filas)".
    from apoyo.read import inutilizable

    assert texto in inutilizable.tiempo_agotado(segundos, filas).mensaje
