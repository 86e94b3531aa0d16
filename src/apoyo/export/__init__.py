"""The DERFE export: valid rows to ``<ASPIRANTE>.xlsx``/``.txt``, rejected rows to a list."""

from apoyo.export.derfe import ResultadoExportacion, exportar, impedimento
from apoyo.export.nombre import nombre_archivo

__all__ = ["ResultadoExportacion", "exportar", "impedimento", "nombre_archivo"]
