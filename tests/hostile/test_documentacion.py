"""docs/archivos_problematicos.md quotes the real messages and limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from apoyo import limites
from apoyo.read import inutilizable

DOC = Path(__file__).resolve().parents[2] / "docs" / "archivos_problematicos.md"


def _doc() -> str:
    texto = DOC.read_text(encoding="utf-8").replace("‹", "").replace("›", "")
    return " ".join(texto.split())


@pytest.mark.parametrize("error", [
    inutilizable.no_encontrado("apoyos.xlsx"), inutilizable.no_se_puede_abrir(),
    inutilizable.vacio(), inutilizable.demasiado_grande(250 * 2**20, limites.TAMANO_MAXIMO),
    inutilizable.extension_desconocida(".pdf"), inutilizable.cifrado(),
    inutilizable.no_es_hoja("un documento PDF"),
    inutilizable.formato_no_soportado("una página web (HTML)"), inutilizable.danado("xlsx"),
    inutilizable.bomba_zip(), inutilizable.xml_con_dtd(), inutilizable.sin_hojas(),
    inutilizable.sin_encabezado(20, "Apoyos"), inutilizable.codificacion_desconocida(),
    inutilizable.texto_ilegible(3), inutilizable.linea_demasiado_larga(3, limites.LINEA_MAXIMA),
    inutilizable.demasiadas_filas(1_048_577, "fila", limites.FILA_MAXIMA),
    inutilizable.tiempo_agotado(limites.TIEMPO_MAXIMO, 123_456),
], ids=lambda e: e.mensaje[:40])
def test_cada_mensaje_esta_en_la_documentacion(error: inutilizable.ArchivoInutilizable) -> None:
    doc = _doc()
    assert " ".join(error.mensaje.split()) in doc
    assert " ".join(error.remedio.split()) in doc


def test_limites_documentados() -> None:
    doc = _doc()
    assert limites.TAMANO_MAXIMO == 200 * 2**20 and "| 200 MB |" in doc
    assert limites.FILA_MAXIMA == 1_048_576 and "hasta la fila 1,048,576 de Excel" in doc
    assert limites.LINEA_MAXIMA == 4 * 2**20 and "| 4 MB |" in doc
    assert limites.DESCOMPRIMIDO_MAXIMO == 2 * 1024**3 and "2 GiB en total" in doc
    assert limites.TIEMPO_MAXIMO == 900 and "900 segundos (15 minutos)" in doc
    assert limites.FILAS_POR_VISTAZO == 4096 and "lotes de 4,096 filas" in doc
