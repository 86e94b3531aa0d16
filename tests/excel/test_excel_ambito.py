"""The add-in reads the candidacy's scope from the Aspirante sheet as the CLI does, and says so
when it cannot (``ambito-no-reconocido``, ``ambito-sin-catalogo``): it used to build its own
file-level findings without the scope's (found in review after a tester's report that
«Entidad = Oaxaca» was silently ignored by the CLI)."""

from __future__ import annotations

import apoyo.excel


def _libro(abrir, xl, entidad: str, distrito: str = ""):
    filas = [list(f) for f in xl.filas_ejemplo(4)]  # rows of Chiapas (07)
    aspirante = [[etiqueta, {"Entidad": entidad, "Distrito": distrito}.get(etiqueta, valor)]
                 for etiqueta, valor in xl.ASPIRANTE]
    return abrir(xl.carga([xl.hoja("Apoyos", [xl.ENCABEZADO, *filas]),
                           xl.hoja("Aspirante", aspirante)]))


def test_entidad_por_su_nombre(abrir, xl):
    v = apoyo.excel.adaptador.validar_libro(_libro(abrir, xl, "Oaxaca"), avisar=False)
    assert (v.revision.filas, v.revision.filas_validas) == (4, 0)
    assert {h.codigo for h in v.revision.hallazgos if h.fila is not None} == {"entidad-distinta"}
    assert [h.codigo for h in v.revision.hallazgos if h.fila is None] == []


def test_entidad_no_reconocida_y_distrito_sin_catalogo_se_avisan(abrir, xl):
    v = apoyo.excel.adaptador.validar_libro(_libro(abrir, xl, "99", "3"), avisar=False)
    assert (v.revision.filas, v.revision.filas_validas) == (4, 4)
    del_archivo = [h for h in v.revision.hallazgos if h.fila is None]
    assert [(h.codigo, h.valor) for h in del_archivo] == [("ambito-no-reconocido", "99"),
                                                          ("ambito-sin-catalogo", None)]
    assert del_archivo[0].mensaje == (
        "La celda «Entidad» de la hoja Aspirante dice «99», pero eso no es una clave de entidad "
        "de 01 a 32 ni el nombre de una entidad; por eso no se revisó que las filas sean de la "
        "entidad de la candidatura.")
