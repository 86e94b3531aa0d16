"""Entry module of the Excel ribbon add-in ``apoyo_xl.xlam`` (tab «Apoyo ciudadano»).

The add-in is xlwings' ribbon add-in renamed: its only macro, ``RibbonMyAddin.RunMain``, runs
``RunPython "import apoyo_xl;apoyo_xl.main()"`` — the module name is the add-in's file name
without extension. So this top-level module must exist, with that name, next to the ``apoyo``
package. It only forwards to `apoyo.excel.main`.
"""


def main() -> None:
    """Validate the active workbook and offer the export (see `apoyo.excel.flujo_cinta`)."""
    from apoyo.excel import main as principal

    principal()
