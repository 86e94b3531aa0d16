"""Command line: `apoyo validar | exportar | plantilla | ejemplo | errores` (Spanish UI).

Exit codes: 0 no errors (warnings allowed); 1 errors found (or rows rejected by the export);
2 the file or an option could not be used (a Spanish message, never a traceback).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from apoyo.catalog import FORMATO_INE, CatalogoInvalido, CatalogoSecciones
from apoyo.cli_ayuda import ComandoEs, GrupoEs
from apoyo.check import Contexto, Revision, Vistos
from apoyo.entrada import interrumpido
from apoyo.errors import ArchivoInutilizable
from apoyo.identifiers import clave_estado
from apoyo.limites import TIEMPO_MAXIMO, con_plazo
from apoyo.read.inutilizable import no_encontrado
from apoyo.read.deteccion import EXTENSIONES
from apoyo.read.tabla import Tabla
from apoyo.record import Hallazgo
from apoyo.summary import SIN_HALLAZGOS, tabla_por_codigo

app = typer.Typer(
    cls=GrupoEs,
    help="Verifica y exporta apoyos ciudadanos capturados en papel (régimen de excepción) "
    "en el formato que pide la DERFE del INE.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
from apoyo.excel.cli import app as excel_app  # noqa: E402  (after `app`, mounted below)

app.add_typer(excel_app, name="excel")
consola = Console()
errores_consola = Console(stderr=True)



class Inutilizable(Exception):
    """A problem with the command's inputs: message and remedy in Spanish (exit code 2)."""

    def __init__(self, mensaje: str, remedio: str) -> None:
        super().__init__(mensaje)
        self.mensaje, self.remedio = mensaje, remedio


# ---- options shared by validar and exportar ------------------------------------------------------

OpcCatalogo = Annotated[Optional[Path], typer.Option(
    "--catalogo", readable=False, metavar="<archivo>",
    help=f"Catálogo de secciones del INE, en CSV (columnas {FORMATO_INE}). Con él, una "
    "sección inexistente es error.")]
OpcEntidad = Annotated[Optional[str], typer.Option(
    "--entidad", metavar="<clave>",
    help="Clave de la entidad de la candidatura (01 a 32); filas de otra entidad son error. "
    "Por omisión se toma de la hoja Aspirante.")]
OpcDistrito = Annotated[Optional[int], typer.Option(
    "--distrito", metavar="<número>", help="Distrito federal de la candidatura (requiere "
    "--catalogo).")]
OpcMunicipio = Annotated[Optional[int], typer.Option(
    "--municipio", metavar="<número>",
    help="Municipio de la candidatura, clave del INE (requiere --catalogo).")]
OpcCorte = Annotated[Optional[str], typer.Option(
    "--fecha-corte", metavar="<AAAA-MM-DD>",
    help="Fecha para calcular edades, AAAA-MM-DD (por omisión, hoy).")]
OpcAcentos = Annotated[bool, typer.Option(
    "--conservar-acentos", help="No quitar los acentos de los nombres (la Ñ siempre se conserva).")]
OpcSalida = Annotated[Optional[Path], typer.Option(
    "--salida", metavar="<carpeta>",
    help="Carpeta donde escribir los resultados (por omisión, junto a la entrega).")]
OpcTiempo = Annotated[float, typer.Option(
    "--tiempo-maximo", min=0, metavar="<segundos>",
    help="Tiempo máximo por archivo, en segundos; al pasarlo, el archivo se deja sin "
    "resultados (0 = sin límite).")]


def _contexto(catalogo: Path | None, entidad: str | None, distrito: int | None,
              municipio: int | None, fecha_corte: str | None, conservar: bool) -> Contexto:
    corte = date.today()
    if fecha_corte:
        try:
            corte = date.fromisoformat(fecha_corte)
        except ValueError:
            raise Inutilizable(f"La fecha de corte «{fecha_corte}» no es válida.",
                               "Escríbala como AAAA-MM-DD, por ejemplo 2026-11-29.") from None
        if not 2000 <= corte.year <= date.today().year + 5:
            raise Inutilizable(
                f"La fecha de corte {corte.isoformat()} está fuera de lo razonable.",
                "Use la fecha del corte de la lista nominal del proceso electoral, entre el año "
                f"2000 y {date.today().year + 5}, o no ponga la opción para usar la de hoy.")
    if entidad is not None and not clave_estado.is_valid(entidad):
        raise Inutilizable(f"La entidad «{entidad}» no existe.",
                           "Use la clave de dos dígitos, de 01 a 32 (por ejemplo 07).")
    cat = _catalogo(catalogo) if catalogo is not None else None
    if (distrito is not None or municipio is not None) and cat is None:
        raise Inutilizable("Para revisar distrito o municipio hace falta el catálogo.",
                           "Agregue --catalogo con el catálogo de secciones del INE.")
    if cat is not None:
        _ambito_en_catalogo(cat, entidad, distrito, municipio)
    return Contexto(fecha_corte=corte, entidad=clave_estado.validate(entidad) if entidad else None,
                    distrito=distrito, municipio=municipio, catalogo=cat,
                    quitar_acentos=not conservar)


def _catalogo(ruta: Path) -> CatalogoSecciones:
    """The section catalogue given with --catalogo, or `Inutilizable` saying why it cannot be
    used (missing, a folder, unreadable, or not INE's CSV: `CatalogoInvalido`)."""
    nombre = str(ruta)  # escaped when printed (`_salir_con_error`)
    if ruta.is_dir():
        raise Inutilizable(f"El catálogo «{nombre}» es una carpeta, no un archivo.",
                           "Indique con --catalogo el archivo CSV del catálogo de secciones del "
                           "INE que está dentro de la carpeta (por ejemplo "
                           "--catalogo carpeta/Catalogo.csv).")
    try:
        datos = ruta.read_bytes()
    except FileNotFoundError:
        raise Inutilizable(f"No existe el catálogo «{nombre}».",
                           "Revise la ruta y el nombre del archivo del catálogo.") from None
    except PermissionError:
        raise Inutilizable(f"No hay permiso para leer el catálogo «{nombre}».",
                           "Cierre el archivo si está abierto en otro programa, o cópielo a una "
                           "carpeta suya, y vuelva a intentarlo.") from None
    except OSError:
        raise Inutilizable(f"No se pudo leer el catálogo «{nombre}».",
                           "Revise la ruta del archivo del catálogo y que se pueda abrir.") \
            from None
    try:
        return CatalogoSecciones.desde_bytes(datos, ruta.name)
    except CatalogoInvalido as exc:
        raise Inutilizable(exc.mensaje, exc.remedio) from None


def _ambito_en_catalogo(cat: CatalogoSecciones, entidad: str | None, distrito: int | None,
                        municipio: int | None) -> None:
    """Raise `Inutilizable` when the scope given with --entidad, --distrito and --municipio
    has no section at all in the catalogue: every row would be rejected (found by a tester:
    ``--distrito 99`` rejected a whole file with only a warning), a mistake in the options.
    Without --entidad (it comes from each file's Aspirante sheet) the scope must exist in some
    entity of the catalogue; a file of another entity still gets its warning
    (`apoyo.check.cross.hallazgos_del_ambito`)."""
    from apoyo.identifiers.clave_estado import ENTIDADES

    if entidad is not None:
        clave = clave_estado.validate(entidad)
        if not cat.cubre(clave):
            raise Inutilizable(
                f"El catálogo «{cat.origen}» no trae ninguna sección de la entidad {clave} "
                f"(--entidad {entidad}).",
                f"Indique con --catalogo el catálogo de secciones de la entidad {clave}, o "
                "corrija --entidad con la clave de la entidad de la candidatura.")
        entidades, donde = [clave], f"de la entidad {clave}"
    else:
        entidades, donde = [e for e in ENTIDADES if cat.cubre(e)], "en ninguna de sus entidades"
    if (distrito is None and municipio is None) or any(
            cat.tiene_ambito(e, distrito, municipio) for e in entidades):
        return
    mal_distrito = distrito is not None and not any(
        cat.tiene_ambito(e, distrito) for e in entidades)
    mal_municipio = municipio is not None and not any(
        cat.tiene_ambito(e, None, municipio) for e in entidades)
    partes = [(f"del distrito {distrito}", f"--distrito {distrito}") if distrito is not None
              else None,
              (f"del municipio {municipio}", f"--municipio {municipio}") if municipio is not None
              else None]
    ambito = " y ".join(p[0] for p in partes if p)
    opciones = " ".join(p[1] for p in partes if p)
    if mal_distrito or mal_municipio:
        que = []
        if mal_distrito:
            que.append("--distrito con el número del distrito federal de la candidatura, como "
                       "en la columna DISTRITO del catálogo")
        if mal_municipio:
            que.append("--municipio con la clave del municipio que usa el INE, como en la "
                       "columna MUNICIPIO del catálogo (no es la del INEGI)")
        varias = len(que) > 1
        remedio = (f"Corrija {'; y '.join(que)}; o quite "
                   f"{'las opciones' if varias else 'la opción'}. "
                   f"{'Si los números son correctos' if varias else 'Si el número es correcto'}"
                   ", indique con --catalogo el catálogo de secciones vigente.")
    else:
        remedio = (f"Revise --distrito y --municipio: el catálogo tiene el distrito {distrito} "
                   f"y el municipio {municipio}, pero ninguna sección en ambos; corrija la "
                   "opción equivocada o quite la que sobra.")
    raise Inutilizable(
        f"El catálogo «{cat.origen}» no tiene ninguna sección {ambito} {donde} ({opciones}); "
        "con ese ámbito se rechazarían todas las filas.", remedio)


def _es_resultado(p: Path) -> bool:
    """`p` is named as an output of `apoyo validar` or of the rejects of `apoyo exportar`
    (the DERFE file itself is a submission like any other, and is checked)."""
    return p.stem.endswith((".revisado", "_rechazados")) or p.name.endswith(".reporte.json")


def _algunos(nombres: list[str], cuantos: int = 3) -> str:
    """``«a», «b», «c» y 12 más``: a few of `nombres`, so that the line stays short."""
    lista = ", ".join(f"«{_en_consola(n)}»" for n in nombres[:cuantos])
    return f"{lista} y {len(nombres) - cuantos:,} más" if len(nombres) > cuantos else lista


def _entregas(entrega: Path) -> list[Path]:
    """The files to check: `entrega` itself, or the submissions in the folder `entrega` (not
    its subfolders, nor our own outputs; a link to a file already listed counts once). What a
    folder holds that is not checked is said, so that nothing is skipped in silence (hidden
    files and Excel's ``~$`` lock files apart): one line for the odd items, one for our own
    outputs, one for files of other types, each with a few names."""
    if entrega.is_dir():
        archivos: list[Path] = []
        vistos: set[Path] = set()
        omitidas: list[str] = []
        resultados: list[str] = []
        otro_tipo: list[str] = []
        for p in sorted(entrega.iterdir()):
            if p.name.startswith((".", "~$")):
                continue
            if p.is_dir():
                with contextlib.suppress(OSError):  # unreadable: not ours to report
                    if any(h.suffix.lower() in EXTENSIONES for h in p.iterdir()):
                        omitidas.append(f"la subcarpeta «{_en_consola(p.name)}» (valídela "
                                        "aparte)")
            elif _es_resultado(p):
                resultados.append(p.name)
            elif p.suffix.lower() not in EXTENSIONES:
                otro_tipo.append(p.name)
            elif not p.is_file():
                omitidas.append(f"«{_en_consola(p.name)}» (enlace a un archivo que no existe)")
            elif (real := p.resolve()) in vistos:
                omitidas.append(f"«{_en_consola(p.name)}» (es otro nombre de un archivo ya "
                                "incluido)")
            else:
                vistos.add(real)
                archivos.append(p)
        if omitidas:
            consola.print(f"No se revisaron: {'; '.join(omitidas)}.", highlight=False)
        if resultados:
            una = len(resultados) == 1
            por_que = ("es un resultado de apoyo, no una entrega" if una
                       else "son resultados de apoyo, no entregas")
            consola.print(
                f"No se {'revisó' if una else 'revisaron'} "
                f"{_cuenta(len(resultados), 'archivo', 'archivos')} porque {por_que}: "
                f"{_algunos(resultados)}.", highlight=False)
        if otro_tipo:
            una = len(otro_tipo) == 1
            consola.print(
                f"No se {'revisó' if una else 'revisaron'} "
                f"{_cuenta(len(otro_tipo), 'archivo', 'archivos')} por su tipo: "
                f"{_algunos(otro_tipo)}. Se revisan solo archivos {', '.join(EXTENSIONES)}; "
                f"si {'es' if una else 'alguno es'} una entrega, guárdelo con uno de esos "
                "formatos.", highlight=False)
        if not archivos:
            raise Inutilizable(f"La carpeta «{entrega}» no tiene archivos de apoyos.",
                               f"Coloque ahí archivos {', '.join(EXTENSIONES)}.")
        return _sin_exportaciones(archivos)
    if not entrega.exists():
        raise no_encontrado(str(entrega))
    return [entrega]


def _sin_exportaciones(archivos: list[Path]) -> list[Path]:
    """`archivos` but the files `apoyo exportar` wrote from another submission of the same
    folder, said on screen (found by a tester: after the README's example, validating the
    folder counted every apoyo of the export as repeated in the original, and the totals
    twice). An .xlsx export names the submission it came from (`apoyo.export.marca`): it is
    left out only when that file is in the folder (an export of an earlier version, which
    does not say, when any submission is). A .txt export follows its .xlsx twin, else is
    recognised by its rejects file beside it. A folder of exports only (the files aspirants
    send) is checked whole."""
    from apoyo.export.marca import origen_de_exportacion

    origenes = {p: origen_de_exportacion(p) for p in archivos if p.suffix.lower() == ".xlsx"}
    exportaciones = {p for p, o in origenes.items() if o is not None}
    entregas = {p.name for p in archivos if p not in exportaciones}
    marcadas = {p for p in exportaciones if origenes[p] in entregas or not origenes[p]}
    marcadas |= {p for p in archivos if p.suffix.lower() == ".txt" and (
        p.with_suffix(".xlsx") in marcadas
        or (p.with_suffix(".xlsx") not in exportaciones
            and p.with_name(f"{p.stem}_rechazados.xlsx").exists()))}
    if not marcadas or len(marcadas) == len(archivos):
        return archivos
    nombres = sorted(p.name for p in marcadas)
    una = len(nombres) == 1
    consola.print(
        f"No se {'revisó' if una else 'revisaron'} {_cuenta(len(nombres), 'archivo', 'archivos')} "
        f"porque {'es el archivo' if una else 'son archivos'} para la DERFE que apoyo exportó "
        f"de otra entrega de esta carpeta (sus filas ya se revisan en esa entrega): "
        f"{_algunos(nombres)}. Para revisar{'lo' if una else 'los'}, "
        f"valíde{'lo' if una else 'los'} por separado.", highlight=False)
    return [p for p in archivos if p not in marcadas]


#: The topmost folder each ``--salida`` of this run created: removed at the end when nothing
#: was written in it (an input that could not be used, an interruption).
_CREADAS: list[Path] = []


def _quitar_carpetas_vacias() -> None:
    """Remove the folders of `_CREADAS` (and the ones below them) that stayed empty."""
    for tope in _CREADAS:
        with contextlib.suppress(OSError):
            carpetas = [tope, *(p for p in tope.rglob("*") if p.is_dir())]
            for carpeta in sorted(carpetas, key=lambda p: len(p.parts), reverse=True):
                with contextlib.suppress(OSError):
                    carpeta.rmdir()  # only an empty folder goes
    _CREADAS.clear()


def _carpeta_salida(salida: Path | None) -> Path | None:
    """The output folder of validar/exportar, created if needed (never a file; one this run
    creates is removed at the end if nothing was written in it: `_quitar_carpetas_vacias`)."""
    if salida is None:
        return None
    if salida.is_file() or (not salida.exists() and salida.suffix.lower() in EXTENSIONES):
        raise Inutilizable(f"«{salida}» es un archivo; --salida espera una carpeta.",
                           "Indique con --salida la carpeta donde dejar los resultados; sus "
                           "nombres se forman solos a partir de la entrega.")
    nueva = next((p for p in reversed([salida, *salida.parents]) if not p.exists()), None)
    try:
        salida.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise Inutilizable(f"No se pudo crear la carpeta de salida «{salida}».",
                           "Elija una carpeta donde tenga permiso de escritura.") from None
    if nueva is not None:
        _CREADAS.append(nueva)
    return salida


# Characters that would act on the terminal or reorder the line (C0/C1 controls, bidi
# controls): shown as \uXXXX when a value or a file name is printed.
_CONTROLES = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _en_consola(texto: object) -> str:
    """Text from a file or a path, safe to print with Rich: control and bidi characters as
    ``\\uXXXX`` (a file cannot move the cursor, ring, or reorder the line) and Rich markup
    escaped (``[/]`` in a name prints as it is)."""
    return escape(_CONTROLES.sub(lambda m: f"\\u{ord(m.group()):04x}", str(texto)))


def _motivo(exc: OSError) -> str:
    """The reason of a file-system failure, in Spanish."""
    motivos = {
        errno.ENOSPC: "no queda espacio en el disco",
        errno.EDQUOT: "se agotó la cuota de disco",
        errno.EACCES: "no hay permiso de escritura",
        errno.EPERM: "no hay permiso de escritura",
        errno.EROFS: "la carpeta es de solo lectura",
        errno.ENOENT: "la carpeta no existe",
        errno.ENOTDIR: "parte de la ruta no es una carpeta",
        errno.EFBIG: "el archivo pasaría del tamaño que permite el sistema",
        errno.EISDIR: "ya existe una carpeta con ese nombre",
        errno.ENAMETOOLONG: "el nombre del archivo es demasiado largo",
    }
    return motivos.get(exc.errno or 0, f"error del sistema: {exc.strerror or type(exc).__name__}")


def _que_archivo(exc: OSError) -> str:
    """`` «name»`` of the output a folder is in the place of, or nothing (other failures may
    name a temporary file, which says nothing to the user)."""
    if exc.errno == errno.EISDIR and isinstance(exc.filename, str):
        return f" «{Path(exc.filename).name}»"
    return ""


def _remedio_de(exc: OSError, general: str) -> str:
    """What to do about a file-system failure: `general`, but for a folder in an output's
    place (which is never moved or replaced)."""
    if exc.errno == errno.EISDIR:
        return ("Cambie el nombre de esa carpeta o muévala, o elija otra carpeta de salida con "
                "--salida; no se modificó nada.")
    return general


def _salir_con_error(mensaje: str, remedio: str, archivo: str | None = None) -> None:
    prefijo = f"{_en_consola(archivo)}: " if archivo else ""
    errores_consola.print(f"[bold red]No se pudo usar:[/] {prefijo}{_en_consola(mensaje)}")
    errores_consola.print(f"[bold]Qué hacer:[/] {_en_consola(remedio)}")


def _progreso() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.completed:,} filas"), TimeElapsedColumn(),
                    console=errores_consola, transient=True,
                    disable=not errores_consola.is_terminal)


def _cuenta(n: int, singular: str, plural: str) -> str:
    """``"1 fila"``, ``"2 filas"``, ``"1,048,575 filas"``: the count and the word it takes."""
    return f"{n:,} {singular if n == 1 else plural}"


def _imprimir_del_archivo(hallazgos: Iterable[Hallazgo]) -> None:
    """Each finding about the whole file (no row: a missing column, another sheet with
    apoyos, a catalogue of another entity), errors first, with its message and remedy: what
    the table by code only names. Shown by validar and exportar alike."""
    del_archivo = sorted((h for h in hallazgos if h.fila is None),
                         key=lambda h: h.severidad != "error")
    for h in del_archivo:
        etiqueta = ("[red]Error del archivo:[/]" if h.severidad == "error"
                    else "[yellow]Aviso del archivo:[/]")
        consola.print(f"{etiqueta} {_en_consola(h.mensaje)} {_en_consola(h.remedio)}")


def _titulo_resumen(revision: Revision) -> str:
    # Rows and findings apart: "1 fila con errores; 2 errores" (a row can have several).
    con_errores = revision.filas - revision.filas_validas
    return (f"{_en_consola(revision.archivo)}: {_cuenta(revision.filas, 'fila', 'filas')} "
            f"({_cuenta(revision.filas_validas, 'válida', 'válidas')}, "
            f"{con_errores:,} con errores); "
            f"{_cuenta(revision.errores, 'error', 'errores')} y "
            f"{_cuenta(revision.avisos, 'aviso', 'avisos')}")


def _imprimir_resumen(revision: Revision, mostrar_datos: bool) -> None:
    """The file's totals and, when there are findings, their table by code."""
    if not revision.hallazgos:
        consola.print(f"{_titulo_resumen(revision)}.\n{SIN_HALLAZGOS}", highlight=False)
        return
    consola.print(_tabla_resumen(revision, mostrar_datos))


def _tabla_resumen(revision: Revision, mostrar_datos: bool) -> Table:
    tabla = Table(title=_titulo_resumen(revision))
    tabla.add_column("Código", no_wrap=True)
    tabla.add_column("Severidad")
    tabla.add_column("Descripción")
    tabla.add_column("Cantidad", justify="right")
    tabla.add_column("Primera fila", justify="right")
    for codigo, severidad, titulo, n, primera in tabla_por_codigo(revision):
        color = "red" if severidad == "error" else "yellow"
        tabla.add_row(codigo, f"[{color}]{severidad}[/]", titulo, f"{n:,}", str(primera))
    if mostrar_datos:
        for h in revision.hallazgos[:50]:
            consola.print(f"fila {h.fila} {h.campo or ''} \\[{h.codigo}] "
                          f"{_en_consola(h.valor or '')}", highlight=False)
    return tabla


@app.command(cls=ComandoEs)
def validar(
    entrega: Annotated[Path, typer.Argument(help=f"Archivo de apoyos ({', '.join(EXTENSIONES)}) "
                                            "o carpeta con varios.",
                                            readable=False)],
    catalogo: OpcCatalogo = None,
    entidad: OpcEntidad = None,
    distrito: OpcDistrito = None,
    municipio: OpcMunicipio = None,
    fecha_corte: OpcCorte = None,
    salida: OpcSalida = None,
    conservar_acentos: OpcAcentos = False,
    mostrar_datos: Annotated[bool, typer.Option(
        "--mostrar-datos", help="Mostrar en pantalla los valores con problemas (datos "
        "personales). Por omisión solo se muestran códigos y filas.")] = False,
    tiempo_maximo: OpcTiempo = TIEMPO_MAXIMO,
) -> None:
    """Revisa cada fila y escribe una copia marcada (<nombre>.revisado.xlsx) y un reporte
    (<nombre>.reporte.json). Sale con 0 si no hay errores, 1 si los hay, 2 si el archivo no se
    pudo usar."""
    from apoyo.pipeline import salidas_de, validar_archivo

    contexto = _contexto(catalogo, entidad, distrito, municipio, fecha_corte, conservar_acentos)
    archivos = _entregas(entrega)
    carpeta = _carpeta_salida(salida)
    vistos_por_aspirante: dict[str, Vistos] = {}
    codigo_salida = 0
    resumen: list[tuple[str, Revision | None]] = []
    escritas: dict[Path, str] = {}  # outputs of this run -> the file they belong to
    for archivo in archivos:
        try:
            previa = _salida_ya_escrita(salidas_de(archivo, carpeta), escritas)
            if previa is not None:
                raise ArchivoInutilizable(
                    f"Sus resultados se llamarían como los de «{previa}», revisado antes en esta "
                    "misma carpeta, y los sustituirían.",
                    "Cambie el nombre de uno de los dos archivos, o valídelos por separado con "
                    "--salida en carpetas distintas.")
            with _progreso() as progreso:
                tarea = progreso.add_task(f"Revisando {archivo.name}", total=None)
                tabla, revision, salidas = validar_archivo(
                    archivo, contexto, carpeta,
                    vistos=lambda tabla: vistos_por_aspirante.setdefault(
                        _aspirante_de(tabla), Vistos()),
                    avance=lambda n: progreso.update(tarea, completed=n),
                    plazo=tiempo_maximo,
                )
        except ArchivoInutilizable as exc:
            _salir_con_error(exc.mensaje, exc.remedio, archivo.name)
            codigo_salida = 2
            resumen.append((archivo.name, None))
            continue
        except OSError as exc:
            _salir_con_error(f"No se pudieron escribir los resultados{_que_archivo(exc)} "
                             f"({_motivo(exc)}).",
                             _remedio_de(exc, "Elija con --salida una carpeta con permiso de "
                                         "escritura y espacio libre; los resultados anteriores "
                                         "no se modificaron."), archivo.name)
            codigo_salida = 2
            resumen.append((archivo.name, None))
            continue
        escritas.update({s.resolve(): archivo.name for s in (salidas.reporte, salidas.revisado)})
        _imprimir_resumen(revision, mostrar_datos)
        _imprimir_del_archivo(revision.hallazgos)
        consola.print(f"Copia marcada: {_en_consola(salidas.revisado)}\n"
                      f"Reporte: {_en_consola(salidas.reporte)}")
        if salidas.otras_hojas:
            consola.print(f"Otras hojas en la copia marcada: {_en_consola(salidas.otras_hojas)}",
                          highlight=False)
        if revision.errores and codigo_salida == 0:
            codigo_salida = 1
        resumen.append((archivo.name, revision))
    if len(archivos) > 1:
        consola.print(_tabla_carpeta(resumen))
    raise typer.Exit(codigo_salida)


def _salida_ya_escrita(salidas: Any, escritas: dict[Path, str]) -> str | None:
    """The file of this run whose outputs have the same paths as `salidas`, if any (two files
    of a folder with the same name and another extension, e.g. apoyos.xlsx and apoyos.csv)."""
    return next((escritas[r] for r in (salidas.reporte.resolve(), salidas.revisado.resolve())
                 if r in escritas), None)


def _misma_ruta(a: Path, b: Path) -> bool:
    """`a` and `b` name the same file (also through a link or a case-insensitive disk)."""
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _aspirante_de(tabla: Tabla) -> str:
    """Files of the same aspirant share duplicates: the name on their Aspirante sheet, as the
    export names its file (``MARIA_LOPEZ_HERNANDEZ``); a file without one is the aspirant its
    own name says when it follows that convention (an export), else it belongs to the folder's
    unnamed aspirant."""
    from apoyo.export import nombre_archivo

    nombre = tabla.aspirante.get("nombre", "")
    try:
        return nombre_archivo(nombre)
    except ValueError:
        tronco = Path(tabla.archivo).stem
        return tronco if _NOMBRE_DE_EXPORTACION.fullmatch(tronco) else ""


#: A file stem as `apoyo.export.nombre_archivo` makes it, of two words at least.
_NOMBRE_DE_EXPORTACION = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")


def _tabla_carpeta(resumen: list[tuple[str, Revision | None]]) -> Table:
    tabla = Table(title="Resumen de la carpeta")
    for col in ("Archivo", "Filas", "Válidas", "Errores", "Avisos"):
        tabla.add_column(col, justify="left" if col == "Archivo" else "right")
    total = [0, 0, 0, 0]
    for nombre, rev in resumen:
        if rev is None:
            tabla.add_row(_en_consola(nombre), "no se pudo usar", "", "", "")
            continue
        valores = [rev.filas, rev.filas_validas, rev.errores, rev.avisos]
        total = [a + b for a, b in zip(total, valores)]
        tabla.add_row(_en_consola(nombre), *(f"{v:,}" for v in valores))
    tabla.add_row("[bold]Total[/]", *(f"[bold]{v:,}[/]" for v in total))
    return tabla


@app.command(cls=ComandoEs)
def exportar(
    entrega: Annotated[Path, typer.Argument(help="Archivo de apoyos a exportar.",
                                            readable=False)],
    aspirante: Annotated[Optional[str], typer.Option(
        "--aspirante", metavar="<nombre>",
        help="Nombre del aspirante para nombrar el archivo (por omisión, el de la hoja "
        "Aspirante).")] = None,
    formato: Annotated[str, typer.Option(
        "--formato", metavar="<xlsx|txt>",
        help="xlsx (Excel) o txt (texto separado por tabuladores, UTF-8).")] = "xlsx",
    catalogo: OpcCatalogo = None,
    entidad: OpcEntidad = None,
    distrito: OpcDistrito = None,
    municipio: OpcMunicipio = None,
    fecha_corte: OpcCorte = None,
    salida: OpcSalida = None,
    conservar_acentos: OpcAcentos = False,
    tiempo_maximo: OpcTiempo = TIEMPO_MAXIMO,
) -> None:
    """Escribe el archivo para la DERFE con el nombre del aspirante (NOMBRE_APELLIDOS.xlsx):
    las ocho columnas como texto, solo filas sin errores; las filas con errores van a
    NOMBRE_rechazados.xlsx con sus motivos. Si ninguna fila se puede exportar no se escribe
    el archivo para la DERFE. Sale con 0 si todo se exportó, 1 si hubo rechazados o nada que
    exportar, 2 si el archivo no se pudo usar."""
    from apoyo.check.cross import hallazgos_del_ambito
    from apoyo.export import impedimento, nombre_archivo
    from apoyo.pipeline import exportar_tabla
    from apoyo.read import leer

    if formato not in ("xlsx", "txt"):
        raise Inutilizable(f"El formato «{formato}» no existe.", "Use --formato xlsx o txt.")
    contexto = _contexto(catalogo, entidad, distrito, municipio, fecha_corte, conservar_acentos)
    [archivo] = _entregas(entrega) if entrega.is_file() or not entrega.exists() else [None]
    if archivo is None:
        raise Inutilizable("exportar recibe un archivo, no una carpeta.",
                           "Exporte cada archivo por separado.")
    inicio = time.monotonic()
    tabla = con_plazo(leer(archivo), tiempo_maximo, inicio)
    if (motivo := impedimento(tabla.hallazgos)) is not None:
        raise Inutilizable(*motivo)
    nombre = aspirante or tabla.aspirante.get("nombre", "")
    try:
        base = nombre_archivo(nombre)
    except ValueError as exc:
        que = ("Falta el nombre del aspirante para nombrar el archivo." if not nombre.strip()
               else str(exc))
        raise Inutilizable(que, "Escriba solo el nombre y los apellidos del aspirante en la hoja "
                           "Aspirante de la plantilla o con --aspirante \"NOMBRE APELLIDO "
                           "APELLIDO\".") from None
    carpeta = _carpeta_salida(salida) or archivo.parent
    for destino in (carpeta / f"{base}.{formato}", carpeta / f"{base}_rechazados.xlsx"):
        if _misma_ruta(destino, archivo):
            raise Inutilizable(
                f"La exportación se escribiría en «{destino.name}», que es el archivo de entrada, "
                "y lo sustituiría.",
                f"Cambie el nombre del archivo de entrada (por ejemplo, «{base}_captura"
                f"{archivo.suffix}») o indique otra carpeta con --salida.")
    resultado = exportar_tabla(tabla, contexto, nombre, carpeta, formato)
    if resultado.ruta is None:
        que = ("el archivo no tiene filas con datos" if not resultado.rechazadas
               else "todas las filas tienen errores")
        consola.print(f"[red]No se exportó nada:[/] {que}; no se escribió "
                      f"{_en_consola(base)}.{formato} (un archivo vacío no debe enviarse).")
    else:
        consola.print(f"{'Exportada' if resultado.validas == 1 else 'Exportadas'} "
                      f"{_cuenta(resultado.validas, 'fila', 'filas')} a "
                      f"{_en_consola(resultado.ruta)}")
    if resultado.rechazadas:
        una = resultado.rechazadas == 1
        consola.print(f"[yellow]{_cuenta(resultado.rechazadas, 'fila', 'filas')} con errores[/] "
                      f"{'quedó' if una else 'quedaron'} en "
                      f"{_en_consola(resultado.ruta_rechazados)}; "
                      f"{'corríjala' if una else 'corríjalas'} y vuelva a exportar.")
    for viejo in resultado.retirados:
        por_que = ("ya no hay filas con errores" if viejo.name.endswith("_rechazados.xlsx")
                   else "esta exportación no tiene filas que enviar")
        consola.print(f"Se borró {_en_consola(viejo)}, de una exportación anterior, porque "
                      f"{por_que} (así no se envía ni se corrige un archivo viejo por error).")
    # The export keeps no `Revision`: the file's own findings are those found reading it
    # and those of the scope, as `apoyo.check.revisar` puts them first in a validation.
    del_archivo = [*tabla.hallazgos,
                   *hallazgos_del_ambito(contexto.con_aspirante(tabla.aspirante))]
    _imprimir_del_archivo(del_archivo)
    errores_archivo = [h for h in del_archivo if h.severidad == "error"]
    raise typer.Exit(1 if resultado.ruta is None or resultado.rechazadas or errores_archivo
                     else 0)


@app.command(cls=ComandoEs)
def plantilla(
    salida: Annotated[Path, typer.Option("--salida", metavar="<archivo>",
                                         help="Ruta del archivo a crear.")] = Path(
        "formato_apoyo_ciudadano.xlsx"),
    aspirante: Annotated[Optional[str], typer.Option(
        "--aspirante", metavar="<nombre>",
        help="Nombre del aspirante (prellena la hoja Aspirante).")] = None,
    entidad: Annotated[Optional[str], typer.Option("--entidad", metavar="<clave>",
                                                   help="Clave de la entidad.")] = None,
    cargo: Annotated[Optional[str], typer.Option("--cargo", metavar="<texto>",
                                                 help="Cargo que se busca.")] = None,
    distrito: Annotated[Optional[str], typer.Option("--distrito", metavar="<texto>",
                                                    help="Distrito.")] = None,
    municipio: Annotated[Optional[str], typer.Option("--municipio", metavar="<texto>",
                                                     help="Municipio.")] = None,
) -> None:
    """Crea la plantilla protegida para capturar apoyos (hojas Apoyos, Aspirante e
    Instrucciones), opcionalmente prellenada para un aspirante."""
    _carpeta_salida(salida.parent)
    if entidad is not None and not clave_estado.is_valid(entidad):
        raise Inutilizable(f"La entidad «{entidad}» no existe.", "Use una clave de 01 a 32.")
    ruta = _escribir_plantilla(salida, aspirante=aspirante,
                               entidad=clave_estado.validate(entidad) if entidad else None,
                               cargo=cargo, distrito=distrito, municipio=municipio)
    consola.print(f"Plantilla creada: {_en_consola(ruta)}")


def _escribir_plantilla(salida: Path, **opciones: Any) -> Path:
    """`apoyo.template.escribir_plantilla` with its ValueError (Spanish) shown as unusable."""
    from apoyo.template import escribir_plantilla

    try:
        return escribir_plantilla(salida, **opciones)
    except ValueError as exc:
        raise Inutilizable(str(exc), "Use --salida con un nombre de archivo que termine en "
                           ".xlsx, por ejemplo apoyos.xlsx.") from None


@app.command(cls=ComandoEs)
def ejemplo(
    filas: Annotated[int, typer.Option("--filas", min=1, max=1_048_575, metavar="<número>",
                                       help="Número de filas a generar.")] = 300,
    salida: Annotated[Path, typer.Option("--salida", metavar="<archivo>",
                                         help="Ruta del archivo a crear.")] = Path(
        "ejemplo_apoyos.xlsx"),
    semilla: Annotated[int, typer.Option("--semilla", metavar="<número>",
                                         help="Semilla (mismo número, mismo archivo).")] = 2018,
) -> None:
    """Crea una entrega de ejemplo con personas ficticias y errores sembrados a propósito
    (cerca del 1 % de las filas; en ejemplos pequeños, cada tipo de error al menos una vez)
    para probar el verificador."""
    from apoyo.example import cada_para, generar

    _carpeta_salida(salida.parent)
    ruta = _escribir_plantilla(salida, aspirante="María López Hernández", entidad="07",
                               cargo="Gubernatura",
                               filas=generar(filas, semilla, cada=cada_para(filas)))
    consola.print(f"Ejemplo creado: {_en_consola(ruta)} ({filas:,} filas, personas ficticias)")


@app.command(cls=ComandoEs)
def errores(
    salida: Annotated[Optional[Path], typer.Option(
        "--salida", metavar="<archivo>",
        help="Archivo Markdown a escribir (por omisión, se imprime).")] = None,
) -> None:
    """Lista todos los hallazgos posibles con su código, severidad, mensaje y remedio."""
    from apoyo.atomic import escritura_atomica
    from apoyo.docs_errores import pagina

    texto = pagina()
    if salida is None:
        consola.print(texto, markup=False, highlight=False)
        return
    with escritura_atomica(salida) as tmp:
        tmp.write_text(texto, encoding="utf-8")
    consola.print(f"Escrito {_en_consola(salida)}")


def _mensaje_de_uso(exc: typer.TyperException) -> str:
    """Spanish text for a command-line usage error (Click's own texts are English)."""
    nombre = type(exc).__name__
    param = getattr(exc, "param", None)
    que = getattr(param, "opts", None) or [getattr(param, "name", "") or ""]
    if nombre == "NoSuchOption":
        return f"La opción «{getattr(exc, 'option_name', '')}» no existe."
    if nombre == "MissingParameter":
        if getattr(param, "param_type_name", "") == "argument":  # the only one: the submission
            orden = getattr(getattr(exc, "ctx", None), "info_name", None) or "validar"
            return ("Falta el archivo de apoyos: escríbalo después del comando, por ejemplo "
                    f"«apoyo {orden} apoyos.xlsx»"
                    + (" (o una carpeta con varios)." if orden == "validar" else "."))
        return f"Falta {'/'.join(que)}."
    if nombre == "BadOptionUsage":
        return f"La opción «{getattr(exc, 'option_name', '')}» necesita un valor."
    if nombre in ("BadParameter", "BadArgumentUsage"):
        return f"Valor no válido para {'/'.join(que)}."
    if sobra := re.search(r"unexpected extra argument(?:s|\(s\))? \((.*)\)", str(exc)):
        return (f"Sobra «{_en_consola(sobra.group(1))}»: cada orden recibe un solo archivo o "
                "carpeta, y opciones como --conservar-acentos no llevan valor.")
    if "No such command" in str(exc) or "Missing command" in str(exc):
        return ("Ese comando no existe. Los comandos son: validar, exportar, plantilla, "
                "ejemplo, errores y excel.")
    return "La orden no se entendió."


def main() -> None:
    """Entry point: run the app, turning every failure into a Spanish message and exit 2."""
    try:
        _correr()
    finally:
        _quitar_carpetas_vacias()


def _correr() -> None:
    try:
        # Without standalone mode Click returns the code of `typer.Exit` instead of exiting.
        codigo = app(standalone_mode=False, prog_name="apoyo")
        if codigo == 130:  # Typer turns KeyboardInterrupt into Exit(130) and returns it
            interrumpido()
        sys.exit(codigo if isinstance(codigo, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (Inutilizable, ArchivoInutilizable) as exc:
        _salir_con_error(exc.mensaje, exc.remedio)
        sys.exit(2)
    except KeyboardInterrupt:
        interrumpido()
    except typer.Abort:
        errores_consola.print("Cancelado.")
        sys.exit(1)
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # type: ignore[attr-defined]
            sys.exit(0)
        _salir_con_error(_mensaje_de_uso(exc), "Consulte las opciones con «apoyo --help» o "
                         "«apoyo COMANDO --help».")
        sys.exit(2)
    except OSError as exc:
        archivo = _que_archivo(exc) or " un archivo"
        _salir_con_error(f"No se pudo leer o escribir{archivo} ({_motivo(exc)}).",
                         _remedio_de(exc, "Revise que la carpeta exista, que tenga permiso de "
                                     "escritura y espacio libre; los archivos anteriores no se "
                                     "modificaron."))
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - last resort: never show a traceback to users
        if os.environ.get("APOYO_DEPURAR"):
            raise
        _salir_con_error(f"Error interno inesperado ({type(exc).__name__}).",
                         "Nada se modificó. Reporte el problema a quien le dio la herramienta "
                         "(con APOYO_DEPURAR=1 se muestra el detalle técnico).")
        sys.exit(2)
