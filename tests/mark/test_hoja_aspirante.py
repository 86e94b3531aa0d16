"""The marked copy keeps what the template's Aspirante sheet says (aspirant, cargo, scope,
template version), so that checking the copy again finds the same aspirant and scope."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
from .ayudas_marcado import ENCABEZADOS, FILA_LIMPIA, revision, tabla

from apoyo.check import Contexto
from apoyo.example import generar
from apoyo.mark import escribir_revisado
from apoyo.mark.revisado import ETIQUETAS_ASPIRANTE
from apoyo.pipeline import validar_archivo
from apoyo.read import leer
from apoyo.read.aspirante import clave_de_etiqueta
from apoyo.schema import HOJA_APOYOS, HOJA_ASPIRANTE, HOJA_RESUMEN, VERSION_PLANTILLA
from apoyo.template import escribir_plantilla

CORTE = date(2026, 11, 29)


def _claves(hallazgos) -> list[tuple[object, ...]]:
    return [(h.fila, h.campo, h.codigo, h.severidad, h.valor, h.mensaje) for h in hallazgos]


def test_etiquetas_de_la_plantilla_que_el_lector_reconoce() -> None:
    assert {clave_de_etiqueta(e): c for c, e in ETIQUETAS_ASPIRANTE.items()} == {
        c: c for c in ETIQUETAS_ASPIRANTE}
    assert list(ETIQUETAS_ASPIRANTE.values()) == [
        "Nombre del aspirante", "Cargo", "Entidad", "Distrito", "Municipio",
        "Responsable de la captura", "Fecha de entrega"]


def test_plantilla_revisada_y_vuelta_a_revisar(tmp_path: Path) -> None:
    # The rows are of entity 07 and the candidacy of 09: the scope gives findings that a copy
    # without the Aspirante sheet would lose.
    entrega = escribir_plantilla(tmp_path / "entrega.xlsx", aspirante="María López Núñez",
                                 entidad="9", cargo="Gubernatura",
                                 filas=generar(300, semilla=5, fecha_corte=CORTE))
    contexto = Contexto(fecha_corte=CORTE)
    (tmp_path / "a").mkdir()
    t, r, salidas = validar_archivo(entrega, contexto, tmp_path / "a")
    assert r.metadatos["entidad"] == "09"

    libro = openpyxl.load_workbook(salidas.revisado)
    assert libro.sheetnames == [HOJA_APOYOS, HOJA_RESUMEN, HOJA_ASPIRANTE]
    assert libro.active.title == HOJA_APOYOS
    filas = [f for f in libro[HOJA_ASPIRANTE].iter_rows(values_only=True)]
    assert [f[:2] for f in filas[:8]] == [
        ("Nombre del aspirante", "María López Núñez"),
        ("Cargo", "Gubernatura"),
        ("Entidad", "09"),
        ("Distrito", None),
        ("Municipio", None),
        ("Responsable de la captura", None),
        ("Fecha de entrega", None),
        ("Versión de la plantilla", VERSION_PLANTILLA),
    ]
    assert filas[9][0].startswith("Datos de la hoja «Aspirante» del archivo original")

    copia = leer(salidas.revisado)
    assert copia.aspirante == t.aspirante == {
        "nombre": "María López Núñez", "cargo": "Gubernatura", "entidad": "09"}
    assert copia.metadatos["version_plantilla"] == t.metadatos["version_plantilla"]
    assert not [h for h in copia.hallazgos if h.codigo == "otra-hoja-con-datos"]

    (tmp_path / "b").mkdir()
    _, r2, _ = validar_archivo(salidas.revisado, contexto, tmp_path / "b")
    assert r2.metadatos["entidad"] == "09"
    assert _claves(r2.hallazgos) == _claves(r.hallazgos)
    assert (r2.filas, r2.filas_validas) == (r.filas, r.filas_validas)
    # The check depends on the scope: without it, other findings.
    _, r3, _ = validar_archivo(entrega, Contexto(fecha_corte=CORTE, entidad="07"),
                               tmp_path / "b")
    assert _claves(r3.hallazgos) != _claves(r.hallazgos)


def test_valores_que_no_son_texto_se_copian_como_los_lee_la_revision(tmp_path: Path) -> None:
    # A hand-made workbook: numbers and a date in the Aspirante sheet, labels not the template's.
    libro = openpyxl.Workbook()
    apoyos = libro.active
    apoyos.title = HOJA_APOYOS
    apoyos.append(ENCABEZADOS)
    apoyos.append(list(FILA_LIMPIA))
    hoja = libro.create_sheet("aspirante")
    for fila in (["Nombre de la aspirante", " Ana Pérez "], ["Entidad federativa", 7],
                 ["Distrito", 3.0], ["Municipio", "=1+1"], ["Fecha", datetime(2026, 11, 20)],
                 ["Responsable", ""], ["Otra cosa", "x"], ["Versión de la plantilla", 1]):
        hoja.append(fila)
    entrega = tmp_path / "a_mano.xlsx"
    libro.save(entrega)
    t = leer(entrega)
    assert t.aspirante["distrito"] == "3" and t.aspirante["fecha"] == "2026-11-20"

    (tmp_path / "a").mkdir()
    _, r, salidas = validar_archivo(entrega, Contexto(fecha_corte=CORTE), tmp_path / "a")
    copia = openpyxl.load_workbook(salidas.revisado)[HOJA_ASPIRANTE]
    valores = {a: b for a, b, *_ in copia.iter_rows(values_only=True) if a and b}
    assert valores == {"Nombre del aspirante": "Ana Pérez", "Entidad": "7", "Distrito": "3",
                       "Fecha de entrega": "2026-11-20", "Versión de la plantilla": "1"}
    assert all(c.data_type == "s" for f in copia.iter_rows(max_col=2) for c in f if c.value)
    # Municipio held a formula with no saved result (openpyxl): read as empty, copied empty.
    assert (copia["A5"].value, copia["B5"].value) == ("Municipio", None)

    t2 = leer(salidas.revisado)
    assert (t2.aspirante, t2.metadatos["version_plantilla"]) == (t.aspirante, "1")
    (tmp_path / "b").mkdir()
    _, r2, _ = validar_archivo(salidas.revisado, Contexto(fecha_corte=CORTE), tmp_path / "b")
    assert _claves(r2.hallazgos) == _claves(r.hallazgos)
    assert any(h.codigo == "plantilla-antigua" for h in r2.hallazgos)


def test_sin_hoja_aspirante_no_se_agrega(tmp_path: Path) -> None:
    ruta = escribir_revisado(tabla([(2, FILA_LIMPIA)]), revision([], 1), tmp_path)
    assert openpyxl.load_workbook(ruta).sheetnames == [HOJA_APOYOS, HOJA_RESUMEN]


def test_aspirante_de_la_tabla_sin_version(tmp_path: Path) -> None:
    t = tabla([(2, FILA_LIMPIA)])
    t.aspirante = {"nombre": "=HYPERLINK(\"x\")", "entidad": "07"}
    ruta = escribir_revisado(t, revision([], 1), tmp_path)
    hoja = openpyxl.load_workbook(ruta)[HOJA_ASPIRANTE]
    assert hoja["A1"].value == "Nombre del aspirante"
    assert (hoja["B1"].value, hoja["B1"].data_type) == ('=HYPERLINK("x")', "s")  # never a formula
    assert hoja["B3"].value == "07"
    assert [hoja.cell(n, 1).value for n in range(1, 9)][-1] is None  # no version row
    assert leer(ruta).aspirante == t.aspirante
