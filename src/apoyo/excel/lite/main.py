"""main.py for xlwings Lite: copy this file's code into the Lite editor's ``main.py``.

It registers the script «Validar apoyos» (run it from the Lite task pane, or bind it to a
button on the sheet with ``@script(button="[BotonValidar]Apoyos!K2")`` in your own wrapper).
"""

from apoyo.excel.lite import validar  # noqa: F401  (Lite lists the scripts of main.py)
