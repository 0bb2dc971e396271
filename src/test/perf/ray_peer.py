"""Ray, Python's distributed engine, on this machine: the peer of ParaLab's cluster pool.

Measures, on a local Ray with 2 worker CPUs:
  ray_start   ray.init(num_cpus=2) until a first task has run (one sample: Ray starts once per process)
  tiny_tasks  ray.get([square.remote(i) for i in range(N)]), after warm-up runs (one sample per run)
  cold_round_trip  ray.get(one.remote()) for one task, right after the start and 50 calls (one sample per call)
  round_trip  ray.get(one.remote()) for one task, after the tiny tasks and 50 more calls (one sample per call)

Writes JSON in python_peers.py's format (machine, workloads -> results -> samples in seconds), which
io.paralab.bench.PythonPeers reads. Usage:
  python ray_peer.py --tasks 10000 --runs 5 --warmup 2 --round-trips 200 --out ray.json
"""

import argparse
import json
import os
import platform
import sys
import time


def machine():
    models = []
    try:
        with open("/proc/cpuinfo") as f:
            models = sorted({line.split(":", 1)[1].strip() for line in f if line.startswith("model name")})
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "os.cpu_count": os.cpu_count(),
        "sched_getaffinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": models,
        "platform": platform.platform(),
        "python_version": sys.version,
        "python_executable": sys.executable,
        "loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--round-trips", type=int, default=200)
    parser.add_argument("--cpus", type=int, default=2)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    import ray

    out = {"script": "ray_peer.py", "command": " ".join([sys.executable] + sys.argv),
           "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": machine(),
           "ray_version": ray.__version__, "workloads": {}}

    started = time.perf_counter()
    ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False, logging_level="ERROR",
             configure_logging=True)

    @ray.remote
    def one():
        return 1

    @ray.remote
    def square(x):
        return x * x

    ray.get(one.remote())
    start_s = time.perf_counter() - started
    out["workloads"]["ray_start"] = {
        "params": {"num_cpus": args.cpus, "ray": ray.__version__},
        "timed_region": "ray.init(num_cpus) and a first ray.get(one.remote())",
        "results": {f"ray.init(num_cpus={args.cpus})": {"unit": "s", "samples": [start_s]}},
    }
    try:
        out["workloads"]["cold_round_trip"] = {
            "params": {"calls": args.round_trips},
            "timed_region": "ray.get(one.remote()) for one task returning 1, right after the start and 50 calls",
            "results": {"Ray, one task": {"unit": "s", "samples": round_trips(ray, one, args.round_trips)}},
        }
        expected = sum(i * i for i in range(args.tasks))
        runs = []
        for run in range(args.warmup + args.runs):             # warm-up runs first, not kept
            t0 = time.perf_counter()
            total = sum(ray.get([square.remote(i) for i in range(args.tasks)]))
            seconds = time.perf_counter() - t0
            if total != expected:
                raise SystemExit(f"wrong sum {total}, expected {expected}")
            if run >= args.warmup:
                runs.append(seconds)
        out["workloads"]["tiny_tasks"] = {
            "params": {"tasks": args.tasks, "runs": args.runs},
            "timed_region": "ray.get([square.remote(i) for i in range(tasks)])",
            "results": {f"Ray, {args.tasks} tasks": {"unit": "s", "samples": runs}},
        }

        # after the tiny tasks, as ClusterVsRay measures: warm processes
        out["workloads"]["round_trip"] = {
            "params": {"calls": args.round_trips},
            "timed_region": "ray.get(one.remote()) for one task returning 1",
            "results": {"Ray, one task": {"unit": "s", "samples": round_trips(ray, one, args.round_trips)}},
        }
    finally:
        ray.shutdown()
    out["total_wall_s"] = time.perf_counter() - started
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)


def round_trips(ray, one, calls):
    """50 untimed calls of one, then the seconds of each of calls more."""
    for _ in range(50):
        ray.get(one.remote())
    trips = []
    for _ in range(calls):
        t0 = time.perf_counter()
        ray.get(one.remote())
        trips.append(time.perf_counter() - t0)
    return trips


if __name__ == "__main__":
    main()
