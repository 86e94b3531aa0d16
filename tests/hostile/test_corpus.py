"""The corpus of bad and hostile files, each through the real command line with its exact outcome.

Every run also checks (`ayudas_hostiles.Corredor`): no traceback, the input's SHA-256 unchanged,
no temporary file left, and nothing written when the file is unusable (exit code 2).
"""

from __future__ import annotations

import datetime
import http.server
import io
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from .ayudas_hostiles import (
    CORTE,
    ENCABEZADOS,
    FILA_1,
    FILA_2,
    FILA_3,
    FILAS,
    Corredor,
    basico,
    bomba_zip,
    cifrar,
    csv_texto,
    reempaquetar,
    xlsx,
)

Convertir = Callable[[Path, str], Path]
VALIDAR = ("validar", "--fecha-corte", CORTE)


def validar(apoyo: Corredor, ruta: Path, *extra: str, **kw):
    return apoyo(*VALIDAR[:1], ruta, *VALIDAR[1:], *extra, entrada=ruta, **kw)


def no_se_pudo_usar(res, mensaje: str, remedio: str | None = None) -> None:
    """Exit code 2 with the Spanish message (and remedy) on screen, and no report."""
    assert res.rc == 2, res.texto
    assert res.dice(f"No se pudo usar: {mensaje}"), res.texto
    if remedio is not None:
        assert res.dice(f"Qué hacer: {remedio}"), res.texto
    assert res.reporte is None and res.salidas == []


def celdas(ruta: Path, hoja: str = "Apoyos") -> list[list[openpyxl.cell.cell.Cell]]:
    libro = openpyxl.load_workbook(ruta)
    return [list(fila) for fila in libro[hoja].iter_rows()]


# ---- files that are not what they claim ----------------------------------------------------------

DANADO_REMEDIO = ("Puede haberse cortado al copiarlo o descargarlo. Ábralo en Excel; si abre, "
                  "guárdelo de nuevo y envíelo de nuevo; si no, envíe otra copia.")
NO_ES_HOJA_REMEDIO = ("Envíe la hoja de cálculo con los apoyos (.xlsx, .ods, .xls o .csv); si "
                      "solo tiene el documento, capture los datos en la plantilla oficial.")


def test_libro_con_contrasena_para_abrir(apoyo: Corredor, tmp_path: Path) -> None:
    claro = basico(tmp_path / "fuente.xlsx")
    ruta = cifrar(claro, tmp_path / "con_contrasena.xlsx")
    claro.unlink()
    no_se_pudo_usar(
        validar(apoyo, ruta),
        "con_contrasena.xlsx: El libro está protegido con contraseña para abrirlo (cifrado) y "
        "no se puede leer.",
        "Ábralo en Excel, vaya a Archivo > Información > Proteger libro > Cifrar con contraseña, "
        "borre la contraseña, guarde el libro y envíelo de nuevo.")


@pytest.mark.parametrize(("nombre", "contenido", "parece"), [
    ("apoyos.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "un documento PDF"),
    ("apoyos.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "una imagen PNG"),
    ("foto.xls", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 64, "una imagen JPEG (foto)"),
])
def test_no_es_hoja_renombrado(apoyo: Corredor, tmp_path: Path, nombre: str, contenido: bytes,
                               parece: str) -> None:
    ruta = tmp_path / nombre
    ruta.write_bytes(contenido)
    no_se_pudo_usar(validar(apoyo, ruta),
                    f"{nombre}: El archivo no es una hoja de cálculo: parece ser {parece}.",
                    NO_ES_HOJA_REMEDIO)


def test_word_renombrado(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = tmp_path / "apoyos.xlsx"
    with zipfile.ZipFile(ruta, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    no_se_pudo_usar(validar(apoyo, ruta), "apoyos.xlsx: El archivo no es una hoja de cálculo: "
                    "parece ser un documento de Word (.docx).")


@pytest.mark.parametrize("nombre", ["vacio.xlsx", "vacio.csv"])
def test_archivo_vacio(apoyo: Corredor, tmp_path: Path, nombre: str) -> None:
    ruta = tmp_path / nombre
    ruta.write_bytes(b"")
    no_se_pudo_usar(validar(apoyo, ruta), f"{nombre}: El archivo está vacío (0 bytes).",
                    "Es probable que no se haya guardado o que se haya copiado mal. Guarde de nuevo "
                    "la hoja con los apoyos y envíelo de nuevo.")


def test_pagina_web_con_extension_xls(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = tmp_path / "reporte.xls"
    ruta.write_text("<html><body><table><tr><td>OCR</td></tr></table></body></html>")
    no_se_pudo_usar(validar(apoyo, ruta), "reporte.xls: El archivo es una página web (HTML), no "
                    "un libro de Excel, aunque tenga esa extensión.")


def test_binario_con_extension_csv(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = tmp_path / "raro.csv"
    ruta.write_bytes(bytes(range(256)) * 8)
    no_se_pudo_usar(validar(apoyo, ruta), "raro.csv: El archivo no es una hoja de cálculo: "
                    "parece ser un archivo binario, no de texto.")


def test_hoja_sin_filas(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = xlsx(tmp_path / "vacia.xlsx", {"Apoyos": []})
    no_se_pudo_usar(
        validar(apoyo, ruta),
        "vacia.xlsx: No se encontró la fila de encabezados en la hoja «Apoyos»: ninguna de las "
        "primeras 20 filas con datos tiene los nombres de las columnas. Se esperan: «Clave del "
        "Estado», «Sección electoral», «Nombre(s)», «Apellido paterno», «Apellido materno», "
        "«Clave de elector», «OCR», «CIC».",
        "Escriba esos encabezados en una fila, arriba de los datos (una columna por dato), o "
        "copie los datos a la plantilla oficial.")


def test_solo_encabezado(apoyo: Corredor, tmp_path: Path) -> None:
    res = validar(apoyo, xlsx(tmp_path / "solo.xlsx", {"Apoyos": [ENCABEZADOS]}))
    assert res.rc == 1
    assert res.hallazgos == [(None, None, "sin-registros")]
    assert res.reporte["hallazgos"][0]["mensaje"] == (
        "El archivo tiene encabezados pero ninguna fila con datos.")


# ---- damaged and malicious containers ------------------------------------------------------------


def test_zip_truncado(apoyo: Corredor, tmp_path: Path) -> None:
    datos = basico(tmp_path / "bueno.xlsx", FILAS * 40).read_bytes()
    (tmp_path / "bueno.xlsx").unlink()
    ruta = tmp_path / "cortado.xlsx"
    ruta.write_bytes(datos[: len(datos) // 2])
    no_se_pudo_usar(validar(apoyo, ruta), "cortado.xlsx: El archivo xlsx está dañado o incompleto "
                    "y no se puede leer.", DANADO_REMEDIO)


def test_zip_con_bytes_cambiados(apoyo: Corredor, tmp_path: Path) -> None:
    """Bytes flipped inside the compressed sheet: the CRC or the inflater fails."""
    origen = basico(tmp_path / "bueno.xlsx", FILAS * 40)
    datos = bytearray(origen.read_bytes())
    origen.unlink()
    with zipfile.ZipFile(io.BytesIO(bytes(datos))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    inicio = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(inicio + 10, inicio + info.compress_size - 10, 7):
        datos[i] ^= 0x5A
    ruta = tmp_path / "alterado.xlsx"
    ruta.write_bytes(bytes(datos))
    no_se_pudo_usar(validar(apoyo, ruta), "alterado.xlsx: El archivo xlsx está dañado o "
                    "incompleto y no se puede leer.")


BOMBA = ("El archivo declara un contenido descomprimido desproporcionado (más de lo que cabe en "
         "una hoja de Excel); por seguridad no se abre.")


def test_bomba_zip_de_gigas(apoyo: Corredor, tmp_path: Path) -> None:
    """A 5 MB file whose sheet XML inflates to 5 GiB: refused from the sizes it declares, in
    well under a second, without inflating anything."""
    import time

    ruta = bomba_zip(tmp_path / "bomba.xlsx", gigas=5)
    assert ruta.stat().st_size < 8 * 2**20
    inicio = time.perf_counter()
    no_se_pudo_usar(validar(apoyo, ruta), f"bomba.xlsx: {BOMBA}",
                    "Copie solo los datos de los apoyos a un libro nuevo (o a la plantilla "
                    "oficial), guárdelo y envíelo de nuevo.")
    assert time.perf_counter() - inicio < 5


@pytest.mark.parametrize("parte", ["hoja", "cadenas"])
def test_bomba_zip_que_miente_sobre_su_tamano(apoyo: Corredor, tmp_path: Path,
                                              parte: str) -> None:
    """The zip claims 1 MB for a part that inflates to 1 GiB: reading stops at the claimed size
    (the zip reader checks it), so nothing big is ever built."""
    ruta = bomba_zip(tmp_path / "mentira.xlsx", gigas=1, declarado=2**20, parte=parte)
    no_se_pudo_usar(validar(apoyo, ruta), "mentira.xlsx: El archivo xlsx está dañado o "
                    "incompleto y no se puede leer.")


class _Servidor:
    """A local HTTP server counting requests: a fetched external entity or link would show."""

    def __init__(self) -> None:
        self.pedidos: list[str] = []
        pedidos = self.pedidos

        class Manejador(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                pedidos.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"SECRETO-DE-RED")

            def log_message(self, *args: object) -> None:
                pass

        self.http = http.server.HTTPServer(("127.0.0.1", 0), Manejador)
        self.url = f"http://127.0.0.1:{self.http.server_port}"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def cerrar(self) -> None:
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture
def servidor() -> Iterator[_Servidor]:
    s = _Servidor()
    yield s
    s.cerrar()


DTD = ("El archivo contiene declaraciones XML (DTD o entidades) que Excel y LibreOffice nunca "
       "escriben; por seguridad no se abre.")
_RISAS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol;" if i == 1 else b"&lol%d;" % (i - 1)) * 10)
                     for i in range(1, 10))
          + b"]>")


@pytest.mark.parametrize("parte", ["xl/sharedStrings.xml", "xl/workbook.xml"])
def test_expansion_de_entidades(apoyo: Corredor, tmp_path: Path, parte: str) -> None:
    """'Billion laughs' in a workbook part: refused before any parser expands anything."""
    (tmp_path / "fuente").mkdir()
    origen = basico(tmp_path / "fuente" / "x.xlsx")

    def cambiar(nombre: str, datos: bytes) -> bytes:
        if nombre != parte:
            return datos
        datos = datos.replace(b"?>", b"?>" + _RISAS, 1)
        return datos.replace(b"SOFIA", b"&lol9;").replace(b'name="Apoyos"', b'name="&lol9;"')

    ruta = reempaquetar(origen, tmp_path / "risas.xlsx", cambiar)
    res = validar(apoyo, ruta)
    no_se_pudo_usar(res, f"risas.xlsx: {DTD}")
    assert "lollol" not in res.texto


@pytest.mark.parametrize("parte", ["xl/sharedStrings.xml", "xl/workbook.xml"])
def test_entidad_externa(apoyo: Corredor, tmp_path: Path, servidor: _Servidor,
                         parte: str) -> None:
    """XXE: entities pointing to a local file and to a web address; nothing is read or fetched."""
    secreto = tmp_path / "fuente" / "secreto.txt"
    secreto.parent.mkdir()
    secreto.write_text("SECRETO-LOCAL")
    origen = basico(tmp_path / "fuente" / "x.xlsx")
    dtd = (b'<!DOCTYPE x [<!ENTITY local SYSTEM "' + secreto.as_uri().encode() + b'">'
           b'<!ENTITY red SYSTEM "' + servidor.url.encode() + b'/xxe">]>')

    def cambiar(nombre: str, datos: bytes) -> bytes:
        if nombre != parte:
            return datos
        datos = datos.replace(b"?>", b"?>" + dtd, 1)
        return datos.replace(b"SOFIA", b"&local;&red;").replace(b'name="Apoyos"',
                                                                 b'name="&local;&red;"')

    ruta = reempaquetar(origen, tmp_path / "xxe.xlsx", cambiar)
    res = validar(apoyo, ruta)
    no_se_pudo_usar(res, f"xxe.xlsx: {DTD}")
    assert "SECRETO" not in res.texto
    assert servidor.pedidos == []


# ---- formulas, merged cells, hidden things -------------------------------------------------------


def test_formulas_sin_valor_guardado(apoyo: Corredor, tmp_path: Path) -> None:
    """openpyxl writes formulas without a cached result: the checker sees empty cells (nothing is
    calculated), says which cells hold a formula, and that their values are unknown (an error
    of the file: the export refuses it, see test_exportar_rechaza_formulas_sin_resultado)."""
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "Apoyos"
    for fila in [ENCABEZADOS, *FILAS]:
        hoja.append(fila)
    hoja["C2"] = '=UPPER("sofia")'
    hoja["A3"] = '="07"'
    hoja["A5"] = '=IF(C5="","","07")'  # a formula alone in an otherwise blank row: no data
    ruta = tmp_path / "formulas.xlsx"
    libro.save(ruta)
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert res.hallazgos == [
        (None, None, "formula-sin-resultado"),
        (2, "nombre", "celda-formula"), (3, "clave_estado", "celda-formula"),
        (2, "nombre", "campo-obligatorio"), (3, "clave_estado", "campo-obligatorio")]
    assert res.reporte["hallazgos"][0]["severidad"] == "error"
    assert res.reporte["hallazgos"][0]["mensaje"] == (
        "Hay 2 celdas con fórmula cuyo resultado no está guardado en el archivo (C2 y A3); lo "
        "escribió un programa que no calcula fórmulas, y sin calcularlas no se sabe qué dato "
        "llevan (se leerían como vacías).")
    assert res.reporte["hallazgos"][1]["mensaje"] == (
        "«Nombre(s)» tiene una fórmula; se revisó el valor que el archivo guardó como su "
        "resultado, sin volver a calcularla.")
    assert res.reporte["filas"] == 3


def _apellido_por_formula(ruta: Path) -> Path:
    """FILAS with row 3's apellido paterno (optional: empty would pass) made by a formula, in a
    workbook written by openpyxl (no cached results)."""
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "Apoyos"
    for fila in [ENCABEZADOS, *FILAS]:
        hoja.append(fila)
    hoja["D3"] = f'="{FILAS[1][3]}"'
    libro.save(ruta)
    return ruta


def test_exportar_rechaza_formulas_sin_resultado(apoyo: Corredor, tmp_path: Path) -> None:
    """Found by a tester: a surname made by a formula in a file written by openpyxl was read as
    empty and the row went to the DERFE file without it. The export now refuses the file
    (exit 2, nothing written) and says how to get the results saved."""
    ruta = _apellido_por_formula(tmp_path / "formulas.xlsx")
    exp = apoyo("exportar", ruta, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE, entrada=ruta)
    assert exp.rc == 2
    texto = " ".join(exp.stderr.split())
    assert ("Hay 1 celda con fórmula cuyo resultado no está guardado en el archivo (D3)"
            in texto)
    assert "No se exportó nada." in texto and "Pegado especial > Valores" in texto
    assert not (tmp_path / "ANA_RUIZ.xlsx").exists()


def test_exportar_formulas_guardadas_por_libreoffice(apoyo: Corredor, tmp_path: Path,
                                                     convertir: Convertir) -> None:
    """Once a spreadsheet program has saved the formulas' results (as the remedy says), the
    same file exports, with the surname the formula makes."""
    guardado = convertir(_apellido_por_formula(tmp_path / "formulas.xlsx"), "xlsx")
    exp = apoyo("exportar", guardado, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE,
                "--salida", tmp_path, entrada=guardado)
    assert exp.rc == 0, exp.stderr
    derfe = openpyxl.load_workbook(tmp_path / "ANA_RUIZ.xlsx", read_only=True)["Apoyos"]
    assert [c.value for c in next(derfe.iter_rows(min_row=3, max_row=3))][3] == FILAS[1][3]


def test_resultado_de_formula_en_el_xml() -> None:
    """Which formula cells hold their result, as each program writes them."""
    from apoyo.read.ooxml import DetallesHoja, _formulas_en

    casos = {
        b'<c r="D2"><f>1+1</f><v>2</v></c>': False,  # Excel, LibreOffice, XlsxWriter
        b'<c r="D2" t="str"><f>""</f><v></v></c>': False,  # Excel: an empty text result
        b'<c r="D2" t="str"><f>A1</f><v>PEREZ</v></c>': False,
        b'<c r="D2"><f>1+1</f><v /></c>': True,  # openpyxl
        b'<c r="D2"><f>1+1</f><v></v></c>': True,
        b'<c r="D2"><f>1+1</f></c>': True,
        b'<c r="D2" s="3"><f t="shared" ref="D2:D9" si="0">B2*2</f></c>': True,
        b'<x:c r="D2"><x:f>1+1</x:f></x:c>': True,  # with a namespace prefix
        b'<x:c r="D2"><x:f>1+1</x:f><x:v>2</x:v></x:c>': False,
        # ">" may go unescaped in text: the cell does not end at "c>"
        b'<c r="D2" t="str"><f>IF(abc>1,"A","B")</f><v>B</v></c>': False,
        b'<c r="D2"><f>IF(abc>1,1,2)</f></c>': True,
    }
    for celda, sin in casos.items():
        datos = b'<row r="2"><c r="A2" t="inlineStr"><is><t>07</t></is></c>' + celda + b"</row>"
        detalles = DetallesHoja()
        _formulas_en(datos, detalles)
        assert detalles.formulas == {2: [3]}, celda
        assert detalles.sin_resultado == ({2: [3]} if sin else {}), celda


def test_formulas_con_valor_guardado(apoyo: Corredor, tmp_path: Path,
                                     servidor: _Servidor) -> None:
    """XlsxWriter stores a cached result: that value is what is checked; a HYPERLINK or WEBSERVICE
    formula is never evaluated (the server sees no request), and the marked copy has values, not
    formulas."""
    def preparar(libro, hojas) -> None:
        h = hojas["Apoyos"]
        h.write_formula(1, 2, '=UPPER("sofia")', None, "SOFIA")
        h.write_formula(2, 6, f'=HYPERLINK("{servidor.url}/clic","0752325589669")', None,
                        "0752325589669")
        h.write_formula(3, 7, f'=WEBSERVICE("{servidor.url}/ws")', None, "123456789")
        h.write_formula(3, 0, "=1/0", None, "#DIV/0!")

    ruta = basico(tmp_path / "cache.xlsx", preparar=preparar)
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert res.hallazgos == [
        (2, "nombre", "celda-formula"), (3, "ocr", "celda-formula"),
        (4, "clave_estado", "celda-formula"), (4, "cic", "celda-formula"),
        (4, "clave_estado", "clave-estado-invalida")]
    assert res.reporte["hallazgos"][-1]["valor"] == "#DIV/0!"
    assert servidor.pedidos == []
    revisado = celdas(res.revisado)
    assert [c.value for c in revisado[1][:8]] == FILA_1
    assert all(c.data_type != "f" for fila in revisado for c in fila)


def test_celdas_combinadas(apoyo: Corredor, tmp_path: Path) -> None:
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "Apoyos"
    for fila in [ENCABEZADOS, *FILAS]:
        hoja.append(fila)
    hoja.merge_cells("A2:A4")  # the entity typed once for three rows
    ruta = tmp_path / "combinadas.xlsx"
    libro.save(ruta)
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert res.hallazgos == [(None, None, "celdas-combinadas"),
                             (3, "clave_estado", "campo-obligatorio"),
                             (4, "clave_estado", "campo-obligatorio")]
    assert res.reporte["hallazgos"][0]["mensaje"] == (
        "La hoja tiene celdas combinadas entre los datos (A2:A4); solo la primera celda de cada "
        "grupo tiene el valor y las demás se revisaron como vacías.")


def test_filas_y_columnas_ocultas(apoyo: Corredor, tmp_path: Path) -> None:
    def preparar(libro, hojas) -> None:
        h = hojas["Apoyos"]
        h.set_row(2, None, None, {"hidden": True})
        h.set_column(7, 7, None, None, {"hidden": True})
        h.set_row(10, None, None, {"hidden": True})  # hidden but empty: not mentioned

    res = validar(apoyo, basico(tmp_path / "ocultas.xlsx", preparar=preparar))
    assert res.rc == 0
    assert res.hallazgos == [(None, None, "contenido-oculto")]
    assert res.reporte["hallazgos"][0]["mensaje"] == (
        "La hoja «Apoyos» tiene 1 fila oculta (la 3) y la columna H oculta; se revisó igual que "
        "lo visible, y en la copia marcada todo queda a la vista.")
    assert res.reporte["filas"] == 3
    revisado = openpyxl.load_workbook(res.revisado)["Apoyos"]
    assert not revisado.row_dimensions[3].hidden
    assert not revisado.column_dimensions["H"].hidden


def test_datos_en_hoja_oculta(apoyo: Corredor, tmp_path: Path) -> None:
    def preparar(libro, hojas) -> None:
        hojas["Datos"].hide()

    ruta = xlsx(tmp_path / "oculta.xlsx", {"Portada": [["Apoyos ciudadanos"]],
                                           "Datos": [ENCABEZADOS, *FILAS]}, preparar=preparar)
    res = validar(apoyo, ruta)
    assert res.rc == 0
    assert res.hallazgos == [(None, None, "contenido-oculto")]
    assert res.reporte["hallazgos"][0]["mensaje"] == (
        "La hoja «Datos», de donde se leyeron los apoyos, está oculta; se revisó igual que lo "
        "visible, y en la copia marcada todo queda a la vista.")
    assert res.reporte["metadatos"]["hoja"] == "Datos"


def test_hoja_visible_tiene_prioridad_sobre_la_oculta(apoyo: Corredor, tmp_path: Path) -> None:
    def preparar(libro, hojas) -> None:
        hojas["Nueva"].activate()
        hojas["Vieja"].hide()

    ruta = xlsx(tmp_path / "dos.xlsx", {"Vieja": [ENCABEZADOS, FILA_3],
                                        "Nueva": [ENCABEZADOS, FILA_1, FILA_2]},
                preparar=preparar)
    res = validar(apoyo, ruta)
    # The hidden sheet's row is not checked, and that is said (`otra-hoja-con-datos`).
    assert (res.rc, res.hallazgos, res.reporte["metadatos"]["hoja"]) == (
        0, [(None, None, "otra-hoja-con-datos")], "Nueva")
    assert res.reporte["hallazgos"][0]["mensaje"] == (
        "La hoja «Vieja» (oculta) también tiene los encabezados y 1 fila con datos, pero solo "
        "se revisó la hoja «Nueva»: esos datos no se revisaron ni se exportan.")
    assert res.reporte["filas"] == 2


# ---- where the data is ---------------------------------------------------------------------------


def test_datos_en_la_segunda_hoja(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = xlsx(tmp_path / "segunda.xlsx", {"Hoja1": [["Listado de apoyos"]],
                                            "Hoja2": [ENCABEZADOS, *FILAS]})
    res = validar(apoyo, ruta)
    assert (res.rc, res.hallazgos) == (0, [])
    assert res.reporte["metadatos"]["hoja"] == "Hoja2"
    assert res.reporte["filas"] == 3


def test_datos_desde_la_fila_5(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = xlsx(tmp_path / "c5.xlsx", {"Apoyos": [ENCABEZADOS, *FILAS]}, inicio=(4, 2))
    res = validar(apoyo, ruta)
    assert (res.rc, res.hallazgos) == (0, [])
    assert res.reporte["metadatos"]["fila_encabezado"] == 5
    revisado = celdas(res.revisado)
    assert [c.value for c in revisado[4][2:10]] == ENCABEZADOS
    assert [c.value for c in revisado[5][2:10]] == FILA_1


def test_columnas_extra(apoyo: Corredor, tmp_path: Path) -> None:
    filas = [ENCABEZADOS + ["Teléfono", "Firma"]] + [f + ["5551234567", "sí"] for f in FILAS]
    res = validar(apoyo, xlsx(tmp_path / "extra.xlsx", {"Apoyos": filas}))
    assert (res.rc, res.hallazgos) == (0, [])
    revisado = celdas(res.revisado)
    assert [c.value for c in revisado[0]] == ENCABEZADOS + ["Teléfono", "Firma", "Resultado"]
    assert [c.value for c in revisado[1][8:]] == ["5551234567", "sí", "OK"]


def test_columnas_faltantes(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = xlsx(tmp_path / "faltan.xlsx", {"Apoyos": [ENCABEZADOS[:6]] + [f[:6] for f in FILAS]})
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert res.hallazgos == [(None, "ocr", "columna-faltante"), (None, "cic", "columna-faltante"),
                             (2, "ocr", "sin-ocr-ni-cic"), (3, "ocr", "sin-ocr-ni-cic"),
                             (4, "ocr", "sin-ocr-ni-cic")]


def test_encabezados_repetidos(apoyo: Corredor, tmp_path: Path) -> None:
    filas = [ENCABEZADOS + ["OCR"]] + [f + ["9999999999999"] for f in FILAS]
    res = validar(apoyo, xlsx(tmp_path / "repetidas.xlsx", {"Apoyos": filas}))
    assert res.rc == 1
    assert res.hallazgos == [(None, "ocr", "columna-repetida")]
    assert res.reporte["hallazgos"][0]["mensaje"] == (
        "La columna «OCR» aparece más de una vez (columnas G y I); se revisó la primera.")


# ---- what is in the cells ------------------------------------------------------------------------


def test_texto_de_mas_de_32767_caracteres(apoyo: Corredor, tmp_path: Path) -> None:
    largo = list(FILA_1)
    largo[2] = "S" * 40_000
    ruta = tmp_path / "largo.csv"
    ruta.write_text(csv_texto([ENCABEZADOS, largo, FILA_2]), encoding="utf-8")
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert res.hallazgos == [(2, "nombre", "texto-demasiado-largo")]
    assert res.reporte["hallazgos"][0]["mensaje"] == (
        "«Nombre(s)» tiene 40,000 caracteres; una celda de Excel admite como máximo 32,767 (en la "
        "copia marcada se muestra recortado).")
    celda = celdas(res.revisado)[1][2]
    assert (celda.data_type, len(celda.value), celda.value[-1]) == ("s", 32_767, "…")
    # Checking the marked copy again finds the same (found by a tester: the cut text, ending
    # in «…», was nombre-invalido there); its length is known no more.
    otra = validar(apoyo, res.revisado)
    assert otra.hallazgos == res.hallazgos
    assert otra.reporte["hallazgos"][0]["mensaje"] == (
        "«Nombre(s)» tiene más de 32,767 caracteres; una celda de Excel admite como máximo "
        "32,767 (en la copia marcada se muestra recortado).")


def test_campo_de_mas_de_131072_caracteres(apoyo: Corredor, tmp_path: Path) -> None:
    largo = list(FILA_1)
    largo[6] = "1" * 200_000
    ruta = tmp_path / "enorme.csv"
    ruta.write_text(csv_texto([ENCABEZADOS, FILA_2, largo]), encoding="utf-8")
    no_se_pudo_usar(validar(apoyo, ruta), "enorme.csv: El archivo de texto no se pudo leer a "
                    "partir de la línea 3: tiene comillas sin cerrar o un campo de más de 131,072 "
                    "caracteres.")


def test_caracteres_de_control(apoyo: Corredor, tmp_path: Path) -> None:
    con_control = list(FILA_1)
    con_control[2] = "SO\x01FIA"
    con_control[3] = "VAZ\x1bQUEZ"
    ruta = basico(tmp_path / "control.xlsx", [con_control, FILA_2])
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert res.hallazgos == [(2, "nombre", "nombre-invalido"),
                             (2, "apellido_paterno", "nombre-invalido")]
    assert [h["mensaje"] for h in res.reporte["hallazgos"]] == [
        "«Nombre(s)» contiene caracteres que no van en un nombre: un carácter invisible (U+0001).",
        "«Apellido paterno» contiene caracteres que no van en un nombre: un carácter invisible "
        "(U+001B)."]
    assert "\x1b" not in res.texto
    # The marked copy keeps the values as they were (escaped the way Excel does).
    assert [c.value for c in celdas(res.revisado)[1][2:4]] == ["SO_x0001_FIA", "VAZ_x001B_QUEZ"]


def test_byte_nulo_en_un_csv(apoyo: Corredor, tmp_path: Path) -> None:
    """A stray NUL in one cell does not make the whole text file 'binary'."""
    con_nulo = list(FILA_1)
    con_nulo[6] = "1726668657279\x00"
    ruta = tmp_path / "nulo.csv"
    ruta.write_text(csv_texto([ENCABEZADOS, con_nulo, FILA_2]), encoding="utf-8")
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert res.hallazgos == [(2, "ocr", "ocr-formato")]


def test_derecha_a_izquierda_y_emoji_en_nombres(apoyo: Corredor, tmp_path: Path) -> None:
    emoji = list(FILA_1)
    emoji[2] = "SOFIA 😀"
    invertido = list(FILA_2)
    invertido[3] = "PEREZ\u202e"
    arabe = list(FILA_3)
    arabe[2] = "مريم"
    res = validar(apoyo, basico(tmp_path / "rtl.xlsx", [emoji, invertido, arabe]))
    assert res.rc == 1
    assert res.hallazgos == [(2, "nombre", "nombre-invalido"),
                             (3, "apellido_paterno", "nombre-invalido"),
                             (4, "nombre", "nombre-invalido")]
    assert [h["mensaje"] for h in res.reporte["hallazgos"]] == [
        "«Nombre(s)» contiene caracteres que no van en un nombre: «😀».",
        "«Apellido paterno» contiene caracteres que no van en un nombre: un carácter invisible "
        "(U+202E).",
        "«Nombre(s)» contiene caracteres que no van en un nombre: «م», «ر», «ي»."]
    assert "\u202e" not in res.texto


def test_numeros_fechas_logicos_y_errores_en_columnas_de_texto(apoyo: Corredor,
                                                               tmp_path: Path) -> None:
    tipos = list(FILA_1)
    tipos[2] = 12
    tipos[3] = datetime.datetime(2020, 1, 2)
    tipos[4] = True
    otra = list(FILA_2)
    otra[0] = 7
    otra[6] = 752325589669

    def preparar(libro, hojas) -> None:
        fecha = libro.add_format({"num_format": "dd/mm/yyyy"})
        hojas["Apoyos"].write_datetime(1, 3, tipos[3], fecha)

    ruta = basico(tmp_path / "tipos.xlsx", [tipos, otra], preparar=preparar)
    libro = openpyxl.load_workbook(ruta)
    libro["Apoyos"]["H3"] = "#N/A"  # openpyxl writes it as an error cell (t="e")
    libro.save(ruta)
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert res.hallazgos == [
        (2, "nombre", "nombre-invalido"), (2, "nombre", "numero-convertido"),
        (2, "apellido_paterno", "tipo-de-dato"), (2, "apellido_materno", "tipo-de-dato"),
        (3, "clave_estado", "numero-convertido"), (3, "ocr", "numero-convertido"),
        (3, "cic", "cic-formato")]
    mensajes = {(h["fila"], h["campo"], h["codigo"]): h["mensaje"]
                for h in res.reporte["hallazgos"]}
    assert mensajes[(2, "apellido_paterno", "tipo-de-dato")] == (
        "«Apellido paterno» contiene una fecha en lugar de texto.")
    assert mensajes[(2, "apellido_materno", "tipo-de-dato")] == (
        "«Apellido materno» contiene un valor lógico (VERDADERO/FALSO) en lugar de texto.")
    assert mensajes[(3, "cic", "cic-formato")] == (
        "El CIC «#N/A» contiene caracteres que no son dígitos.")


def test_xlsm_con_macros(apoyo: Corredor, tmp_path: Path) -> None:
    def preparar(libro, hojas) -> None:
        # A stand-in VBA project (an OLE2 header and nothing else): it is never opened or run.
        libro.add_vba_project(io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
                              is_stream=True)

    ruta = basico(tmp_path / "macros.xlsm", preparar=preparar)
    with zipfile.ZipFile(ruta) as zf:
        assert "xl/vbaProject.bin" in zf.namelist()
    res = validar(apoyo, ruta)
    assert res.rc == 0
    assert res.hallazgos == [(None, None, "macros-ignoradas")]
    assert res.reporte["hallazgos"][0]["mensaje"] == (
        "El libro contiene macros; no se ejecutaron ni se copian a los archivos de salida.")
    assert res.revisado.name == "macros.revisado.xlsx"
    with zipfile.ZipFile(res.revisado) as zf:
        assert not any("vba" in n.lower() for n in zf.namelist())


# ---- other formats -------------------------------------------------------------------------------


@pytest.mark.parametrize("formato", ["xls", "ods"])
def test_xls_y_ods(apoyo: Corredor, tmp_path: Path, convertir: Convertir, formato: str) -> None:
    fuente = tmp_path / "fuente"
    fuente.mkdir()
    origen = xlsx(fuente / "apoyos.xlsx", {"Apoyos": [ENCABEZADOS, *FILAS]}, inicio=(4, 2))
    ruta = convertir(origen, formato)
    ruta = ruta.rename(tmp_path / ruta.name)
    res = validar(apoyo, ruta)
    assert (res.rc, res.hallazgos) == (0, [])
    assert res.reporte["metadatos"]["formato"] == formato
    assert res.reporte["filas"] == 3


def test_xls_con_celdas_combinadas(apoyo: Corredor, tmp_path: Path, convertir: Convertir) -> None:
    fuente = tmp_path / "fuente"
    fuente.mkdir()
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "Apoyos"
    for fila in [ENCABEZADOS, *FILAS]:
        hoja.append(fila)
    hoja.merge_cells("A2:A4")
    libro.save(fuente / "combinadas.xlsx")
    ruta = convertir(fuente / "combinadas.xlsx", "xls").rename(tmp_path / "combinadas.xls")
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert res.hallazgos == [(None, None, "celdas-combinadas"),
                             (3, "clave_estado", "campo-obligatorio"),
                             (4, "clave_estado", "campo-obligatorio")]


CSV_CASOS = {
    "utf16.csv": (csv_texto([ENCABEZADOS, *FILAS], "\t").encode("utf-16"), "utf-16", "\t"),
    "cp1252.csv": (csv_texto([ENCABEZADOS, *FILAS], ";").encode("cp1252"), "cp1252", ";"),
    "bom.csv": (csv_texto([ENCABEZADOS, *FILAS]).encode("utf-8-sig"), "utf-8-sig", ","),
    "fines_mixtos.csv": ((",".join(ENCABEZADOS) + "\r\n" + ",".join(FILA_1) + "\n"
                          + ",".join(FILA_2) + "\r" + ",".join(FILA_3) + "\r\n").encode(),
                         "utf-8", ","),
}


@pytest.mark.parametrize("nombre", sorted(CSV_CASOS))
def test_csv_codificaciones_y_fines_de_linea(apoyo: Corredor, tmp_path: Path, nombre: str) -> None:
    datos, codificacion, delimitador = CSV_CASOS[nombre]
    ruta = tmp_path / nombre
    ruta.write_bytes(datos)
    res = validar(apoyo, ruta)
    assert (res.rc, res.hallazgos) == (0, [])
    assert res.reporte["metadatos"]["encoding"] == codificacion
    assert res.reporte["metadatos"]["delimitador"] == delimitador
    # CASTAÑEDA arrives intact whatever the encoding, on its own line number.
    revisado = celdas(res.revisado)
    assert [c.value for c in revisado[2][:8]] == FILA_2
    assert len(revisado) == 4


def test_csv_comillas_sin_cerrar(apoyo: Corredor, tmp_path: Path) -> None:
    """An opening quote never closed swallows the rest of the file into one value: that row is
    flagged (the rows after it are not lost silently: they are inside the flagged value)."""
    roto = list(FILA_2)
    roto[2] = '"MARIA'
    texto = "".join(",".join(f) + "\r\n" for f in [ENCABEZADOS, FILA_1, roto, FILA_3])
    ruta = tmp_path / "comillas.csv"
    ruta.write_bytes(texto.encode())
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert res.reporte["filas"] == 2
    assert res.hallazgos == [(3, "nombre", "nombre-invalido"), (3, "nombre", "espacios-corregidos"),
                             (3, "apellido_paterno", "sin-apellidos"),
                             (3, "clave_elector", "campo-obligatorio"), (3, "ocr", "sin-ocr-ni-cic")]
    assert FILA_3[5] in res.reporte["hallazgos"][0]["valor"]


def test_csv_delimitador_entre_comillas(apoyo: Corredor, tmp_path: Path) -> None:
    con_coma = list(FILA_1)
    con_coma[3] = "VAZQUEZ, DE LA"
    ruta = tmp_path / "coma.csv"
    ruta.write_text(csv_texto([ENCABEZADOS, con_coma, FILA_2]), encoding="utf-8")
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert res.hallazgos == [(2, "apellido_paterno", "nombre-invalido")]
    assert res.reporte["hallazgos"][0]["valor"] == "VAZQUEZ, DE LA"
    assert res.reporte["hallazgos"][0]["mensaje"] == (
        "«Apellido paterno» contiene caracteres que no van en un nombre: «,».")


def test_linea_con_millones_de_separadores(apoyo: Corredor, tmp_path: Path) -> None:
    """A line of 5 million commas would be 5 million cells in memory: refused before parsing."""
    ruta = tmp_path / "comas.csv"
    ruta.write_text(csv_texto([ENCABEZADOS, FILA_1]) + "," * 5_000_000 + "\r\n",
                    encoding="utf-8")
    no_se_pudo_usar(validar(apoyo, ruta),
                    "comas.csv: La línea 3 del archivo de texto mide más de 4 MB; no es una fila "
                    "de una tabla de apoyos y por seguridad el archivo no se lee.")


# ---- formula injection (OWASP "CSV injection") ---------------------------------------------------

INYECCION = ['=HYPERLINK("http://127.0.0.1:9/x","clic")', "+SUM(1,2)", "-2+3", "@SUM(A1)",
             "-ANA", "=cmd|' /C calc'!A0"]


def test_valores_que_empiezan_como_formula(apoyo: Corredor, tmp_path: Path) -> None:
    """Values starting with =, +, - or @ are names no one has: flagged, and written as text in the
    marked copy and in the export's rejects file, never as formulas."""
    filas = []
    for i, valor in enumerate(INYECCION):
        fila = list(FILA_1 if i % 2 else FILA_3)
        fila[2 + i % 3] = valor
        fila[6] = f"{fila[6][:4]}{i:09d}"
        fila[7] = f"{i:09d}"
        fila[5] = fila[5][:15] + f"{i:03d}"
        filas.append(fila)
    ruta = tmp_path / "inyeccion.csv"
    ruta.write_text(csv_texto([ENCABEZADOS, *filas, FILA_2]), encoding="utf-8")
    res = validar(apoyo, ruta)
    assert res.rc == 1
    assert [(f, c, k) for f, c, k in res.hallazgos if k == "nombre-invalido"] == [
        (2 + i, ["nombre", "apellido_paterno", "apellido_materno"][i % 3], "nombre-invalido")
        for i in range(len(INYECCION))]
    revisado = celdas(res.revisado)
    for i, valor in enumerate(INYECCION):
        celda = revisado[1 + i][2 + i % 3]
        assert (celda.value, celda.data_type) == (valor, "s")
    # The export: the rows go to the rejects file, as text; the DERFE file has FILA_2 only.
    exp = apoyo("exportar", ruta, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE, entrada=ruta)
    assert exp.rc == 1
    rechazados = celdas(tmp_path / "ANA_RUIZ_rechazados.xlsx", "Rechazados")
    for i, valor in enumerate(INYECCION):
        celda = rechazados[1 + i][3 + i % 3]
        assert (celda.value, celda.data_type) == (valor.upper(), "s")  # normalised, as text
    assert all(c.data_type in ("s", "n") for fila in rechazados for c in fila if c.value is not None)
    derfe = celdas(tmp_path / "ANA_RUIZ.xlsx")
    assert [[c.value for c in f] for f in derfe] == [ENCABEZADOS, FILA_2]
    assert all(c.data_type == "s" for fila in derfe for c in fila)
    # txt: only valid rows, and no valid value can start like a formula.
    txt = apoyo("exportar", ruta, "--aspirante", "Ana Ruiz", "--formato", "txt",
                "--fecha-corte", CORTE, entrada=ruta)
    assert txt.rc == 1
    lineas = (tmp_path / "ANA_RUIZ.txt").read_text(encoding="utf-8-sig").splitlines()
    assert lineas == ["\t".join(ENCABEZADOS), "\t".join(FILA_2)]
    assert not any(v.startswith(("=", "+", "-", "@")) for ln in lineas for v in ln.split("\t"))


# ---- names of files ------------------------------------------------------------------------------


@pytest.mark.parametrize("nombre", ["[bold red]apoyos[x].xlsx", "apoyos\x1b[2J.xlsx",
                                    "apoyos\u202egol.xlsx", "[link=x]a.xlsx"])
def test_nombres_de_archivo_hostiles(apoyo: Corredor, tmp_path: Path, nombre: str) -> None:
    """Rich markup, a terminal escape or a right-to-left override in a file name is printed
    as text, and the file is checked normally."""
    res = validar(apoyo, basico(tmp_path / nombre))
    assert (res.rc, res.hallazgos) == (0, [])
    assert "\x1b" not in res.texto and "\u202e" not in res.texto
    visible = nombre.replace("\x1b", "\\u001b").replace("\u202e", "\\u202e")
    assert f"{visible}: 3 filas" in res.texto


def test_ruta_inexistente_con_marcado(apoyo: Corredor, tmp_path: Path) -> None:
    res = apoyo("validar", tmp_path / "x[/]" / "y.xlsx")
    assert res.rc == 2
    assert res.dice(f"No se pudo usar: No se encontró el archivo «{tmp_path / 'x[/]' / 'y.xlsx'}».")


# ---- the same, as a separate process ---------------------------------------------------------------


@pytest.mark.parametrize("caso", ["cifrado", "bomba", "pdf", "risas", "valido"])
def test_en_un_proceso_aparte(apoyo: Corredor, tmp_path: Path, caso: str) -> None:
    """A few kinds through ``python -m apoyo`` in its own process: the exit code and the message
    are the same as in process, and there is no traceback."""
    fuente = tmp_path / "fuente"
    fuente.mkdir()
    if caso == "cifrado":
        ruta = cifrar(basico(fuente / "claro.xlsx"), tmp_path / "caso.xlsx")
        esperado = (2, "El libro está protegido con contraseña para abrirlo (cifrado)")
    elif caso == "bomba":
        ruta = bomba_zip(tmp_path / "caso.xlsx", gigas=3)
        esperado = (2, BOMBA)
    elif caso == "pdf":
        ruta = tmp_path / "caso.csv"
        ruta.write_bytes(b"%PDF-1.4\n" + b"\x00" * 100)
        esperado = (2, "El archivo no es una hoja de cálculo: parece ser un documento PDF.")
    elif caso == "risas":
        ruta = reempaquetar(basico(fuente / "x.xlsx"), tmp_path / "caso.xlsx",
                            lambda n, d: d.replace(b"?>", b"?>" + _RISAS, 1)
                            if n == "xl/sharedStrings.xml" else d)
        esperado = (2, DTD)
    else:
        ruta = basico(tmp_path / "caso.xlsx")
        esperado = (0, "caso.xlsx: 3 filas (3 válidas, 0 con errores); 0 errores y 0 avisos")
    res = validar(apoyo, ruta, subproceso=True)
    assert res.rc == esperado[0]
    assert res.dice(esperado[1]), res.texto


def test_formulas_compartidas(apoyo: Corredor, tmp_path: Path) -> None:
    """Excel writes a formula filled down once ("shared") and then empty <f/> elements: every cell
    of the group is flagged, even when the sheet is read in blocks that split the group."""
    from .ayudas_hostiles import (
        _CONTENT_TYPES,
        _RELS,
        _WORKBOOK,
        _WORKBOOK_RELS,
        miembro,
        zip_a_mano,
    )

    from apoyo.read import ooxml

    def celda(ref: str, valor: str, formula: str = "") -> str:
        return f'<c r="{ref}" t="str">{formula}<v>{valor}</v></c>' if formula else (
            f'<c r="{ref}" t="inlineStr"><is><t>{valor}</t></is></c>')

    filas = []
    for n, fila in enumerate([ENCABEZADOS, *FILAS], start=1):
        celdas = []
        for i, valor in enumerate(fila):
            ref = f"{chr(65 + i)}{n}"
            if n > 1 and i == 2:
                f = ('<f t="shared" ref="C2:C4" si="0">UPPER(C2)</f>' if n == 2
                     else '<f t="shared" si="0"/>')
                celdas.append(celda(ref, valor, f))
            else:
                celdas.append(celda(ref, valor))
        filas.append(f'<row r="{n}">{"".join(celdas)}</row>')
    hoja = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://'
            'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + "".join(filas)
            + "</sheetData></worksheet>").encode()
    ruta = zip_a_mano(tmp_path / "compartidas.xlsx", [
        miembro("[Content_Types].xml", _CONTENT_TYPES), miembro("_rels/.rels", _RELS),
        miembro("xl/workbook.xml", _WORKBOOK),
        miembro("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        miembro("xl/worksheets/sheet1.xml", hoja)])
    for bloque in (64, 1 << 20):
        detalles = ooxml.inspeccionar_hoja(ruta, "xl/worksheets/sheet1.xml", bloque)
        assert detalles.formulas == {2: [2], 3: [2], 4: [2]}, bloque
    res = validar(apoyo, ruta)
    assert (res.rc, res.hallazgos) == (0, [(2, "nombre", "celda-formula"),
                                           (3, "nombre", "celda-formula"),
                                           (4, "nombre", "celda-formula")])


def test_nombre_de_archivo_como_formula(apoyo: Corredor, tmp_path: Path) -> None:
    """The file name is written in the Resumen sheet: as text, never as a formula."""
    ruta = basico(tmp_path / '=HYPERLINK("x")+1.xlsx')
    res = validar(apoyo, ruta)
    assert res.rc == 0
    libro = openpyxl.load_workbook(res.revisado)
    todas = [c for hoja in libro for fila in hoja.iter_rows() for c in fila]
    assert all(c.data_type != "f" for c in todas)
    assert any(c.value == ruta.name and c.data_type == "s" for c in todas)
