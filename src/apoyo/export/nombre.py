"""The export's file name: the aspirant's name in capitals, words joined by underscores.

DERFE asks for the file to be named after the aspirant, e.g. ``MARIA_LOPEZ_HERNANDEZ.xlsx``
(oficio INE/DERFE/STN/30531/2017). Pure function, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

_PALABRA = re.compile(r"[A-Z0-9]+")
#: Longest file name stem made (a full name with particles fits easily).
LARGO_MAXIMO = 120


def nombre_archivo(aspirante: str) -> str:
    """The aspirant's name as a file name stem (no extension).

    Uppercase, accents removed (Ñ becomes N, only in the file name), anything that is not A-Z or
    0-9 is a word break, words joined by ``_``.

    >>> nombre_archivo("María López Hernández")
    'MARIA_LOPEZ_HERNANDEZ'
    >>> nombre_archivo("José Ñúñez  de la O")
    'JOSE_NUNEZ_DE_LA_O'
    >>> nombre_archivo("  ana-maría o'brien, 2a. vuelta ")
    'ANA_MARIA_O_BRIEN_2A_VUELTA'
    >>> nombre_archivo("123 / ---")
    Traceback (most recent call last):
    ...
    ValueError: El nombre del aspirante no tiene letras con las que nombrar el archivo.
    >>> nombre_archivo("Ana " * 40)
    Traceback (most recent call last):
    ...
    ValueError: El nombre del aspirante es demasiado largo para nombrar el archivo (159 caracteres; como máximo 120).

    Raises:
        ValueError: the name leaves no letter A-Z (empty, only digits or symbols, or written
            only in letters outside A-Z once accents are removed), or makes a stem longer
            than `LARGO_MAXIMO` (file names hold 255 bytes; the rejects file adds its suffix).
    """
    mayusculas = unicodedata.normalize("NFKD", aspirante.upper())
    sin_acentos = "".join(c for c in mayusculas if not unicodedata.combining(c))
    palabras = _PALABRA.findall(sin_acentos)
    if not any(c.isalpha() for palabra in palabras for c in palabra):
        raise ValueError("El nombre del aspirante no tiene letras con las que nombrar el archivo.")
    tronco = "_".join(palabras)
    if len(tronco) > LARGO_MAXIMO:
        raise ValueError(f"El nombre del aspirante es demasiado largo para nombrar el archivo "
                         f"({len(tronco)} caracteres; como máximo {LARGO_MAXIMO}).")
    return tronco
