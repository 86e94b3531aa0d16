"""The cap on notes: cells with an error get theirs first, warnings the ones left over; every
marked cell keeps its fill; memory stays bounded by the cap while the rows stream."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from .ayudas_marcado import ARGB_AVISO, ARGB_ERROR, FILA_LIMPIA, relleno, revision, tabla

from apoyo.errors import hallazgo
from apoyo.mark import escribir_revisado
from apoyo.mark.revisado import CopiaMarcada, _Marcas, _marcar
from apoyo.read.tabla import FilaLeida
from apoyo.schema import HOJA_APOYOS, HOJA_RESUMEN

FILA_MINUS = (*FILA_LIMPIA[:2], "sofia", *FILA_LIMPIA[3:])
FILA_MAL = ("7x", *FILA_LIMPIA[1:2], "sofia", *FILA_LIMPIA[3:])


def _aviso(n: int):
    return hallazgo("mayusculas-corregidas", n, "nombre", "sofia", despues="SOFIA")


def _error(n: int):
    return hallazgo("clave-estado-invalida", n, "clave_estado", "7x")


def _textos_resumen(ruta: Path) -> tuple[dict[str, object], list[str]]:
    hoja = openpyxl.load_workbook(ruta)[HOJA_RESUMEN]
    filas = list(hoja.iter_rows(values_only=True))
    pares = {str(a): b for a, b, *_ in filas if a is not None}
    return pares, [str(c) for f in filas for c in f if c]


def test_los_errores_llevan_nota_antes_que_los_avisos(tmp_path: Path) -> None:
    # Rows 2-6: a warning each (Nombre); rows 7-8: an error (Clave del Estado) and a warning.
    filas = [(n, FILA_MINUS) for n in range(2, 7)] + [(n, FILA_MAL) for n in (7, 8)]
    hallazgos = [_aviso(n) for n in range(2, 7)]
    for n in (7, 8):
        hallazgos += [_error(n), _aviso(n)]
    ruta = escribir_revisado(tabla(filas), revision(hallazgos, 7), tmp_path, max_notas=3,
                             reporte="entrega.reporte.json")
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    notas = {c.coordinate: c.comment.text.split("\n")[0]
             for fila in hoja.iter_rows() for c in fila if c.comment}
    # Both error cells (found last) get their notes; the one left goes to the first warning.
    assert notas == {"A7": "Error: Clave del Estado inválida", "A8": "Error: Clave del Estado inválida",
                     "C2": "Aviso: Convertido a mayúsculas"}
    # Every marked cell keeps its fill, noted or not.
    assert [relleno(hoja.cell(n, 3)) for n in range(2, 9)] == [ARGB_AVISO] * 7
    assert [relleno(hoja.cell(n, 1)) for n in (7, 8)] == [ARGB_ERROR] * 2
    assert [hoja.cell(n, 9).value for n in (6, 7)] == [
        "mayusculas-corregidas", "clave-estado-invalida, mayusculas-corregidas"]

    pares, textos = _textos_resumen(ruta)
    assert pares["Notas en celdas"] == (
        "3 de 9 celdas marcadas llevan nota (máximo 3): primero las celdas con errores y luego "
        "las que solo tienen avisos, cada grupo en orden de fila; la lista completa de hallazgos "
        "está en el reporte JSON «entrega.reporte.json».")
    assert ("Hay 9 celdas marcadas y solo 3 llevan nota, para que el archivo siga siendo "
            "manejable. Los errores van primero: las 2 celdas con errores llevan nota y, con las "
            "que quedan, las primeras celdas que solo tienen avisos, en orden de fila. Las demás "
            "conservan su color y la columna Resultado sus códigos. La lista completa de "
            "hallazgos, con su explicación, está en el reporte JSON «entrega.reporte.json».") in textos


def test_mas_errores_que_el_tope_ningun_aviso_lleva_nota(tmp_path: Path) -> None:
    filas = [(2, FILA_MINUS)] + [(n, FILA_MAL) for n in range(3, 7)]
    hallazgos = [_aviso(2)] + [_error(n) for n in range(3, 7)]
    ruta = escribir_revisado(tabla(filas), revision(hallazgos, 5), tmp_path, max_notas=2,
                             reporte="entrega.reporte.json")
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    assert sorted(c.coordinate for fila in hoja.iter_rows() for c in fila if c.comment) == [
        "A3", "A4"]
    assert relleno(hoja["C2"]) == ARGB_AVISO
    assert [relleno(hoja.cell(n, 1)) for n in range(3, 7)] == [ARGB_ERROR] * 4
    _, textos = _textos_resumen(ruta)
    assert ("Hay 5 celdas marcadas y solo 2 llevan nota, para que el archivo siga siendo "
            "manejable. Los errores van primero: solo las primeras 2 de las 4 celdas con errores, "
            "en orden de fila, llevan nota, y ninguna de las que solo tienen avisos. Las demás "
            "conservan su color y la columna Resultado sus códigos. La lista completa de "
            "hallazgos, con su explicación, está en el reporte JSON «entrega.reporte.json».") in textos


def test_sin_tope_alcanzado_todas_llevan_nota(tmp_path: Path) -> None:
    filas = [(2, FILA_MINUS), (3, FILA_MAL)]
    ruta = escribir_revisado(tabla(filas), revision([_aviso(2), _error(3)], 2), tmp_path,
                             max_notas=2)
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    assert sorted(c.coordinate for f in hoja.iter_rows() for c in f if c.comment) == ["A3", "C2"]
    pares, textos = _textos_resumen(ruta)
    assert pares["Notas en celdas"] == "2 celdas marcadas, cada una con su nota."
    assert not any(t.startswith("Hay ") for t in textos)


def test_memoria_acotada_por_el_tope() -> None:
    """The cells kept for notes never pass the cap, however many rows stream by, and the ones
    kept are the first errors, then the first warnings."""
    marcas = _Marcas()
    tope = 50
    mayor = 0
    for n in range(2, 20_002):
        hallazgos = [_aviso(n)]
        if n % 7 == 0:
            hallazgos.insert(0, _error(n))
        _marcar(marcas, n, hallazgos, {"clave_estado": 0, "nombre": 2}, 8, tope)
        mayor = max(mayor, len(marcas.con_error) + len(marcas.solo_avisos))
    assert mayor == tope
    errores = sum(1 for n in range(2, 20_002) if n % 7 == 0)
    assert (marcas.celdas_marcadas, marcas.celdas_con_error) == (20_000 + errores, errores)
    notas = marcas.notas()
    assert len(notas) == tope
    assert [(n.fila, n.columna) for n in notas] == [(7 * k, 0) for k in range(1, tope + 1)]
    assert all(n.partes[0] == ("Error: Clave del Estado inválida", True) for n in notas)


def test_en_una_pasada_los_errores_tambien_ganan(tmp_path: Path) -> None:
    # `CopiaMarcada` fed row by row (as `apoyo.check.revisar` does) keeps the same policy.
    filas = [(n, FILA_MINUS) for n in range(2, 3_000)] + [(3_000, FILA_MAL)]
    r = revision([*(_aviso(n) for n in range(2, 3_000)), _error(3_000)], len(filas))
    ruta = tmp_path / "uno.xlsx"
    t = tabla(filas)
    with CopiaMarcada(t, ruta, max_notas=10) as copia:
        for n, celdas in filas:
            copia.revisada(FilaLeida(n, celdas), None,
                           (_error(n),) if n == 3_000 else (_aviso(n),))
            assert len(copia._marcas.con_error) + len(copia._marcas.solo_avisos) <= 10
        copia.concluir(r)
    hoja = openpyxl.load_workbook(ruta)[HOJA_APOYOS]
    notas = sorted((c.row, c.column) for f in hoja.iter_rows() for c in f if c.comment)
    assert notas == [*((n, 3) for n in range(2, 11)), (3_000, 1)]
