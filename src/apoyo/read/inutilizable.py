"""The Spanish messages for files that cannot be read at all, in one place.

Each function returns (never raises) an `ArchivoInutilizable` saying what is wrong and what to
do. No message contains a cell value.

>>> e = vacio()
>>> e.mensaje
'El archivo está vacío (0 bytes).'
>>> "Proteger libro" in cifrado().remedio
True
"""

from __future__ import annotations

from apoyo.errors import ArchivoInutilizable
from apoyo.schema import ETIQUETAS

#: What the reader accepts, as the messages list it.

_REENVIAR = "y envíelo de nuevo"
_GUARDAR_COMO = (
    "Ábralo en Excel o LibreOffice Calc, use Archivo > Guardar como > Libro de Excel (.xlsx) "
    + _REENVIAR
    + "."
)


def no_encontrado(nombre: str) -> ArchivoInutilizable:
    """The path does not exist (or is not a regular file)."""
    return ArchivoInutilizable(
        f"No se encontró el archivo «{nombre}».",
        "Revise el nombre y la carpeta del archivo e inténtelo de nuevo.",
    )


def no_es_archivo(nombre: str) -> ArchivoInutilizable:
    """The path exists but is no regular file: a device, a pipe (FIFO), a socket."""
    return ArchivoInutilizable(
        f"«{nombre}» no es un archivo guardado en disco, sino un dispositivo o una conexión "
        "entre programas del sistema: no se puede leer como hoja de cálculo.",
        "Indique la ruta de un archivo .xlsx, .xls, .ods o .csv guardado en una carpeta.",
    )


def no_se_puede_abrir() -> ArchivoInutilizable:
    """The operating system refused to open the file (permissions, locked...)."""
    return ArchivoInutilizable(
        "No se pudo abrir el archivo: el sistema no permite leerlo.",
        "Cierre el archivo si está abierto en otro programa, revise los permisos de la carpeta "
        "e inténtelo de nuevo.",
    )


def vacio() -> ArchivoInutilizable:
    """The file has 0 bytes."""
    return ArchivoInutilizable(
        "El archivo está vacío (0 bytes).",
        "Es probable que no se haya guardado o que se haya copiado mal. Guarde de nuevo la hoja "
        "con los apoyos " + _REENVIAR + ".",
    )


def demasiado_grande(tamano: int, maximo: int) -> ArchivoInutilizable:
    """The file is bigger than the reader accepts."""
    return ArchivoInutilizable(
        f"El archivo pesa {tamano / 2**20:.0f} MB; el máximo que se acepta es "
        f"{maximo // 2**20} MB.",
        "Guárdelo como Libro de Excel (.xlsx), que ocupa menos, o divida los registros en "
        "varios archivos.",
    )


def extension_desconocida(extension: str) -> ArchivoInutilizable:
    """The extension is none of the accepted formats (`apoyo.read.deteccion.EXTENSIONES`)."""
    from apoyo.read.deteccion import EXTENSIONES  # deteccion imports this module

    cual = f"«{extension}»" if extension else "sin extensión"
    return ArchivoInutilizable(
        f"No se reconoce el tipo de archivo ({cual}). Solo se aceptan archivos "
        f"{', '.join(EXTENSIONES)}.",
        "Guarde la hoja de apoyos como Libro de Excel (.xlsx) o como CSV " + _REENVIAR + ".",
    )


def cifrado(formato: str = "xlsx") -> ArchivoInutilizable:
    """A workbook with a password to open: its content is encrypted and cannot be read.
    `formato` (``"ods"`` or another): the remedy names the program that made it."""
    if formato == "ods":
        remedio = ("Ábralo en LibreOffice Calc con la contraseña, use Archivo > Guardar como, "
                   "desmarque «Guardar con contraseña», guarde el archivo " + _REENVIAR + ".")
    else:
        remedio = ("Ábralo en Excel, vaya a Archivo > Información > Proteger libro > Cifrar con "
                   "contraseña, borre la contraseña, guarde el libro " + _REENVIAR + ".")
    return ArchivoInutilizable(
        "El libro está protegido con contraseña para abrirlo (cifrado) y no se puede leer.",
        remedio)


def no_es_hoja(que_parece: str) -> ArchivoInutilizable:
    """The content is not a spreadsheet (a PDF, an image, a Word document...)."""
    return ArchivoInutilizable(
        f"El archivo no es una hoja de cálculo: parece ser {que_parece}.",
        "Envíe la hoja de cálculo con los apoyos (.xlsx, .ods, .xls o .csv); si solo tiene el "
        "documento, capture los datos en la plantilla oficial.",
    )


def formato_no_soportado(que_es: str) -> ArchivoInutilizable:
    """A spreadsheet-like file in a format calamine cannot read (HTML or XML 2003 'Excel')."""
    return ArchivoInutilizable(
        f"El archivo es {que_es}, no un libro de Excel, aunque tenga esa extensión.",
        _GUARDAR_COMO,
    )


def danado(formato: str) -> ArchivoInutilizable:
    """The container is truncated or corrupt; `formato` is e.g. "xlsx"."""
    return ArchivoInutilizable(
        f"El archivo {formato} está dañado o incompleto y no se puede leer.",
        "Puede haberse cortado al copiarlo o descargarlo. Ábralo en Excel; si abre, guárdelo "
        "de nuevo " + _REENVIAR + "; si no, envíe otra copia.",
    )


def bomba_zip() -> ArchivoInutilizable:
    """The zip declares an absurd uncompressed size (a zip bomb or a damaged file)."""
    return ArchivoInutilizable(
        "El archivo declara un contenido descomprimido desproporcionado (más de lo que cabe en "
        "una hoja de Excel); por seguridad no se abre.",
        "Copie solo los datos de los apoyos a un libro nuevo (o a la plantilla oficial), "
        "guárdelo " + _REENVIAR + ".",
    )


def xml_con_dtd() -> ArchivoInutilizable:
    """An XML part of the workbook declares a DTD or entities (entity expansion, XXE)."""
    return ArchivoInutilizable(
        "El archivo contiene declaraciones XML (DTD o entidades) que Excel y LibreOffice nunca "
        "escriben; por seguridad no se abre.",
        "Pida a quien generó el archivo que lo guarde de nuevo desde Excel o LibreOffice Calc "
        "como Libro de Excel (.xlsx), o copie los datos a la plantilla oficial, "
        + _REENVIAR
        + ".",
    )


def sin_hojas() -> ArchivoInutilizable:
    """The workbook has no worksheet at all."""
    return ArchivoInutilizable(
        "El libro no tiene ninguna hoja de cálculo con datos.",
        "Capture los apoyos en la plantilla oficial " + _REENVIAR + ".",
    )


def sin_encabezado(filas: int, hoja: str | None = None) -> ArchivoInutilizable:
    """No row among the first `filas` non-empty ones names at least four of the eight columns."""
    donde = f"la hoja «{hoja}»" if hoja else "el archivo"
    etiquetas = ", ".join(f"«{e}»" for e in ETIQUETAS.values())
    return ArchivoInutilizable(
        f"No se encontró la fila de encabezados en {donde}: ninguna de las primeras {filas} "
        f"filas con datos tiene los nombres de las columnas. Se esperan: {etiquetas}.",
        "Escriba esos encabezados en una fila, arriba de los datos (una columna por dato), o "
        "copie los datos a la plantilla oficial.",
    )


def datos_en_otra_hoja(
    revisada: str, estado: str, otras: list[tuple[str, int, bool, bool]], filas: int
) -> ArchivoInutilizable:
    """The sheet always read (``Apoyos``) has no apoyos, but other worksheets hold them.

    Args:
        revisada: the name of the sheet read.
        estado: ``"vacia"`` (no content at all), ``"sin-encabezado"`` (content but no header
            row) or ``"sin-filas"`` (its header row and no data row: the template left empty
            while the rows went to another sheet).
        otras: ``(name, data rows, has a header row, hidden)`` of each other sheet with apoyos
            (`apoyo.read.libro.hojas_con_datos`), in the workbook's order.
        filas: how many non-empty rows were searched for the header (`FILAS_A_EXPLORAR`).
    """

    def cuantas(n: int) -> str:
        return "1 fila" if n == 1 else f"{n:,} filas"

    def hoja(nombre: str, oculta: bool) -> str:
        return f"«{nombre}»" + (" (oculta)" if oculta else "")

    vacia = estado != "sin-encabezado"  # nothing in it to keep
    solo_encabezados = estado == "sin-filas"
    sin_datos = "está vacía" if estado == "vacia" else "no tiene datos"
    estado = {"vacia": "está vacía",
              "sin-filas": "solo tiene los encabezados, sin filas de datos",
              "sin-encabezado": f"no tiene la fila de encabezados (ninguna de sus primeras "
                                f"{filas} filas con datos tiene los nombres de las columnas)",
              }[estado]
    if len(otras) == 1:
        nombre, n, _, oculta = otras[0]
        donde = f"la hoja {hoja(nombre, oculta)} tiene {cuantas(n)} con datos de apoyos"
        if solo_encabezados:  # its own header row stays: the rows go below it
            a_donde = f" a la hoja «{revisada}», debajo de sus encabezados"
        else:
            con_suya = ", con su fila de encabezados," if otras[0][2] else ""
            a_donde = f"{con_suya} a la hoja «{revisada}»"
        remedio = (f"Mueva las filas de la hoja «{nombre}»{a_donde}"
                   " (solo se revisa esa hoja) y vuelva a validar; o "
                   + (f"borre la hoja «{revisada}», que {sin_datos}," if vacia else
                      f"cambie el nombre de la hoja «{revisada}» (por ejemplo, a «{revisada} "
                      "anterior»)")
                   + f" y cambie el nombre de la hoja «{nombre}» a «{revisada}».")
    else:
        lista = [f"{hoja(nombre, oculta)} ({cuantas(n)})" for nombre, n, _, oculta in otras]
        donde = f"las hojas {', '.join(lista[:-1])} y {lista[-1]} tienen datos de apoyos"
        nombres = [f"«{nombre}»" for nombre, *_ in otras]
        remedio = (f"Junte las filas de las hojas {', '.join(nombres[:-1])} y {nombres[-1]} en la "
                   f"hoja «{revisada}», debajo de una sola fila de encabezados, y vuelva a validar "
                   "(se revisa y se exporta una sola hoja por archivo).")
    sin = [f"«{nombre}»" for nombre, _, con_encabezado, _ in otras if not con_encabezado]
    if sin:
        etiquetas = ", ".join(f"«{e}»" for e in ETIQUETAS.values())
        cual = (f"La hoja {sin[0]} no tiene" if len(sin) == 1 else
                f"Las hojas {', '.join(sin[:-1])} y {sin[-1]} no tienen")
        remedio += (f" {cual} fila de encabezados: escriba arriba de los datos una fila con "
                    f"{etiquetas}.")
    return ArchivoInutilizable(
        f"La hoja «{revisada}», que es la que se revisa, {estado}, pero {donde}.", remedio)


def codificacion_desconocida() -> ArchivoInutilizable:
    """A text file whose character encoding could not be recognised."""
    return ArchivoInutilizable(
        "No se reconoce la codificación de caracteres del archivo de texto (no es UTF-8 ni "
        "Windows-1252).",
        "Ábralo en Excel y guárdelo como Libro de Excel (.xlsx), o como «CSV UTF-8 (delimitado "
        "por comas)», " + _REENVIAR + ".",
    )


def texto_ilegible(linea: int) -> ArchivoInutilizable:
    """The csv module failed on a record (e.g. a field larger than it accepts)."""
    return ArchivoInutilizable(
        f"El archivo de texto no se pudo leer a partir de la línea {linea:,}: tiene comillas "
        "sin cerrar o un campo de más de 131,072 caracteres.",
        "Ábralo en Excel, revise esa línea y guárdelo como Libro de Excel (.xlsx) "
        + _REENVIAR
        + ".",
    )


def linea_demasiado_larga(linea: int, maximo: int) -> ArchivoInutilizable:
    """A physical line of a text file is longer than any table row can be."""
    return ArchivoInutilizable(
        f"La línea {linea:,} del archivo de texto mide más de {maximo // 2**20} MB; no es una "
        "fila de una tabla de apoyos y por seguridad el archivo no se lee.",
        "Ábralo en Excel o en un editor de texto, revise esa línea (suele faltar un salto de "
        "línea o sobrar separadores) y guárdelo como Libro de Excel (.xlsx) " + _REENVIAR + ".",
    )


def demasiadas_filas(fila: int, unidad: str, maximo: int) -> ArchivoInutilizable:
    """Data beyond the last row an Excel sheet has (`unidad`: "fila" or "línea")."""
    return ArchivoInutilizable(
        f"El archivo tiene datos en la {unidad} {fila:,}; una hoja de Excel llega hasta la fila "
        f"{maximo:,} ({maximo - 1:,} apoyos debajo del encabezado), así que la revisión no puede "
        "marcarlo completo.",
        f"Divida los apoyos en varios archivos de hasta {maximo - 1:,} filas cada uno (sin "
        "líneas en blanco de sobra) y valide cada uno.",
    )


def tiempo_agotado(segundos: float, filas: int) -> ArchivoInutilizable:
    """The time budget per file ran out (``--tiempo-maximo``)."""
    unidad = "segundo" if segundos == 1 else "segundos"
    donde = ("antes de revisar la primera fila" if filas == 0 else
             f"iba en {filas:,} {'fila' if filas == 1 else 'filas'}")
    return ArchivoInutilizable(
        f"La revisión pasó del tiempo máximo de {segundos:g} {unidad} por archivo ({donde}) y "
        "se detuvo; no se escribió ningún resultado.",
        "Divida el archivo en partes más pequeñas, o dé más tiempo con --tiempo-maximo "
        "SEGUNDOS (0 = sin límite).",
    )
