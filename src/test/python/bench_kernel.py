"""Kernel speed benchmark: ParaLab versus the IPython kernel, measured in the same run.

For each kernel and each of --starts runs (kernels alternate, so both see the same machine load):
  start    time from launching the kernel process to the first `1+1` result (includes the JVM/JShell start)
  shutdown time from the shutdown request to the end of the kernel process
and, in one session per kernel after --warmup cells, --cells round trips of a trivial cell (`1+1`): execute_request
sent until the execute_reply and the idle status arrived, plus the kernel process's CPU time per such cell (a figure
that, unlike wall times, hardly depends on what else the machine runs); then --cells round trips of a value cell that
is a method call (`Math.max(1, 2)`, in Python `max(1, 2)`), which JShell compiles the long way.

Stock JJava is measured beside them when its kernelspec is named with --jjava (e.g. `--jjava java` with
JUPYTER_PATH=/work/jjava-stock/jupyter); every figure is also printed as a ratio to IPython's and to stock JJava's.

The interrupt guarantee has a price in cell code: ParaLab weaves a stop check into every loop of a cell. --loop
measures it: a tight loop (`spin`, 50 million iterations), defined in a cell, timed 9 times (after 3 untimed) in the
cell and in a ProcessPool worker JVM, which runs the cell's classes as compiled, without the checks; the ratio of the
medians is the cost.

Prints median, p95 and range per figure; --json FILE also saves the raw samples.

    JUPYTER_PATH=/work/jjava-stock/jupyter PARALAB_JAVA=$JAVA_HOME/bin/java PARALAB_JAR=$PWD/target/paralab.jar \
        build/venv/bin/python src/test/python/bench_kernel.py --starts 5 --cells 200 --jjava java --loop
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paralab_harness import install_kernelspec  # noqa: E402

TIMEOUT = 60
KERNELS = {"paralab": "1+1", "python3": "1+1"}
CALLS = {"paralab": "Math.max(1, 2)", "python3": "max(1, 2)"}    # a value cell that is a method call
SPIN = "long spin(long n) {\n    long s = 0;\n    for (long i = 0; i < n; i++) { s += i ^ (s >>> 3); }\n    return s;\n}"
TIME_SPIN = ("long[] spinRuns = new long[12];\n"
             "for (int r = 0; r < spinRuns.length; r++) {\n"
             "    long t0 = System.nanoTime(); spin(50_000_000L); spinRuns[r] = System.nanoTime() - t0;\n}\n"
             "long[] timed = Arrays.copyOfRange(spinRuns, 3, 12);\nArrays.sort(timed);\ntimed[4]")


def wait_for_result(kc, msg_id):
    """Blocks until the execute_result of `msg_id` (or its error) arrived on iopub."""
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] in ("execute_result", "error"):
            return msg


def wait_for_idle(kc, msg_id):
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return


def round_trip(kc, code):
    """Seconds from sending `code` to having both its reply and its idle status."""
    start = time.perf_counter()
    msg_id = kc.execute(code)
    while kc.get_shell_msg(timeout=TIMEOUT)["parent_header"].get("msg_id") != msg_id:
        pass
    wait_for_idle(kc, msg_id)
    return time.perf_counter() - start


def start_to_first_result(name, code):
    """Starts a kernel and runs `code`; returns (seconds to its result, manager, client)."""
    km = KernelManager(kernel_name=name)
    start = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        msg_id = kc.execute(code)
        result = wait_for_result(kc, msg_id)
        elapsed = time.perf_counter() - start
        if result["msg_type"] != "execute_result":
            raise RuntimeError(f"{name}: {code!r} failed: {result['content']}")
        wait_for_idle(kc, msg_id)
        return elapsed, km, kc
    except BaseException:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise


def shutdown_time(km, kc):
    """Seconds from the shutdown request until the kernel process has ended."""
    kc.stop_channels()
    process = km.provisioner.process
    start = time.perf_counter()
    km.request_shutdown()
    try:
        process.wait(timeout=3 * TIMEOUT)        # stock JJava takes long on a loaded machine
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    finally:
        km.cleanup_resources()
    return time.perf_counter() - start


def process_cpu_seconds(km):
    """utime + stime of the kernel process (all its threads), from /proc."""
    with open(f"/proc/{km.provisioner.process.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cell_value(kc, code):
    """Runs `code` and returns its text/plain result."""
    msg_id = kc.execute(code)
    result = wait_for_result(kc, msg_id)
    wait_for_idle(kc, msg_id)
    if result["msg_type"] != "execute_result":
        raise RuntimeError(f"{code!r} failed: {result['content']}")
    return result["content"]["data"]["text/plain"]


def loop_cost(kc):
    """Median seconds of the spin loop in the kernel's cell code and in a pool worker."""
    cell_value(kc, SPIN + "\n0")
    in_cell = int(cell_value(kc, TIME_SPIN)) / 1e9
    in_worker = int(cell_value(kc, "var loopPool = io.paralab.process.ProcessPool.of(1);\n"
                                   "long inWorker = loopPool.submit(() -> {\n"
                                   + TIME_SPIN.replace("timed[4]", "return timed[4];") + "\n}).get();\n"
                                   "loopPool.close();\ninWorker")) / 1e9
    return in_cell, in_worker


def summary(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"median": statistics.median(ordered), "p95": p95, "min": ordered[0], "max": ordered[-1],
            "n": len(ordered)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=5, help="kernel starts/shutdowns per kernel")
    parser.add_argument("--cells", type=int, default=200, help="timed trivial cells per kernel")
    parser.add_argument("--warmup", type=int, default=30, help="untimed cells before the timed ones")
    parser.add_argument("--jjava", help="kernelspec name of stock JJava, to measure it too")
    parser.add_argument("--loop", action="store_true", help="also measure the stop check's cost on a tight loop")
    parser.add_argument("--json", help="file to save the raw samples to")
    args = parser.parse_args()

    install_kernelspec()
    kernels = dict(KERNELS)
    calls = dict(CALLS)
    if args.jjava:
        kernels[args.jjava] = "1+1"
        calls[args.jjava] = "Math.max(1, 2)"
    samples = {name: {"start": [], "shutdown": [], "round_trip": [], "round_trip_call": [], "cpu_per_cell": 0.0}
               for name in kernels}
    loop = None
    for run in range(args.starts):
        for name, code in kernels.items():
            elapsed, km, kc = start_to_first_result(name, code)
            samples[name]["start"].append(elapsed)
            if run == 0:
                for _ in range(args.warmup):
                    round_trip(kc, code)
                cpu_before = process_cpu_seconds(km)
                samples[name]["round_trip"] = [round_trip(kc, code) for _ in range(args.cells)]
                samples[name]["cpu_per_cell"] = (process_cpu_seconds(km) - cpu_before) / args.cells
                samples[name]["round_trip_call"] = [round_trip(kc, calls[name]) for _ in range(args.cells)]
                if args.loop and name == "paralab":
                    loop = loop_cost(kc)
            samples[name]["shutdown"].append(shutdown_time(km, kc))

    print(f"cpus: {os.cpu_count()}  load average: {os.getloadavg()[0]:.2f}")
    peers = [p for p in ("python3", args.jjava) if p]
    print(f"{'kernel':10} {'figure':22} {'median':>9} {'p95':>9} {'min':>9} {'max':>9} {'n':>4}"
          + "".join(f" {'÷ ' + p:>10}" for p in peers))
    for name, figures in samples.items():
        for figure, unit, scale in (("start", "s", 1), ("round_trip", "ms", 1000), ("round_trip_call", "ms", 1000),
                                    ("shutdown", "s", 1)):
            s = summary(figures[figure])
            ratios = "".join(f" {s['median'] / statistics.median(samples[p][figure]):10.2f}" for p in peers)
            print(f"{name:10} {figure + ' (' + unit + ')':22} {s['median'] * scale:9.3f} {s['p95'] * scale:9.3f} "
                  f"{s['min'] * scale:9.3f} {s['max'] * scale:9.3f} {s['n']:4d}{ratios}")
        cpu_ratios = "".join(f" {figures['cpu_per_cell'] / samples[p]['cpu_per_cell']:10.2f}" for p in peers
                             if samples[p]["cpu_per_cell"])
        print(f"{name:10} {'kernel CPU/cell (ms)':22} {figures['cpu_per_cell'] * 1000:9.3f}{' ' * 39}{cpu_ratios}")
    if loop:
        in_cell, in_worker = loop
        print(f"tight loop, median of 9: in a cell {in_cell * 1000:.1f} ms, in a worker JVM {in_worker * 1000:.1f} ms,"
              f" cell / worker {in_cell / in_worker:.3f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"samples": samples, "loop": loop}, f, indent=2)


if __name__ == "__main__":
    main()
