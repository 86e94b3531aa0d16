"""Outputs of an earlier export that the new one makes stale (a rejects file when nothing is
rejected now; the DERFE file when no row is valid now) are removed in the same all-or-nothing
step that puts the new outputs in place (`apoyo.atomic.retirar` inside
`apoyo.atomic.escrituras_juntas`): whichever step fails, every earlier file stays byte for byte
and no temporary file is left (found by a tester: the stale rejects file was deleted after the
DERFE file had been replaced, and when that deletion failed the command said nothing changed).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from apoyo import atomic
from apoyo.check.revision import FilaRevisada
from apoyo.errors import hallazgo
from apoyo.export import ResultadoExportacion, exportar
from hostile.ayudas_hostiles import CORTE, FILA_1, FILA_2, FILAS, Corredor, basico, sha256

V2 = ("07", "0012", "SOFIA", "GARCIA", "", "GRLPSF90010107M123", "0012345678901", "")
V3 = ("33", "1726", "ANA", "", "", "", "", "")
E_SIN = hallazgo("sin-ocr-ni-cic", 3, None)
ASPIRANTE = "María López Hernández"
DERFE = "MARIA_LOPEZ_HERNANDEZ"
RECHAZADOS = f"{DERFE}_rechazados.xlsx"


def _mezcla() -> Iterator[FilaRevisada]:
    """One valid row, one rejected: both outputs written."""
    yield FilaRevisada(2, V2, ())
    yield FilaRevisada(3, V3, (E_SIN,))


def _validas() -> Iterator[FilaRevisada]:
    yield FilaRevisada(2, V2, ())
    yield FilaRevisada(4, V2, ())


def _rechazadas() -> Iterator[FilaRevisada]:
    yield FilaRevisada(3, V3, (E_SIN,))


def _carpeta(carpeta: Path) -> dict[str, bytes]:
    """Every file of the folder (hidden temporary ones included) with its bytes."""
    return {p.name: p.read_bytes() for p in carpeta.iterdir()}


def _temporales(carpeta: Path) -> list[str]:
    return sorted(p.name for p in carpeta.glob(".*.tmp"))


def _filas(ruta: Path) -> list[list[object]]:
    return [[c.value for c in f] for f in openpyxl.load_workbook(ruta).active.iter_rows()]


# ---- the stale output is removed -----------------------------------------------------------------


@pytest.mark.parametrize("formato", ["xlsx", "txt"])
def test_sin_rechazos_se_retira_el_viejo_y_queda_el_nuevo(tmp_path: Path, formato: str) -> None:
    exportar(_mezcla(), ASPIRANTE, tmp_path, formato)  # type: ignore[arg-type]
    viejo = (tmp_path / f"{DERFE}.{formato}").read_bytes()
    resultado = exportar(_validas(), ASPIRANTE, tmp_path, formato)  # type: ignore[arg-type]
    assert resultado == ResultadoExportacion(tmp_path / f"{DERFE}.{formato}", None, 2, 0,
                                             (tmp_path / RECHAZADOS,))
    assert sorted(_carpeta(tmp_path)) == [f"{DERFE}.{formato}"]
    assert resultado.ruta is not None and resultado.ruta.read_bytes() != viejo
    if formato == "xlsx":
        assert [f[2] for f in _filas(resultado.ruta)] == ["Nombre(s)", "SOFIA", "SOFIA"]
    else:
        assert resultado.ruta.read_bytes().count(b"\r\n") == 3  # header and two rows


@pytest.mark.parametrize(("formato", "otro"), [("xlsx", "txt"), ("txt", "xlsx")])
def test_sin_validas_se_retira_el_archivo_derfe_viejo(tmp_path: Path, formato: str,
                                                      otro: str) -> None:
    """Only the file of the format exported is retired: the other one is not this export's."""
    exportar(_mezcla(), ASPIRANTE, tmp_path, otro)  # type: ignore[arg-type]
    exportar(_mezcla(), ASPIRANTE, tmp_path, formato)  # type: ignore[arg-type]
    ajeno = (tmp_path / f"{DERFE}.{otro}").read_bytes()
    resultado = exportar(_rechazadas(), ASPIRANTE, tmp_path, formato)  # type: ignore[arg-type]
    assert resultado == ResultadoExportacion(None, tmp_path / RECHAZADOS, 0, 1,
                                             (tmp_path / f"{DERFE}.{formato}",))
    assert sorted(_carpeta(tmp_path)) == sorted([f"{DERFE}.{otro}", RECHAZADOS])
    assert (tmp_path / f"{DERFE}.{otro}").read_bytes() == ajeno
    assert _filas(tmp_path / RECHAZADOS)[1][:2] == [3, "33"]  # row number, clave estado


def test_sin_filas_se_retiran_ambos(tmp_path: Path) -> None:
    """Only a header: nothing to send and nothing rejected, so neither earlier file stays."""
    exportar(_mezcla(), ASPIRANTE, tmp_path)
    assert sorted(_carpeta(tmp_path)) == [f"{DERFE}.xlsx", RECHAZADOS]
    resultado = exportar(iter(()), ASPIRANTE, tmp_path)
    assert resultado == ResultadoExportacion(
        None, None, 0, 0, (tmp_path / f"{DERFE}.xlsx", tmp_path / RECHAZADOS))
    assert _carpeta(tmp_path) == {}


# ---- whichever step fails, nothing changes -------------------------------------------------------


def _fallar_el_paso(monkeypatch: pytest.MonkeyPatch, paso: int) -> list[tuple[str, str]]:
    """Make the `paso`-th `os.replace` (1-based) fail with EACCES; the others (the rollback's
    too) work. Returns the calls, as ``(origin name, destination name)``."""
    llamadas: list[tuple[str, str]] = []
    reemplazar = os.replace

    def replace(origen: object, destino: object) -> None:
        llamadas.append((Path(str(origen)).name, Path(str(destino)).name))
        if len(llamadas) == paso:
            raise PermissionError(errno.EACCES, "Permission denied")
        reemplazar(origen, destino)

    monkeypatch.setattr(atomic.os, "replace", replace)
    return llamadas


@pytest.mark.parametrize("formato", ["xlsx", "txt"])
@pytest.mark.parametrize("filas", [_validas, _rechazadas], ids=["sin-rechazos", "sin-validas"])
def test_falla_cualquier_paso_y_todo_queda_como_estaba(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, formato: str, filas) -> None:
    """Each rename of the commit in turn fails (moving an earlier file aside, putting a new one
    in place): the earlier DERFE and rejects files stay byte for byte, none is retired, no
    temporary file is left, and the `OSError` reaches the caller."""
    exportar(_mezcla(), ASPIRANTE, tmp_path, formato)
    antes = _carpeta(tmp_path)
    assert sorted(antes) == sorted([f"{DERFE}.{formato}", RECHAZADOS])
    pasos = 0
    for paso in range(1, 10):
        with monkeypatch.context() as m:
            llamadas = _fallar_el_paso(m, paso)
            try:
                exportar(filas(), ASPIRANTE, tmp_path, formato)
            except PermissionError:
                assert _carpeta(tmp_path) == antes, llamadas
                assert _temporales(tmp_path) == []
                pasos += 1
                continue
        break  # fewer renames than `paso`: this export succeeded
    # Each of the two files is moved aside, and the new one put in its place: three renames.
    assert pasos == 3
    if filas is _validas:  # the stale rejects file went with the commit
        assert sorted(_carpeta(tmp_path)) == [f"{DERFE}.{formato}"]
    else:  # the stale DERFE file went with the commit
        assert sorted(_carpeta(tmp_path)) == [RECHAZADOS]


@pytest.mark.parametrize("filas", [_validas, _rechazadas], ids=["sin-rechazos", "sin-validas"])
def test_salida_vieja_que_no_se_puede_quitar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             filas) -> None:
    """The tester's case: the stale file can be neither renamed nor deleted (immutable, no
    permission). The export fails and changes nothing: the DERFE file is not replaced either."""
    exportar(_mezcla(), ASPIRANTE, tmp_path)
    antes = _carpeta(tmp_path)
    viejo = RECHAZADOS if filas is _validas else f"{DERFE}.xlsx"
    reemplazar, borrar, desligar = os.replace, os.unlink, Path.unlink

    def replace(origen: object, destino: object) -> None:
        if Path(str(origen)).name == viejo:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        reemplazar(origen, destino)

    def unlink(ruta: object, *args: object, **kw: object) -> None:
        if Path(str(ruta)).name == viejo:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        borrar(ruta, *args, **kw)  # type: ignore[arg-type]

    def path_unlink(self: Path, missing_ok: bool = False) -> None:
        if self.name == viejo:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        desligar(self, missing_ok=missing_ok)

    monkeypatch.setattr(atomic.os, "replace", replace)
    monkeypatch.setattr(atomic.os, "unlink", unlink)
    monkeypatch.setattr(Path, "unlink", path_unlink)
    with pytest.raises(PermissionError):
        exportar(filas(), ASPIRANTE, tmp_path)
    assert _carpeta(tmp_path) == antes
    assert _temporales(tmp_path) == []


def test_si_la_exportacion_falla_antes_no_se_retira_nada(tmp_path: Path) -> None:
    """Rows that fail while being read (disk full): nothing is retired either."""
    exportar(_mezcla(), ASPIRANTE, tmp_path)
    antes = _carpeta(tmp_path)

    def fallan() -> Iterator[FilaRevisada]:
        yield FilaRevisada(3, V3, (E_SIN,))
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        exportar(fallan(), ASPIRANTE, tmp_path)
    assert _carpeta(tmp_path) == antes


# ---- `retirar` itself ----------------------------------------------------------------------------


def test_retirar_fuera_de_un_bloque_borra_en_el_acto(tmp_path: Path) -> None:
    viejo = tmp_path / "viejo.xlsx"
    viejo.write_bytes(b"viejo")
    atomic.retirar(viejo)
    atomic.retirar(tmp_path / "no_existe.xlsx")  # missing: nothing to do
    assert list(tmp_path.iterdir()) == []


def test_retirar_en_un_bloque_espera_al_final(tmp_path: Path) -> None:
    viejo, nuevo = tmp_path / "viejo.xlsx", tmp_path / "nuevo.xlsx"
    viejo.write_bytes(b"viejo")
    with atomic.escrituras_juntas():
        atomic.retirar(viejo)
        atomic.retirar(tmp_path / "no_existe.xlsx")
        with atomic.escritura_atomica(nuevo) as tmp:
            tmp.write_bytes(b"nuevo")
        assert viejo.read_bytes() == b"viejo" and not nuevo.exists()  # not yet
    assert _carpeta(tmp_path) == {"nuevo.xlsx": b"nuevo"}


def test_retirar_en_un_bloque_que_falla_no_borra(tmp_path: Path) -> None:
    viejo = tmp_path / "viejo.xlsx"
    viejo.write_bytes(b"viejo")
    with pytest.raises(ValueError, match="a medias"), atomic.escrituras_juntas():
        atomic.retirar(viejo)
        with atomic.escritura_atomica(tmp_path / "nuevo.xlsx") as tmp:
            tmp.write_bytes(b"nuevo")
        raise ValueError("a medias")
    assert _carpeta(tmp_path) == {"viejo.xlsx": b"viejo"}


def test_retirar_no_toca_una_carpeta(tmp_path: Path) -> None:
    """A folder with the output's name is not an earlier output: left alone, in a block or not."""
    carpeta = tmp_path / "ANA_RUIZ.xlsx"
    carpeta.mkdir()
    (carpeta / "dentro.txt").write_text("dato")
    atomic.retirar(carpeta)
    with atomic.escrituras_juntas():
        atomic.retirar(carpeta)
    assert (carpeta / "dentro.txt").read_text() == "dato"
    assert _temporales(tmp_path) == []


def test_retirar_un_enlace_no_toca_su_destino(tmp_path: Path) -> None:
    destino = tmp_path / "otro.xlsx"
    destino.write_bytes(b"otro")
    (tmp_path / "viejo.xlsx").symlink_to(destino)
    with atomic.escrituras_juntas():
        atomic.retirar(tmp_path / "viejo.xlsx")
    assert _carpeta(tmp_path) == {"otro.xlsx": b"otro"}


# ---- through the command line --------------------------------------------------------------------


@pytest.fixture
def apoyo(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
          tmp_path: Path) -> Corredor:
    """The in-process command line, checking its invariants (`hostile.ayudas_hostiles`)."""
    return Corredor(capsys, monkeypatch, tmp_path)


def _con_error(ruta: Path) -> Path:
    """Three rows, the second with an impossible birth date (month 13): one rejected."""
    mala = list(FILA_2)
    mala[5] = mala[5][:8] + "13" + mala[5][10:]
    return basico(ruta, [FILA_1, mala, FILAS[2]])


def _todas_malas(ruta: Path) -> Path:
    malas = [list(f) for f in FILAS]
    for f in malas:
        f[5] = f[5][:8] + "13" + f[5][10:]
    return basico(ruta, malas)


@pytest.mark.parametrize("corregir", [basico, _todas_malas], ids=["sin-rechazos", "sin-validas"])
def test_cli_la_salida_vieja_se_retira(apoyo: Corredor, tmp_path: Path, corregir) -> None:
    ruta = _con_error(tmp_path / "apoyos.xlsx")
    orden = ("exportar", ruta, "--fecha-corte", CORTE, "--aspirante", ASPIRANTE)
    assert apoyo(*orden).rc == 1
    corregir(ruta)
    res = apoyo(*orden)
    if corregir is basico:
        assert res.rc == 0
        assert res.dice(f"Exportadas 3 filas a {tmp_path / DERFE}.xlsx")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["MARIA_LOPEZ_HERNANDEZ.xlsx",
                                                              "apoyos.xlsx"]
    else:
        assert res.rc == 1
        assert res.dice("No se exportó nada: todas las filas tienen errores; no se escribió "
                        "MARIA_LOPEZ_HERNANDEZ.xlsx (un archivo vacío no debe enviarse).")
        assert sorted(p.name for p in tmp_path.iterdir()) == [RECHAZADOS, "apoyos.xlsx"]
        assert len(_filas(tmp_path / RECHAZADOS)) == 4  # header and the three rows


@pytest.mark.parametrize("corregir", [basico, _todas_malas], ids=["sin-rechazos", "sin-validas"])
def test_cli_salida_vieja_inamovible_no_cambia_nada(apoyo: Corredor, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    corregir) -> None:
    """The stale output cannot be moved (immutable, no permission): exit code 2, the Spanish
    message says the earlier files were not modified, and they were not."""
    ruta = _con_error(tmp_path / "apoyos.xlsx")
    orden = ("exportar", ruta, "--fecha-corte", CORTE, "--aspirante", ASPIRANTE)
    assert apoyo(*orden).rc == 1
    antes = {p.name: sha256(p) for p in tmp_path.iterdir() if p != ruta}
    assert sorted(antes) == [f"{DERFE}.xlsx", RECHAZADOS]
    corregir(ruta)
    viejo = RECHAZADOS if corregir is basico else f"{DERFE}.xlsx"
    reemplazar = os.replace

    def replace(origen: object, destino: object) -> None:
        if Path(str(origen)).name == viejo:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        reemplazar(origen, destino)

    monkeypatch.setattr(atomic.os, "replace", replace)
    res = apoyo(*orden)
    assert res.rc == 2
    assert res.dice("No se pudo leer o escribir un archivo (no hay permiso de escritura).")
    assert res.dice("los archivos anteriores no se modificaron.")
    assert {p.name: sha256(p) for p in tmp_path.iterdir() if p != ruta} == antes


def test_una_carpeta_en_el_lugar_de_una_salida_no_se_mueve(tmp_path: Path) -> None:
    """`escrituras_juntas` never moves a folder aside as if it were an earlier output (it was
    left hidden as «.NAME.anterior.tmp»): it raises IsADirectoryError and undoes the outputs
    already put in place."""
    (tmp_path / "a.xlsx").write_bytes(b"vieja")
    (tmp_path / "b.xlsx").mkdir()
    (tmp_path / "b.xlsx" / "notas.txt").write_bytes(b"mias")
    with pytest.raises(IsADirectoryError) as info:
        with atomic.escrituras_juntas():
            for nombre in ("a.xlsx", "b.xlsx"):
                with atomic.escritura_atomica(tmp_path / nombre) as tmp:
                    tmp.write_bytes(b"nueva")
    assert info.value.errno == errno.EISDIR
    assert (tmp_path / "a.xlsx").read_bytes() == b"vieja"
    assert (tmp_path / "b.xlsx" / "notas.txt").read_bytes() == b"mias"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]
