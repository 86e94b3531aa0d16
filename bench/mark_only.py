"""Time the marked copy alone on a synthetic submission (no reader, no checker).

Usage: python bench/mark_only.py [ROWS] [OUTDIR] [EVERY]
(defaults: 100000, a temporary folder, 100). Prints the time to iterate the synthetic rows alone,
then the time of `escribir_revisado`. Peak memory: run it under ``/usr/bin/time -v``.
One row in EVERY (1 %) gets findings: an error on the OCR, a warning on the name, and every 5th
of them a row-level error. EVERY=1 marks every row (e.g. lowercase names everywhere).
"""

from __future__ import annotations

import random
import string
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from apoyo.check.revision import Revision
from apoyo.errors import hallazgo
from apoyo.mark import escribir_revisado
from apoyo.read.tabla import FilaLeida, Tabla
from apoyo.schema import CAMPOS, ETIQUETAS


def tabla_sintetica(filas: int, cada: int = 100) -> tuple[Tabla, Revision]:
    azar = random.Random(7)
    letras, digitos = string.ascii_uppercase, string.digits

    def texto(k: int, alfabeto: str = letras) -> str:
        return "".join(azar.choices(alfabeto, k=k))

    muestra = [
        ("07", str(azar.randint(1, 2400)), f"{texto(5)} {texto(4)}", texto(7), texto(8),
         texto(6) + "800101" + "07H" + texto(3, digitos), texto(13, digitos), texto(9, digitos))
        for _ in range(997)
    ]

    def leer():
        for i in range(filas):
            yield FilaLeida(i + 2, muestra[i % 997])

    hallazgos = [hallazgo("macros-ignoradas", None, None)]
    for i in range(0, filas, cada):
        n = i + 2
        hallazgos.append(hallazgo("ocr-longitud", n, "ocr", "123", longitud=3))
        hallazgos.append(hallazgo("mayusculas-corregidas", n, "nombre", "x", despues="X"))
        if i % (5 * cada) == 0:
            hallazgos.append(hallazgo("sin-ocr-ni-cic", n, None))
    tabla = Tabla(
        archivo="sintetico.xlsx", formato="xlsx", hoja="Apoyos",
        encabezados=[ETIQUETAS[c] for c in CAMPOS], fila_encabezado=1,
        columnas={c: i for i, c in enumerate(CAMPOS)}, filas=leer,
    )
    con_error = len(range(0, filas, cada))
    revision = Revision(archivo="sintetico.xlsx", filas=filas, filas_validas=filas - con_error,
                        hallazgos=hallazgos, fecha_corte=date(2025, 1, 1))
    return tabla, revision


def main() -> None:
    filas = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    carpeta = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp())
    cada = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    tabla, revision = tabla_sintetica(filas, cada)
    t0 = time.perf_counter()
    for _ in tabla.filas():
        pass
    t1 = time.perf_counter()
    ruta = escribir_revisado(tabla, revision, carpeta)
    t2 = time.perf_counter()
    print(f"{filas} filas: recorrer {t1 - t0:.2f} s; copia marcada {t2 - t1:.2f} s; "
          f"{ruta.stat().st_size / 1e6:.1f} MB -> {ruta}")


if __name__ == "__main__":
    main()
