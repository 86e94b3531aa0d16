"""What only desktop Excel does (no Excel here): sheet protection and notes through ``.api``,
checked against stand-ins that record the COM (Windows) and AppleScript (macOS) calls."""

from __future__ import annotations

import sys

import pytest

from apoyo.excel import libro as L
from apoyo.excel.adaptador import con_alertas
from apoyo.template import PROTECCION_APOYOS


class _Registro:
    def __init__(self):
        self.llamadas = []


class _ProteccionWin:
    AllowFormattingCells = True
    AllowFormattingColumns = True
    AllowFormattingRows = True
    AllowInsertingColumns = False
    AllowInsertingRows = True
    AllowInsertingHyperlinks = False
    AllowDeletingColumns = False
    AllowDeletingRows = True
    AllowSorting = True
    AllowFiltering = True
    AllowUsingPivotTables = False


class _HojaWin:
    """A Worksheet COM object: ProtectContents, Protection, Unprotect, Protect."""

    def __init__(self, registro, protegida=True, contrasena=False):
        self.r = registro
        self.ProtectContents = protegida
        self.ProtectDrawingObjects = protegida
        self.ProtectScenarios = protegida
        self.Protection = _ProteccionWin()
        self._contrasena = contrasena

    def Unprotect(self):
        if self._contrasena:
            raise RuntimeError("(-2147352567, 'Ocurrió una excepción.')")
        self.r.llamadas.append(("Unprotect",))
        self.ProtectContents = False

    def Protect(self, **opciones):
        self.r.llamadas.append(("Protect", opciones))
        self.ProtectContents = True


class _Libro:
    api = object()  # not a dict: desktop

    def __init__(self, registro):
        self.r = registro
        self.app = self

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.r.llamadas.append(("alert", prompt, mode))


class _Hoja:
    def __init__(self, registro, api, name="Apoyos"):
        self.book = _Libro(registro)
        self.api = api
        self.name = name


def test_desprotege_y_vuelve_a_proteger_con_las_mismas_opciones(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    r = _Registro()
    hoja = _Hoja(r, _HojaWin(r))
    with L.desprotegida(hoja) as estaba:
        assert estaba is True
        r.llamadas.append(("escribir",))
    assert [c[0] for c in r.llamadas] == ["Unprotect", "escribir", "Protect"]
    opciones = r.llamadas[-1][1]
    assert opciones["Contents"] is True and opciones["DrawingObjects"] is True
    assert opciones["AllowFormattingCells"] is True
    assert opciones["AllowDeletingRows"] is True and opciones["AllowInsertingColumns"] is False
    assert "Password" not in opciones


def test_se_vuelve_a_proteger_aunque_falle_la_escritura(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    r = _Registro()
    hoja = _Hoja(r, _HojaWin(r))
    with pytest.raises(ZeroDivisionError), L.desprotegida(hoja):
        1 / 0  # noqa: B018
    assert [c[0] for c in r.llamadas] == ["Unprotect", "Protect"]


def test_hoja_sin_proteccion_no_se_toca(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    r = _Registro()
    with L.desprotegida(_Hoja(r, _HojaWin(r, protegida=False))) as estaba:
        assert estaba is False
    assert r.llamadas == []


def test_hoja_con_contrasena_da_alerta_en_espanol(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    r = _Registro()
    hoja = _Hoja(r, _HojaWin(r, contrasena=True))

    def validar():
        with L.desprotegida(hoja):
            raise AssertionError("no debe escribir")

    con_alertas(hoja.book, validar)
    [(_, texto, modo)] = r.llamadas
    assert modo == "critical"
    assert texto.startswith("La hoja «Apoyos» está protegida con contraseña")
    assert "Revisar > Desproteger hoja" in texto


class _Valor:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v


class _HojaMac:
    """The appscript reference of a worksheet."""

    def __init__(self, registro):
        self.r = registro
        self.protect_contents = _Valor(True)
        self.protect_drawing_objects = _Valor(True)
        self.protect_scenarios = _Valor(False)
        self.protection = type("P", (), {
            n: _Valor(v) for n, v in (("allow_formatting_cells", True),
                                      ("allow_deleting_rows", True))})()

    def unprotect(self):
        self.r.llamadas.append(("unprotect",))

    def protect_worksheet(self, **opciones):
        self.r.llamadas.append(("protect_worksheet", opciones))


def test_macos_usa_los_comandos_de_applescript(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    r = _Registro()
    with L.desprotegida(_Hoja(r, _HojaMac(r))):
        pass
    assert [c[0] for c in r.llamadas] == ["unprotect", "protect_worksheet"]
    opciones = r.llamadas[-1][1]
    assert opciones["worksheet_contents"] is True
    assert opciones["allow_formatting_cells"] is True
    # options the stand-in cannot read fall back to the template's protection
    assert opciones["allow_inserting_columns"] is PROTECCION_APOYOS["insert_columns"]


def test_protecciones_de_la_plantilla_en_nombres_com():
    opciones = L._opciones_plantilla_win()
    assert opciones["AllowFormattingCells"] is True  # the add-in may colour cells
    assert opciones["AllowDeletingColumns"] is False
    assert opciones["DrawingObjects"] is True  # notes are objects: why we unprotect


class _RangoWin:
    def __init__(self, registro, direccion):
        self.r, self.direccion = registro, direccion
        self.api = self

    def ClearComments(self):
        self.r.llamadas.append(("ClearComments", self.direccion))

    def clear_Excel_comments(self):
        self.r.llamadas.append(("clear_Excel_comments", self.direccion))


class _HojaRangos(_Hoja):
    def range(self, a, b):
        return _RangoWin(self.book.r, (a, b))


@pytest.mark.parametrize("plataforma, metodo", [("win32", "ClearComments"),
                                                ("darwin", "clear_Excel_comments")])
def test_borrar_notas_una_llamada_por_bloque(monkeypatch, plataforma, metodo):
    monkeypatch.setattr(sys, "platform", plataforma)
    r = _Registro()
    hoja = _HojaRangos(r, object())
    assert L.borrar_notas(hoja, [(2, 1, 500, 9), (2, 11, 500, 11)]) == 2
    assert r.llamadas == [(metodo, ((2, 1), (500, 9))), (metodo, ((2, 11), (500, 11)))]


def test_pantalla_quieta_en_escritorio():
    class App:
        def __init__(self):
            self.historial = []

        @property
        def screen_updating(self):
            return True

        @screen_updating.setter
        def screen_updating(self, v):
            self.historial.append(v)

    class Libro:
        api = object()
        app = App()

    with L.pantalla_quieta(Libro):
        pass
    assert Libro.app.historial == [False, True]


def test_escritorio_siempre_admite_notas():
    assert L.motivo_sin_notas(_Libro(_Registro()), object()) is None
