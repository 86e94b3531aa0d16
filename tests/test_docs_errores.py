"""The errors page is generated from the catalogue and must be current."""

from pathlib import Path

from apoyo.docs_errores import pagina
from apoyo.errors import CATALOGO

RAIZ = Path(__file__).resolve().parents[1]


def test_committed_errors_page_is_current():
    committed = (RAIZ / "docs" / "errores.md").read_text(encoding="utf-8")
    assert committed == pagina(), "docs/errores.md is stale: run `apoyo errores --salida docs/errores.md`"


def test_every_code_has_an_entry_with_severity_and_remedy():
    texto = pagina()
    for codigo, decl in CATALOGO.items():
        entrada = texto.split(f"### `{codigo}` — ", 1)[1].split("###", 1)[0]
        assert entrada.startswith(decl.titulo)
        assert f"**{decl.severidad.capitalize()}**" in entrada
        assert "- Cómo corregir: " in entrada


def test_catalogue_codes_are_kebab_case_and_texts_spanish():
    for codigo, decl in CATALOGO.items():
        assert codigo == decl.codigo
        assert codigo.replace("-", "").isalpha() and codigo.islower()
        assert decl.severidad in ("error", "aviso")
        assert decl.mensaje.strip() and decl.remedio.strip() and decl.titulo.strip()
