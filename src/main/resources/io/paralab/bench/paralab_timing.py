"""Timings of a Python original, for ParaLab's PythonOriginal to read back into Java.

    from paralab_timing import measure
    measure("threads", lambda: download_all(urls), runs=5)        # 1 warm-up run, then 5 timed runs

Each call writes every result so far as JSON to the file named by PARALAB_RESULTS:
{"python": "3.11.2", "results": {"threads": {"seconds": [...], "result": <the last return value>}}}
"""
import json
import os
import sys
import time

_results = {}


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return repr(value)


def _write():
    path = os.environ.get("PARALAB_RESULTS")
    if path:
        with open(path, "w") as out:
            json.dump({"python": sys.version.split()[0], "results": _results}, out)


def record(name, seconds, result=None):
    """Records timings taken by the script itself (a list of seconds) under a name."""
    _results[name] = {"seconds": [float(s) for s in seconds], "result": _plain(result)}
    _write()


def measure(name, work, runs, warmup=1):
    """Calls work() warmup times untimed, then runs times timed with perf_counter; returns its last result."""
    value = None
    for _ in range(warmup):
        value = work()
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        value = work()
        seconds.append(time.perf_counter() - start)
    record(name, seconds, value)
    return value
