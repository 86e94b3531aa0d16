"""Exporting from Excel: the ribbon flow (validate, then a yes/no offer), `exportar()`, and why
an export is refused. Files are written with the project's exporter into a temporary folder
(the remote engine has no workbook folder, so the tests pass one)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import apoyo.excel
from apoyo.check import Contexto
from apoyo.excel import adaptador as A

N = 1200


class _Preguntas:
    """A reviewer who answers `respuesta` and remembers the questions."""

    def __init__(self, respuesta: bool):
        self.respuesta, self.textos = respuesta, []

    def __call__(self, texto: str) -> bool:
        self.textos.append(texto)
        return self.respuesta


def _alertas(book):
    return [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]


def test_cinta_con_errores_ofrece_solo_las_validas_y_exporta(abrir, xl, tmp_path):
    book = abrir(xl.entrega(N))
    preguntas = _Preguntas(True)
    v = A.flujo_cinta(book, preguntas, carpeta=tmp_path, contexto=Contexto(fecha_corte=xl.CORTE))
    [pregunta] = preguntas.textos
    assert pregunta.startswith("Se revisaron 1,200 filas")
    assert ("¿Exportar ahora solo las 1,192 filas válidas a «MARIA_LOPEZ_HERNANDEZ.xlsx»? Las 8 "
            "filas con errores irán a un archivo de rechazados") in pregunta
    ruta = tmp_path / "MARIA_LOPEZ_HERNANDEZ.xlsx"
    assert ruta.is_file() and (tmp_path / "MARIA_LOPEZ_HERNANDEZ_rechazados.xlsx").is_file()
    hoja = openpyxl.load_workbook(ruta, read_only=True).worksheets[0]
    filas = list(hoja.iter_rows(values_only=True))
    assert len(filas) == 1 + v.revision.filas_validas
    [fin] = _alertas(book)
    assert fin.startswith("Se exportaron 1,192 filas a:\n")
    assert "Las 8 filas con errores quedaron en:" in fin


def test_cinta_respuesta_no_no_escribe_nada(abrir, xl, tmp_path):
    book = abrir(xl.entrega(N))
    A.flujo_cinta(book, _Preguntas(False), carpeta=tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert _alertas(book) == []


def test_cinta_sin_errores_ofrece_todo(abrir, xl, tmp_path):
    filas = xl.filas_ejemplo(90)  # before the first planted fault (row 97)
    book = abrir(xl.entrega(filas=filas))
    preguntas = _Preguntas(True)
    A.flujo_cinta(book, preguntas, carpeta=tmp_path)
    assert preguntas.textos == [(
        "Se revisaron 90 filas de la hoja «Apoyos»: todas son válidas.\n\n¿Exportar ahora las 90 "
        "filas a «MARIA_LOPEZ_HERNANDEZ.xlsx» en la carpeta del libro?")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["MARIA_LOPEZ_HERNANDEZ.xlsx"]


def test_cinta_sin_errores_borra_los_rechazados_de_antes_y_lo_dice(abrir, xl, tmp_path):
    viejo = tmp_path / "MARIA_LOPEZ_HERNANDEZ_rechazados.xlsx"
    viejo.write_bytes(b"de una exportacion anterior")
    book = abrir(xl.entrega(filas=xl.filas_ejemplo(90)))
    A.flujo_cinta(book, _Preguntas(True), carpeta=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["MARIA_LOPEZ_HERNANDEZ.xlsx"]
    [fin] = _alertas(book)
    assert fin == (f"Se exportaron 90 filas a:\n{tmp_path / 'MARIA_LOPEZ_HERNANDEZ.xlsx'}\n\n"
                   "Se borró «MARIA_LOPEZ_HERNANDEZ_rechazados.xlsx», de una exportación "
                   "anterior, porque ya no hay filas con errores.")


def test_main_de_la_cinta_en_motor_remoto_no_exporta_y_dice_por_que(abrir, xl):
    book = abrir(xl.entrega(N))
    apoyo.excel.main()
    [texto] = _alertas(book)
    assert texto.startswith("Se revisaron 1,200 filas")
    assert "Exportar necesita Excel de escritorio con Python" in texto


def test_exportar_entrada_remota_se_niega_en_espanol(abrir, xl):
    book = abrir(xl.entrega(300))
    apoyo.excel.exportar()
    acts = book.json()["actions"]
    assert acts[-1]["func"] == "alert" and acts[-1]["args"][3] == "critical"
    assert "Exportar necesita Excel de escritorio" in acts[-1]["args"][0]
    assert "apoyo exportar ARCHIVO" in acts[-1]["args"][0]


def test_exportar_con_errores_pide_confirmacion(abrir, xl, tmp_path):
    book = abrir(xl.entrega(N))
    v = A.validar_libro(book, avisar=False)
    preguntas = _Preguntas(False)
    assert A.exportar_libro(book, v, preguntas, carpeta=tmp_path) is None
    assert len(preguntas.textos) == 1 and list(tmp_path.iterdir()) == []


def test_exportar_sin_errores_no_pregunta(abrir, xl, tmp_path):
    book = abrir(xl.entrega(filas=xl.filas_ejemplo(50)))
    v = A.validar_libro(book, avisar=False)
    preguntas = _Preguntas(False)
    res = A.exportar_libro(book, v, preguntas, carpeta=tmp_path)
    assert preguntas.textos == [] and res.validas == 50 and res.ruta_rechazados is None


def test_sin_nombre_de_aspirante(abrir, xl, tmp_path):
    payload = xl.entrega(N)
    payload["sheets"][1]["values"][0][1] = ""
    book = abrir(payload)
    v = A.validar_libro(book, avisar=False)
    plan = A.preparar_exportacion(book, v, tmp_path)
    assert plan.startswith("Para exportar falta el nombre del aspirante")


def test_sin_filas_validas(abrir, xl, tmp_path):
    filas = [list(f) for f in xl.filas_ejemplo(10)]
    for f in filas:
        f[6] = f[7] = ""  # neither OCR nor CIC: every row has an error
    book = abrir(xl.entrega(filas=filas))
    v = A.validar_libro(book, avisar=False)
    assert A.preparar_exportacion(book, v, tmp_path).startswith("Ninguna fila está lista")


class _LibroEscritorio:
    api = object()

    def __init__(self, fullname):
        self.fullname = fullname


@pytest.mark.parametrize("fullname, esperado", [
    ("Libro1", "El libro todavía no está guardado"),
    ("https://empresa.sharepoint.com/sites/x/entrega.xlsx", "OneDrive o SharePoint"),
])
def test_carpeta_del_libro_sin_carpeta(fullname, esperado):
    assert esperado in A._carpeta_del_libro(_LibroEscritorio(fullname))


def test_carpeta_del_libro_windows_y_posix():
    assert A._carpeta_del_libro(_LibroEscritorio(r"C:\Apoyos\entrega.xlsx")) == Path(r"C:\Apoyos")
    assert A._carpeta_del_libro(_LibroEscritorio("/Users/ana/entrega.xlsx")) == Path("/Users/ana")


def test_no_sobrescribe_el_libro_abierto(abrir, xl, tmp_path):
    book = abrir(xl.entrega(50))
    v = A.validar_libro(book, avisar=False)
    escritorio = _LibroEscritorio(str(tmp_path / "maria_lopez_hernandez.xlsx"))
    texto = A.preparar_exportacion(escritorio, v)
    assert texto.startswith("El libro abierto ya se llama «MARIA_LOPEZ_HERNANDEZ.xlsx»")


def test_error_al_escribir_da_alerta(abrir, xl, tmp_path, monkeypatch):
    import apoyo.export

    def falla(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(apoyo.export, "exportar", falla)
    book = abrir(xl.entrega(filas=xl.filas_ejemplo(20)))
    v = A.validar_libro(book, avisar=False)
    assert A.exportar_libro(book, v, _Preguntas(True), carpeta=tmp_path) is None
    assert _alertas(book)[-1].startswith("No se pudo escribir «MARIA_LOPEZ_HERNANDEZ.xlsx»")


def test_validacion_guarda_por_fila_solo_sus_errores(abrir, xl, tmp_path):
    # Every row has warnings (names in lower case), one row also an error: the rows kept for
    # the export carry only their errors (memory: a sheet where every row has warnings),
    # the counts, the notes and the export are as before.
    filas = [list(f) for f in xl.filas_ejemplo(30)]
    for f in filas:
        f[2] = f[2].lower()
    filas[4][6] = filas[4][7] = ""  # neither OCR nor CIC
    web = abrir(xl.entrega(filas=filas, cliente="Office.js"))  # a client with notes
    v = A.validar_libro(web, avisar=False, max_notas=3)
    assert v.notas == 3
    resumen = [fila[:2] for accion in web.json()["actions"] if accion["func"] == "setValues"
               for fila in (accion["values"] or []) if fila and fila[0] == "Notas en celdas"]
    assert resumen == [["Notas en celdas", "3 (máximo 3 por validación: primero las celdas con "
                        "errores, luego las que solo tienen avisos; de las otras 28, el detalle "
                        "está en la columna Resultado)"]]
    # The error of row 6 (found after 4 rows of warnings) gets its note; the two notes left go
    # to the first warnings, and notes are added in sheet order.
    notas = [(a["args"][0], a["args"][1].split(":")[0]) for a in web.json()["actions"]
             if a["func"] == "addNote"]
    assert [celda for celda, _ in notas] == ["$C$2", "$C$3", "$G$6"]
    assert [texto for _, texto in notas] == ["Aviso", "Aviso", "Error"]
    book = abrir(xl.entrega(filas=filas))
    v = A.validar_libro(book, avisar=False, max_notas=3)
    assert [(r.fila, [h.codigo for h in r.hallazgos]) for r in v.filas if r.hallazgos] == [
        (6, ["sin-ocr-ni-cic"])]
    assert (v.revision.filas, v.revision.filas_validas, v.revision.errores,
            v.revision.avisos) == (30, 29, 1, 30)
    res = A.exportar_libro(book, v, _Preguntas(True), carpeta=tmp_path)
    assert (res.validas, res.rechazadas) == (29, 1)


def test_columna_repetida_impide_exportar(abrir, xl, tmp_path):
    filas = [[*f, f[6]] for f in xl.filas_ejemplo(5)]  # a second «OCR» column after CIC
    payload = xl.entrega(filas=filas, resultado=False)
    payload["sheets"][0]["values"][0].append("OCR")
    book = abrir(payload)
    v = A.validar_libro(book, avisar=False)
    assert A.preparar_exportacion(book, v, tmp_path) == (
        "La columna «OCR» aparece más de una vez y no se sabe cuál enviar a la DERFE; no se "
        "exportó nada. Deje una sola columna «OCR» y borre o renombre las demás.")
