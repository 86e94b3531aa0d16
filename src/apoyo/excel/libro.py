"""What differs between the places an xlwings ``Book`` can come from.

* **Desktop Excel** (``RunPython`` on Windows through COM, on macOS through AppleScript): every
  call is a round trip; sheet protection and cell notes are available through ``.api``.
* **Remote engine** (``xw.Book(json=payload)``): the book is a snapshot sent by a client —
  ``"VBA"`` (``RunRemotePython`` against xlwings Server) or ``"Office.js"`` (xlwings Lite,
  xlwings Server's task pane) — and every write becomes an *action* the client applies
  afterwards. It cannot read fills, cannot (un)protect sheets, and only Office.js clients that
  report ``notes_supported`` can add notes. The VBA client's ``setRangeColor`` cannot remove a
  fill (it converts the colour with ``HexToRgb``, which fails on null), so for that client "no
  fill" is written as white.

Nothing here logs or shows cell values.

>>> celda_a1("$G$15"), celda_a1("Apoyos!B2"), celda_a1("'Mi hoja'!AA10:AA12")
((15, 7), (2, 2), (10, 27))
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

#: Fill used instead of "no fill" for the remote VBA client (see the module docstring).
BLANCO = "#FFFFFF"


class HojaBloqueada(Exception):
    """The data sheet is protected with a password, so the checker cannot write its marks.

    Args:
        hoja: the sheet's name.
    """

    def __init__(self, hoja: str) -> None:
        super().__init__(hoja)
        self.hoja = hoja
        self.mensaje = (f"La hoja «{hoja}» está protegida con contraseña y el verificador no "
                        "puede escribir en ella.")
        self.remedio = ("Desprotéjala (Revisar > Desproteger hoja, con su contraseña) y vuelva "
                        "a hacer clic en Validar; el verificador la vuelve a proteger sin "
                        "contraseña al terminar. La plantilla oficial no usa contraseña.")


def es_remoto(book: Any) -> bool:
    """True for a book of xlwings' remote engine (its ``api`` is the client's JSON payload)."""
    return isinstance(book.api, dict)


def cliente(book: Any) -> str:
    """"VBA", "Office.js"... for a remote book; "escritorio" for desktop Excel."""
    return str(book.api.get("client", "")) if es_remoto(book) else "escritorio"


def sin_relleno(book: Any) -> str | None:
    """The value that removes a fill with this client (None, or white for remote VBA)."""
    return BLANCO if cliente(book) == "VBA" else None


def celda_a1(direccion: str) -> tuple[int, int]:
    """Row and column (1-based) of the first cell of an A1 address (sheet prefix and $
    allowed).

    Raises:
        ValueError: not an A1 address.
    """
    texto = direccion.rsplit("!", 1)[-1].split(":", 1)[0].replace("$", "").upper()
    m = re.fullmatch(r"([A-Z]{1,3})([0-9]{1,7})", texto)
    if not m:
        raise ValueError(f"not an A1 address: {direccion!r}")
    columna = 0
    for letra in m.group(1):
        columna = columna * 26 + ord(letra) - 64
    return int(m.group(2)), columna


# ---- notes ------------------------------------------------------------------------------------


def motivo_sin_notas(book: Any, sheet: Any) -> str | None:
    """Why notes cannot be added to `sheet` (a Spanish sentence), or None if they can.

    Desktop Excel: always possible (the sheet is unprotected around the writes). Remote
    engine: only for Office.js clients that send ``notes_supported: true`` and the sheet's
    notes, and not on a workbook made from the protected template (the template forbids
    editing objects, notes included, and an add-in on the web cannot unprotect it).
    """
    if not es_remoto(book):
        return None
    if cliente(book) != "Office.js":
        return ("no disponibles con este cliente de Excel; el detalle de cada fila está en la "
                "columna Resultado")
    if sheet.api.get("notes_supported") is not True or sheet.api.get("notes") is None:
        return ("esta versión de Excel no permite notas desde un complemento; el detalle de "
                "cada fila está en la columna Resultado")
    nombres = {str(n.get("name", "")).rsplit("!", 1)[-1].upper()
               for n in book.api.get("names") or []}
    if "VERSION_PLANTILLA" in nombres:
        return ("no se agregan en la plantilla oficial desde Excel para la web (la hoja está "
                "protegida); el detalle de cada fila está en la columna Resultado")
    return None


def borrar_notas(sheet: Any, bloques: Sequence[tuple[int, int, int, int]]) -> int:
    """Delete the notes inside `bloques` (``(row1, col1, row2, col2)``, 1-based, inclusive).

    Desktop: one ``ClearComments`` per block (Windows) or ``clear Excel comments`` (macOS).
    Remote: one ``deleteNote`` per existing note inside a block (the payload lists them).

    Returns:
        The number of calls made.
    """
    if not bloques:
        return 0
    if es_remoto(sheet.book):
        llamadas = 0
        for entrada in list(sheet.api.get("notes") or []):
            try:
                fila, col = celda_a1(str(entrada.get("address", "")))
            except ValueError:
                continue
            if any(f1 <= fila <= f2 and c1 <= col <= c2 for f1, c1, f2, c2 in bloques):
                nota = sheet.range((fila, col)).note
                if nota is not None:
                    nota.delete()
                    llamadas += 1
        return llamadas
    for f1, c1, f2, c2 in bloques:
        rango = sheet.range((f1, c1), (f2, c2)).api
        if sys.platform == "darwin":
            rango.clear_Excel_comments()
        else:
            rango.ClearComments()
    return len(bloques)


# ---- protection (desktop only) ---------------------------------------------------------------

# Windows COM names of the protection options, read from Worksheet.Protection and passed back
# to Worksheet.Protect.
_OPCIONES_WIN = (
    "AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows",
    "AllowInsertingColumns", "AllowInsertingRows", "AllowInsertingHyperlinks",
    "AllowDeletingColumns", "AllowDeletingRows", "AllowSorting", "AllowFiltering",
    "AllowUsingPivotTables",
)
# AppleScript (appscript) names of the same options: "AllowFormattingCells" -> allow_formatting_cells.
_OPCIONES_MAC = tuple(re.sub(r"(?<!^)([A-Z])", r"_\1", n).lower() for n in _OPCIONES_WIN)


def _opciones_plantilla_win() -> dict[str, bool]:
    """The template's protection of sheet Apoyos in COM names (fallback when unreadable)."""
    from apoyo.template import PROTECCION_APOYOS as P

    return {
        "DrawingObjects": not P["objects"], "Contents": True, "Scenarios": not P["scenarios"],
        "AllowFormattingCells": P["format_cells"], "AllowFormattingColumns": P["format_columns"],
        "AllowFormattingRows": P["format_rows"], "AllowInsertingColumns": P["insert_columns"],
        "AllowInsertingRows": P["insert_rows"],
        "AllowInsertingHyperlinks": P["insert_hyperlinks"],
        "AllowDeletingColumns": P["delete_columns"], "AllowDeletingRows": P["delete_rows"],
        "AllowSorting": P["sort"], "AllowFiltering": P["autofilter"],
        "AllowUsingPivotTables": P["pivot_tables"],
    }


def _leer_opciones_win(api: Any) -> dict[str, bool]:
    try:
        proteccion = api.Protection
        opciones = {"DrawingObjects": bool(api.ProtectDrawingObjects), "Contents": True,
                    "Scenarios": bool(api.ProtectScenarios)}
        opciones.update({n: bool(getattr(proteccion, n)) for n in _OPCIONES_WIN})
        return opciones
    except Exception:  # noqa: BLE001 - an old Excel without some option: use the template's
        return _opciones_plantilla_win()


def _leer_opciones_mac(api: Any) -> dict[str, bool]:
    base = _opciones_plantilla_win()
    opciones = {"drawing_objects": base["DrawingObjects"], "worksheet_contents": True,
                "scenarios": base["Scenarios"]}
    opciones.update({m: base[w] for w, m in zip(_OPCIONES_WIN, _OPCIONES_MAC)})
    lecturas = [("drawing_objects", lambda: api.protect_drawing_objects.get()),
                 ("scenarios", lambda: api.protect_scenarios.get())]
    lecturas += [(m, lambda m=m: getattr(api.protection, m).get()) for m in _OPCIONES_MAC]
    for clave, leer in lecturas:
        try:
            opciones[clave] = bool(leer())
        except Exception:  # noqa: BLE001, S112 - unreadable: keep the template's option
            continue
    return opciones


@contextmanager
def desprotegida(sheet: Any) -> Iterator[bool]:
    """Unprotect `sheet` for the duration of the block and protect it again afterwards, with
    the same options, without password.

    Desktop Excel only; on the remote engine (which cannot read or change protection) it does
    nothing: there, writes rely on what the template's protection allows (formatting cells,
    column I unlocked). Yields whether the sheet was protected.

    Raises:
        HojaBloqueada: the sheet has a password (Unprotect without one fails).
    """
    if es_remoto(sheet.book):
        yield False
        return
    api = sheet.api
    mac = sys.platform == "darwin"
    protegida = bool(api.protect_contents.get() if mac else api.ProtectContents)
    if not protegida:
        yield False
        return
    opciones = _leer_opciones_mac(api) if mac else _leer_opciones_win(api)
    try:
        api.unprotect() if mac else api.Unprotect()
    except Exception as exc:
        raise HojaBloqueada(sheet.name) from exc
    try:
        yield True
    finally:
        if mac:
            api.protect_worksheet(**opciones)
        else:
            api.Protect(**opciones)


@contextmanager
def pantalla_quieta(book: Any) -> Iterator[None]:
    """Turn off screen updating in desktop Excel during the block (no-op on the remote engine,
    whose VBA client has no such action)."""
    if es_remoto(book):
        yield
        return
    app = book.app
    try:
        app.screen_updating = False
    except Exception:  # noqa: BLE001 - not essential
        yield
        return
    try:
        yield
    finally:
        app.screen_updating = True
