"""The ``validar`` script for xlwings Lite and xlwings Server (Excel on the web, Excel for Mac
or Windows without a local Python).

Same adapter as the desktop add-in (`apoyo.excel.validar_libro`): marks, ``Resultado``,
``Resumen`` and the totals alert. Notes are added only when the Office.js client reports
``notes_supported`` (and not on the protected template, see `apoyo.excel.libro`). Exporting
needs a file system, so it stays in desktop Excel or the CLI.

* xlwings Lite: paste `apoyo/excel/lite/main.py` into the editor's ``main.py`` and
  `apoyo/excel/lite/requirements.txt` into ``requirements.txt``.
* xlwings Server: put ``from apoyo.excel.lite import validar`` in a module of
  ``custom_scripts/`` (the server sets ``XLWINGS_ON_SERVER=true``, which makes ``xw.script``
  the server's decorator).

Outside those runtimes ``xw.script`` returns the function unchanged.
"""

from __future__ import annotations

import xlwings as xw

from apoyo.excel.adaptador import con_alertas, validar_libro


@xw.script(name="Validar apoyos")
def validar(book: xw.Book) -> None:
    """Check the workbook's data sheet and mark it (see `apoyo.excel.validar_libro`); any
    problem becomes a Spanish alert."""
    con_alertas(book, lambda: validar_libro(book))
