"""Long-session benchmark: does a kernel get slower or bigger with every cell?

Runs --cells cells of the form a notebook has when the user declares and shows (`int aN = N * 3;` then `aN + 1`,
one cell) in one session of each kernel, kernels one after the other on the same machine, and reports per kernel:
  early        median round trip of cells 11-30 (execute_request sent until its reply and idle status arrived)
  late         median round trip of the last 20 cells
  late/early   the slow-down over the session (1.0 = flat)
  heap         bytes in use after a full GC, measured by a cell after cell 30 and after the last cell (in one
               snippet, so no compilation runs between the collection and the reading), and the growth per 1,000
               cells between the two
  heap slope   the growth per 1,000 cells fitted (least squares) to the heap measured after cells 30, 130, 230, ...
               and the last: ParaLab renews javac's contexts every 200 snippets, so its heap is a saw-tooth of a few
               MB over ~100 cells, and two readings alone can land on different teeth
  rss          resident memory of the kernel JVM after the last cell (the largest JVM in the kernel's process tree:
               stock JJava's launcher starts its kernel JVM as a child)
With --mixed every other cell shows a method call (`Math.max(aN, 1)`), which JShell compiles the long way.

Stock JJava is measured when its kernelspec is named with --jjava (e.g. `--jjava java` with
JUPYTER_PATH=/work/jjava-stock/jupyter): each figure is then also given as ParaLab's / stock JJava's.

    JUPYTER_PATH=/work/jjava-stock/jupyter PARALAB_JAVA=$JAVA_HOME/bin/java PARALAB_JAR=$PWD/target/paralab.jar \\
        build/venv/bin/python src/test/python/bench_kernel_session.py --cells 1000 --jjava java
"""

import argparse
import json
import os
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paralab_harness import install_kernelspec  # noqa: E402

TIMEOUT = 120
# one snippet: JShell compiles a cell's snippets one by one, so a separate snippet after the collection would count
# the compiler's garbage from compiling it (megabytes, more with every declaration in effect)
HEAP_CELL = ("((java.util.function.LongSupplier) () -> {\n"
             "    System.gc();\n"
             "    try { Thread.sleep(200); } catch (InterruptedException e) { throw new IllegalStateException(e); }\n"
             "    System.gc();\n"
             "    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();\n"
             "}).getAsLong()")


def run_cell(kc, code):
    """Runs `code`; returns (seconds until its reply and idle status, text/plain result or None)."""
    start = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{code!r} failed: {reply['content']}")
    result = None
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            result = msg["content"]["data"]["text/plain"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return time.perf_counter() - start, result


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    children.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
            except OSError:
                pass
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def rss_bytes(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def heap_in_use(kc):
    _, text = run_cell(kc, HEAP_CELL)
    return int(text.strip().rstrip("L"))


def session(name, cells, mixed):
    km, kc = start_new_kernel(kernel_name=name, startup_timeout=TIMEOUT)
    try:
        times = []
        heap_early = None
        heap_points = []
        for n in range(1, cells + 1):
            show = f"Math.max(a{n}, 1)" if mixed and n % 2 == 0 else f"a{n} + 1"
            elapsed, result = run_cell(kc, f"int a{n} = {n} * 3;\n{show}")
            if result is None or int(result) != (n * 3 if mixed and n % 2 == 0 else n * 3 + 1):
                raise RuntimeError(f"{name}: cell {n} showed {result!r}")
            times.append(elapsed)
            if n % 100 == 30 and n < cells:
                heap_points.append((n, heap_in_use(kc)))
                if n == 30:
                    heap_early = heap_points[0][1]
        heap_late = heap_in_use(kc)
        heap_points.append((cells, heap_late))
        rss = max(rss_bytes(p) for p in descendants(km.provisioner.process.pid))
        return {"times": times, "heap_early": heap_early, "heap_late": heap_late, "heap_points": heap_points,
                "rss": rss}
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def figures(sample, cells):
    early = statistics.median(sample["times"][10:30])
    late = statistics.median(sample["times"][-20:])
    growth = (sample["heap_late"] - sample["heap_early"]) / max(1, cells - 30) * 1000
    xs, ys = zip(*sample["heap_points"])
    slope = statistics.linear_regression(xs, ys).slope * 1000 if len(xs) > 1 else growth
    return {"early_ms": early * 1000, "late_ms": late * 1000, "late_over_early": late / early,
            "heap_early_mb": sample["heap_early"] / 1e6, "heap_late_mb": sample["heap_late"] / 1e6,
            "heap_growth_mb_per_1000": growth / 1e6, "heap_slope_mb_per_1000": slope / 1e6,
            "rss_mb": sample["rss"] / 1e6}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cells", type=int, default=1000, help="cells per session (at least 60)")
    parser.add_argument("--mixed", action="store_true", help="every other cell shows a method call")
    parser.add_argument("--jjava", help="kernelspec name of stock JJava, to measure it too")
    parser.add_argument("--without-paralab", action="store_true", help="measure only stock JJava")
    parser.add_argument("--json", help="file to save the raw samples to")
    args = parser.parse_args()
    if args.cells < 60:
        parser.error("--cells must be at least 60")

    install_kernelspec()
    kernels = ([] if args.without_paralab else ["paralab"]) + ([args.jjava] if args.jjava else [])
    columns = ("early_ms", "late_ms", "late_over_early", "heap_early_mb", "heap_late_mb", "heap_growth_mb_per_1000",
               "heap_slope_mb_per_1000", "rss_mb")
    print(f"cpus: {os.cpu_count()}  cells: {args.cells}{'  (mixed)' if args.mixed else ''}"
          f"  load average at the start: {os.getloadavg()[0]:.2f}")
    print(f"{'kernel':10} " + " ".join(f"{c:>24}" for c in columns))
    samples, results = {}, {}
    for name in kernels:                      # each kernel's line as soon as its session ended
        samples[name] = session(name, args.cells, args.mixed)
        results[name] = figures(samples[name], args.cells)
        print(f"{name:10} " + " ".join(f"{results[name][c]:24.2f}" for c in columns)
              + f"   (load average {os.getloadavg()[0]:.2f})", flush=True)
    if args.jjava and not args.without_paralab:
        ours, stock = results["paralab"], results[args.jjava]
        print(f"{'ratio':10} " + " ".join(f"{ours[c] / stock[c]:24.2f}" if stock[c] else f"{'-':>24}"
                                          for c in columns))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"samples": samples, "results": results}, f, indent=2)


if __name__ == "__main__":
    main()
