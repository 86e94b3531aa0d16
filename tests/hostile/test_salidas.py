"""Outputs under stress: a folder that cannot be written, outputs that already exist, outputs that
would overwrite the input, a disk that fills up in the middle of a write.

Always: exit code 2 with a Spanish reason, the earlier outputs intact, no partial or temporary
file left (`ayudas_hostiles.Corredor` checks the last two for every run).
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import re
import resource
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
from .ayudas_hostiles import (
    CORTE,
    ENCABEZADOS,
    FILA_1,
    FILA_2,
    FILAS,
    Corredor,
    basico,
    csv_texto,
    sha256,
    temporales,
)

NO_SE_ESCRIBIO = ("Elija con --salida una carpeta con permiso de escritura y espacio libre; los "
                  "resultados anteriores no se modificaron.")


def validar(apoyo: Corredor, ruta: Path, *extra: str | Path, **kw):
    return apoyo("validar", ruta, "--fecha-corte", CORTE, *extra, entrada=ruta, **kw)


def con_error(ruta: Path) -> Path:
    """The three rows, the second with an impossible birth date (month 13)."""
    mala = list(FILA_2)
    mala[5] = mala[5][:8] + "13" + mala[5][10:]
    return basico(ruta, [FILA_1, mala, FILAS[2]])


# ---- where the outputs cannot go -----------------------------------------------------------------


def test_carpeta_de_salida_nueva_no_queda_vacia(apoyo: Corredor, tmp_path: Path) -> None:
    """Found by a tester: an input that cannot be used left the --salida folders it made,
    empty. Those this run created go when nothing was written in them; one that existed
    stays, and one with results stays."""
    vacio = tmp_path / "vacio.xlsx"
    vacio.write_bytes(b"")
    existente = tmp_path / "ya"
    existente.mkdir()
    for salida in (tmp_path / "nueva" / "de" / "salida", existente / "nueva"):
        res = validar(apoyo, vacio, "--salida", salida)
        assert (res.rc, res.dice("El archivo está vacío (0 bytes).")) == (2, True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vacio.xlsx", "ya"]
    assert list(existente.iterdir()) == []
    res = validar(apoyo, basico(tmp_path / "apoyos.xlsx"), "--salida", tmp_path / "nueva")
    assert res.rc == 0
    assert sorted(p.name for p in (tmp_path / "nueva").iterdir()) == [
        "apoyos.reporte.json", "apoyos.revisado.xlsx"]


def test_carpeta_de_salida_bajo_un_archivo(apoyo: Corredor, tmp_path: Path) -> None:
    """What a read-only folder looks like to the program (run as root, chmod is no test): the
    output folder cannot be created."""
    ruta = basico(tmp_path / "apoyos.xlsx")
    estorbo = tmp_path / "estorbo.txt"
    estorbo.write_text("no soy carpeta")
    res = validar(apoyo, ruta, "--salida", estorbo / "salida")
    assert res.rc == 2
    assert res.dice(f"No se pudo usar: No se pudo crear la carpeta de salida «{estorbo / 'salida'}».")
    assert res.dice("Qué hacer: Elija una carpeta donde tenga permiso de escritura.")


def test_sin_permiso_de_escritura(apoyo: Corredor, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder refuses new files (EACCES when creating the temporary file)."""
    from apoyo import atomic

    def negar(*args: object, **kw: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    ruta = basico(tmp_path / "apoyos.xlsx")
    monkeypatch.setattr(atomic.tempfile, "mkstemp", negar)
    res = validar(apoyo, ruta)
    assert res.rc == 2
    assert res.dice("No se pudo usar: apoyos.xlsx: No se pudieron escribir los resultados (no hay "
                    f"permiso de escritura). Qué hacer: {NO_SE_ESCRIBIO}")


def test_renombrar_falla_al_final(apoyo: Corredor, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The last step (the rename over the earlier output) fails: earlier outputs stay, the
    temporary files are removed."""
    from apoyo import atomic

    ruta = con_error(tmp_path / "apoyos.xlsx")
    assert validar(apoyo, ruta).rc == 1
    antes = {p.name: sha256(p) for p in tmp_path.glob("apoyos.*.*")}
    basico(ruta)  # fixed

    def negar(origen: object, destino: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "replace", negar)
    res = validar(apoyo, ruta)
    assert res.rc == 2
    assert res.dice("No se pudieron escribir los resultados (no hay permiso de escritura).")
    assert {p.name: sha256(p) for p in tmp_path.glob("apoyos.*.*")} == antes


@pytest.mark.parametrize(("comando", "bloqueada"), [
    ("validar", "apoyos.reporte.json"), ("validar", "apoyos.revisado.xlsx"),
    ("exportar", "MARIA_LOPEZ_HERNANDEZ_rechazados.xlsx"),
    ("exportar", "MARIA_LOPEZ_HERNANDEZ.xlsx")])
def test_una_salida_que_no_se_puede_reemplazar_deja_todas_como_estaban(
        apoyo: Corredor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, comando: str,
        bloqueada: str) -> None:
    """One earlier output cannot be replaced (open in Excel on Windows, read-only): the
    outputs written with it are not put in place either, and the earlier ones are restored
    (found by a tester: the other output was replaced and the message said it was not)."""
    from apoyo import atomic

    ruta = con_error(tmp_path / "apoyos.xlsx")
    extra = ("--aspirante", "María López Hernández") if comando == "exportar" else ()
    assert apoyo(comando, ruta, "--fecha-corte", CORTE, *extra, entrada=ruta).rc == 1
    antes = {p.name: sha256(p) for p in tmp_path.iterdir() if p != ruta}
    assert bloqueada in antes and len(antes) == 2
    basico(ruta, [FILA_1, FILAS[2]] + [FILA_2] * 2)  # other rows: other outputs
    reemplazar = atomic.os.replace

    def bloquear(origen: object, destino: object) -> None:
        if Path(str(origen)).name == bloqueada:  # the earlier file moved aside
            raise PermissionError(errno.EACCES, "Permission denied")
        reemplazar(origen, destino)

    monkeypatch.setattr(atomic.os, "replace", bloquear)
    res = apoyo(comando, ruta, "--fecha-corte", CORTE, *extra, entrada=ruta)
    assert res.rc == 2
    assert res.dice("No se pudieron escribir los resultados (no hay permiso de escritura)."
                    if comando == "validar" else
                    "No se pudo leer o escribir un archivo (no hay permiso de escritura).")
    assert res.dice("anteriores no se modificaron.")
    assert {p.name: sha256(p) for p in tmp_path.iterdir() if p != ruta} == antes
    assert temporales(tmp_path) == []


def test_una_carpeta_ocupa_el_nombre_de_la_salida(apoyo: Corredor, tmp_path: Path) -> None:
    ruta = basico(tmp_path / "apoyos.xlsx")
    (tmp_path / "apoyos.revisado.xlsx").mkdir()
    res = validar(apoyo, ruta)
    assert res.rc == 2
    assert res.dice("No se pudieron escribir los resultados «apoyos.revisado.xlsx» (ya existe "
                    "una carpeta con ese nombre).")
    assert res.dice("Qué hacer: Cambie el nombre de esa carpeta o muévala, o elija otra carpeta "
                    "de salida con --salida; no se modificó nada.")
    assert (tmp_path / "apoyos.revisado.xlsx").is_dir()
    assert not (tmp_path / "apoyos.reporte.json").exists()


# ---- outputs that already exist ------------------------------------------------------------------


def test_revalidar_despues_de_corregir_reemplaza_las_salidas(apoyo: Corredor,
                                                             tmp_path: Path) -> None:
    ruta = con_error(tmp_path / "apoyos.xlsx")
    primera = validar(apoyo, ruta)
    assert (primera.rc, [c for _, _, c in primera.hallazgos]) == (1, ["clave-elector-fecha"])
    basico(ruta)  # the fix
    segunda = validar(apoyo, ruta)
    assert (segunda.rc, segunda.hallazgos) == (0, [])
    assert sorted(p.name for p in segunda.salidas) == ["apoyos.reporte.json",
                                                       "apoyos.revisado.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "apoyos.reporte.json", "apoyos.revisado.xlsx", "apoyos.xlsx"]


def test_validar_la_copia_marcada(apoyo: Corredor, tmp_path: Path) -> None:
    """An earlier marked copy given as input: its Resultado column is ignored, and its own
    outputs get their own names."""
    ruta = con_error(tmp_path / "apoyos.xlsx")
    validar(apoyo, ruta)
    copia = tmp_path / "apoyos.revisado.xlsx"
    res = validar(apoyo, copia)
    assert res.rc == 1
    assert [c for _, _, c in res.hallazgos] == ["clave-elector-fecha"]
    assert res.revisado.name == "apoyos.revisado.revisado.xlsx"


@pytest.mark.parametrize("salida", ["apoyos.revisado.xlsx", "apoyos.reporte.json"])
def test_salida_que_es_la_entrada(apoyo: Corredor, tmp_path: Path, salida: str) -> None:
    """An output path that is the input itself (here through a link) is refused."""
    datos = tmp_path / "datos"
    datos.mkdir()
    original = basico(datos / "apoyos.xlsx")
    (tmp_path / salida).symlink_to(original)
    ruta = tmp_path / "apoyos.xlsx"
    ruta.symlink_to(original)
    res = validar(apoyo, ruta)
    assert res.rc == 2
    assert res.dice(f"No se pudo usar: apoyos.xlsx: La salida «{salida}» sobrescribiría el archivo "
                    "de entrada. Qué hacer: Cambie el nombre del archivo de entrada o indique "
                    "otra carpeta con --salida.")
    assert (tmp_path / salida).is_symlink()


def test_dos_entregas_con_el_mismo_nombre_en_una_carpeta(apoyo: Corredor, tmp_path: Path) -> None:
    """apoyos.csv and apoyos.xlsx would both write apoyos.reporte.json: the second is refused
    instead of silently replacing the first one's results."""
    carpeta = tmp_path / "entregas"
    carpeta.mkdir()
    (carpeta / "apoyos.csv").write_text(csv_texto([ENCABEZADOS, FILA_1]), encoding="utf-8")
    basico(carpeta / "apoyos.xlsx", [FILA_2])
    res = apoyo("validar", carpeta, "--fecha-corte", CORTE, sin_salidas_si_falla=False)
    assert res.rc == 2
    assert res.dice("No se pudo usar: apoyos.xlsx: Sus resultados se llamarían como los de "
                    "«apoyos.csv», revisado antes en esta misma carpeta, y los sustituirían.")
    assert res.reporte["archivo"] == "apoyos.csv"
    assert sorted(p.name for p in carpeta.iterdir()) == [
        "apoyos.csv", "apoyos.reporte.json", "apoyos.revisado.xlsx", "apoyos.xlsx"]


@pytest.mark.parametrize("nombre", ["ANA_RUIZ.xlsx", "ANA_RUIZ_rechazados.xlsx"])
def test_exportar_sobre_la_entrada(apoyo: Corredor, tmp_path: Path, nombre: str) -> None:
    """A submission named like the DERFE file (or its rejects file) would be replaced (or, for the
    rejects file, deleted) by the export: refused."""
    ruta = con_error(tmp_path / nombre)
    res = apoyo("exportar", ruta, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE, entrada=ruta)
    assert res.rc == 2
    assert res.dice(f"No se pudo usar: La exportación se escribiría en «{nombre}», que es el "
                    "archivo de entrada, y lo sustituiría. Qué hacer: Cambie el nombre del archivo "
                    "de entrada (por ejemplo, «ANA_RUIZ_captura.xlsx») o indique otra carpeta con "
                    "--salida.")
    otra = tmp_path / "derfe"
    bien = apoyo("exportar", ruta, "--aspirante", "Ana Ruiz", "--fecha-corte", CORTE,
                 "--salida", otra, entrada=ruta)
    assert bien.rc == 1
    assert sorted(p.name for p in otra.iterdir()) == ["ANA_RUIZ.xlsx", "ANA_RUIZ_rechazados.xlsx"]


# ---- a disk that fills up in the middle of a write -----------------------------------------------


class _DiscoLleno(io.FileIO):
    """A file that accepts `cupo` bytes, writes part of the next block, then fails with ENOSPC."""

    cupo = 3000
    escritos: ClassVar[list[int]] = []

    def write(self, datos: bytes) -> int:  # type: ignore[override]
        libre = self.cupo - self.tell()
        if len(datos) > libre:
            super().write(bytes(datos)[: max(libre, 0)])
            _DiscoLleno.escritos.append(self.tell())
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(datos)


@pytest.fixture
def disco_lleno(monkeypatch: pytest.MonkeyPatch):
    """Files whose name matches the returned pattern (set ``.patron``) fill the disk."""

    class Control:
        patron = re.compile(r"^\..*\.revisado\.xlsx\..*\.tmp$")

    abrir = builtins.open

    def abrir_lleno(archivo, mode="r", *args, **kw):
        nombre = os.path.basename(os.fspath(archivo)) if isinstance(archivo, (str, Path)) else ""
        if nombre and Control.patron.match(nombre) and any(c in mode for c in "wax"):
            crudo = _DiscoLleno(archivo, mode.replace("b", "").replace("t", ""))
            if "b" in mode:
                return crudo
            return io.TextIOWrapper(io.BufferedWriter(crudo), encoding=kw.get("encoding"),
                                    newline=kw.get("newline"))
        return abrir(archivo, mode, *args, **kw)

    monkeypatch.setattr(builtins, "open", abrir_lleno)
    monkeypatch.setattr(io, "open", abrir_lleno)
    _DiscoLleno.escritos = []
    return Control


@pytest.mark.parametrize("parte", ["revisado", "reporte"])
def test_disco_lleno_a_media_escritura(apoyo: Corredor, tmp_path: Path, disco_lleno,
                                      parte: str) -> None:
    ruta = con_error(tmp_path / "apoyos.xlsx")
    disco_lleno.patron = re.compile(r"^$")  # the first run has room
    assert validar(apoyo, ruta).rc == 1
    antes = {p.name: sha256(p) for p in tmp_path.glob("apoyos.*.*")}
    assert sorted(antes) == ["apoyos.reporte.json", "apoyos.revisado.xlsx"]
    basico(ruta, FILAS * 200)  # a bigger, fixed submission
    disco_lleno.patron = re.compile(rf"^\..*\.{parte}\..*\.tmp$")
    res = validar(apoyo, ruta)
    assert _DiscoLleno.escritos, "the write never reached the full disk"
    assert res.rc == 2
    assert res.dice("No se pudo usar: apoyos.xlsx: No se pudieron escribir los resultados (no "
                    f"queda espacio en el disco). Qué hacer: {NO_SE_ESCRIBIO}")
    assert {p.name: sha256(p) for p in tmp_path.glob("apoyos.*.*")} == antes
    assert temporales(tmp_path) == []


def test_disco_lleno_de_verdad(tmp_path: Path) -> None:
    """A real process whose files may not grow past 20 kB (RLIMIT_FSIZE): the marked copy's write
    fails half way with EFBIG; the earlier outputs stay and no partial file is left."""
    ruta = con_error(tmp_path / "apoyos.xlsx")
    entorno = {**os.environ, "COLUMNS": "400", "PYTHONDONTWRITEBYTECODE": "1"}
    orden = [sys.executable, "-m", "apoyo", "validar", str(ruta), "--fecha-corte", CORTE]
    primera = subprocess.run(orden, check=False, capture_output=True, text=True, env=entorno,
                             timeout=300)
    assert primera.returncode == 1, primera.stderr
    antes = {p.name: sha256(p) for p in tmp_path.glob("apoyos.*.*")}
    basico(ruta, FILAS * 2000)
    huella = sha256(ruta)

    def limitar() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    res = subprocess.run(orden, check=False, capture_output=True, text=True, env=entorno,
                         timeout=300, preexec_fn=limitar)
    salida = " ".join((res.stdout + res.stderr).split())
    assert res.returncode == 2, salida
    assert "Traceback" not in salida
    assert ("No se pudieron escribir los resultados (el archivo pasaría del tamaño que permite el "
            "sistema).") in salida
    assert {p.name: sha256(p) for p in tmp_path.glob("apoyos.*.*")} == antes
    assert sha256(ruta) == huella
    assert temporales(tmp_path) == []
