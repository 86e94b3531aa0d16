"""User-facing Spanish (Mexico) text of the template: prompts, alerts, labels and instructions.

Kept apart from the layout code so wording can be reviewed in one place. Excel limits: prompt and
alert titles at most 32 characters, messages at most 255 (checked by the tests).
Facts about where each identifier is printed come from docs/domain.md (shared brief) and the
finding catalogue in `apoyo.errors`.
"""

from __future__ import annotations

from apoyo.schema import COLUMNA_MARCAS, COLUMNA_RESULTADO, ETIQUETAS, VERSION_PLANTILLA

OFICIO_DERFE = "INE/DERFE/STN/30531/2017"

TITULO_LIBRO = "Formato de apoyo ciudadano (régimen de excepción)"
ASUNTO_LIBRO = (
    "Captura de apoyos ciudadanos recabados en papel para su envío a la DERFE del INE "
    f"(oficio {OFICIO_DERFE})"
)
AUTOR = "apoyo-ciudadano"
PALABRAS_CLAVE = "apoyo ciudadano, candidatura independiente, régimen de excepción, INE, DERFE"
COMENTARIOS = (
    "Plantilla generada por apoyo-ciudadano. Hojas protegidas sin contraseña para evitar "
    "cambios accidentales en encabezados y columnas."
)

# Print header/footer (&A sheet name, &P page, &N pages). "&&" would be a literal ampersand.
ENCABEZADO_IMPRESION = '&L&"-,Bold"Apoyo ciudadano&C&A&RPlantilla versión ' + VERSION_PLANTILLA
PIE_IMPRESION = "&CPágina &P de &N"

# ---- sheet "Apoyos": one entry per column --------------------------------------------------
# campo -> (input title, input message, error title, error message)
AYUDA_COLUMNA: dict[str, tuple[str, str, str, str]] = {
    "clave_estado": (
        "Clave del Estado",
        "Dos dígitos, de 01 a 32: la entidad donde está inscrito el ciudadano (frente de la "
        "credencial, junto a ESTADO). Ejemplo: 07 para Chiapas. Puede elegirla de la lista.",
        "Clave del Estado inválida",
        "Escriba la clave de dos dígitos de la entidad, de 01 a 32, con el cero inicial "
        "(por ejemplo 07 para Chiapas), o elíjala de la lista.",
    ),
    "seccion": (
        "Sección electoral",
        "Número de sección del frente de la credencial, junto a SECCIÓN: de 1 a 4 dígitos, "
        "solo números.",
        "Sección inválida",
        "La sección debe ser un número entero de 1 a 9999, escrito solo con dígitos "
        "(sin letras, espacios ni puntos). Cópielo del frente de la credencial.",
    ),
    "nombre": (
        "Nombre(s)",
        "Nombre o nombres tal como aparecen en el frente de la credencial, de preferencia en "
        "mayúsculas. Máximo 60 caracteres.",
        "Nombre demasiado largo",
        "Escriba solo el o los nombres (máximo 60 caracteres); los apellidos van en sus "
        "propias columnas.",
    ),
    "apellido_paterno": (
        "Apellido paterno",
        "Primer apellido tal como aparece en el frente de la credencial. Déjelo vacío si la "
        "persona no tiene apellido paterno. Máximo 60 caracteres.",
        "Apellido demasiado largo",
        "Escriba solo el apellido paterno (máximo 60 caracteres); el nombre y el apellido "
        "materno van en sus propias columnas.",
    ),
    "apellido_materno": (
        "Apellido materno",
        "Segundo apellido tal como aparece en el frente de la credencial. Déjelo vacío si la "
        "persona no tiene apellido materno. Máximo 60 caracteres.",
        "Apellido demasiado largo",
        "Escriba solo el apellido materno (máximo 60 caracteres); el nombre y el apellido "
        "paterno van en sus propias columnas.",
    ),
    "clave_elector": (
        "Clave de elector",
        "Los 18 caracteres de la CLAVE DE ELECTOR del frente de la credencial, sin espacios: "
        "6 letras, 6 dígitos de la fecha de nacimiento, 2 de la entidad, H, M o X, y 3 dígitos.",
        "Clave de elector incompleta",
        "La clave de elector tiene exactamente 18 caracteres, sin espacios. Cópiela completa "
        "del frente de la credencial.",
    ),
    "ocr": (
        "OCR",
        "Los 13 dígitos del OCR del reverso de la credencial (modelos C en adelante), con sus "
        "ceros iniciales. Cada registro necesita OCR, CIC o ambos.",
        "OCR inválido",
        "El OCR tiene exactamente 13 dígitos, solo números (sin espacios ni letras) y puede "
        "empezar con 0. Cópielo del reverso de la credencial.",
    ),
    "cic": (
        "CIC",
        "Los 9 dígitos que siguen a IDMEX en la zona de lectura mecánica del reverso (modelo D "
        "en adelante), sin el dígito verificador. Cada registro necesita OCR, CIC o ambos.",
        "CIC inválido",
        "El CIC tiene exactamente 9 dígitos, solo números. Copie los 9 dígitos que siguen a "
        "IDMEX en el reverso de la credencial, sin el décimo (dígito verificador).",
    ),
}

AYUDA_RESULTADO = (
    "Columna reservada",
    "Aquí escribe el verificador el resultado de la revisión de cada registro. No capture "
    "datos en esta columna: se sobrescribe en cada revisión.",
)

# ---- sheet "Aspirante" --------------------------------------------------------------------
# (label in column A, help text in column C). The checker folds the labels (accents removed,
# lowercase) to find its keys: keep them exactly as they are.
ETIQUETA_NOMBRE = "Nombre del aspirante"
ETIQUETA_CARGO = "Cargo"
ETIQUETA_ENTIDAD = "Entidad"
ETIQUETA_DISTRITO = "Distrito"
ETIQUETA_MUNICIPIO = "Municipio"
ETIQUETA_RESPONSABLE = "Responsable de la captura"
ETIQUETA_FECHA = "Fecha de entrega"
ETIQUETA_VERSION = "Versión de la plantilla"

AYUDA_ASPIRANTE: dict[str, str] = {
    ETIQUETA_NOMBRE: "Nombre completo de la persona aspirante a la candidatura independiente. "
    "El archivo que se entrega lleva este nombre, con guiones bajos entre palabras "
    "(por ejemplo MARIA_LOPEZ_HERNANDEZ.xlsx).",
    ETIQUETA_CARGO: "Cargo al que aspira. Puede elegirlo de la lista o escribirlo.",
    ETIQUETA_ENTIDAD: "Clave de dos dígitos de la entidad de la candidatura, de 01 a 32 "
    "(por ejemplo 07 para Chiapas). Los apoyos de otras entidades no cuentan.",
    ETIQUETA_DISTRITO: "Número del distrito electoral, solo si el cargo es por distrito "
    "(diputación federal o local). Déjelo vacío en otro caso.",
    ETIQUETA_MUNICIPIO: "Clave del municipio según el INE (no la del INEGI) o su nombre, "
    "solo si el cargo es municipal. Déjelo vacío en otro caso.",
    ETIQUETA_RESPONSABLE: "Nombre de la persona que captura o entrega este archivo.",
    ETIQUETA_FECHA: "Fecha en que se entrega el archivo, como dd/mm/aaaa.",
    ETIQUETA_VERSION: "Versión de esta plantilla. No la modifique: el verificador la usa "
    "para saber qué ayudas de captura trae el archivo.",
}

CARGOS = (
    "Presidencia de la República",
    "Senaduría",
    "Diputación federal",
    "Gubernatura",
    "Jefatura de Gobierno",
    "Diputación local",
    "Presidencia municipal",
    "Alcaldía",
)

AYUDA_ENTIDAD_ASPIRANTE = (
    "Entidad",
    "Clave de dos dígitos, de 01 a 32 (por ejemplo 07 para Chiapas).",
    "Entidad inválida",
    "Escriba la clave de dos dígitos de la entidad, de 01 a 32, con el cero inicial, o "
    "elíjala de la lista.",
)
AYUDA_FECHA = (
    "Fecha de entrega",
    "Escriba la fecha como dd/mm/aaaa, por ejemplo 15/01/2027.",
    "Fecha inválida",
    "Escriba una fecha válida entre el año 2000 y el 2099, como dd/mm/aaaa.",
)
AYUDA_CARGO = ("Cargo", "Elija el cargo de la lista o escríbalo.")

# ---- sheet "Instrucciones" ----------------------------------------------------------------
TITULO_INSTRUCCIONES = "Formato de apoyo ciudadano · régimen de excepción"
SUBTITULO_INSTRUCCIONES = (
    f"Plantilla apoyo-ciudadano, versión {VERSION_PLANTILLA}. Este archivo contendrá datos "
    "personales: compártalo solo con el organismo electoral que lo recibe."
)

# Sections: (heading, [(label, text), ...]); the label goes in column A, the text in B.
SECCIONES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "¿Para qué sirve?",
        (
            (
                "",
                "Para capturar los apoyos ciudadanos que una persona aspirante a una candidatura "
                "independiente recabó en papel bajo el régimen de excepción (lugares donde no "
                "se puede usar la aplicación móvil del INE). El organismo público local "
                "electoral (OPLE) envía el archivo a la Dirección Ejecutiva del Registro "
                "Federal de Electores (DERFE) del INE, que busca a cada ciudadano en la lista "
                "nominal.",
            ),
            (
                "",
                f"El formato sigue el oficio {OFICIO_DERFE} de la DERFE: un archivo de Excel "
                "o de texto con cada dato en su propia columna: Clave del Estado, sección "
                "electoral, nombre(s), apellido paterno, apellido materno, clave de elector, "
                "OCR o CIC. El archivo se nombra con el nombre de la persona aspirante, con "
                "guiones bajos entre palabras (por ejemplo MARIA_LOPEZ_HERNANDEZ.xlsx).",
            ),
        ),
    ),
    (
        "Cómo capturar",
        (
            (
                "1.",
                "Llene primero la hoja «Aspirante»: nombre de la persona aspirante, cargo, "
                "entidad (y distrito o municipio si el cargo lo requiere), responsable de la "
                "captura y fecha de entrega.",
            ),
            (
                "2.",
                "En la hoja «Apoyos» capture un apoyo por fila, desde la fila 2, copiando los "
                "datos tal como aparecen en la credencial para votar, de preferencia en "
                "mayúsculas. Al seleccionar una celda aparece una ayuda con lo que debe "
                "escribir; si el dato no tiene la forma correcta, Excel no lo acepta y dice "
                "por qué.",
            ),
            (
                "3.",
                "Las columnas ya tienen formato de Texto: escriba 07 (no 7) en la Clave del "
                "Estado; los ceros iniciales del OCR se conservan. No cambie ese formato.",
            ),
            (
                "4.",
                "No inserte ni borre columnas, ni cambie los encabezados de la fila 1. Para "
                "quitar un registro puede eliminar la fila completa o borrar su contenido; "
                "las filas vacías se ignoran. Puede ordenar y filtrar con los botones de los "
                "encabezados.",
            ),
            (
                "5.",
                "Si copia datos de otro archivo, pegue como valores (Pegado especial > "
                "Valores; en LibreOffice, Ctrl+Mayús+V > Texto sin formato) para no borrar "
                "las validaciones ni el formato de Texto. Un pegado normal las borra y el "
                "verificador tendrá que corregir lo que Excel haya convertido.",
            ),
            (
                "6.",
                f"La columna I, «{COLUMNA_RESULTADO}», está reservada para el verificador, que "
                "escribe ahí el resultado de cada registro y colorea las celdas con "
                f"problemas. No capture datos en ella. La columna J, «{COLUMNA_MARCAS}», "
                "está oculta: ahí el verificador anota qué celdas colorear. No la muestre "
                "ni la modifique.",
            ),
            (
                "7.",
                "Las hojas están protegidas sin contraseña solo para evitar cambios "
                "accidentales (Revisar > Desproteger hoja). Si la desprotege, vuelva a "
                "protegerla antes de seguir capturando.",
            ),
        ),
    ),
)

ENCABEZADOS_TABLA = (
    "Columna",
    "Qué capturar y dónde está en la credencial para votar",
    "Qué revisa el verificador",
)

# One row per column of sheet "Apoyos": (what it is and where it is printed, checker).
COLUMNAS_EXPLICADAS: dict[str, tuple[str, str]] = {
    "clave_estado": (
        "Dos dígitos, de 01 a 32, de la entidad donde está inscrito el ciudadano (la de su "
        "sección), que puede ser distinta a la de su nacimiento. Frente de la credencial, "
        "junto a ESTADO. Ejemplos: 07 Chiapas, 09 Ciudad de México, 20 Oaxaca.",
        "Error: clave fuera de 01 a 32, o entidad distinta a la de la candidatura (hoja "
        "«Aspirante»). Aviso: clave guardada como número (7 en lugar de 07); se corrige sola.",
    ),
    "seccion": (
        "Número de la sección electoral, de 1 a 4 dígitos. Frente de la credencial, junto a "
        "SECCIÓN.",
        "Error: no es un número entero de 1 a 9999; con catálogo de secciones, la sección no "
        "existe en la entidad o queda fuera del distrito o municipio de la candidatura. "
        "Aviso: los primeros 4 dígitos del OCR no coinciden con la sección.",
    ),
    "nombre": (
        "Nombre o nombres, tal como aparecen en el frente de la credencial.",
        "Error: vacío, o con caracteres que no van en un nombre (números, símbolos). Aviso: "
        "minúsculas, acentos o espacios sobrantes; se corrigen solos.",
    ),
    "apellido_paterno": (
        "Primer apellido, frente de la credencial. Puede quedar vacío si la persona no lo "
        "tiene.",
        "Error: caracteres que no van en un nombre. Aviso: registro sin apellido paterno ni "
        "materno.",
    ),
    "apellido_materno": (
        "Segundo apellido, frente de la credencial. Puede quedar vacío si la persona no lo "
        "tiene.",
        "Error: caracteres que no van en un nombre. Aviso: registro sin apellido paterno ni "
        "materno.",
    ),
    "clave_elector": (
        "18 caracteres del frente de la credencial (CLAVE DE ELECTOR): 6 letras tomadas del "
        "nombre, 6 dígitos de la fecha de nacimiento (AAMMDD), 2 de la entidad de nacimiento, "
        "H, M o X, y 3 dígitos.",
        "Error: no tiene 18 caracteres o no tiene esa forma; fecha de nacimiento imposible "
        "(por ejemplo 30 de febrero); clave repetida en el archivo. Aviso: edad inusual, "
        "entidad de nacimiento fuera de 01 a 32, letras que no corresponden al nombre.",
    ),
    "ocr": (
        "13 dígitos del reverso de la credencial (modelos C en adelante); en las credenciales "
        "con zona de lectura mecánica son los 13 dígitos al final de la primera línea, "
        "después de «<<». Puede empezar con 0.",
        "Error: no tiene 13 dígitos o tiene letras o espacios; OCR repetido; número de más de "
        "15 cifras que Excel ya redondeó. Aviso: guardado como número o en notación "
        "científica (se recupera si aún es posible).",
    ),
    "cic": (
        "9 dígitos después de «IDMEX» en la zona de lectura mecánica del reverso (modelo D en "
        "adelante). El décimo dígito es verificador: no lo capture.",
        "Error: no tiene 9 dígitos o tiene letras; 10 dígitos cuyo último no es el dígito "
        "verificador; CIC repetido. Aviso: 10 dígitos con verificador correcto, o la línea "
        "completa del reverso (se toman el CIC y el OCR).",
    ),
}

OCR_O_CIC = (
    "OCR o CIC",
    "Cada registro necesita al menos uno de los dos; capture ambos si la credencial los trae.",
    "Error: registro sin OCR ni CIC.",
)

EXPLICACION_RESULTADO = (
    "Reservada para el verificador: no capture datos aquí.",
    "Escribe el resultado de cada registro (errores y avisos) y colorea las celdas: rojo "
    "para errores, amarillo para avisos.",
)

EXPLICACION_MARCAS = (
    "Columna oculta, reservada para el verificador: no la muestre ni la modifique.",
    "Anota, por cada registro, qué celdas van en rojo, en amarillo o en verde; el formato "
    "condicional de la hoja las colorea a partir de esas marcas.",
)

SECCION_HALLAZGOS = (
    "Errores y avisos",
    (
        (
            "Error",
            "El registro no cuenta como apoyo tal como está: corríjalo con la credencial o "
            "quítelo. Además de lo anterior, son errores los registros repetidos (la misma "
            "persona cuenta una sola vez, aunque aparezca en otro archivo de la misma persona "
            "aspirante) y los archivos sin alguna de las ocho columnas.",
        ),
        (
            "Aviso",
            "Algo inusual que conviene revisar, o una corrección que el verificador ya hizo "
            "(ceros iniciales recuperados, mayúsculas, acentos, espacios). Un aviso no impide "
            "entregar el archivo.",
        ),
        (
            "Límites",
            "El verificador no consulta la lista nominal: un registro sin errores todavía "
            "puede no contar si el INE no encuentra a la persona, si está dada de baja o si "
            "vota fuera del ámbito de la candidatura.",
        ),
    ),
)


def etiqueta_columna(letra: str, campo: str) -> str:
    """Label of a column in the instructions table, e.g. ``"A · Clave del Estado"``."""
    return f"{letra} · {ETIQUETAS[campo]}"
