"""Benchmark of `apoyo` at Excel's row limit (issue 5), in one command.

Run from the project folder, with the ``bench`` extra installed (``pip install -e '.[bench]'``)::

    .venv/bin/python bench/run.py                                  # 100,000 and 1,048,575 rows
    .venv/bin/python bench/run.py --filas 10000 100000 300000 1048575 --grafica docs/img/rendimiento.png

For each size it generates (once; cached in ``bench/out/``, git-ignored) a realistic submission
with ``apoyo ejemplo --filas N --semilla 2018`` (fictitious people, one planted fault every 97
rows: about 1 %; ages are computed at the day of generation), then measures, each as its own
process, `--repeticiones` times (default 3), and reports the median wall time and the peak RSS
(``os.wait4``'s ``ru_maxrss`` of that process; the highest of the runs):

(a) the floor: python-calamine alone loads the sheet and iterates its rows
    (``CalamineWorkbook.from_path(p).get_sheet_by_index(0).iter_rows()``);
(b) ``apoyo validar FILE --salida DIR`` end to end (read, check, JSON report, marked copy);
(c) ``apoyo exportar FILE --salida DIR`` (the DERFE file and the rejects file);
(d) ``frictionless`` validating the same sheet against an equivalent Table Schema (the same
    patterns, required fields and unique identifiers; every error collected). It takes about
    three minutes a run at 1,048,575 rows: ``--repeticiones-frictionless 1`` for a quicker look.

Before each run it waits (``--calma``, up to 900 s) until other processes leave the CPUs idle:
on a shared machine the timings would otherwise be those of whoever else is working. The CPU
time of each run (user + system, all its threads) is recorded too. Ratios b/a and d/b, the
machine and the load average are printed as a table and written to
``bench/out/resultados.json``. Targets at 1,048,575 rows: b/a <= 2.5, d/b >= 10, peak RSS of
(b) <= 1.5 GB, (c) <= (b).

Profiling: ``bench/run.py --perfil validar --filas 100000`` runs one command in this process
under cProfile and prints the 30 most expensive functions (own time).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CARPETA = Path(__file__).resolve().parent
RAIZ = CARPETA.parent
SEMILLA = 2018
OBJETIVOS = {"b/a": 2.5, "d/b": 10.0, "rss_b_mb": 1500.0}
_MB = 1_000_000


# ---- the measured programs (run as `python bench/run.py _calamine FILE` etc.) ----------------


def _calamine(ruta: str) -> None:
    """(a): load the first sheet with python-calamine and build every row as Python objects."""
    import python_calamine as pc

    hoja = pc.CalamineWorkbook.from_path(ruta).get_sheet_by_index(0)
    filas = 0
    for _ in hoja.iter_rows():
        filas += 1
    print(filas)


def esquema_frictionless() -> dict[str, Any]:
    """The Table Schema equivalent to the checker's field rules (what Table Schema can say)."""
    from apoyo.schema import CAMPOS, COLUMNA_RESULTADO, ETIQUETAS

    nombre = r"[A-ZÑ][A-ZÑ'.\-]*( [A-ZÑ'.\-]+)*"
    reglas: dict[str, dict[str, Any]] = {
        "clave_estado": {"required": True, "pattern": "0[1-9]|[12][0-9]|3[0-2]"},
        "seccion": {"required": True, "pattern": "[1-9][0-9]{0,3}"},
        "nombre": {"required": True, "pattern": nombre},
        "apellido_paterno": {"pattern": nombre},
        "apellido_materno": {"pattern": nombre},
        "clave_elector": {"required": True, "unique": True,
                          "pattern": "[A-Z]{6}[0-9]{6}(0[1-9]|[12][0-9]|3[0-2])[HMX][0-9]{3}"},
        "ocr": {"unique": True, "pattern": "[0-9]{13}"},
        "cic": {"unique": True, "pattern": "[0-9]{9}"},
    }
    campos = [{"name": ETIQUETAS[c], "type": "string", "constraints": reglas[c]} for c in CAMPOS]
    campos.append({"name": COLUMNA_RESULTADO, "type": "string"})
    return {"fields": campos}


def _frictionless(ruta: str) -> None:
    """(d): frictionless validates the `Apoyos` sheet, collecting every error."""
    from frictionless import Dialect, Resource, Schema, system

    with system.use_context(trusted=True):  # else an absolute path is refused as "not safe"
        recurso = Resource(
            path=ruta, format="xlsx", schema=Schema.from_descriptor(esquema_frictionless()),
            dialect=Dialect.from_descriptor({"controls": [{"type": "excel", "sheet": "Apoyos"}]}),
        )
        informe = recurso.validate(limit_errors=10**9)
    tarea = informe.tasks[0]
    if not tarea.stats.get("rows"):  # the file was not read: the measurement would be void
        raise SystemExit(f"frictionless no leyó el archivo: {tarea.errors[:1]}")
    print(json.dumps({"filas": tarea.stats.get("rows"), "errores": len(tarea.errors)}))


# ---- measuring -----------------------------------------------------------------------------


def _apoyo() -> list[str]:
    script = Path(sys.executable).with_name("apoyo")
    return [str(script)] if script.exists() else [sys.executable, "-m", "apoyo"]


def ocupacion(segundos: float = 2.0) -> float:
    """Fraction of the machine's CPU time busy over `segundos` (from /proc/stat; 0 if
    unavailable). Measured while this script sleeps: it is other processes' load."""
    def muestra() -> tuple[int, int]:
        campos = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        inactivo = campos[3] + (campos[4] if len(campos) > 4 else 0)  # idle + iowait
        return sum(campos[:8]), inactivo
    try:
        total0, inactivo0 = muestra()
        time.sleep(segundos)
        total1, inactivo1 = muestra()
    except (OSError, ValueError, IndexError):
        return 0.0
    total = max(total1 - total0, 1)
    return 1 - (inactivo1 - inactivo0) / total


def esperar_calma(maximo: float, umbral: float = 0.10) -> float:
    """Wait (up to `maximo` seconds) until other processes leave the CPUs idle: timings on a
    shared machine are otherwise those of whoever else runs. Returns the last busy fraction."""
    limite = time.monotonic() + maximo
    ocupada = ocupacion()
    avisado = False
    while ocupada > umbral and time.monotonic() < limite:
        if not avisado:
            print(f"  (esperando a que la máquina se desocupe: {ocupada:.0%} ocupada)", flush=True)
            avisado = True
        ocupada = ocupacion(5.0)
    return ocupada


def medir(orden: list[str], codigos: tuple[int, ...] = (0,),
          calma: float = 0.0) -> tuple[float, float, float, float]:
    """Run `orden` as a child process; return (wall seconds, CPU seconds, peak RSS in MB,
    busy fraction of the machine just before). With `calma`, first wait up to that many
    seconds for the machine to be idle (`esperar_calma`)."""
    ocupada = esperar_calma(calma) if calma > 0 else 0.0
    inicio = time.perf_counter()
    proceso = subprocess.Popen(orden, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               cwd=RAIZ)
    _, estado, uso = os.wait4(proceso.pid, 0)
    segundos = time.perf_counter() - inicio
    proceso.returncode = os.waitstatus_to_exitcode(estado)
    error = proceso.stderr.read().decode("utf-8", "replace") if proceso.stderr else ""
    if proceso.stderr:
        proceso.stderr.close()
    if proceso.returncode not in codigos:
        raise SystemExit(f"falló ({proceso.returncode}): {' '.join(orden)}\n{error}")
    # ru_maxrss is in KiB on Linux; CPU: user + system of the process and its threads
    return segundos, uso.ru_utime + uso.ru_stime, uso.ru_maxrss * 1024 / _MB, ocupada


def generar(filas: int, carpeta: Path) -> Path:
    """The cached submission of `filas` rows (generated with `apoyo ejemplo` if missing)."""
    ruta = carpeta / f"apoyos_{filas}_s{SEMILLA}.xlsx"
    if not ruta.exists():
        print(f"Generando {ruta.name} ({filas:,} filas; 1,048,575 tardan unos minutos)...",
              flush=True)
        subprocess.run([*_apoyo(), "ejemplo", "--filas", str(filas), "--semilla", str(SEMILLA),
                        "--salida", str(ruta)], check=True, stdout=subprocess.DEVNULL, cwd=RAIZ)
    return ruta


def medir_tamano(filas: int, ruta: Path, repeticiones: int, rep_frictionless: int,
                 con_frictionless: bool, calma: float = 0.0) -> dict[str, Any]:
    """Measure (a)-(d) on one file, interleaving the programs run by run."""
    yo = [sys.executable, str(Path(__file__).resolve())]
    programas: dict[str, tuple[list[str], tuple[int, ...]]] = {}
    with tempfile.TemporaryDirectory(prefix="apoyo-bench-") as tmp:
        programas = {
            "a": ([*yo, "_calamine", str(ruta)], (0,)),
            "b": ([*_apoyo(), "validar", str(ruta), "--salida", tmp], (0, 1)),
            "c": ([*_apoyo(), "exportar", str(ruta), "--salida", tmp], (0, 1)),
        }
        if con_frictionless:
            programas["d"] = ([*yo, "_frictionless", str(ruta)], (0,))
        tiempos: dict[str, list[float]] = {k: [] for k in programas}
        cpus: dict[str, list[float]] = {k: [] for k in programas}
        memorias: dict[str, list[float]] = {k: [] for k in programas}
        ocupaciones: dict[str, list[float]] = {k: [] for k in programas}
        for vuelta in range(max(repeticiones, rep_frictionless)):
            for clave, (orden, codigos) in programas.items():
                veces = rep_frictionless if clave == "d" else repeticiones
                if vuelta >= veces:
                    continue
                segundos, cpu, rss, ocupada = medir(orden, codigos, calma)
                tiempos[clave].append(segundos)
                cpus[clave].append(cpu)
                memorias[clave].append(rss)
                ocupaciones[clave].append(ocupada)
                print(f"  {filas:>9,} ({clave}) vuelta {vuelta + 1}: {segundos:7.2f} s "
                      f"(CPU {cpu:6.2f} s) {rss:7.0f} MB", flush=True)
    salida: dict[str, Any] = {"archivo": ruta.name, "bytes": ruta.stat().st_size}
    for clave in programas:
        salida[clave] = {
            "mediana_s": round(statistics.median(tiempos[clave]), 3),
            "tiempos_s": [round(t, 3) for t in tiempos[clave]],
            "cpu_mediana_s": round(statistics.median(cpus[clave]), 3),
            "rss_max_mb": round(max(memorias[clave]), 1),
            "ocupacion_previa": [round(o, 3) for o in ocupaciones[clave]],
        }
    a, b = salida["a"]["mediana_s"], salida["b"]["mediana_s"]
    salida["b/a"] = round(b / a, 2)
    if "d" in salida:
        salida["d/b"] = round(salida["d"]["mediana_s"] / b, 1)
    return salida


def maquina() -> dict[str, Any]:
    modelo = ""
    try:
        for linea in Path("/proc/cpuinfo").read_text().splitlines():
            if linea.startswith("model name"):
                modelo = linea.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memoria = 0
    try:
        for linea in Path("/proc/meminfo").read_text().splitlines():
            if linea.startswith("MemTotal:"):
                memoria = int(linea.split()[1]) * 1024
    except OSError:
        pass
    from importlib.metadata import version

    versiones = {}
    for paquete in ("apoyo-ciudadano", "python-calamine", "xlsxwriter", "zlib-ng", "frictionless"):
        try:
            versiones[paquete] = version(paquete)
        except Exception:  # noqa: BLE001 - not installed
            versiones[paquete] = None
    return {
        "nproc": os.cpu_count(), "cpu": modelo, "memoria_gb": round(memoria / 1024**3, 1),
        "python": platform.python_version(), "sistema": platform.platform(),
        "versiones": versiones,
    }


def tabla(resultados: dict[str, Any]) -> str:
    cab = (f"{'filas':>10} | {'(a) calamine':>14} | {'(b) validar':>14} | {'(c) exportar':>14} | "
           f"{'(d) frictionless':>16} | {'b/a':>5} | {'d/b':>5}")
    lineas = [cab, "-" * len(cab)]
    for filas, r in resultados["tamanos"].items():
        def celda(clave: str, ancho: int) -> str:
            if clave not in r:
                return f"{'—':>{ancho}}"
            return f"{r[clave]['mediana_s']:7.2f} s {r[clave]['rss_max_mb']:4.0f} MB".rjust(ancho)
        lineas.append(f"{int(filas):>10,} | {celda('a', 14)} | {celda('b', 14)} | "
                      f"{celda('c', 14)} | {celda('d', 16)} | {r['b/a']:>5} | "
                      f"{r.get('d/b', '—'):>5}")
    return "\n".join(lineas)


def tabla_markdown(resultados: dict[str, Any]) -> str:
    """The results as the Markdown table of ``docs/rendimiento.md`` (median seconds, peak MB)."""
    lineas = ["| filas | (a) calamine | (b) `apoyo validar` | (c) `apoyo exportar` | "
              "(d) frictionless | b/a | d/b |", "|---:|---:|---:|---:|---:|---:|---:|"]
    for filas, r in sorted(resultados["tamanos"].items(), key=lambda kv: int(kv[0])):
        def celda(clave: str) -> str:
            if clave not in r:
                return "—"
            return f"{r[clave]['mediana_s']:.2f} s · {r[clave]['rss_max_mb']:,.0f} MB"
        lineas.append(f"| {int(filas):,} | {celda('a')} | {celda('b')} | {celda('c')} | "
                      f"{celda('d')} | {r['b/a']:.2f} | "
                      f"{r['d/b'] if 'd/b' in r else '—'} |")
    return "\n".join(lineas)


def objetivos(resultados: dict[str, Any]) -> list[str]:
    """The targets of issue 5 at the largest size measured."""
    filas, r = max(resultados["tamanos"].items(), key=lambda kv: int(kv[0]))
    lineas = [f"Objetivos a {int(filas):,} filas:"]
    lineas.append(f"  b/a = {r['b/a']} <= 2.5: {'sí' if r['b/a'] <= OBJETIVOS['b/a'] else 'NO'}")
    if "d/b" in r:
        lineas.append(f"  d/b = {r['d/b']} >= 10: {'sí' if r['d/b'] >= OBJETIVOS['d/b'] else 'NO'}")
    rss = r["b"]["rss_max_mb"]
    lineas.append(f"  RSS de (b) = {rss:.0f} MB <= 1500 MB: "
                  f"{'sí' if rss <= OBJETIVOS['rss_b_mb'] else 'NO'}")
    c, b = r["c"]["mediana_s"], r["b"]["mediana_s"]
    lineas.append(f"  (c) = {c:.2f} s <= (b) = {b:.2f} s: {'sí' if c <= b else 'NO'}")
    return lineas


def grafica(resultados: dict[str, Any], destino: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tamanos = sorted(resultados["tamanos"].items(), key=lambda kv: int(kv[0]))
    fig, ax = plt.subplots(figsize=(7.5, 4.8), dpi=120)
    series = [("d", "(d) frictionless validate", "tab:red", "s"),
              ("b", "(b) apoyo validar", "tab:blue", "o"),
              ("c", "(c) apoyo exportar", "tab:cyan", "v"),
              ("a", "(a) python-calamine, solo lectura", "tab:gray", "^")]
    for clave, etiqueta, color, marca in series:
        puntos = [(int(n), r[clave]["mediana_s"]) for n, r in tamanos if clave in r]
        if not puntos:
            continue
        x, y = zip(*puntos)
        ax.plot(x, y, marker=marca, color=color, label=etiqueta,
                linestyle="--" if clave == "c" else "-")
        if clave in ("a", "b", "d"):
            ax.annotate(f"{y[-1]:.1f} s", (x[-1], y[-1]), textcoords="offset points",
                        xytext=(-8, 6), ha="right", fontsize=8, color=color)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks([int(n) for n, _ in tamanos])
    ax.set_xticklabels([f"{int(n):,}" for n, _ in tamanos], fontsize=8)
    ax.set_xlabel("filas de la entrega (≈1 % con errores)")
    ax.set_ylabel("tiempo de pared, mediana (s)")
    ax.set_title(f"Tiempo contra filas ({resultados['maquina']['nproc']} núcleos, "
                 f"Python {resultados['maquina']['python']})", fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    destino.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(destino)
    print(f"Gráfica: {destino}")


def perfil(comando: str, ruta: Path) -> None:
    """Run `apoyo validar|exportar` on `ruta` under cProfile (in this process)."""
    import cProfile
    import pstats

    from apoyo.cli import main

    with tempfile.TemporaryDirectory(prefix="apoyo-perfil-") as tmp:
        sys.argv = ["apoyo", comando, str(ruta), "--salida", tmp]
        perfilador = cProfile.Profile()
        try:
            perfilador.runcall(main)
        except SystemExit:
            pass
    pstats.Stats(perfilador).sort_stats("tottime").print_stats(30)


def principal() -> None:
    if len(sys.argv) == 3 and sys.argv[1] in ("_calamine", "_frictionless"):
        (_calamine if sys.argv[1] == "_calamine" else _frictionless)(sys.argv[2])
        return
    args = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    args.add_argument("--filas", type=int, nargs="+", default=[100_000, 1_048_575])
    args.add_argument("--repeticiones", type=int, default=3)
    args.add_argument("--repeticiones-frictionless", type=int, default=None,
                      help="por omisión, las mismas que --repeticiones")
    args.add_argument("--sin-frictionless", action="store_true")
    args.add_argument("--salida", type=Path, default=CARPETA / "out")
    args.add_argument("--grafica", type=Path, default=None, help="PNG de tiempo contra filas")
    args.add_argument("--perfil", choices=("validar", "exportar"), default=None)
    args.add_argument("--calma", type=float, default=900.0,
                      help="segundos que, antes de cada medición, se espera a que otros procesos "
                      "dejen la máquina desocupada (0: no esperar)")
    opciones = args.parse_args()
    opciones.salida.mkdir(parents=True, exist_ok=True)
    if opciones.perfil:
        perfil(opciones.perfil, generar(opciones.filas[0], opciones.salida))
        return
    con_frictionless = not opciones.sin_frictionless
    if con_frictionless and not _hay_frictionless():
        raise SystemExit("Falta frictionless: pip install -e '.[bench]' (o use --sin-frictionless)")
    resultados: dict[str, Any] = {
        "comando": " ".join([Path(sys.executable).name, "bench/run.py", *sys.argv[1:]]),
        "fecha": time.strftime("%Y-%m-%d %H:%M:%S"),
        "maquina": maquina(),
        "carga_inicial": os.getloadavg(),
        "repeticiones": opciones.repeticiones,
        "tamanos": {},
    }
    if resultados["carga_inicial"][0] > 0.5:
        print(f"Aviso: la máquina está ocupada (carga {resultados['carga_inicial'][0]:.2f}); "
              "los tiempos saldrán más altos.", flush=True)
    rutas = {n: generar(n, opciones.salida) for n in opciones.filas}
    for filas in opciones.filas:
        rep_f = opciones.repeticiones_frictionless or opciones.repeticiones
        print(f"Midiendo {filas:,} filas...", flush=True)
        resultados["tamanos"][str(filas)] = medir_tamano(
            filas, rutas[filas], opciones.repeticiones, rep_f, con_frictionless, opciones.calma)
        resultados["tamanos"][str(filas)]["repeticiones_frictionless"] = (
            rep_f if con_frictionless else 0)
    resultados["carga_final"] = os.getloadavg()
    destino = opciones.salida / "resultados.json"
    destino.write_text(json.dumps(resultados, indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    print()
    print(tabla(resultados))
    print()
    print("\n".join(objetivos(resultados)))
    (opciones.salida / "tabla.md").write_text(tabla_markdown(resultados) + "\n",
                                               encoding="utf-8")
    print(f"\nResultados: {destino} (tabla en Markdown: {opciones.salida / 'tabla.md'})")
    if opciones.grafica:
        grafica(resultados, opciones.grafica)


def _hay_frictionless() -> bool:
    try:
        import frictionless  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    principal()
