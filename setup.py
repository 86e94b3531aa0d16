"""Only what pyproject.toml cannot say: the optional compiled fast paths.

`apoyo.check._rapido` and `apoyo.mark._filas` (C) are built when the machine has a C compiler;
without one the install still succeeds and `apoyo` gives the same results through the Python
versions, only slower (`apoyo.check.fast.avanzador`, `apoyo.mark.xlsx_rapido.unir_filas`,
docs/rendimiento.md). ``APOYO_SIN_COMPILAR=1`` leaves them out altogether, for the pure wheel (py3-none-any) handed to Windows machines and xlwings Lite:
``APOYO_SIN_COMPILAR=1 python -m pip wheel --no-deps -w dist .``
"""

import os

from setuptools import Extension, setup

extensiones = [] if os.environ.get("APOYO_SIN_COMPILAR") else [
    Extension("apoyo.check._rapido", ["src/apoyo/check/_rapido.c"], optional=True),
    Extension("apoyo.mark._filas", ["src/apoyo/mark/_filas.c"], optional=True),
]

setup(ext_modules=extensiones)
