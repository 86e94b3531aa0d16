"""The marked copy of a checked submission (`escribir_revisado`) and the fast xlsx writer.

`apoyo.mark.xlsx_rapido` is the one way the project writes big sheets (also used by
`apoyo.export`).
"""

from apoyo.mark.revisado import MAX_NOTAS, escribir_revisado, ruta_revisado

__all__ = ["MAX_NOTAS", "escribir_revisado", "ruta_revisado"]
