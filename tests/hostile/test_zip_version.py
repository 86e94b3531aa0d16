"""A zip whose entries need a newer zip version than Python reads (found by the slow fuzz run:
``NotImplementedError: zip file version 6.4`` escaped as a traceback) is a damaged file."""

from __future__ import annotations

from pathlib import Path

import pytest
from .ayudas_hostiles import basico

from apoyo.errors import ArchivoInutilizable
from apoyo.read import leer


def test_version_de_zip_desconocida_es_archivo_danado(tmp_path: Path) -> None:
    ruta = basico(tmp_path / "apoyos.xlsx")
    datos = bytearray(ruta.read_bytes())
    inicio = 0
    while (i := datos.find(b"PK\x01\x02", inicio)) != -1:  # central directory entries
        datos[i + 6] = 64  # version needed to extract: 6.4
        inicio = i + 4
    ruta.write_bytes(bytes(datos))
    with pytest.raises(ArchivoInutilizable) as error:
        leer(ruta)
    assert error.value.mensaje == "El archivo xlsx está dañado o incompleto y no se puede leer."
