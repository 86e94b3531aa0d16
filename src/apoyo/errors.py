"""The one catalogue of findings: every code the checker can report, declared once.

Each entry has a stable kebab-case `codigo`, a `severidad` (only rules that domain.md calls
Confirmed are errors; Likely/Unknown ones are warnings), the field it applies to (None: row or
file), a Spanish `titulo`, a `mensaje` and a `remedio` template with named placeholders, and the
`fuente` of the rule. `docs/errores.md` is generated from this module (`apoyo errores`).

>>> h = hallazgo("clave-estado-invalida", fila=4, campo="clave_estado", valor="33")
>>> h.severidad, h.mensaje
('error', 'La Clave del Estado «33» no existe: debe ser un número de 01 a 32.')
>>> CATALOGO["duplicado-clave-elector"].severidad
'error'
"""

from __future__ import annotations

from dataclasses import dataclass

from apoyo.record import Hallazgo, Severidad
from apoyo.schema import ETIQUETAS

DERFE = "Oficio INE/DERFE/STN/30531/2017"


@dataclass(frozen=True)
class Codigo:
    """One declared finding. Placeholders: `{etiqueta}` (the column label), `{valor}` and any
    keyword passed to `hallazgo`."""

    codigo: str
    severidad: Severidad
    titulo: str
    mensaje: str
    remedio: str
    fuente: str
    campo: str | None = None  # the field it always applies to; None: any field or none


def _c(*args: str | None, **kw: str | None) -> Codigo:
    return Codigo(*args, **kw)  # type: ignore[arg-type]


_DECLARADOS: tuple[Codigo, ...] = (
    # ---- file level -------------------------------------------------------------------------
    _c("columna-faltante", "error", "Falta una columna",
       "No se encontró la columna «{etiqueta}».",
       "Agregue la columna con el encabezado «{etiqueta}» (las ocho columnas son obligatorias); "
       "lo más seguro es copiar los datos a la plantilla oficial.", DERFE),
    _c("columna-repetida", "error", "Columna repetida",
       "La columna «{etiqueta}» aparece más de una vez (columnas {columnas}); se revisó la primera.",
       "Deje una sola columna «{etiqueta}» y borre o renombre las demás.", DERFE),
    _c("sin-registros", "error", "Archivo sin registros",
       "El archivo tiene encabezados pero ninguna fila con datos.",
       "Capture los apoyos debajo de la fila de encabezados y vuelva a validar.", DERFE),
    _c("macros-ignoradas", "aviso", "Macros ignoradas",
       "El libro contiene macros; no se ejecutaron ni se copian a los archivos de salida.",
       "No hace falta hacer nada; para entregar, use el archivo exportado (sin macros).",
       "Seguridad: nunca se ejecuta nada de un archivo recibido"),
    _c("celda-formula", "aviso", "Celda con fórmula",
       "«{etiqueta}» tiene una fórmula; se revisó el valor que el archivo guardó como su "
       "resultado, sin volver a calcularla.",
       "Copie la columna y péguela con Pegado especial > Valores, para que quede escrito el dato "
       "tal como está en la credencial.",
       "Seguridad: nunca se evalúa ni se ejecuta nada de un archivo recibido"),
    _c("formula-sin-resultado", "error", "Fórmulas sin resultado guardado",
       "Hay {cuantas} en el archivo ({celdas}); lo escribió un programa que no calcula "
       "fórmulas, y sin calcularlas no se sabe qué dato llevan (se leerían como vacías).",
       "Abra el archivo en Excel o LibreOffice y guárdelo: al abrirlo se calculan las fórmulas y "
       "al guardarlo queda escrito cada resultado. Mejor aún, copie esas columnas y péguelas "
       "con Pegado especial > Valores. Luego vuelva a validar.",
       "Seguridad: nunca se evalúa ni se ejecuta nada de un archivo recibido"),
    _c("celdas-combinadas", "aviso", "Celdas combinadas",
       "La hoja tiene celdas combinadas entre los datos ({rangos}); solo la primera celda de cada "
       "grupo tiene el valor y las demás se revisaron como vacías.",
       "Seleccione esas celdas, quite la combinación (Inicio > Combinar y centrar) y escriba el "
       "dato en cada fila.", "Formato de captura: un dato por celda"),
    _c("contenido-oculto", "aviso", "Contenido oculto",
       "{detalle}; se revisó igual que lo visible, y en la copia marcada todo queda a la vista.",
       "Muestre las filas, columnas u hojas ocultas en el original y revise que esos datos deban "
       "entregarse.", "Formato de captura: todo dato entregado debe estar a la vista"),
    _c("plantilla-antigua", "aviso", "Plantilla de otra versión",
       "El archivo usa la versión «{valor}» de la plantilla; la actual es la {actual}.",
       "Copie los datos a la plantilla actual (apoyo plantilla) para tener todas las ayudas de "
       "captura.", "Plantilla apoyo-ciudadano"),
    _c("linea-otra-codificacion", "aviso", "Línea en otra codificación",
       "Esta línea del archivo estaba en {esta} y el resto en {resto}; se leyó con esa "
       "codificación para conservar la Ñ y los acentos.",
       "Revise que los nombres de esta fila coincidan con la credencial y guarde todo el archivo "
       "como «CSV UTF-8 (delimitado por comas)», para que tenga una sola codificación.",
       "Codificaciones UTF-8 (RFC 3629), Windows-1252 y página de códigos 850"),
    _c("codificacion-mezclada", "aviso", "Codificaciones mezcladas",
       "El archivo mezcla codificaciones: {lineas} líneas (la primera, la {primera}) estaban en "
       "{esta} y el resto en {resto}; se leyó cada línea con la suya, para conservar la Ñ y los "
       "acentos.",
       "Revise los nombres con Ñ o acentos de esas filas y guarde todo el archivo como «CSV "
       "UTF-8 (delimitado por comas)», para que tenga una sola codificación.",
       "Codificaciones UTF-8 (RFC 3629), Windows-1252 y página de códigos 850"),
    _c("catalogo-sin-entidad", "aviso", "Catálogo de otra entidad",
       "El catálogo de secciones «{catalogo}» no trae la entidad {entidad}: no se revisó que "
       "las secciones existan ni que estén en el ámbito de la candidatura.",
       "Indique con --catalogo el catálogo de secciones de la entidad {entidad} y vuelva a "
       "validar.", "Catálogo de secciones del INE"),
    _c("ambito-sin-secciones", "aviso", "Ámbito sin secciones en el catálogo",
       "El catálogo de secciones «{catalogo}» no tiene ninguna sección {ambito} de la entidad "
       "{entidad}; por eso todas las secciones quedan fuera del ámbito.",
       "Revise el distrito o municipio de la candidatura (hoja Aspirante, --distrito, "
       "--municipio) y que el catálogo sea el vigente.", "Catálogo de secciones del INE"),
    _c("ambito-sin-catalogo", "aviso", "Ámbito sin catálogo de secciones",
       "La candidatura es {ambito}, pero no se dio el catálogo de secciones del INE: no se "
       "revisó que las secciones de las filas sean de ese ámbito.",
       "Indique con --catalogo el catálogo de secciones del INE de la entidad de la "
       "candidatura y vuelva a validar.", "Catálogo de secciones del INE"),
    _c("ambito-no-reconocido", "aviso", "Ámbito de la hoja Aspirante no reconocido",
       "La celda «{celda}» de la hoja Aspirante dice «{valor}», pero {motivo}; por eso no se "
       "revisó que las filas sean {del_ambito} de la candidatura.",
       "{correccion} y vuelva a validar; o indique {ambito} al validar, con --{opcion}.",
       "Plantilla apoyo-ciudadano (hoja Aspirante) y catálogo de secciones del INE"),
    _c("otra-hoja-con-datos", "aviso", "Otra hoja con datos",
       "La hoja «{hoja}»{oculta} también tiene {contenido}, pero solo se "
       "revisó la hoja «{revisada}»: esos datos no se revisaron ni se exportan.",
       "Junte todas las filas en una sola hoja (se revisa y se exporta una sola hoja por "
       "archivo) y vuelva a validar; o borre la hoja que sobra.",
       "Formato de captura: una sola tabla de apoyos por archivo"),
    # ---- normalisation (repairs, always visible) ------------------------------------------------
    _c("espacios-corregidos", "aviso", "Espacios corregidos",
       "Se quitaron espacios o caracteres invisibles sobrantes en «{etiqueta}» (tabuladores, "
       "saltos de línea, espacios duros o de ancho cero).",
       "No hace falta hacer nada: el archivo exportado lleva el valor corregido «{despues}».",
       "Normalización de captura"),
    _c("mayusculas-corregidas", "aviso", "Convertido a mayúsculas",
       "«{etiqueta}» tenía minúsculas; se convirtió a «{despues}».",
       "No hace falta hacer nada; en adelante capture en mayúsculas, como en la credencial.",
       "Lista nominal en mayúsculas"),
    _c("acentos-quitados", "aviso", "Acentos quitados",
       "Se quitaron los acentos de «{etiqueta}»: quedó «{despues}» (la Ñ se conserva).",
       "No hace falta hacer nada; la lista nominal del INE se escribe sin acentos.",
       "Lista nominal en mayúsculas sin acentos"),
    _c("caracteres-normalizados", "aviso", "Caracteres unificados",
       "«{etiqueta}» tenía acentos compuestos o apóstrofos tipográficos; quedó «{despues}».",
       "No hace falta hacer nada: es el mismo texto escrito con los caracteres estándar.",
       "Unicode NFC"),
    _c("texto-recodificado", "aviso", "Texto mal codificado corregido",
       "«{valor}» estaba mal codificado en «{etiqueta}» (texto UTF-8 leído como Windows-1252, "
       "por ejemplo «Ã‘» en lugar de «Ñ»); se corrigió a «{despues}».",
       "No hace falta hacer nada: el archivo exportado lleva «{despues}». Para evitarlo, abra "
       "los CSV en Excel con Datos > Desde el texto/CSV y origen «65001: Unicode (UTF-8)», y "
       "guárdelos como «CSV UTF-8 (delimitado por comas)».",
       "Codificación UTF-8 (RFC 3629) y Windows-1252"),
    _c("texto-posiblemente-danado", "aviso", "Nombre posiblemente dañado",
       "«{etiqueta}» dice «{valor}»: parece que perdió una letra con acento al convertir el "
       "archivo entre programas («Ã» o «Â» suelen quedar en lugar de Á, Í u otra letra "
       "acentuada, y esa letra ya no se puede recuperar); en el archivo exportado queda "
       "«{despues}».",
       "Compare el nombre con el formato en papel y corríjalo en el archivo (por ejemplo, "
       "GARCÍA en lugar de GARCÃA). Si el nombre de verdad lleva «Ã» o «Â» (como JOÃO), no "
       "hace falta hacer nada.",
       "Codificación UTF-8 (RFC 3629) y Windows-1252 (probable)"),
    _c("formato-ajustado", "aviso", "Formato ajustado",
       "«{etiqueta}» se ajustó de «{valor}» a «{despues}».",
       "No hace falta hacer nada; en adelante capture el valor como en la credencial "
       "(por ejemplo 07, con el cero).", "Formato de claves del INE"),
    _c("numero-convertido", "aviso", "Número convertido a texto",
       "«{etiqueta}» estaba guardado como número ({valor}); se convirtió al texto «{despues}».",
       "No hace falta hacer nada; para evitarlo, dé formato de Texto a la columna antes de "
       "capturar (la plantilla ya lo trae).", "Excel convierte claves en números"),
    _c("precision-perdida", "error", "Número demasiado largo",
       "«{etiqueta}» se guardó como número de {digitos} cifras; Excel solo conserva 15 y las "
       "demás ya se perdieron.",
       "Dé formato de Texto a la celda y vuelva a capturar el valor completo desde la "
       "credencial.", "Excel guarda números con 15 cifras significativas"),
    _c("texto-demasiado-largo", "error", "Texto demasiado largo",
       "«{etiqueta}» tiene {longitud} caracteres; una celda de Excel admite como máximo 32,767 "
       "(en la copia marcada se muestra recortado).",
       "Revise la fila en el original: el dato quedó pegado varias veces o unido a otras "
       "columnas; escriba solo el dato de la credencial.",
       "Límite de Excel: 32,767 caracteres por celda"),
    _c("tipo-de-dato", "error", "Valor que no es texto",
       "«{etiqueta}» contiene {tipo} en lugar de texto.",
       "Escriba el dato como texto tal como aparece en la credencial.", DERFE),
    # ---- per field ------------------------------------------------------------------------------
    _c("campo-obligatorio", "error", "Dato obligatorio vacío",
       "Falta «{etiqueta}».",
       "Capture «{etiqueta}» tal como aparece en la credencial para votar.", DERFE),
    _c("clave-estado-invalida", "error", "Clave del Estado inválida",
       "La Clave del Estado «{valor}» no existe: debe ser un número de 01 a 32.",
       "Escriba la clave de dos dígitos de la entidad donde vota el ciudadano "
       "(por ejemplo 07 para Chiapas).", "Catálogo de entidades INE/INEGI"),
    _c("entidad-distinta", "error", "Entidad distinta a la del aspirante",
       "La Clave del Estado {valor} no es la entidad de la candidatura ({esperada}).",
       "Verifique la credencial: solo cuentan apoyos de ciudadanos inscritos en la entidad "
       "{esperada}.", "Ámbito geográfico de la candidatura (verificación INE 2017-2018)"),
    _c("seccion-invalida", "error", "Sección inválida",
       "La sección «{valor}» no es válida: debe ser un número entero de 1 a 9999.",
       "Copie el número de sección que aparece en el frente de la credencial, sin letras.",
       "Marco geográfico electoral del INE"),
    _c("seccion-inexistente", "error", "Sección inexistente",
       "La sección {valor} no existe en la entidad {entidad} según el catálogo ({catalogo}).",
       "Revise el número de sección en la credencial y la Clave del Estado.",
       "Catálogo de secciones del INE"),
    _c("seccion-fuera-de-ambito", "error", "Sección fuera del ámbito",
       "La sección {valor} pertenece al {lugar}, fuera del {ambito} de la candidatura.",
       "Solo cuentan apoyos de ciudadanos del {ambito}; quite el registro o corrija la "
       "sección.",
       "Ámbito geográfico de la candidatura (verificación INE 2017-2018)"),
    _c("nombre-invalido", "error", "Caracteres no válidos en el nombre",
       "«{etiqueta}» contiene caracteres que no van en un nombre: {caracteres}.",
       "Escriba solo letras (incluida la Ñ), espacios, apóstrofo, guion o punto, tal como en la "
       "credencial. Un carácter invisible no se ve en la celda: borre el dato y escríbalo de "
       "nuevo a mano.", "Lista nominal del INE"),
    _c("sin-apellidos", "aviso", "Sin apellidos",
       "El registro no tiene apellido paterno ni materno.",
       "Verifique la credencial: es válido no tener uno de los apellidos, pero es raro no tener "
       "ninguno.", "Lista nominal del INE"),
    _c("clave-elector-longitud", "error", "Clave de elector incompleta",
       "La clave de elector «{valor}» tiene {longitud} caracteres; debe tener 18.",
       "Copie los 18 caracteres de la clave de elector del frente de la credencial.",
       "Estructura de la clave de elector"),
    _c("clave-elector-formato", "error", "Clave de elector mal formada",
       "La clave de elector «{valor}» no tiene la forma esperada: {detalle}.",
       "Copie la clave tal cual: 6 letras, 6 dígitos de la fecha de nacimiento, 2 de la "
       "entidad, H, M o X, y 3 dígitos.", "Estructura de la clave de elector"),
    _c("clave-elector-fecha", "error", "Fecha de nacimiento imposible",
       "La clave de elector «{valor}» lleva la fecha {fecha}, que no existe.",
       "Revise los dígitos 7 a 12 (AAMMDD) en la credencial; suele ser un dígito mal copiado.",
       "Estructura de la clave de elector"),
    _c("edad-inusual", "aviso", "Edad inusual",
       "Según la clave de elector, la persona tendría {edades} años.",
       "Verifique la fecha de nacimiento en la credencial; si es correcta, no hay que hacer nada.",
       "Estructura de la clave de elector"),
    _c("entidad-nacimiento-desconocida", "aviso", "Entidad de nacimiento desconocida",
       "La clave de elector «{valor}» indica la entidad de nacimiento {entidad}, que no está "
       "entre 01 y 32.",
       "Revise los dígitos 13 y 14 de la clave; si la persona nació en el extranjero puede ser "
       "correcto.", "Estructura de la clave de elector"),
    _c("iniciales-no-coinciden", "aviso", "Iniciales distintas al nombre",
       "Las letras de la clave de elector ({letras}) no corresponden al nombre capturado "
       "(se esperaba {esperadas}).",
       "Compare nombre, apellidos y clave con la credencial; pudo haber un error de captura en "
       "alguno de ellos.", "Convención CURP aplicada a la clave de elector (probable)"),
    _c("ocr-longitud", "error", "OCR incompleto",
       "El OCR «{valor}» tiene {longitud} dígitos; debe tener 13.",
       "Copie los 13 dígitos del OCR del reverso de la credencial, incluidos los ceros "
       "iniciales.", "Credencial para votar, modelos C en adelante"),
    _c("ocr-formato", "error", "OCR con caracteres no válidos",
       "El OCR «{valor}» contiene caracteres que no son dígitos.",
       "Escriba solo los 13 dígitos del OCR, sin espacios ni letras.",
       "Credencial para votar, modelos C en adelante"),
    _c("ocr-seccion", "aviso", "OCR no corresponde a la sección",
       "El OCR empieza con {prefijo}, pero la sección es {seccion}.",
       "Revise el OCR y la sección en la credencial: los primeros 4 dígitos del OCR suelen ser "
       "la sección.", "Muestras públicas de credenciales (probable)"),
    _c("cic-longitud", "error", "CIC incompleto",
       "El CIC «{valor}» tiene {longitud} dígitos; debe tener 9.",
       "Copie los 9 dígitos del CIC que aparecen después de «IDMEX» en el reverso de la "
       "credencial.", "ICAO Doc 9303 (zona de lectura mecánica de la credencial)"),
    _c("cic-formato", "error", "CIC con caracteres no válidos",
       "El CIC «{valor}» contiene caracteres que no son dígitos.",
       "Escriba solo los 9 dígitos del CIC, sin espacios ni letras.",
       "ICAO Doc 9303 (zona de lectura mecánica de la credencial)"),
    _c("cic-digito-verificador", "error", "Dígito verificador del CIC incorrecto",
       "El CIC «{valor}» tiene 10 dígitos y el último no es su dígito verificador: debería ser "
       "{esperado}.",
       "Copie de nuevo los 9 dígitos del CIC (después de «IDMEX»); uno de ellos está mal.",
       "ICAO Doc 9303, dígito verificador 7-3-1"),
    _c("cic-con-digito", "aviso", "CIC con dígito verificador",
       "El CIC «{valor}» incluía su dígito verificador; se conservaron los 9 dígitos «{despues}».",
       "No hace falta hacer nada; en adelante capture solo los 9 dígitos del CIC.",
       "ICAO Doc 9303, dígito verificador 7-3-1"),
    _c("mrz-reconocida", "aviso", "Línea de lectura mecánica reconocida",
       "En «{etiqueta}» se capturó la línea completa del reverso; se tomó el CIC «{cic}» y el "
       "OCR «{ocr}».",
       "No hace falta hacer nada; en adelante capture el CIC y el OCR en sus columnas.",
       "ICAO Doc 9303 TD1"),
    _c("sin-ocr-ni-cic", "error", "Falta OCR o CIC",
       "El registro no tiene OCR ni CIC.",
       "Capture el OCR (13 dígitos) o el CIC (9 dígitos) del reverso de la credencial.", DERFE),
    # ---- duplicates -----------------------------------------------------------------------------
    _c("duplicado-clave-elector", "error", "Clave de elector repetida",
       "La clave de elector ya aparece en la fila {primera}{en_archivo}.",
       "Un ciudadano cuenta una sola vez: elimine esta fila o corrija la clave si es otra "
       "persona.", "Verificación INE: un apoyo por ciudadano", "clave_elector"),
    _c("duplicado-ocr", "error", "OCR repetido",
       "El OCR ya aparece en la fila {primera}{en_archivo}.",
       "Cada credencial tiene su propio OCR: elimine la fila repetida o corrija el OCR.",
       "Verificación INE: un apoyo por ciudadano", "ocr"),
    _c("duplicado-cic", "error", "CIC repetido",
       "El CIC ya aparece en la fila {primera}{en_archivo}.",
       "Cada credencial tiene su propio CIC: elimine la fila repetida o corrija el CIC.",
       "Verificación INE: un apoyo por ciudadano", "cic"),
)

CATALOGO: dict[str, Codigo] = {c.codigo: c for c in _DECLARADOS}
assert len(CATALOGO) == len(_DECLARADOS), "duplicate code in the catalogue"


def hallazgo(
    codigo: str,
    fila: int | None,
    campo: str | None,
    valor: object = None,
    **params: object,
) -> Hallazgo:
    """Build the `Hallazgo` for a declared code, filling its Spanish message and remedy.

    Args:
        codigo: a key of `CATALOGO`.
        fila: spreadsheet row (header = 1) or text line; None for file-level findings.
        campo: canonical field name or None.
        valor: the value as found; shown in messages as ``{valor}``.
        **params: the template's other placeholders.

    Raises:
        KeyError: `codigo` is not declared, or a placeholder is missing.
    """
    texto = None if valor is None else str(valor)
    try:
        # The parameters' types too: 1, 1.0 and True are equal keys but print differently.
        clave = (codigo, campo, texto, *params.items(), *map(type, params.values()))
        textos = _TEXTOS.get(clave)
    except TypeError:  # an unhashable parameter: not cached
        clave, textos = None, None
    if textos is None:
        decl = CATALOGO[codigo]
        campos = {"etiqueta": ETIQUETAS.get(campo or "", campo or ""), "valor": texto or "",
                  **params}
        textos = {"campo": campo, "codigo": codigo, "severidad": decl.severidad,
                  "valor": texto, "mensaje": decl.mensaje.format(**campos),
                  "remedio": decl.remedio.format(**campos)}
        if clave is not None and len(_TEXTOS) < _MAX_TEXTOS:
            _TEXTOS[clave] = textos
    return _VALIDAR({**textos, "fila": fila})


#: The texts of the findings built so far, by code, field, value and parameters: the same
#: repair of the same value (a given name typed in lower case on thousands of rows) is written
#: once (`hallazgo` then costs a dictionary look-up and pydantic's validation, about 1 µs).
_TEXTOS: dict[tuple[object, ...], dict[str, object]] = {}
#: Past this many, the texts of new findings are not kept (memory stays bounded).
_MAX_TEXTOS = 100_000
_VALIDAR = Hallazgo.__pydantic_validator__.validate_python


class ArchivoInutilizable(Exception):
    """The file cannot be used at all (not a spreadsheet, encrypted, no header row, too big...).

    The CLI prints `mensaje` and `remedio` (Spanish) and exits with code 2; no output is written.

    Args:
        mensaje: what is wrong with the file, in Spanish, without personal data.
        remedio: what the user should do, in Spanish.
    """

    def __init__(self, mensaje: str, remedio: str) -> None:
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.remedio = remedio
