"""Process-pool speed from a kernel cell: ParaLab's ProcessPool.map against Python's multiprocessing Pool.map,
measured in the same run.

Workload: 10,000 tiny tasks (`x -> (long) x * x`, in Python `x * x`), chunk size 1, 2 workers, a pool started and
warmed up before the timed runs. The Java map runs in a ParaLab kernel cell (the lambda is a new cell's class each
time, shipped to the workers; cell variables travel with each map) and is timed by the cell around the map call alone,
inside one statement (the evaluation of the cell's other statements is not the map's); the Python map runs in this process
and is timed around `Pool.map` alone. Runs alternate (Java, Python,
Java, ...) so both see the same machine load. Prints the median and quartiles of each and the speed-up
(Python's time / Java's time) with the quartiles of the per-pair ratios.

    PARALAB_JAVA=$JAVA_HOME/bin/java PARALAB_JAR=$PWD/target/paralab.jar \\
        build/venv/bin/python src/test/python/bench_pool_map.py --runs 21 --warmup 30
"""

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paralab_harness import KernelSession, stream_text  # noqa: E402

ITEMS = 10_000
SETUP = ("var benchPool = ProcessPool.of(2);\n"
         f"var benchItems = java.util.stream.IntStream.range(0, {ITEMS}).boxed().toList();\n"
         "for (int i = 0; i < {warmup}; i++) benchPool.map(x -> (long) x * x, benchItems, 1);")
# One block, so one JShell snippet: the kernel evaluates (compiles, loads, runs) each top-level statement of a cell
# when it reaches it (15-50 ms each here), so a clock read in one statement and again in a later one would time that too.
TIMED = ("long benchNanos;\n"
         "{\n"
         "    long start = System.nanoTime();\n"
         "    var result = benchPool.map(x -> (long) x * x, benchItems, 1);\n"
         "    benchNanos = System.nanoTime() - start;\n"
         "    if (result.get(9_999) != 9_999L * 9_999) throw new AssertionError(result.get(9_999));\n"
         "}\n"
         "System.out.println(benchNanos);")


def square(x):
    return x * x


def quartiles(samples):
    q = statistics.quantiles(sorted(samples), n=4, method="inclusive")
    return {"median": statistics.median(samples), "q1": q[0], "q3": q[2], "min": min(samples), "max": max(samples),
            "n": len(samples)}


def java_map_seconds(k):
    reply, outputs = k.execute(TIMED, timeout=120)
    if reply["status"] != "ok":
        raise RuntimeError(f"the timed cell failed: {reply}")
    return int(stream_text(outputs).strip()) / 1e9


def python_map_seconds(pool, items):
    start = time.perf_counter()
    result = pool.map(square, items, chunksize=1)
    elapsed = time.perf_counter() - start
    assert result[-1] == (ITEMS - 1) ** 2
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21, help="timed maps per side")
    parser.add_argument("--warmup", type=int, default=30, help="untimed maps per side before the timed ones")
    parser.add_argument("--json", help="file to save the raw samples to")
    args = parser.parse_args()

    items = list(range(ITEMS))
    java, python = [], []
    with KernelSession() as k, multiprocessing.get_context("spawn").Pool(2) as pool:
        reply, outputs = k.execute(SETUP.replace("{warmup}", str(args.warmup)), timeout=600)
        if reply["status"] != "ok":
            raise RuntimeError(f"the set-up cell failed: {outputs}")
        for _ in range(args.warmup):
            python_map_seconds(pool, items)
        for _ in range(args.runs):
            java.append(java_map_seconds(k))
            python.append(python_map_seconds(pool, items))
        k.execute("benchPool.close();", timeout=60)
    ratios = [p / j for p, j in zip(python, java)]
    print(f"cpus: {os.cpu_count()}  load average: {os.getloadavg()[0]:.2f}  runs: {args.runs}  warm-up: {args.warmup}")
    for name, samples, scale, unit in (("ParaLab kernel cell, ProcessPool.map", java, 1000, "ms"),
                                       ("Python multiprocessing Pool.map", python, 1000, "ms"),
                                       ("speed-up (Python time / Java time)", ratios, 1, "x")):
        s = quartiles(samples)
        print(f"{name:40} median {s['median'] * scale:8.2f} {unit}  quartiles {s['q1'] * scale:8.2f} .. "
              f"{s['q3'] * scale:8.2f}  range {s['min'] * scale:8.2f} .. {s['max'] * scale:8.2f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"java_seconds": java, "python_seconds": python, "ratios": ratios}, f, indent=2)


if __name__ == "__main__":
    main()
