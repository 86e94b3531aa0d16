"""The check engine (`apoyo.check._recorrer`: the fast path, else the full rules) decides every
row as the full rules applied row by row: same texts, same findings (duplicates naming the same
first row); a destination gets the rows in order, whatever the size of its batches."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import apoyo.check as check
from apoyo.catalog import CatalogoSecciones
from apoyo.check import Contexto, Vistos, revisar, revisar_cada
from apoyo.example import generar

CORTE = date(2026, 11, 29)
BASE = [f for i, f in enumerate(generar(40, semilla=11, fecha_corte=CORTE)) if i % 97 != 96]
CATALOGO = CatalogoSecciones.desde_texto(
    "ENTIDAD,DISTRITO,MUNICIPIO,NOMBRE_MUNICIPIO,SECCION\n"
    + "".join(f"{e},1,1,M,{s}\n" for e in range(1, 33) for s in range(1, 3000, 2)),
    "prueba",
)
CONTEXTOS = [
    Contexto(fecha_corte=CORTE),
    Contexto(fecha_corte=CORTE, entidad=BASE[0][0]),
    Contexto(fecha_corte=CORTE, catalogo=CATALOGO),
]
# A row of a batch: one of BASE, perhaps with a value changed (to a fault, or to a value that
# only needs repairs: case, accents, blanks, a number) or one of another row's identifiers (a
# duplicate), or a blank row.
CAMBIO = st.tuples(st.integers(0, 7), st.sampled_from(
    ["", None, "7", 7, 7.0, "G4RCIA", "MARIA ", "PRLPJN80022907H123", "123456789", "maría",
     "Pérez  Ibáñez", "\u00a0LOPEZ", "o\u2019brien", "K\u02bcULUB"]))
#: Rows whose names are all in lower case with accents (every name cell needs repairs).
MINUSCULAS = st.booleans()
FILA = st.one_of(
    st.tuples(st.integers(0, len(BASE) - 1), st.lists(CAMBIO, max_size=2),
              st.sampled_from([None, 5, 6, 7]), st.integers(0, len(BASE) - 1)),
    st.just(None),
)


def _filas(plan: list[Any], minusculas: bool = False) -> list[tuple[int, tuple[Any, ...]]]:
    filas = []
    for n, paso in enumerate(plan, start=2):
        if paso is None:
            filas.append((n, (None, "", " ", None, None, None, None, None)))
            continue
        i, cambios, copiar, de = paso
        fila = list(BASE[i])
        if minusculas:
            fila[2:5] = [v.title().replace("A", "á", 1) if v else v for v in fila[2:5]]
        for k, v in cambios:
            fila[k] = v
        if copiar is not None:  # an identifier of another row: a duplicate if both valid
            fila[copiar] = BASE[de][copiar]
        filas.append((n, tuple(fila)))
    return filas


def _uno_por_uno(filas, contexto, vistos):
    """The reference: the full rules, row by row (`apoyo.check._revisar_completa`)."""
    salida = []
    for n, valores in filas:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in valores):
            continue
        salida.append((n, *check._revisar_completa(n, valores, contexto, vistos, "a.xlsx")))
    return salida


@settings(max_examples=300, deadline=None)
@given(plan=st.lists(FILA, max_size=40), lote=st.sampled_from([1, 3, 7, 2048]),
       contexto=st.sampled_from(CONTEXTOS), minusculas=MINUSCULAS)
def test_lotes_deciden_como_fila_por_fila(plan, lote, contexto, minusculas):
    filas = _filas(plan, minusculas)
    esperado = _uno_por_uno(filas, contexto, Vistos())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(check, "LOTE", lote)
        obtenido = [(n, textos, hallazgos) for _, n, textos, hallazgos
                    in revisar_cada(filas, contexto, Vistos(), "a.xlsx") if textos is not None]
    assert obtenido == esperado


class _Destino:
    """Records what `revisar` hands over: ("limpia", row) in bulk, ("revisada", row, codes)."""

    def __init__(self) -> None:
        self.pendientes: list[Any] = []
        self.orden: list[tuple[Any, ...]] = []

    def vaciar(self) -> None:
        self.orden += [("limpia", n) for n, _ in self.pendientes]
        self.pendientes.clear()

    def revisada(self, item, textos, hallazgos) -> None:
        self.vaciar()
        self.orden.append(("revisada", item[0], tuple(h.codigo for h in hallazgos or ())))


@pytest.mark.parametrize("lote", [2, 5, 2048])
def test_destino_recibe_las_filas_en_orden(lote, monkeypatch):
    # rows 2..31: clean; row 9 is row 4 again; row 15 has a month-13 clave (full rules);
    # row 20 is blank; row 26 has row 4's CIC.
    assert all(BASE[4][5:])
    filas = [(n, BASE[n]) for n in range(2, 32)]
    filas[7] = (9, BASE[4])
    clave = BASE[15][5]
    filas[13] = (15, BASE[15][:5] + (clave[:8] + "13" + clave[10:],) + BASE[15][6:])
    filas[18] = (20, (None,) * 8)
    filas[24] = (26, BASE[26][:7] + (BASE[4][7],))
    monkeypatch.setattr(check, "LOTE", lote)
    destino = _Destino()
    revision = revisar(filas, Contexto(fecha_corte=CORTE), "a.xlsx", destino=destino)
    assert revision.filas == 29 and revision.filas_validas == 26
    assert [paso[1] for paso in destino.orden] == [n for n in range(2, 32)]
    revisadas = {paso[1]: paso[2] for paso in destino.orden if paso[0] == "revisada"}
    assert revisadas[9] == ("duplicado-clave-elector", "duplicado-ocr", "duplicado-cic")
    assert revisadas[26] == ("duplicado-cic",)
    assert "clave-elector-fecha" in revisadas[15]
    assert revisadas[20] == ()
    assert set(revisadas) == {9, 15, 20, 26}
    assert [(h.fila, h.campo) for h in revision.hallazgos if h.codigo.startswith("duplicado")
            ] == [(9, "clave_elector"), (9, "ocr"), (9, "cic"), (26, "cic")]


def test_fila_con_solo_reparaciones_no_pasa_por_las_reglas_completas(monkeypatch):
    contexto = Contexto(fecha_corte=CORTE)
    limpia = BASE[3]
    sucia = (7.0, limpia[1], f" {limpia[2].lower()}", limpia[3].title(), *limpia[4:])
    esperado = check._revisar_completa(2, sucia, contexto, Vistos(), "a.xlsx")
    monkeypatch.setattr(check, "_revisar_completa",
                        lambda *_: pytest.fail("una fila reparable pasó por las reglas completas"))
    [(_, n, textos, hallazgos)] = list(revisar_cada([(2, sucia)], contexto, Vistos(), "a.xlsx"))
    assert (n, textos, hallazgos) == (2, *esperado)
    assert textos == limpia
    assert [(h.campo, h.codigo) for h in hallazgos] == [
        ("clave_estado", "numero-convertido"), ("nombre", "espacios-corregidos"),
        ("nombre", "mayusculas-corregidas"), ("apellido_paterno", "mayusculas-corregidas")]
