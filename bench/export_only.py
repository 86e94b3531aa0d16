"""Time the DERFE export alone on synthetic checked rows (no reader, no checker).

Usage: python bench/export_only.py [ROWS] [xlsx|txt] [OUTDIR]   (defaults: 100000, xlsx, temp)
1 % of the rows have an error (they go to the rejects file). Peak memory: ``/usr/bin/time -v``.
"""

from __future__ import annotations

import random
import string
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from apoyo.check.revision import FilaRevisada
from apoyo.errors import hallazgo
from apoyo.export import exportar


def filas_sinteticas(filas: int) -> Iterator[FilaRevisada]:
    azar = random.Random(7)
    letras, digitos = string.ascii_uppercase, string.digits

    def texto(k: int, alfabeto: str = letras) -> str:
        return "".join(azar.choices(alfabeto, k=k))

    muestra = [
        ("07", str(azar.randint(1, 2400)), f"{texto(5)} {texto(4)}", texto(7), texto(8),
         texto(6) + "800101" + "07H" + texto(3, digitos), texto(13, digitos), texto(9, digitos))
        for _ in range(997)
    ]
    error = (hallazgo("ocr-longitud", 0, "ocr", "123", longitud=3),)
    for i in range(filas):
        yield FilaRevisada(i + 2, muestra[i % 997], error if i % 100 == 0 else ())


def main() -> None:
    filas = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    formato = sys.argv[2] if len(sys.argv) > 2 else "xlsx"
    carpeta = Path(sys.argv[3]) if len(sys.argv) > 3 else Path(tempfile.mkdtemp())
    t0 = time.perf_counter()
    for _ in filas_sinteticas(filas):
        pass
    t1 = time.perf_counter()
    resultado = exportar(filas_sinteticas(filas), "María López Hernández", carpeta, formato)
    t2 = time.perf_counter()
    print(f"{filas} filas: generar {t1 - t0:.2f} s; exportar {t2 - t1:.2f} s "
          f"({resultado.validas} válidas, {resultado.rechazadas} rechazadas) -> {resultado.ruta}")


if __name__ == "__main__":
    main()
