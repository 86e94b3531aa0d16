"""The checker inside Excel (xlwings): the same core and messages as the CLI, results written
into the open workbook (marks, ``Resultado`` column, ``Resumen`` sheet, alerts).

Entry points:

* Desktop Excel with Python (``RunPython``): `validar`, `exportar`, and `main` — the ribbon
  add-in ``apoyo_xl.xlam`` runs ``import apoyo_xl; apoyo_xl.main()``, which calls `main`.
* xlwings Lite / xlwings Server: the ``@script`` `apoyo.excel.lite.validar`.
* Any ``xlwings.Book`` (tests use the remote engine): `validar_libro`, `exportar_libro`,
  `flujo_cinta`.

Importing this package does not import xlwings; the entry points do.
"""

from apoyo.excel.adaptador import (
    MAX_NOTAS,
    PlanExportacion,
    Validacion,
    exportar,
    exportar_libro,
    flujo_cinta,
    main,
    mensaje_totales,
    preparar_exportacion,
    validar,
    validar_libro,
)

__all__ = [
    "MAX_NOTAS",
    "PlanExportacion",
    "Validacion",
    "exportar",
    "exportar_libro",
    "flujo_cinta",
    "main",
    "mensaje_totales",
    "preparar_exportacion",
    "validar",
    "validar_libro",
]
