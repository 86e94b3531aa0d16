"""The scope cells of the template's Aspirante sheet (Entidad, Distrito, Municipio) are read as
people write them, and what cannot be understood is said, not ignored (found by a tester:
``Municipio = MUNI 0``, a name of the catalogue, and ``Entidad = Oaxaca`` on rows of Chiapas
were silently ignored, and rows outside the candidacy passed as valid)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from apoyo.catalog import CatalogoSecciones, UbicacionSeccion
from apoyo.check import Contexto, revisar
from apoyo.check.context import AmbitoNoReconocido
from apoyo.check.cross import hallazgos_del_ambito
from apoyo.example import generar
from apoyo.identifiers import clave_estado
from apoyo.pipeline import validar_archivo
from apoyo.schema import HOJA_ASPIRANTE
from apoyo.template import escribir_plantilla

from ._nucleo import CORTE

U = UbicacionSeccion
#: A tiny catalogue: Tuxtla Gutiérrez (INE 102) and Tuxtla Chico (101) in Chiapas; "SAN JUAN"
#: twice in Chiapas and once in Oaxaca; "LA REFORMA" once in each.
CAT = CatalogoSecciones({
    ("07", 1726): U(9, 102, "TUXTLA GUTIERREZ"), ("07", 1727): U(9, 102, "TUXTLA GUTIERREZ"),
    ("07", 1500): U(2, 101, "TUXTLA CHICO"), ("07", 3): U(7, 120, "SAN JUAN"),
    ("07", 4): U(7, 121, "SAN JUAN"), ("07", 5): U(7, 122, "LA REFORMA"),
    ("20", 1): U(1, 108, "SAN JUAN"), ("20", 2): U(1, 109, "LA REFORMA"),
}, "cat.csv")
SIN_NOMBRES = CatalogoSecciones({("07", 1726): U(9, 102, "")}, "sin_nombres.csv")


def _avisos(contexto: Contexto) -> list[tuple[object, ...]]:
    return [(h.codigo, h.severidad, h.fila, h.campo, h.valor, h.mensaje, h.remedio)
            for h in hallazgos_del_ambito(contexto)]


def _aviso(valor: str, mensaje: str, remedio: str) -> tuple[object, ...]:
    return ("ambito-no-reconocido", "aviso", None, None, valor, mensaje, remedio)


# ---- Entidad ---------------------------------------------------------------------------------

@pytest.mark.parametrize("texto, clave", [
    ("07", "07"), ("7", "07"), (" 7 ", "07"), ("20", "20"),
    ("Oaxaca", "20"), ("OAXACA", "20"), ("oaxaca", "20"), ("  Oaxaca  ", "20"),
    ("Chiapas", "07"), ("Estado de México", "15"), ("ESTADO DE MEXICO", "15"),
    ("Edo. de México", "15"), ("México", "15"), ("Edomex", "15"),
    ("Ciudad de México", "09"), ("CIUDAD DE MEXICO", "09"), ("CDMX", "09"), ("cdmx", "09"),
    ("Distrito Federal", "09"), ("Nuevo León", "19"), ("NUEVO LEON", "19"),
    ("San Luis Potosí", "24"), ("Quere\u0301taro", "22"),  # decomposed accent
    ("Michoacán de Ocampo", "16"), ("Coahuila de Zaragoza", "05"),
    ("Veracruz de Ignacio de la Llave", "30"), ("Estado de Oaxaca", "20"),
    ("20 - Oaxaca", "20"), ("20 Oaxaca", "20"), ("20-OAXACA", "20"), ("Oaxaca (20)", "20"),
    ("7 Chiapas", "07"),
])
def test_entidad_por_clave_o_nombre(texto: str, clave: str) -> None:
    assert clave_estado.resolver(texto) == clave
    contexto = Contexto(fecha_corte=CORTE).con_aspirante({"entidad": texto})
    assert (contexto.entidad, contexto.ambito_no_reconocido) == (clave, ())
    assert _avisos(contexto) == []


def test_cada_entidad_por_su_nombre() -> None:
    """The names come from the one entity list (`clave_estado.ENTIDADES`, domain.md)."""
    for clave, nombre in clave_estado.ENTIDADES.items():
        assert clave_estado.resolver(nombre) == clave
        assert clave_estado.resolver(nombre.upper()) == clave
        assert clave_estado.resolver(f"{clave} - {nombre}") == clave


ENTIDAD_MAL = ("Escriba en esa celda la clave de dos dígitos de la entidad de la candidatura "
               "(por ejemplo 07 para Chiapas) y vuelva a validar; o indique la entidad al "
               "validar, con --entidad.")


@pytest.mark.parametrize("texto", ["Oaxacaa", "99", "0", "33", "20 Chiapas", "Chiapas 20",
                                   "Mexico City", "07A"])
def test_entidad_no_reconocida_se_avisa(texto: str) -> None:
    assert clave_estado.resolver(texto) is None
    contexto = Contexto(fecha_corte=CORTE).con_aspirante({"entidad": texto})
    assert contexto.entidad is None
    assert _avisos(contexto) == [_aviso(
        texto,
        f"La celda «Entidad» de la hoja Aspirante dice «{texto}», pero eso no es una clave de "
        "entidad de 01 a 32 ni el nombre de una entidad; por eso no se revisó que las filas "
        "sean de la entidad de la candidatura.", ENTIDAD_MAL)]


def test_entidad_no_reconocida_deja_pasar_otras_entidades_pero_lo_dice() -> None:
    """The check goes on without the entity: a row of Chiapas is valid; the file says why."""
    from ._nucleo import fila

    revision = revisar([(2, fila())], Contexto(fecha_corte=CORTE).con_aspirante(
        {"entidad": "Oaxacaa"}), "a.xlsx")
    assert (revision.filas, revision.filas_validas) == (1, 1)
    assert [(h.codigo, h.severidad, h.fila) for h in revision.hallazgos] == [
        ("ambito-no-reconocido", "aviso", None)]


# ---- Distrito --------------------------------------------------------------------------------

def test_distrito_entero() -> None:
    for texto in ("3", "03", " 3 "):
        contexto = Contexto(fecha_corte=CORTE).con_aspirante({"distrito": texto})
        assert (contexto.distrito, contexto.ambito_no_reconocido) == (3, ())


@pytest.mark.parametrize("texto", ["tres", "3A", "III", "3.5", "\u00b2"])
def test_distrito_que_no_es_entero_se_avisa(texto: str) -> None:
    contexto = Contexto(fecha_corte=CORTE, catalogo=CAT).con_aspirante({"distrito": texto})
    assert contexto.distrito is None
    assert _avisos(contexto) == [_aviso(
        texto,
        f"La celda «Distrito» de la hoja Aspirante dice «{texto}», pero eso no es un número "
        "de distrito; por eso no se revisó que las filas sean del distrito de la candidatura.",
        "Escriba en esa celda solo el número del distrito electoral (por ejemplo 3) y vuelva a "
        "validar; o indique el distrito al validar, con --distrito.")]


# ---- Municipio -------------------------------------------------------------------------------

@pytest.mark.parametrize("texto", [
    "102", "TUXTLA GUTIERREZ", "Tuxtla Gutiérrez", "tuxtla  gutierrez", "TUXTLA GUTIÉRREZ",
    "102 - Tuxtla Gutiérrez", "102-TUXTLA GUTIERREZ", "102 Tuxtla Gutierrez"])
def test_municipio_por_clave_o_nombre(texto: str) -> None:
    contexto = Contexto(fecha_corte=CORTE, catalogo=CAT).con_aspirante(
        {"entidad": "07", "municipio": texto})
    assert (contexto.entidad, contexto.municipio, contexto.ambito_no_reconocido) == (
        "07", 102, ())
    assert _avisos(contexto) == []


def test_municipio_por_nombre_sin_entidad_da_la_entidad() -> None:
    contexto = Contexto(fecha_corte=CORTE, catalogo=CAT).con_aspirante(
        {"municipio": "Tuxtla Gutiérrez"})
    assert (contexto.entidad, contexto.municipio) == ("07", 102)


def test_municipio_por_nombre_dentro_de_la_entidad() -> None:
    """"LA REFORMA" is 122 in Chiapas and 109 in Oaxaca: the entity decides."""
    for entidad, municipio in (("07", 122), ("Oaxaca", 109), ("20 - Oaxaca", 109)):
        contexto = Contexto(fecha_corte=CORTE, catalogo=CAT).con_aspirante(
            {"entidad": entidad, "municipio": "La Reforma"})
        assert (contexto.municipio, contexto.ambito_no_reconocido) == (municipio, ())
    # --entidad on the command line wins over the sheet and chooses as well
    contexto = Contexto(fecha_corte=CORTE, entidad="20", catalogo=CAT).con_aspirante(
        {"entidad": "07", "municipio": "LA REFORMA"})
    assert (contexto.entidad, contexto.municipio) == ("20", 109)


MUNICIPIO_CLAVE = "Escriba en esa celda la clave del municipio que usa el INE (no la del INEGI)"
Y_VUELVA = " y vuelva a validar; o indique el municipio al validar, con --municipio."


def _municipio_mal(texto: str, motivo: str) -> str:
    return (f"La celda «Municipio» de la hoja Aspirante dice «{texto}», pero {motivo}; por eso "
            "no se revisó que las filas sean del municipio de la candidatura.")


@pytest.mark.parametrize("entidad, texto, motivo", [
    ("07", "Tuxtla", "ningún municipio de la entidad 07 del catálogo de secciones «cat.csv» se "
     "llama así"),
    ("07", "101 - Tuxtla Gutiérrez", "ningún municipio de la entidad 07 del catálogo de "
     "secciones «cat.csv» se llama así"),  # code and name disagree
    ("20", "Tuxtla Gutiérrez", "ningún municipio de la entidad 20 del catálogo de secciones "
     "«cat.csv» se llama así"),
    (None, "MUNI 0", "ningún municipio del catálogo de secciones «cat.csv» se llama así"),
])
def test_municipio_desconocido_se_avisa(entidad: str | None, texto: str, motivo: str) -> None:
    aspirante = {"municipio": texto} | ({"entidad": entidad} if entidad else {})
    contexto = Contexto(fecha_corte=CORTE, catalogo=CAT).con_aspirante(aspirante)
    assert contexto.municipio is None
    assert _avisos(contexto) == [_aviso(
        texto, _municipio_mal(texto, motivo),
        f"{MUNICIPIO_CLAVE} o su nombre como viene en el catálogo de secciones (revise que "
        f"--catalogo sea el catálogo de la entidad de la candidatura){Y_VUELVA}")]


def test_municipio_ambiguo_se_avisa() -> None:
    en_chiapas = Contexto(fecha_corte=CORTE, catalogo=CAT).con_aspirante(
        {"entidad": "07", "municipio": "San Juan"})
    assert en_chiapas.municipio is None
    assert _avisos(en_chiapas) == [_aviso(
        "San Juan", _municipio_mal(
            "San Juan", "así se llaman varios municipios del catálogo de secciones «cat.csv» "
            "(el 120 de la entidad 07, el 121 de la entidad 07)"),
        f"{MUNICIPIO_CLAVE}{Y_VUELVA}")]
    sin_entidad = Contexto(fecha_corte=CORTE, catalogo=CAT).con_aspirante(
        {"municipio": "LA REFORMA"})
    assert (sin_entidad.entidad, sin_entidad.municipio) == (None, None)
    assert _avisos(sin_entidad) == [_aviso(
        "LA REFORMA", _municipio_mal(
            "LA REFORMA", "así se llaman varios municipios del catálogo de secciones "
            "«cat.csv» (el 122 de la entidad 07, el 109 de la entidad 20)"),
        f"{MUNICIPIO_CLAVE}, o la clave de la entidad en la celda «Entidad»{Y_VUELVA}")]


def test_nombre_de_municipio_sin_catalogo_o_sin_nombres_se_avisa() -> None:
    sin_catalogo = Contexto(fecha_corte=CORTE).con_aspirante(
        {"entidad": "07", "municipio": "Tuxtla Gutiérrez"})
    assert sin_catalogo.municipio is None
    assert _avisos(sin_catalogo) == [_aviso(
        "Tuxtla Gutiérrez", _municipio_mal(
            "Tuxtla Gutiérrez", "sin el catálogo de secciones no se puede saber qué municipio "
            "es"),
        "Indique con --catalogo el catálogo de secciones del INE de la entidad de la "
        f"candidatura (trae la clave y el nombre de cada municipio){Y_VUELVA}")]
    sin_nombres = Contexto(fecha_corte=CORTE, catalogo=SIN_NOMBRES).con_aspirante(
        {"entidad": "07", "municipio": "Tuxtla Gutiérrez"})
    assert sin_nombres.municipio is None
    assert _avisos(sin_nombres) == [_aviso(
        "Tuxtla Gutiérrez", _municipio_mal(
            "Tuxtla Gutiérrez", "el catálogo de secciones «sin_nombres.csv» no trae los "
            "nombres de los municipios (columna NOMBRE_MUNICIPIO)"),
        f"{MUNICIPIO_CLAVE}, o indique con --catalogo el catálogo de secciones del INE "
        f"completo, que trae los nombres{Y_VUELVA}")]
    # a catalogue without the NOMBRE_MUNICIPIO column at all: the same
    sin_columna = CatalogoSecciones.desde_texto(
        "ENTIDAD,DISTRITO,MUNICIPIO,SECCION\n7,9,102,1726\n", "sin_columna.csv")
    assert not sin_columna.tiene_nombres()
    assert [h.codigo for h in hallazgos_del_ambito(Contexto(catalogo=sin_columna).con_aspirante(
        {"entidad": "07", "municipio": "TUXTLA GUTIERREZ"}))] == ["ambito-no-reconocido"]


# ---- precedence, repetition, order -------------------------------------------------------------

def test_la_linea_de_comandos_gana_y_no_se_avisa_de_la_hoja() -> None:
    contexto = Contexto(fecha_corte=CORTE, entidad="07", distrito=9, municipio=102,
                        catalogo=CAT).con_aspirante(
        {"entidad": "Oaxacaa", "distrito": "tres", "municipio": "MUNI 0"})
    assert (contexto.entidad, contexto.distrito, contexto.municipio) == ("07", 9, 102)
    assert _avisos(contexto) == []


def test_un_aviso_por_celda_aunque_se_lea_dos_veces() -> None:
    aspirante = {"entidad": "Oaxacaa", "distrito": "tres", "municipio": "MUNI 0"}
    una = Contexto(fecha_corte=CORTE, catalogo=CAT).con_aspirante(aspirante)
    dos = una.con_aspirante(aspirante)
    assert dos.ambito_no_reconocido == una.ambito_no_reconocido
    assert [a.parte for a in dos.ambito_no_reconocido] == ["entidad", "distrito", "municipio"]
    assert all(isinstance(a, AmbitoNoReconocido) for a in dos.ambito_no_reconocido)


def test_aviso_antes_que_los_del_catalogo() -> None:
    """The sheet's warning comes first, then the catalogue's (here: no section of Oaxaca)."""
    contexto = Contexto(fecha_corte=CORTE, catalogo=SIN_NOMBRES).con_aspirante(
        {"entidad": "Oaxaca", "municipio": "X"})
    assert [h.codigo for h in hallazgos_del_ambito(contexto)] == [
        "ambito-no-reconocido", "catalogo-sin-entidad"]


# ---- end to end: a workbook of the template ----------------------------------------------------

def _filas() -> list[tuple[str, ...]]:
    return generar(12, semilla=11, fecha_corte=CORTE)


def _catalogo(tmp_path: Path, filas: list[tuple[str, ...]]) -> CatalogoSecciones:
    """INE's CSV layout: the rows' sections alternate between Tuxtla Gutiérrez (102) and
    Tuxtla Chico (101)."""
    lineas = ["ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION"]
    for i, seccion in enumerate(sorted({int(f[1]) for f in filas})):
        municipio, nombre = (102, "TUXTLA GUTIERREZ") if i % 2 == 0 else (101, "TUXTLA CHICO")
        lineas.append(f"7,9,{municipio},{nombre},{seccion}")
    ruta = tmp_path / "catalogo.csv"
    ruta.write_text("\r\n".join(lineas) + "\r\n", encoding="utf-8")
    return CatalogoSecciones.desde_bytes(ruta.read_bytes(), ruta.name)


def _con_celda(ruta: Path, celda: str, valor: str) -> Path:
    libro = openpyxl.load_workbook(ruta)
    libro[HOJA_ASPIRANTE][celda] = valor
    libro.save(ruta)
    return ruta


def _de_filas(revision) -> list[tuple[object, ...]]:
    return [(h.fila, h.campo, h.codigo, h.severidad, h.mensaje) for h in revision.hallazgos
            if h.fila is not None]


def test_municipio_por_nombre_revisa_lo_mismo_que_por_clave(tmp_path: Path) -> None:
    filas = _filas()
    catalogo = _catalogo(tmp_path, filas)
    contexto = Contexto(fecha_corte=CORTE, catalogo=catalogo)
    revisiones = {}
    for municipio in ("102", "Tuxtla Gutiérrez", "TUXTLA GUTIERREZ"):
        carpeta = tmp_path / f"m{len(revisiones)}"
        carpeta.mkdir()
        entrega = escribir_plantilla(carpeta / "entrega.xlsx", aspirante="Rosa Peña Díaz",
                                     entidad="07", cargo="Presidencia municipal",
                                     municipio=municipio, filas=filas)
        _, revisiones[municipio], _ = validar_archivo(entrega, contexto, carpeta)
    por_clave = revisiones["102"]
    fuera = [h for h in por_clave.hallazgos if h.codigo == "seccion-fuera-de-ambito"]
    en_101 = [n for n, f in enumerate(filas, start=2)
              if catalogo.buscar("07", int(f[1])).municipio == 101]
    assert [h.fila for h in fuera] == en_101 and len(en_101) == 5 and por_clave.filas == 12
    assert fuera[0].mensaje.endswith("fuera del municipio 102 de la candidatura.")
    for municipio in ("Tuxtla Gutiérrez", "TUXTLA GUTIERREZ"):
        r = revisiones[municipio]
        assert _de_filas(r) == _de_filas(por_clave)
        assert (r.filas, r.filas_validas) == (por_clave.filas, por_clave.filas_validas)
        assert "ambito-no-reconocido" not in {h.codigo for h in r.hallazgos}


def test_municipio_que_no_se_entiende_en_el_libro(tmp_path: Path) -> None:
    filas = _filas()
    catalogo = _catalogo(tmp_path, filas)
    entrega = escribir_plantilla(tmp_path / "entrega.xlsx", entidad="07",
                                 municipio="MUNI 0", filas=filas)
    _, r, salidas = validar_archivo(entrega, Contexto(fecha_corte=CORTE, catalogo=catalogo),
                                    tmp_path)
    [aviso] = [h for h in r.hallazgos if h.fila is None]
    assert (aviso.codigo, aviso.severidad, aviso.valor) == ("ambito-no-reconocido", "aviso",
                                                           "MUNI 0")
    assert aviso.mensaje == _municipio_mal(
        "MUNI 0", "ningún municipio de la entidad 07 del catálogo de secciones «catalogo.csv» "
        "se llama así")
    assert "seccion-fuera-de-ambito" not in {h.codigo for h in r.hallazgos}
    # the report carries it as well
    assert "ambito-no-reconocido" in salidas.reporte.read_text(encoding="utf-8")


def test_entidad_por_nombre_en_filas_de_otra_entidad(tmp_path: Path) -> None:
    filas = _filas()  # all of Chiapas (07)
    assert {f[0] for f in filas} == {"07"}
    revisiones = {}
    for entidad in ("20", "Oaxaca", "OAXACA", "20 - Oaxaca"):
        carpeta = tmp_path / f"e{len(revisiones)}"
        carpeta.mkdir()
        entrega = _con_celda(escribir_plantilla(carpeta / "entrega.xlsx", filas=filas),
                             "B3", entidad)
        _, revisiones[entidad], _ = validar_archivo(entrega, Contexto(fecha_corte=CORTE),
                                                    carpeta)
    por_clave = revisiones["20"]
    assert por_clave.metadatos["entidad"] == "20"
    distintas = [h for h in por_clave.hallazgos if h.codigo == "entidad-distinta"]
    assert len(distintas) == 12 and por_clave.filas_validas == 0
    assert distintas[0].mensaje == ("La Clave del Estado 07 no es la entidad de la candidatura "
                                    "(20 Oaxaca).")
    for entidad in ("Oaxaca", "OAXACA", "20 - Oaxaca"):
        r = revisiones[entidad]
        assert r.metadatos["entidad"] == "20"
        assert _de_filas(r) == _de_filas(por_clave)
        assert r.filas_validas == 0


def test_entidad_que_no_existe_en_el_libro(tmp_path: Path) -> None:
    entrega = _con_celda(escribir_plantilla(tmp_path / "entrega.xlsx", filas=_filas()),
                         "B3", "99")
    _, r, _ = validar_archivo(entrega, Contexto(fecha_corte=CORTE), tmp_path)
    assert [(h.codigo, h.severidad, h.valor, h.mensaje) for h in r.hallazgos
            if h.fila is None] == [(
                "ambito-no-reconocido", "aviso", "99",
                "La celda «Entidad» de la hoja Aspirante dice «99», pero eso no es una clave "
                "de entidad de 01 a 32 ni el nombre de una entidad; por eso no se revisó que "
                "las filas sean de la entidad de la candidatura.")]
    assert "entidad" not in r.metadatos


# ---- a district or municipality without a catalogue ------------------------------------------
# The command line refuses --distrito/--municipio without --catalogo; from the Aspirante sheet
# they were left unchecked in silence.

@pytest.mark.parametrize(("celdas", "ambito"), [
    ({"distrito": "3"}, "del distrito 3"),
    ({"municipio": "102"}, "del municipio 102"),
    ({"entidad": "07", "distrito": "3", "municipio": "102"}, "del distrito 3 y del municipio 102"),
])
def test_distrito_o_municipio_sin_catalogo_se_avisa(celdas: dict[str, str], ambito: str) -> None:
    contexto = Contexto(fecha_corte=CORTE).con_aspirante(celdas)
    [aviso] = hallazgos_del_ambito(contexto)
    assert (aviso.codigo, aviso.severidad, aviso.fila) == ("ambito-sin-catalogo", "aviso", None)
    assert aviso.mensaje == (
        f"La candidatura es {ambito}, pero no se dio el catálogo de secciones del INE: no se "
        "revisó que las secciones de las filas sean de ese ámbito.")
    assert aviso.remedio == ("Indique con --catalogo el catálogo de secciones del INE de la "
                             "entidad de la candidatura y vuelva a validar.")


def test_solo_entidad_sin_catalogo_no_avisa() -> None:
    assert hallazgos_del_ambito(Contexto(fecha_corte=CORTE).con_aspirante(
        {"entidad": "07"})) == []
