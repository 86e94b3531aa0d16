"""A realistic example submission: fictitious people, internally consistent, with planted faults.

Every clean row is consistent the way a real credential is: the clave's six letters come from
the names (`clave_elector.iniciales`), its birth date is real and adult at the cut-off date,
the sección is a real Chiapas section (from a catalogue passed in, or the built-in list below,
taken from INE's catalogue), and the OCR starts with the zero-padded sección.

Planted faults (`FALLAS`, one every `CADA` rows — closer together in small examples so that
each kind appears —, in this order), each a kind that real spreadsheets show (domain.md, "What breaks"):

======================  =========  ==================================================
fault                   severity   finding
======================  =========  ==================================================
month 13 in the clave   error      clave-elector-fecha
clave of 17 characters  error      clave-elector-longitud
OCR missing a digit     error      ocr-longitud
neither OCR nor CIC     error      sin-ocr-ni-cic
repeated person         error      duplicado-clave-elector, duplicado-ocr, duplicado-cic
digit in a surname      error      nombre-invalido
empty given name        error      campo-obligatorio
CIC with a wrong check  error      cic-digito-verificador
lowercase and blanks    warning    mayusculas-corregidas, espacios-corregidos
entity typed as 7       warning    formato-ajustado
CIC with its check      warning    cic-con-digito
OCR of another sección  warning    ocr-seccion
======================  =========  ==================================================

>>> filas = generar(40, semilla=1)
>>> len(filas), len(filas[0]), filas[0][0]
(40, 8, '07')
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from apoyo.identifiers import cic as cic_id
from apoyo.identifiers.clave_elector import iniciales

#: Real Chiapas (07) sections, from INE's 2025 section catalogue.
SECCIONES_CHIAPAS: tuple[int, ...] = (
    102, 191, 204, 533, 680, 726, 752, 891, 1006, 1013, 1036, 1039, 1089, 1111, 1163, 1175,
    1199, 1294, 1326, 1336, 1389, 1397, 1422, 1431, 1433, 1483, 1557, 1589, 1593, 1615, 1634,
    1653, 1685, 1701, 1715, 1721, 1726, 1733, 1758, 1764, 1775, 1820, 1829, 1831, 1836, 1859,
    1876, 1899, 1900, 1914, 1920, 1944, 1948, 2052, 2062, 2067, 2118, 2195, 2206, 2225, 2263,
    2304, 2311, 2324, 2327, 2328, 2340, 2406, 2410, 2412, 2415,
)
NOMBRES = ("MARIA", "JUAN", "JOSE LUIS", "GUADALUPE", "ROSA ELENA", "FRANCISCO", "ANA",
           "MIGUEL ANGEL", "LETICIA", "JAVIER", "SOFIA", "HECTOR", "YOLANDA", "RAUL",
           "MARIA FERNANDA", "PEDRO", "ALICIA", "ARTURO", "BEATRIZ", "OSCAR")
APELLIDOS = ("HERNANDEZ", "GARCIA", "MARTINEZ", "LOPEZ", "GONZALEZ", "PEREZ", "RODRIGUEZ",
             "SANCHEZ", "RAMIREZ", "CRUZ", "GOMEZ", "DIAZ", "VAZQUEZ", "MORALES", "JIMENEZ",
             "RUIZ", "TORRES", "MENDOZA", "CASTAÑEDA", "DE LA CRUZ", "IBAÑEZ", "ORTIZ")
FALLAS = ("fecha", "longitud", "ocr", "sin_ocr_cic", "duplicado", "digito_nombre",
          "sin_nombre", "cic_mal", "minusculas", "entidad_7", "cic_digito", "ocr_seccion")
#: One planted fault every CADA rows (about 1% of the rows have one).
CADA = 97


def _persona(i: int, rng: random.Random, secciones: Sequence[int], corte: date) -> list[str]:
    nombre, paterno, materno = rng.choice(NOMBRES), rng.choice(APELLIDOS), rng.choice(APELLIDOS)
    nacimiento = corte - timedelta(days=rng.randint(19 * 366, 85 * 365))
    sexo = rng.choice("HM")
    clave = (iniciales(paterno, materno, nombre) + nacimiento.strftime("%y%m%d")
             + f"{rng.randint(1, 32):02d}" + sexo + f"{rng.randint(0, 999):03d}")
    seccion = rng.choice(secciones)
    # OCR and CIC are permutations of the row index: unique, so no accidental duplicates.
    ocr = f"{seccion:04d}{(i * 7_919 + 12_345) % 10**9:09d}"
    cic = f"{10**8 + (i * 104_729 + 54_321) % (9 * 10**8)}"
    return ["07", str(seccion), nombre, paterno, materno, clave, ocr, cic]


def _plantar(falla: str, fila: list[str], anteriores: list[list[str]]) -> list[str]:
    if falla == "fecha":
        fila[5] = fila[5][:8] + "13" + fila[5][10:]
    elif falla == "longitud":
        fila[5] = fila[5][:17]
    elif falla == "ocr":
        fila[6] = fila[6][:12]
    elif falla == "sin_ocr_cic":
        fila[6] = fila[7] = ""
    elif falla == "duplicado":
        fila = list(anteriores[0])
    elif falla == "digito_nombre":
        fila[3] = fila[3][0] + "4" + fila[3][2:]
    elif falla == "sin_nombre":
        fila[2] = ""
    elif falla == "cic_mal":
        fila[7] += str((int(cic_id.digito_verificador(fila[7])) + 1) % 10)
    elif falla == "minusculas":
        fila[2], fila[3] = f" {fila[2].lower()}", fila[3].lower() + "  "
    elif falla == "entidad_7":
        fila[0] = "7"
    elif falla == "cic_digito":
        fila[7] += cic_id.digito_verificador(fila[7])
    elif falla == "ocr_seccion":
        fila[6] = f"{(int(fila[1]) % 9000) + 1000:04d}" + fila[6][4:]
    return fila


def cada_para(filas: int) -> int:
    """Fault spacing for an example of `filas` rows: `CADA` (about 1%), or closer together in
    small examples so that each kind of fault appears at least once."""
    return max(2, min(CADA, filas // (len(FALLAS) + 1)))


def generar(filas: int, semilla: int = 2018, secciones: Sequence[int] = SECCIONES_CHIAPAS,
            fecha_corte: date | None = None, cada: int = CADA) -> list[tuple[str, ...]]:
    """Generate `filas` rows of eight text values in `apoyo.schema.CAMPOS` order.

    Deterministic for a given `semilla`. Row i (0-based) with i % cada == cada - 1 carries the
    next fault of `FALLAS`, cyclically (see `cada_para` for small examples). `secciones`: real section numbers of entity 07 to draw
    from. Ages are adult at `fecha_corte` (default today).
    """
    rng = random.Random(semilla)
    corte = fecha_corte or date.today()
    out: list[list[str]] = []
    for i in range(filas):
        fila = _persona(i, rng, secciones, corte)
        if i % cada == cada - 1 and out:
            fila = _plantar(FALLAS[(i // cada) % len(FALLAS)], fila, out)
        out.append(fila)
    return [tuple(f) for f in out]
