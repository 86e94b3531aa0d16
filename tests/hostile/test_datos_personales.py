"""Personal data (claves, OCR, CIC, names) never reach the screen unless asked for with
``--mostrar-datos``; the JSON report, which holds them, says so in its first key."""

from __future__ import annotations

from pathlib import Path

from .ayudas_hostiles import (
    CORTE,
    DATOS_PERSONALES,
    FILA_1,
    FILA_2,
    FILA_3,
    Corredor,
    basico,
    xlsx,
)

#: A row with a fault in every identifier and a name: each value shows up in a finding.
MALA = ["07", "1726", "R4UL", "G0MEZ", "P3REZ", "GMPRRL99133107H100", "17261234", "12345"]
VALORES_MALOS = ["R4UL", "G0MEZ", "P3REZ", "GMPRRL99133107H100", "17261234", "12345"]


def _sin_datos(texto: str) -> None:
    for valor in DATOS_PERSONALES + VALORES_MALOS:
        assert valor not in texto, valor


def test_validar_no_muestra_datos_personales(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = basico(tmp_path / "apoyos.xlsx", [FILA_1, MALA, FILA_2, FILA_3])
    res = apoyo("validar", ruta, "--fecha-corte", CORTE, entrada=ruta)
    assert res.rc == 1
    _sin_datos(res.stdout + res.stderr)
    assert "nombre-invalido" in res.texto  # codes and rows are shown


def test_mostrar_datos_los_muestra(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = basico(tmp_path / "apoyos.xlsx", [FILA_1, MALA, FILA_2, FILA_3])
    res = apoyo("validar", ruta, "--fecha-corte", CORTE, "--mostrar-datos", entrada=ruta)
    assert res.rc == 1
    for valor in VALORES_MALOS:
        assert valor in res.stdout, valor
    assert res.dice("fila 3 nombre [nombre-invalido] R4UL")


def test_exportar_no_muestra_datos_personales(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = basico(tmp_path / "apoyos.xlsx", [FILA_1, MALA])
    res = apoyo("exportar", ruta, "--aspirante", "Pedro Soto", "--fecha-corte", CORTE,
                entrada=ruta)
    assert res.rc == 1
    _sin_datos(res.stdout + res.stderr)


def test_carpeta_no_muestra_datos_personales(apoyo: Corredor, tmp_path: Path) -> None:
    carpeta = tmp_path / "entregas"
    carpeta.mkdir()
    basico(carpeta / "a.xlsx", [FILA_1, MALA])
    basico(carpeta / "b.xlsx", [FILA_2, FILA_3, FILA_1])  # FILA_1 again: a duplicate
    res = apoyo("validar", carpeta, "--fecha-corte", CORTE)
    assert res.rc == 1
    _sin_datos(res.stdout + res.stderr)
    assert "duplicado-clave-elector" in res.texto


def test_archivo_inutilizable_no_muestra_datos(apoyo: Corredor, tmp_path: Path) -> None:
    """A file without a header row: its cells are never quoted in the message."""
    ruta = xlsx(tmp_path / "sin.xlsx", {"Hoja1": [FILA_1, MALA, FILA_2]})
    res = apoyo("validar", ruta, "--fecha-corte", CORTE, entrada=ruta)
    assert res.rc == 2
    _sin_datos(res.stdout + res.stderr)


def test_el_reporte_avisa_que_tiene_datos_personales(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = basico(tmp_path / "apoyos.xlsx", [FILA_1, MALA])
    res = apoyo("validar", ruta, "--fecha-corte", CORTE, entrada=ruta)
    assert next(iter(res.reporte)) == "aviso"
    assert res.reporte["aviso"].startswith(
        "Este reporte contiene datos personales (claves de elector, OCR, CIC y nombres).")
    assert "R4UL" in {h["valor"] for h in res.reporte["hallazgos"]}


def test_mostrar_datos_escribe_los_controles_por_su_codigo(apoyo: Corredor,
                                                           tmp_path: Path) -> None:
    """A value with a terminal escape, a bell, a right-to-left override or Rich markup is shown as
    text: the file cannot clear the screen, ring, reverse the line or restyle the output."""
    hostil = list(FILA_1)
    hostil[2] = "SO\x1b[2JFIA\x07"
    hostil[3] = "VAZ\u202eQUEZ"
    hostil[4] = "[bold red]SANCHEZ[/]"
    ruta = basico(tmp_path / "apoyos.xlsx", [hostil])
    res = apoyo("validar", ruta, "--fecha-corte", CORTE, "--mostrar-datos", entrada=ruta)
    assert res.rc == 1
    for caracter in ("\x1b", "\x07", "\u202e"):
        assert caracter not in res.stdout + res.stderr
    assert res.dice("fila 2 nombre [nombre-invalido] SO\\u001b[2JFIA\\u0007")
    assert res.dice("fila 2 apellido_paterno [nombre-invalido] VAZ\\u202eQUEZ")
    assert res.dice("fila 2 apellido_materno [nombre-invalido] [bold red]SANCHEZ[/]")
