"""The capture template: layout, protection, validation, properties and determinism.

Everything here reads the generated workbook back with openpyxl (or calamine / zipfile) and
asserts exact values; LibreOffice checks live in test_plantilla_libreoffice.py.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from apoyo.schema import (
    CAMPOS,
    COLOR_AVISO,
    COLOR_ERROR,
    COLOR_OK,
    COLUMNA_MARCAS,
    COLUMNA_RESULTADO,
    ETIQUETAS,
    HOJA_APOYOS,
    HOJA_ASPIRANTE,
    HOJA_INSTRUCCIONES,
    VERSION_PLANTILLA,
    plegar,
)
from apoyo.template import (
    FORMULA_CIC,
    FORMULA_OCR,
    FORMULA_SECCION,
    NOMBRE_PLANTILLA,
    RUTA_PLANTILLA,
    escribir_plantilla,
    normalizar_entidad,
)

ULTIMA_FILA = 1_048_576
ENTIDADES = ",".join(f"{n:02d}" for n in range(1, 33))


@pytest.fixture(scope="module")
def plantilla(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return escribir_plantilla(tmp_path_factory.mktemp("plantilla") / NOMBRE_PLANTILLA)


@pytest.fixture(scope="module")
def libro(plantilla: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(plantilla)


@pytest.fixture(scope="module")
def apoyos(libro: openpyxl.Workbook):  # noqa: ANN201
    return libro[HOJA_APOYOS]


def _validaciones(hoja) -> dict[str, object]:  # noqa: ANN001
    return {str(dv.sqref): dv for dv in hoja.data_validations.dataValidation}


# ---- sheets and header ----------------------------------------------------------------------


def test_hojas_en_orden_y_apoyos_activa(libro: openpyxl.Workbook) -> None:
    assert libro.sheetnames == [HOJA_APOYOS, HOJA_ASPIRANTE, HOJA_INSTRUCCIONES]
    assert libro.active.title == HOJA_APOYOS


def test_encabezados_exactos(apoyos) -> None:  # noqa: ANN001
    fila = [c.value for c in apoyos[1]]
    assert fila == [ETIQUETAS[c] for c in CAMPOS] + [COLUMNA_RESULTADO, COLUMNA_MARCAS]
    assert fila[:8] == [
        "Clave del Estado",
        "Sección electoral",
        "Nombre(s)",
        "Apellido paterno",
        "Apellido materno",
        "Clave de elector",
        "OCR",
        "CIC",
    ]
    assert apoyos["I1"].value == "Resultado"
    assert apoyos["J1"].value == "Marcas del verificador"


def test_encabezado_bloqueado_con_estilo(apoyos) -> None:  # noqa: ANN001
    for celda in apoyos[1]:
        assert celda.protection.locked is True
        assert celda.font.b is True
        assert celda.alignment.wrap_text is True
        assert celda.fill.fgColor.rgb in ("FF1F4E78", "FF595959")
    assert apoyos.row_dimensions[1].height == 33


def test_solo_una_fila_usada(apoyos, plantilla: Path) -> None:  # noqa: ANN001
    # Column formats must not make readers see a million rows or 16,384 columns.
    assert apoyos.max_row == 1 and apoyos.max_column == 10
    solo_lectura = openpyxl.load_workbook(plantilla, read_only=True)[HOJA_APOYOS]
    assert solo_lectura.calculate_dimension() == "A1:J1"
    filas = CalamineWorkbook.from_path(str(plantilla)).get_sheet_by_name(HOJA_APOYOS).to_python()
    assert filas == [[ETIQUETAS[c] for c in CAMPOS] + [COLUMNA_RESULTADO, COLUMNA_MARCAS]]


def test_plantilla_vacia_se_lee_con_la_columna_de_marcas_ignorada(plantilla: Path) -> None:
    from apoyo.read import leer

    tabla = leer(plantilla)
    assert tabla.encabezados == [ETIQUETAS[c] for c in CAMPOS] + [COLUMNA_RESULTADO]
    # Neither "contenido-oculto" for the hidden J nor "plantilla-antigua".
    assert tabla.hallazgos == []
    assert tabla.metadatos["version_plantilla"] == VERSION_PLANTILLA == "2"
    assert list(tabla.filas()) == []


def test_encabezado_congelado_y_autofiltro(apoyos) -> None:  # noqa: ANN001
    assert apoyos.freeze_panes == "A2"
    # J included: sorting from a filter button moves each row's flags with it.
    assert apoyos.auto_filter.ref == "A1:J1"


def test_columnas_texto_desbloqueadas(apoyos) -> None:  # noqa: ANN001
    cubiertas: dict[int, tuple[str, bool]] = {}
    for dim in apoyos.column_dimensions.values():
        if dim.min is None:
            continue
        for col in range(dim.min, dim.max + 1):
            cubiertas[col] = (dim.number_format, dim.protection.locked)
    for col in range(1, 11):  # A:I and the flags column J, which the checker writes
        assert cubiertas[col] == ("@", False), get_column_letter(col)
    # K:XFD unlocked (so Excel can delete whole rows), General format.
    assert cubiertas[11] == ("General", False)
    assert cubiertas[16_384] == ("General", False)
    assert len(cubiertas) == 16_384


def test_columna_de_marcas_oculta(apoyos) -> None:  # noqa: ANN001
    ocultas = set()
    for dim in apoyos.column_dimensions.values():
        if dim.min is not None and dim.hidden:
            ocultas |= set(range(dim.min, dim.max + 1))
    assert ocultas == {10}
    assert round(apoyos.column_dimensions["J"].width) == 13
    assert apoyos["J1"].protection.locked is True
    assert apoyos["J1"].fill.fgColor.rgb == "FF595959"  # like Resultado's header


def test_formato_condicional_lee_la_columna_de_marcas(
        apoyos, plantilla: Path) -> None:  # noqa: ANN001
    reglas = []
    for rango in apoyos.conditional_formatting:
        for regla in rango.rules:
            reglas.append((regla.priority, str(rango.sqref), regla.type, regla.formula,
                           regla.dxf.fill.bgColor.rgb, regla.dxf.fill.fgColor.rgb))
    sin_color = "00000000"  # openpyxl's default: no foreground colour in the dxf fill
    assert sorted(reglas) == [
        (1, f"A2:I{ULTIMA_FILA}", "expression", ['MID($J2,COLUMN(),1)="E"'],
         "FF" + COLOR_ERROR.lstrip("#"), sin_color),
        (2, f"A2:I{ULTIMA_FILA}", "expression", ['MID($J2,COLUMN(),1)="A"'],
         "FF" + COLOR_AVISO.lstrip("#"), sin_color),
        (3, f"I2:I{ULTIMA_FILA}", "expression", ['MID($J2,COLUMN(),1)="V"'],
         "FF" + COLOR_OK.lstrip("#"), sin_color),
    ]
    # Only fills: the text keeps its font, as with the fills the checker used to paint.
    with zipfile.ZipFile(plantilla) as z:
        estilos = z.read("xl/styles.xml").decode("utf-8")
    dxfs = re.search(r"<dxfs[^>]*>(.*)</dxfs>", estilos).group(1)
    assert dxfs == "".join(
        f'<dxf><fill><patternFill><bgColor rgb="FF{c.lstrip("#")}"/></patternFill></fill></dxf>'
        for c in (COLOR_ERROR, COLOR_AVISO, COLOR_OK))


def test_anchos_de_columna(apoyos) -> None:  # noqa: ANN001
    anchos = {}
    for dim in apoyos.column_dimensions.values():
        if dim.min is not None and dim.max <= 9:
            for col in range(dim.min, dim.max + 1):
                anchos[get_column_letter(col)] = round(dim.width)
    assert anchos == {
        "A": 11, "B": 12, "C": 27, "D": 21, "E": 21, "F": 24, "G": 18, "H": 14, "I": 49
    }


# ---- protection -----------------------------------------------------------------------------


def test_proteccion_apoyos(apoyos) -> None:  # noqa: ANN001
    p = apoyos.protection
    # In OOXML a True flag means "forbidden"; sheet=True means protection is on.
    assert p.sheet is True
    assert p.password is None
    permitido = {
        "selectLockedCells": p.selectLockedCells,
        "selectUnlockedCells": p.selectUnlockedCells,
        "formatCells": p.formatCells,
        "formatColumns": p.formatColumns,
        "formatRows": p.formatRows,
        "insertRows": p.insertRows,
        "deleteRows": p.deleteRows,
        "sort": p.sort,
        "autoFilter": p.autoFilter,
    }
    assert permitido == dict.fromkeys(permitido, False)
    prohibido = {
        "insertColumns": p.insertColumns,
        "deleteColumns": p.deleteColumns,
        "insertHyperlinks": p.insertHyperlinks,
        "objects": p.objects,
        "scenarios": p.scenarios,
        "pivotTables": p.pivotTables,
    }
    assert prohibido == dict.fromkeys(prohibido, True)


def test_otras_hojas_protegidas(libro: openpyxl.Workbook) -> None:
    for nombre in (HOJA_ASPIRANTE, HOJA_INSTRUCCIONES):
        p = libro[nombre].protection
        assert p.sheet is True and p.password is None
        assert p.insertColumns is True and p.deleteColumns is True
        assert p.insertRows is True and p.deleteRows is True


# ---- data validation ------------------------------------------------------------------------


def test_validaciones_apoyos(apoyos) -> None:  # noqa: ANN001
    dvs = _validaciones(apoyos)
    assert sorted(dvs) == [f"{c}2:{c}{ULTIMA_FILA}" for c in "ABCDEFGHI"]

    estado = dvs[f"A2:A{ULTIMA_FILA}"]
    assert (estado.type, estado.formula1) == ("list", f'"{ENTIDADES}"')
    assert len(estado.formula1) - 2 <= 255

    seccion = dvs[f"B2:B{ULTIMA_FILA}"]
    assert (seccion.type, seccion.formula1) == ("custom", FORMULA_SECCION.lstrip("="))

    for col in "CDE":
        nombre = dvs[f"{col}2:{col}{ULTIMA_FILA}"]
        assert (nombre.type, nombre.operator, nombre.formula1) == (
            "textLength", "lessThanOrEqual", "60"
        )

    clave = dvs[f"F2:F{ULTIMA_FILA}"]
    assert (clave.type, clave.operator, clave.formula1) == ("textLength", "equal", "18")

    ocr = dvs[f"G2:G{ULTIMA_FILA}"]
    assert (ocr.type, ocr.formula1) == ("custom", FORMULA_OCR.lstrip("="))
    cic = dvs[f"H2:H{ULTIMA_FILA}"]
    assert (cic.type, cic.formula1) == ("custom", FORMULA_CIC.lstrip("="))

    resultado = dvs[f"I2:I{ULTIMA_FILA}"]
    assert resultado.type is None  # "any value": only the input prompt
    assert resultado.promptTitle == "Columna reservada"

    for sqref, dv in dvs.items():
        assert dv.showInputMessage is True, sqref
        assert dv.allow_blank is True, sqref
        if not sqref.startswith("I"):
            assert dv.showErrorMessage is True, sqref
            assert (dv.errorStyle or "stop") == "stop", sqref  # absent = stop (OOXML default)


def test_formulas_de_validacion() -> None:
    digitos = (
        'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE('
        'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({r},"0",""),"1",""),"2",""),"3",""),"4",""),'
        '"5",""),"6",""),"7",""),"8",""),"9","")'
    )
    assert FORMULA_SECCION == (
        f'=AND(LEN(B2)<=4,SUBSTITUTE(B2,"0","")<>"",LEN({digitos.format(r="B2")})=0)'
    )
    assert FORMULA_OCR == f"=AND(LEN(G2)=13,LEN({digitos.format(r='G2')})=0)"
    assert FORMULA_CIC == f"=AND(LEN(H2)=9,LEN({digitos.format(r='H2')})=0)"
    # Excel's limit for a validation formula.
    for formula in (FORMULA_SECCION, FORMULA_OCR, FORMULA_CIC):
        assert len(formula) - 1 <= 255


def test_textos_de_validacion_en_espanol_y_dentro_de_limites(libro: openpyxl.Workbook) -> None:
    esperados = {
        "A": ("Clave del Estado", "Clave del Estado inválida"),
        "B": ("Sección electoral", "Sección inválida"),
        "C": ("Nombre(s)", "Nombre demasiado largo"),
        "D": ("Apellido paterno", "Apellido demasiado largo"),
        "E": ("Apellido materno", "Apellido demasiado largo"),
        "F": ("Clave de elector", "Clave de elector incompleta"),
        "G": ("OCR", "OCR inválido"),
        "H": ("CIC", "CIC inválido"),
    }
    dvs = _validaciones(libro[HOJA_APOYOS])
    for col, (titulo, titulo_error) in esperados.items():
        dv = dvs[f"{col}2:{col}{ULTIMA_FILA}"]
        assert (dv.promptTitle, dv.errorTitle) == (titulo, titulo_error)
    assert "01 a 32" in dvs[f"A2:A{ULTIMA_FILA}"].error
    assert "13 dígitos" in dvs[f"G2:G{ULTIMA_FILA}"].error
    assert "IDMEX" in dvs[f"H2:H{ULTIMA_FILA}"].prompt
    assert "18 caracteres" in dvs[f"F2:F{ULTIMA_FILA}"].error
    for hoja in libro.worksheets:
        for dv in hoja.data_validations.dataValidation:
            for titulo in (dv.promptTitle, dv.errorTitle):
                assert titulo is None or len(titulo.encode("utf-16-le")) // 2 <= 32
            for mensaje in (dv.prompt, dv.error):
                assert mensaje is None or len(mensaje.encode("utf-16-le")) // 2 <= 255


# ---- sheet Aspirante ------------------------------------------------------------------------

ETIQUETAS_ASPIRANTE = [
    "Nombre del aspirante",
    "Cargo",
    "Entidad",
    "Distrito",
    "Municipio",
    "Responsable de la captura",
    "Fecha de entrega",
    "Versión de la plantilla",
]


def test_aspirante_etiquetas_y_claves(libro: openpyxl.Workbook) -> None:
    hoja = libro[HOJA_ASPIRANTE]
    etiquetas = [hoja.cell(fila, 1).value for fila in range(1, 9)]
    assert etiquetas == ETIQUETAS_ASPIRANTE
    assert hoja.max_row == 8
    # The checker folds column A to find its keys.
    assert [plegar(e) for e in etiquetas] == [
        "nombre del aspirante",
        "cargo",
        "entidad",
        "distrito",
        "municipio",
        "responsable de la captura",
        "fecha de entrega",
        "version de la plantilla",
    ]


def test_aspirante_vacio_desbloqueado_y_version(libro: openpyxl.Workbook) -> None:
    hoja = libro[HOJA_ASPIRANTE]
    for fila in range(1, 8):
        celda = hoja.cell(fila, 2)
        assert celda.value is None
        assert celda.protection.locked is False, fila
        assert hoja.cell(fila, 1).protection.locked is True
    assert hoja["B7"].number_format == "dd/mm/yyyy"
    assert hoja["B3"].number_format == "@"
    assert hoja["B8"].value == VERSION_PLANTILLA
    assert hoja["B8"].protection.locked is True
    nombre = libro.defined_names["VERSION_PLANTILLA"]
    assert list(nombre.destinations) == [(HOJA_ASPIRANTE, "$B$8")]


def test_aspirante_validaciones(libro: openpyxl.Workbook) -> None:
    dvs = _validaciones(libro[HOJA_ASPIRANTE])
    assert sorted(dvs) == ["B2", "B3", "B7"]
    assert (dvs["B3"].type, dvs["B3"].formula1, dvs["B3"].errorStyle or "stop") == (
        "list", f'"{ENTIDADES}"', "stop"
    )
    assert dvs["B3"].showErrorMessage is True
    assert (dvs["B7"].type, dvs["B7"].operator or "between") == ("date", "between")
    # Excel serial dates of 2000-01-01 and 2099-12-31.
    assert (dvs["B7"].formula1, dvs["B7"].formula2) == ("36526", "73050")
    assert dvs["B2"].type == "list" and dvs["B2"].showErrorMessage is False
    assert "Diputación federal" in dvs["B2"].formula1


def test_aspirante_prellenado(tmp_path: Path) -> None:
    ruta = escribir_plantilla(
        tmp_path / "x.xlsx",
        aspirante="María López Hernández",
        entidad="7",
        cargo="Gubernatura",
        distrito=" 05 ",
        municipio="Tuxtla Gutiérrez",
    )
    hoja = openpyxl.load_workbook(ruta)[HOJA_ASPIRANTE]
    assert [hoja.cell(f, 2).value for f in range(1, 9)] == [
        "María López Hernández",
        "Gubernatura",
        "07",
        "05",
        "Tuxtla Gutiérrez",
        None,
        None,
        VERSION_PLANTILLA,
    ]
    assert hoja["B3"].data_type == "s"
    assert hoja["B1"].protection.locked is False


def test_valor_que_parece_formula_se_escribe_como_texto(tmp_path: Path) -> None:
    ruta = escribir_plantilla(tmp_path / "x.xlsx", aspirante="=HYPERLINK(1)")
    celda = openpyxl.load_workbook(ruta)[HOJA_ASPIRANTE]["B1"]
    assert (celda.value, celda.data_type) == ("=HYPERLINK(1)", "s")


@pytest.mark.parametrize(("entrada", "esperada"), [("1", "01"), ("07", "07"), (" 32 ", "32")])
def test_normalizar_entidad(entrada: str, esperada: str) -> None:
    assert normalizar_entidad(entrada) == esperada


@pytest.mark.parametrize("entrada", ["0", "33", "CHIAPAS", "7.0", "", "٧"])
def test_entidad_invalida(entrada: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="01 a 32"):
        normalizar_entidad(entrada)
    if entrada:
        with pytest.raises(ValueError):
            escribir_plantilla(tmp_path / "x.xlsx", entidad=entrada)
    assert not list(tmp_path.iterdir())


# ---- destination handling -------------------------------------------------------------------


def test_destino_carpeta(tmp_path: Path) -> None:
    assert escribir_plantilla(tmp_path) == tmp_path / NOMBRE_PLANTILLA
    assert zipfile.is_zipfile(tmp_path / NOMBRE_PLANTILLA)


def test_destino_sin_xlsx(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.xlsx"):
        escribir_plantilla(tmp_path / "plantilla.xls")


def test_carpeta_inexistente(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        escribir_plantilla(tmp_path / "no" / "existe.xlsx")
    assert not (tmp_path / "no").exists()


def test_reemplaza_archivo_existente(tmp_path: Path) -> None:
    destino = tmp_path / "p.xlsx"
    destino.write_bytes(b"viejo")
    escribir_plantilla(destino)
    assert zipfile.is_zipfile(destino)
    assert [p.name for p in tmp_path.iterdir()] == ["p.xlsx"]  # no temporary left behind


# ---- sheet Instrucciones --------------------------------------------------------------------


def _textos(hoja) -> str:  # noqa: ANN001
    return "\n".join(
        str(c.value) for fila in hoja.iter_rows() for c in fila if c.value is not None
    )


def test_instrucciones_contenido(libro: openpyxl.Workbook) -> None:
    texto = _textos(libro[HOJA_INSTRUCCIONES])
    for frase in (
        "régimen de excepción",
        "INE/DERFE/STN/30531/2017",
        "No inserte ni borre columnas",
        "pegue como valores (Pegado especial > Valores",
        "para no borrar las validaciones",
        "13 dígitos del reverso de la credencial (modelos C en adelante)",
        "9 dígitos después de «IDMEX» en la zona de lectura mecánica del reverso (modelo D",
        "18 caracteres del frente de la credencial",
        "Frente de la credencial, junto a SECCIÓN",
        "fecha de nacimiento imposible",
        "registro sin OCR ni CIC",
        "clave guardada como número (7 en lugar de 07)",
        "registros repetidos",
        "Aviso",
        "MARIA_LOPEZ_HERNANDEZ.xlsx",
    ):
        assert frase in texto, frase
    for letra, campo in zip("ABCDEFGH", CAMPOS, strict=True):
        assert f"{letra} · {ETIQUETAS[campo]}" in texto
    assert f"I · {COLUMNA_RESULTADO}" in texto
    assert f"J · {COLUMNA_MARCAS}" in texto
    assert "La columna J, «Marcas del verificador», está oculta" in texto


def test_instrucciones_legibles(libro: openpyxl.Workbook) -> None:
    hoja = libro[HOJA_INSTRUCCIONES]
    largos = 0
    for fila in hoja.iter_rows(min_row=3):
        for c in fila:
            if isinstance(c.value, str) and len(c.value) > 60:
                largos += 1
                assert c.alignment.wrap_text is True, c.coordinate
                # Explicit height: neither Excel nor LibreOffice re-fits wrapped rows on open.
                assert hoja.row_dimensions[c.row].height >= 25, c.coordinate
    assert largos >= 20
    assert hoja.page_setup.orientation == "landscape"
    assert hoja.sheet_properties.pageSetUpPr.fitToPage is True
    # fitToWidth absent means 1 (OOXML default); fitToHeight 0 = as many pages as needed.
    assert hoja.page_setup.fitToWidth in (None, 1) and hoja.page_setup.fitToHeight == 0


# ---- print setup and properties --------------------------------------------------------------


def test_impresion_apoyos(apoyos) -> None:  # noqa: ANN001
    assert apoyos.print_title_rows == "$1:$1"
    assert apoyos.page_setup.orientation == "landscape"
    assert apoyos.page_setup.paperSize == 1  # Letter
    assert apoyos.sheet_properties.pageSetUpPr.fitToPage is True
    assert apoyos.page_setup.fitToWidth in (None, 1) and apoyos.page_setup.fitToHeight == 0
    assert apoyos.oddFooter.center.text == "Página &P de &N"
    assert apoyos.oddHeader.center.text == "&A"
    assert apoyos.oddHeader.right.text == f"Plantilla versión {VERSION_PLANTILLA}"


def test_propiedades_del_documento(libro: openpyxl.Workbook, plantilla: Path) -> None:
    p = libro.properties
    assert p.title == "Formato de apoyo ciudadano (régimen de excepción)"
    assert p.subject is not None and "INE/DERFE/STN/30531/2017" in p.subject
    assert p.creator == "apoyo-ciudadano"
    assert p.created == dt.datetime(2025, 1, 1)
    assert p.modified == dt.datetime(2025, 1, 1)
    assert libro.custom_doc_props["version_plantilla"].value == VERSION_PLANTILLA
    with zipfile.ZipFile(plantilla) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    assert "<Company>apoyo-ciudadano</Company>" in app


# ---- determinism and the committed copy ---------------------------------------------------------


def _partes(ruta: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(ruta) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_salida_identica_byte_a_byte(tmp_path: Path) -> None:
    a = escribir_plantilla(tmp_path / "a.xlsx").read_bytes()
    b = escribir_plantilla(tmp_path / "b.xlsx").read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_plantilla_versionada_al_dia(tmp_path: Path) -> None:
    assert RUTA_PLANTILLA.name == NOMBRE_PLANTILLA
    assert RUTA_PLANTILLA.parent.name == "template"
    if not RUTA_PLANTILLA.is_file():
        pytest.fail(f"Falta {RUTA_PLANTILLA}: genérela con `python -m apoyo.template`.")
    nueva = _partes(escribir_plantilla(tmp_path / NOMBRE_PLANTILLA))
    versionada = _partes(RUTA_PLANTILLA)
    assert sorted(nueva) == sorted(versionada)
    distintas = [n for n in nueva if nueva[n] != versionada[n]]
    assert not distintas, (
        f"template/{NOMBRE_PLANTILLA} no está al día ({distintas}): "
        "regenérela con `python -m apoyo.template`."
    )


def test_sin_texto_en_ingles_visible(libro: openpyxl.Workbook) -> None:
    # Cheap guard against English leaking into user-facing text.
    for hoja in libro.worksheets:
        texto = _textos(hoja)
        for dv in hoja.data_validations.dataValidation:
            texto += f"\n{dv.prompt or ''}\n{dv.error or ''}"
        assert not re.search(r"\b(the|should|must|column|sheet)\b", texto), hoja.title


def test_modulo_ejecutable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from apoyo.template.__main__ import main

    destino = tmp_path / "nueva.xlsx"
    assert main([str(destino)]) == 0
    assert capsys.readouterr().out.strip() == str(destino)
    assert _partes(destino) == _partes(escribir_plantilla(tmp_path / "otra.xlsx"))
