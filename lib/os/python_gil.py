"""Real CPython threads against processes on one CPU-bound job (run by python_gil.ts).

Prints one JSON object: the Python version, whether this is a free-threaded
build and whether the GIL is on, then, for the same two jobs run one after
another, in two threads and in two processes, the wall seconds of the run and
the CPU seconds the jobs used (each job reads its own thread's CPU clock).
"""
import json
import os
import sys
import sysconfig
import threading
import time
from concurrent.futures import ProcessPoolExecutor


def count(n):
    """The CPU-bound job: pure Python bytecode, so it holds the GIL throughout."""
    cpu0 = time.thread_time()
    total = 0
    for i in range(n):
        total += i % 7
    return time.thread_time() - cpu0


def timed(run):
    wall0 = time.perf_counter()
    cpus = run()
    return {"wall": time.perf_counter() - wall0, "cpu": sum(cpus)}


def in_threads(n):
    cpus = []
    threads = [threading.Thread(target=lambda: cpus.append(count(n))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return cpus


if __name__ == "__main__":
    n = int(sys.argv[1])
    count(n // 10)  # warm up
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(count, [1, 1]))  # start both processes before timing
        print(json.dumps({
            "version": sys.version.split()[0],
            "implementation": sys.implementation.name,
            "freeThreadedBuild": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
            "gilEnabled": bool(getattr(sys, "_is_gil_enabled", lambda: True)()),
            "cpus": os.cpu_count(),
            "oneAfterAnother": timed(lambda: [count(n), count(n)]),
            "twoThreads": timed(lambda: in_threads(n)),
            "twoProcesses": timed(lambda: list(pool.map(count, [n, n]))),
        }))
