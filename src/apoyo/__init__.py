"""apoyo-ciudadano: template and checker for paper-collected citizen support (apoyo ciudadano).

Public API: `apoyo.schema` (the eight DERFE fields), `apoyo.errors` (the catalogue of findings),
`apoyo.record` (`Registro`, `Hallazgo`), `apoyo.identifiers` (one module per identifier),
`apoyo.check` (rules), and the edges `apoyo.read`, `apoyo.mark`, `apoyo.export`.
"""

__version__ = "0.1.0"
