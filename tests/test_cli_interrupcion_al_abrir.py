"""An interruption (Ctrl-C, SIGTERM, SIGHUP: all unwind the same way, `apoyo.entrada`) while
exportar opens the DERFE file, or validar the marked copy, must leave nothing in place. Found while testing the SIGTERM and
SIGHUP handlers: the half-written DERFE file (not even a valid xlsx) was put in place, with
Ctrl-C too (fixed: `Exportacion.__enter__` now unwinds with the error). Made deterministic here
by interrupting the opening itself, in-process. The marked copy had the same fault
(`CopiaMarcada.__enter__`)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

import apoyo.export.derfe as derfe
from apoyo import cli
from apoyo.entrada import INTERRUMPIDO
from apoyo.example import generar
from apoyo.mark.revisado import CopiaMarcada
from apoyo.read import leer
from apoyo.schema import CAMPOS, ETIQUETAS


@pytest.mark.parametrize("orden", [
    ["exportar", "--aspirante", "Ana Ruiz"],
    ["validar"],
])
def test_interrumpir_al_abrir_la_salida_no_deja_nada(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        orden: list[str]
) -> None:
    filas = generar(3, semilla=9, fecha_corte=date(2026, 11, 29), cada=10**9)
    entrada = tmp_path / "apoyos.csv"
    entrada.write_text("\n".join(",".join(f) for f in [[ETIQUETAS[c] for c in CAMPOS], *filas]),
                       encoding="utf-8")
    salida = tmp_path / "salida"

    def interrumpir(self: object) -> None:
        raise KeyboardInterrupt  # what the signal handlers raise, at this moment

    # The DERFE file and the marked copy are both written by this class.
    monkeypatch.setattr(derfe.EscritorHoja, "__enter__", interrumpir)
    monkeypatch.setattr(sys, "argv", ["apoyo", orden[0], str(entrada), *orden[1:],
                                      "--salida", str(salida)])
    with pytest.raises(SystemExit) as salida_del_programa:
        cli.main()
    assert salida_del_programa.value.code == 130
    assert capsys.readouterr().err == INTERRUMPIDO + "\n"
    assert not salida.exists()  # no temporary file, and the folder this run made is gone


def test_copia_marcada_interrumpida_al_abrir_no_queda_en_su_lugar(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside the CLI's joint step (`escrituras_juntas`) too: the class itself unwinds."""
    filas = generar(3, semilla=9, fecha_corte=date(2026, 11, 29), cada=10**9)
    entrada = tmp_path / "apoyos.csv"
    entrada.write_text("\n".join(",".join(f) for f in [[ETIQUETAS[c] for c in CAMPOS], *filas]),
                       encoding="utf-8")
    tabla = leer(entrada)
    ruta = tmp_path / "salida.revisado.xlsx"

    def interrumpir(self: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(derfe.EscritorHoja, "__enter__", interrumpir)
    with pytest.raises(KeyboardInterrupt), CopiaMarcada(tabla, ruta):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["apoyos.csv"]
