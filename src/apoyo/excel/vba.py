"""Reading the VBA source inside an Excel add-in, to check what it calls in Python.

An ``.xlam`` is a zip whose ``xl/vbaProject.bin`` is an OLE compound file ([MS-OVBA]): the
``VBA/dir`` stream (compressed) lists the modules and where each one's compressed source starts
in its stream. Both are decompressed with the [MS-OVBA] 2.4.1 algorithm implemented here;
`olefile` (a test dependency, through msoffcrypto-tool) opens the compound file.

Nothing here runs VBA; it only reads text.

>>> descomprimir(bytes([1, 0x03, 0xB0, 0x00, 0x61, 0x62, 0x63]))
b'abc'
>>> llamadas_runpython('RunPython "import " & m & ";" & m & ".main()"', {"m": "apoyo_xl"})
['import apoyo_xl;apoyo_xl.main()']
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Mapping
from pathlib import Path


def descomprimir(datos: bytes) -> bytes:
    """Decompress an [MS-OVBA] CompressedContainer.

    Raises:
        ValueError: the signature byte is not 1 or a chunk is truncated.
    """
    if not datos or datos[0] != 1:
        raise ValueError("not an MS-OVBA compressed container")
    salida = bytearray()
    pos = 1
    while pos < len(datos):
        if pos + 2 > len(datos):
            raise ValueError("truncated chunk header")
        cabecera = struct.unpack_from("<H", datos, pos)[0]
        fin = min(pos + (cabecera & 0x0FFF) + 3, len(datos))
        comprimido = cabecera & 0x8000
        pos += 2
        inicio = len(salida)
        if not comprimido:
            salida += datos[pos:pos + 4096]
            pos += 4096
            continue
        while pos < fin:
            banderas = datos[pos]
            pos += 1
            for bit in range(8):
                if pos >= fin:
                    break
                if not (banderas >> bit) & 1:
                    salida.append(datos[pos])
                    pos += 1
                    continue
                token = struct.unpack_from("<H", datos, pos)[0]
                pos += 2
                bits = max((len(salida) - inicio - 1).bit_length(), 4)
                desplazamiento = (token >> (16 - bits)) + 1
                longitud = (token & (0xFFFF >> bits)) + 3
                for _ in range(longitud):
                    salida.append(salida[-desplazamiento])
    return bytes(salida)


def modulos_de_proyecto(vba_project: bytes) -> dict[str, str]:
    """Source code of every module of a ``vbaProject.bin``, by module name.

    Raises:
        ImportError: olefile is not installed.
        ValueError: the project is not readable.
    """
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(vba_project))
    try:
        directorio = descomprimir(ole.openstream("VBA/dir").read())
        modulos: list[dict[str, object]] = []
        actual: dict[str, object] = {}
        pos = 0
        while pos + 6 <= len(directorio):
            ident, tam = struct.unpack_from("<HI", directorio, pos)
            pos += 6
            if ident == 0x0009:  # PROJECTVERSION: "size" is a reserved 4, the body is 6 bytes
                tam = 6
            cuerpo = directorio[pos:pos + tam]
            pos += tam
            if ident == 0x0019:  # MODULENAME
                actual = {"nombre": cuerpo.decode("latin-1")}
            elif ident == 0x001A:  # MODULESTREAMNAME
                actual["flujo"] = cuerpo.decode("latin-1")
            elif ident == 0x0031:  # MODULEOFFSET
                actual["desde"] = struct.unpack("<I", cuerpo)[0]
            elif ident == 0x002B:  # module terminator
                modulos.append(actual)
        fuentes = {}
        for m in modulos:
            crudo = ole.openstream(f"VBA/{m['flujo']}").read()
            fuentes[str(m["nombre"])] = descomprimir(crudo[int(m["desde"]):]).decode("latin-1")
        return fuentes
    finally:
        ole.close()


def modulos_de_complemento(xlam: Path) -> dict[str, str]:
    """Source code of every VBA module inside an ``.xlam``/``.xlsm`` file."""
    with zipfile.ZipFile(xlam) as z:
        return modulos_de_proyecto(z.read("xl/vbaProject.bin"))


def sin_comentarios(codigo: str) -> str:
    """VBA code with comments removed (``'`` outside a string literal up to the line end)."""
    lineas = []
    for linea in codigo.splitlines():
        en_cadena = False
        for i, c in enumerate(linea):
            if c == '"':
                en_cadena = not en_cadena
            elif c == "'" and not en_cadena:
                linea = linea[:i]
                break
        lineas.append(linea)
    return "\n".join(lineas)


def _evaluar(expresion: str, variables: Mapping[str, str]) -> str:
    """Evaluate a VBA string concatenation of literals and known variables (``"a" & x``)."""
    partes = re.findall(r'"(?:[^"]|"")*"|[A-Za-z_]\w*', expresion)
    texto = ""
    for parte in partes:
        if parte.startswith('"'):
            texto += parte[1:-1].replace('""', '"')
        elif parte in variables:
            texto += variables[parte]
        else:
            raise ValueError(f"unknown VBA variable {parte!r} in {expresion!r}")
    return texto


def llamadas_runpython(codigo: str, variables: Mapping[str, str]) -> list[str]:
    """The Python commands that ``RunPython <expression>`` lines of `codigo` run.

    Args:
        codigo: VBA source (comments are ignored).
        variables: values of the VBA variables used in the expressions.

    Raises:
        ValueError: an expression uses a variable not in `variables`.
    """
    comandos = []
    for linea in sin_comentarios(codigo).splitlines():
        m = re.match(r"\s*RunPython\s+(.+)$", linea)
        if m:
            comandos.append(_evaluar(m.group(1), variables))
    return comandos


def objetivos_python(codigo: str) -> list[str]:
    """Dotted names of the Python objects that VBA code reaches through string literals and
    the ``XLPy`` bridge: ``import x.y;x.y.f(`` gives ``x.y.f``; ``XLPy.Call(XLPy.Module("m"),
    "f"`` and ``XLPy.SetAttr XLPy.Module("m"), "A"`` give ``m.f`` and ``m.A``.

    Sorted, without duplicates.
    """
    codigo = sin_comentarios(codigo)
    objetivos: set[str] = set()
    for literal in re.findall(r'"((?:[^"]|"")*)"', codigo):
        texto = literal.replace('""', '"')
        importados = set(re.findall(r"import\s+([A-Za-z_][\w.]*)", texto))
        for llamada in re.findall(r"([A-Za-z_][\w.]*)\.([A-Za-z_]\w*)\(", texto):
            modulo, nombre = llamada
            if modulo in importados or any(modulo.startswith(i + ".") for i in importados):
                objetivos.add(f"{modulo}.{nombre}")
    for modulo, nombre in re.findall(
            r'XLPy\.(?:Call|SetAttr)\(?\s*XLPy\.Module\("([\w.]+)"\)\s*,\s*"(\w+)"', codigo):
        objetivos.add(f"{modulo}.{nombre}")
    return sorted(objetivos)
