"""A district or municipality scope without an entity takes the entity from the catalogue
(found by a tester: ``--distrito 3`` with the catalogue of Aguascalientes let rows of Chiapas
through)."""

from __future__ import annotations

from datetime import date

from apoyo.catalog import CatalogoSecciones, UbicacionSeccion
from apoyo.check import Contexto, revisar_filas

from ._nucleo import fila

U = UbicacionSeccion
AGS = CatalogoSecciones({("01", 1): U(3, 1, "AGUASCALIENTES"), ("01", 2): U(1, 2, "ASIENTOS")},
                        "ags.csv")
DOS = CatalogoSecciones({**AGS._secciones, ("07", 1726): U(3, 101, "TUXTLA")}, "dos.csv")
CORTE = date(2026, 11, 29)


def test_un_solo_estado_con_ese_distrito_da_la_entidad():
    assert Contexto(distrito=3, catalogo=AGS).con_aspirante({}).entidad == "01"
    assert Contexto(municipio=2, catalogo=AGS).con_aspirante({}).entidad == "01"


def test_sin_ambito_o_con_entidad_o_ambiguo_no_cambia():
    assert Contexto(catalogo=AGS).con_aspirante({}).entidad is None
    assert Contexto(entidad="07", distrito=3, catalogo=AGS).con_aspirante({}).entidad == "07"
    assert Contexto(distrito=3, catalogo=DOS).con_aspirante({}).entidad is None  # 01 and 07
    assert Contexto(distrito=1, catalogo=DOS).con_aspirante({}).entidad == "01"
    # the Aspirante sheet's entity wins over the inference
    assert Contexto(distrito=3, catalogo=AGS).con_aspirante({"entidad": "7"}).entidad == "07"
    # a district from the Aspirante sheet counts as well
    assert Contexto(catalogo=AGS).con_aspirante({"distrito": "3"}).entidad == "01"


def test_filas_de_otra_entidad_quedan_fuera_del_distrito():
    contexto = Contexto(fecha_corte=CORTE, distrito=3, catalogo=AGS).con_aspirante({})
    [r] = list(revisar_filas([(2, fila())], contexto))  # a row of Chiapas (07)
    assert [(h.campo, h.codigo, h.severidad) for h in r.hallazgos] == [
        ("clave_estado", "entidad-distinta", "error")]
    assert not r.valida
