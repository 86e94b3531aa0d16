"""INE section catalogues: the real files in /work/shared/data (test data only, read in place)."""

from __future__ import annotations

import pytest

from apoyo.catalog import CatalogoSecciones, UbicacionSeccion

from compartido import requerir_compartido

requerir_compartido()

from ._nucleo import DATOS


def _cargar(nombre):
    return CatalogoSecciones.desde_texto((DATOS / nombre).read_text(encoding="utf-8"), nombre)


def test_catalogo_chiapas():
    cat = _cargar("Catalogo-cps.csv")
    assert len(cat) == 2295  # SOURCES.md: 2,295 rows, sections 2-2419
    assert cat.origen == "Catalogo-cps.csv"
    assert cat.cubre("07") and not cat.cubre("06") and not cat.cubre("7")
    # Line "7,9,102,TUXTLA GUTIERREZ,1726,2,URBANO(A)"
    assert cat.buscar("07", 1726) == UbicacionSeccion(9, 102, "TUXTLA GUTIERREZ")
    # Line "7,7,1,ACACOYAGUA,2,2,URBANO(A)": the first section; there is no section 1
    assert cat.buscar("07", 2) == UbicacionSeccion(7, 1, "ACACOYAGUA")
    assert cat.buscar("07", 1) is None
    assert cat.buscar("07", 2419) == UbicacionSeccion(9, 102, "TUXTLA GUTIERREZ")
    assert cat.buscar("07", 2420) is None
    assert cat.buscar("06", 1726) is None


def test_catalogo_aguascalientes_con_barras_y_sin_tipo_nombre():
    cat = _cargar("Catalogo-ags.csv")
    assert len(cat) == 736
    assert cat.cubre("01") and not cat.cubre("07")
    # Line "1|3|1|AGUASCALIENTES|1|0"
    assert cat.buscar("01", 1) == UbicacionSeccion(3, 1, "AGUASCALIENTES")


def test_catalogo_colima():
    cat = _cargar("Catalogo-col.csv")
    assert len(cat) == 430
    assert cat.buscar("06", 2) == UbicacionSeccion(1, 1, "COLIMA")


@pytest.mark.parametrize("texto", [
    "\ufeffENTIDAD;DISTRITO;MUNICIPIO;NOMBRE_MUNICIPIO;SECCION\r\n7;9;102;TUXTLA;1726\r\n",
    "entidad\tdistrito\tmunicipio\tseccion\n07\t9\t102\t1726\n",
    " ENTIDAD , DISTRITO , MUNICIPIO , SECCION \n7, 9, 102, 1726\n",
])
def test_catalogo_variantes(texto):
    cat = CatalogoSecciones.desde_texto(texto, "x")
    assert cat.buscar("07", 1726) is not None
    assert (cat.buscar("07", 1726).distrito, cat.buscar("07", 1726).municipio) == (9, 102)


def test_catalogo_sin_seccion():
    texto = "ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO\n7,9,102,TUXTLA GUTIERREZ\n"
    with pytest.raises(ValueError) as info:
        CatalogoSecciones.desde_texto(texto, "malo.csv")
    assert str(info.value) == (
        "El catálogo «malo.csv» no tiene las columnas SECCION; se espera el formato del INE: "
        "ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION.")


def test_catalogo_sin_varias_columnas():
    with pytest.raises(ValueError, match="no tiene las columnas DISTRITO, MUNICIPIO"):
        CatalogoSecciones.desde_texto("ENTIDAD,SECCION\n7,1\n", "malo.csv")


def test_catalogo_con_numero_invalido():
    texto = "ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION\n7,9,102,T,1726\n7,9,102,T,X\n"
    with pytest.raises(ValueError) as info:
        CatalogoSecciones.desde_texto(texto, "malo.csv")
    assert str(info.value) == (
        "La línea 3 del catálogo «malo.csv» no tiene números válidos en ENTIDAD, DISTRITO, "
        "MUNICIPIO o SECCION.")


def test_catalogo_con_fila_corta():
    with pytest.raises(ValueError, match="La línea 2 del catálogo"):
        CatalogoSecciones.desde_texto("ENTIDAD,DISTRITO,MUNICIPIO,SECCION\n7,9\n", "corto.csv")


def test_catalogo_que_no_puede_revisar_el_ambito_lo_dice():
    """A catalogue of another entity, or a district/municipality it lacks, used to switch the
    section checks off (or fail every row) without a word (found by a tester)."""
    from datetime import date

    from apoyo.check import Contexto, revisar
    from apoyo.check.cross import hallazgos_del_ambito

    ags, cps = _cargar("Catalogo-ags.csv"), _cargar("Catalogo-cps.csv")
    corte = date(2026, 11, 29)
    [otra] = hallazgos_del_ambito(Contexto(fecha_corte=corte, entidad="07", catalogo=ags))
    assert (otra.codigo, otra.severidad, otra.fila, otra.campo) == (
        "catalogo-sin-entidad", "aviso", None, None)
    assert otra.mensaje == ("El catálogo de secciones «Catalogo-ags.csv» no trae la entidad 07: "
                            "no se revisó que las secciones existan ni que estén en el ámbito "
                            "de la candidatura.")
    [sin] = hallazgos_del_ambito(Contexto(fecha_corte=corte, entidad="07", distrito=99,
                                          municipio=102, catalogo=cps))
    assert sin.codigo == "ambito-sin-secciones"
    assert sin.mensaje == ("El catálogo de secciones «Catalogo-cps.csv» no tiene ninguna "
                           "sección del distrito 99 y del municipio 102 de la entidad 07; por "
                           "eso todas las secciones quedan fuera del ámbito.")
    assert cps.tiene_ambito("07", 9, 102) and not cps.tiene_ambito("07", 7, 102)
    for bien in (Contexto(fecha_corte=corte, entidad="07", distrito=9, catalogo=cps),
                 Contexto(fecha_corte=corte, catalogo=ags), Contexto(fecha_corte=corte)):
        assert hallazgos_del_ambito(bien) == []
    revision = revisar([], Contexto(fecha_corte=corte, entidad="07", catalogo=ags), "a.csv")
    assert [h.codigo for h in revision.hallazgos] == ["catalogo-sin-entidad", "sin-registros"]
