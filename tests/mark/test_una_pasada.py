"""The marked copy written in one pass (as the rows are checked) and in bulk: the same file as
row by row, and the safety checks of the deferred structure."""

from __future__ import annotations

import random
import string
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from .ayudas_marcado import ENCABEZADOS, FILA_LIMPIA, revision, tabla

from apoyo.check import Contexto
from apoyo.errors import hallazgo
from apoyo.example import generar
from apoyo.mark import escribir_revisado
from apoyo.mark import xlsx_rapido as X
from apoyo.mark.revisado import CopiaMarcada
from apoyo.pipeline import validar_archivo
from apoyo.read.tabla import FilaLeida
from apoyo.template import escribir_plantilla

CORTE = date(2026, 11, 29)


def _partes(ruta: Path) -> dict[str, bytes]:
    """The parts of an xlsx, but the creation time (docProps/core.xml: to the second)."""
    with zipfile.ZipFile(ruta) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


@pytest.mark.parametrize("referencias", [True, False])
@pytest.mark.parametrize("extra", [(), ("OK",), ("5 %", "{x}")])
def test_filas_texto_escribe_lo_mismo_que_fila_por_fila(tmp_path, referencias, extra):
    libro, estilos = X.libro_tabla("Datos", ["A", "B", "C", "D", "E"], (9,) * 5, [True] * 5)
    azar = random.Random(3)
    limpias = string.ascii_uppercase + "Ñ%{}'.-"
    sucias = limpias + " &<>_x|\t\u00a0\r"
    filas = [tuple("".join(azar.choice(sucias if azar.random() < 0.02 else limpias)
                           for _ in range(azar.randint(0, 7))) for _ in range(3))
             for _ in range(2_000)]
    filas[700] = ("A", None, "B")  # not all texts: that block goes row by row
    numeros = list(range(2, 2 * len(filas) + 2, 2))

    def escribir(ruta: Path, masivo: bool) -> bytes:
        with X.EscritorHoja(libro, "Datos", ruta, fila_inicial=2, estilos=estilos,
                            referencias=referencias) as e:
            if masivo:
                for k in range(0, len(filas), 100):
                    e.filas_texto(numeros[k:k + 100], filas[k:k + 100], extra)
            else:
                for n, f in zip(numeros, filas):
                    e.fila(n, (*f, *extra))
        return _partes(ruta)["xl/worksheets/sheet1.xml"]

    assert escribir(tmp_path / "a.xlsx", True) == escribir(tmp_path / "b.xlsx", False)


def test_filas_texto_rechaza_filas_fuera_de_orden(tmp_path):
    libro, estilos = X.libro_tabla("Datos", ["A"], (9,), [True])
    with pytest.raises(ValueError), X.EscritorHoja(libro, "Datos", tmp_path / "x.xlsx",
                                                   fila_inicial=2, estilos=estilos) as e:
        e.filas_texto([5, 4], [("A",), ("B",)])


def test_diferido_sin_concluir_no_deja_archivo(tmp_path):
    t = tabla([(2, FILA_LIMPIA)])
    ruta = tmp_path / "x.revisado.xlsx"
    with pytest.raises(RuntimeError), CopiaMarcada(t, ruta) as copia:
        copia.fila(FilaLeida(2, FILA_LIMPIA), ())
    assert not ruta.exists()
    assert list(tmp_path.iterdir()) == []


def test_copia_en_una_pasada_igual_a_la_de_dos(tmp_path, monkeypatch):
    # Rows without findings in bulk, rows with findings (and an empty cell) one by one, notes.
    filas = [(n, FILA_LIMPIA) for n in range(2, 3_000)]
    filas[10] = (12, (*FILA_LIMPIA[:4], None, *FILA_LIMPIA[5:]))
    hallazgos = [hallazgo("mayusculas-corregidas", n, "nombre", "sofia", despues="SOFIA")
                 for n in range(5, 3_000, 97)]
    hallazgos.append(hallazgo("sin-ocr-ni-cic", 40, None))
    hallazgos.sort(key=lambda h: h.fila)
    r = revision(hallazgos, len(filas))
    dos = escribir_revisado(tabla(filas), r, tmp_path / "dos.xlsx")

    por_fila: dict[int, list] = {}
    for h in hallazgos:
        por_fila.setdefault(h.fila, []).append(h)
    llamadas = Counter()
    fila_original = X.EscritorHoja.fila
    monkeypatch.setattr(X.EscritorHoja, "fila", lambda self, *a, **k: (
        llamadas.update(["fila"]), fila_original(self, *a, **k))[1])
    uno = tmp_path / "uno.xlsx"
    with CopiaMarcada(tabla(filas), uno) as copia:
        for n, celdas in filas:
            copia.fila(FilaLeida(n, celdas), tuple(por_fila.get(n, ())))
        copia.concluir(r)
    assert _partes(uno) == _partes(dos)
    assert llamadas["fila"] < 60  # the rows without findings went in bulk


def test_validar_archivo_en_una_pasada(tmp_path, monkeypatch):
    # The pipeline's single pass gives the same marked copy as checking, then marking.
    from apoyo.pipeline import revisar_tabla
    from apoyo.read import leer
    from apoyo.read import libro as L

    entrega = escribir_plantilla(tmp_path / "entrega.xlsx", aspirante="María López",
                                 entidad="07", filas=generar(1_500, semilla=5, fecha_corte=CORTE))
    cargas = Counter()
    original = L._abrir

    def abrir(*args):
        libro = original(*args)
        cargas["abrir"] += 1
        return libro

    monkeypatch.setattr(L, "_abrir", abrir)
    from apoyo.mark.xlsx_rapido import EscritorHoja
    en_bloque = EscritorHoja.filas_texto

    def filas_texto(self, numeros, filas, extra=(), *, seguras=False):
        cargas["seguras" if seguras else "revisadas"] += len(numeros)
        return en_bloque(self, numeros, filas, extra, seguras=seguras)

    monkeypatch.setattr(EscritorHoja, "filas_texto", filas_texto)
    contexto = Contexto(fecha_corte=CORTE)
    (tmp_path / "salida").mkdir()
    _, rev, salidas = validar_archivo(entrega, contexto, tmp_path / "salida")
    assert cargas["abrir"] == 1  # the sheet loaded to find the header served the whole pass
    # The clean rows of a template (the eight fields, then Resultado) skip the escaping check.
    assert cargas["seguras"] > 1_300 and cargas["revisadas"] == 0

    t = leer(entrega)
    dos = escribir_revisado(t, revisar_tabla(t, contexto), tmp_path / "dos.xlsx",
                            reporte=salidas.reporte.name)
    assert _partes(salidas.revisado) == _partes(dos)
    assert rev.filas == 1_500 and rev.filas_validas < 1_500


def test_la_hoja_se_carga_una_vez_por_tabla_hasta_liberar(tmp_path, monkeypatch):
    from apoyo.read import leer
    from apoyo.read import libro as L

    entrega = escribir_plantilla(tmp_path / "e.xlsx", filas=generar(50, fecha_corte=CORTE))
    t = leer(entrega)
    cargas = Counter()
    original = L._abrir
    monkeypatch.setattr(L, "_abrir", lambda *a: (cargas.update(["x"]), original(*a))[1])
    assert len(list(t.filas())) == len(list(t.filas())) == 50
    assert cargas["x"] == 0
    t.liberar()
    assert len(list(t.filas())) == 50
    assert cargas["x"] == 1
    assert t.filas_previstas == 50
    assert ENCABEZADOS == t.encabezados[:8]


@pytest.mark.parametrize("encabezados", [ENCABEZADOS, [*ENCABEZADOS, "Resultado"],
                                         [*ENCABEZADOS, "Resultado", "Notas"]])
def test_filas_en_bloque_igual_que_una_por_una(tmp_path, encabezados):
    # Rows without findings go in bulk; the file must be the one written row by row: rows with
    # an empty cell, shorter or longer than the header, numbers, text needing escaping...
    ancho = len(encabezados)
    raras = {
        7: (*FILA_LIMPIA[:4], None, *FILA_LIMPIA[5:]),
        11: FILA_LIMPIA[:5],
        13: (*FILA_LIMPIA, "viejo", "más", "fuera del encabezado"),
        17: (*FILA_LIMPIA[:2], "A & B <c>", *FILA_LIMPIA[3:]),
        19: (7.0, *FILA_LIMPIA[1:]),
        23: (*FILA_LIMPIA[:2], " SOFIA", *FILA_LIMPIA[3:]),
        29: (*FILA_LIMPIA[:2], "S" * 40_000, *FILA_LIMPIA[3:]),
    }
    filas = [(n, raras.get(n, FILA_LIMPIA + ("OK",) * (ancho - 8))) for n in range(2, 400)]
    hallazgos = [hallazgo("mayusculas-corregidas", n, "nombre", "sofia", despues="SOFIA")
                 for n in (5, 6, 40, 41, 300)]
    r = revision(hallazgos, len(filas))
    por_fila = {h.fila: (h,) for h in hallazgos}

    def escribir(ruta: Path, en_bloque: bool) -> dict[str, bytes]:
        t = tabla(filas, encabezados=encabezados)
        with CopiaMarcada(t, ruta) as copia:
            copia._en_bloque = copia._en_bloque and en_bloque
            for leida in t.filas():
                copia.fila(leida, por_fila.get(leida.fila))
            copia.concluir(r)
        return _partes(ruta)

    assert escribir(tmp_path / "a.xlsx", True) == escribir(tmp_path / "b.xlsx", False)
