"""CPython asyncio side of `deno task bench loop` (bench/loop.ts spawns it).

Usage: python3 bench/loop_asyncio.py <row> [repeats]; prints one JSON object.
Rows mirror bench/_loop_side.ts so both sides run the same program.
"""
import asyncio
import json
import sys
import time


def peak_rss_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM")


def rss_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


async def callbacks(n=1_000_000):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    count = 0

    def step():
        nonlocal count
        count += 1
        if count < n:
            loop.call_soon(step)
        else:
            done.set_result(None)

    start = time.perf_counter()
    loop.call_soon(step)
    await done
    return {"seconds": time.perf_counter() - start, "ops": n}


async def switches(tasks=100, each=10_000):
    async def worker():
        for _ in range(each):
            await asyncio.sleep(0)

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(tasks)))
    return {"seconds": time.perf_counter() - start, "ops": tasks * each}


async def sleepers(n=100_000, seconds=0.1):
    start = time.perf_counter()
    await asyncio.gather(*(asyncio.sleep(seconds) for _ in range(n)))
    return {"seconds": time.perf_counter() - start, "ops": n}


async def memory(n=1_000_000):
    baseline = rss_bytes()
    loop = asyncio.get_running_loop()
    gate = loop.create_future()

    async def parked():
        await gate

    tasks = [loop.create_task(parked()) for _ in range(n)]
    await asyncio.sleep(0)  # every task runs its first step and parks on the gate
    peak = peak_rss_bytes()
    gate.set_result(None)
    await asyncio.gather(*tasks)
    return {"peakBytes": peak, "baselineBytes": baseline, "ops": n}


async def queue(producers=10, consumers=10, items=20_000, maxsize=10):
    q = asyncio.Queue(maxsize=maxsize)
    got = 0

    async def producer():
        for i in range(items):
            await q.put(i)

    async def consumer():
        nonlocal got
        while True:
            await q.get()
            got += 1
            q.task_done()

    start = time.perf_counter()
    workers = [asyncio.create_task(consumer()) for _ in range(consumers)]
    await asyncio.gather(*(producer() for _ in range(producers)))
    await q.join()
    for w in workers:
        w.cancel()
    seconds = time.perf_counter() - start
    assert got == producers * items, got
    return {"seconds": seconds, "ops": producers * items}


async def lock(tasks=100, each=1_000):
    the_lock = asyncio.Lock()
    counter = 0

    async def worker():
        nonlocal counter
        for _ in range(each):
            async with the_lock:
                seen = counter
                await asyncio.sleep(0)  # hold the lock across a wait: the others queue up
                counter = seen + 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(tasks)))
    seconds = time.perf_counter() - start
    assert counter == tasks * each, counter
    return {"seconds": seconds, "ops": tasks * each}


ROWS = {
    "callbacks": callbacks,
    "switches": switches,
    "sleepers": sleepers,
    "memory": memory,
    "queue": queue,
    "lock": lock,
}

if __name__ == "__main__":
    row = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    best = None
    for _ in range(repeats):
        result = asyncio.run(ROWS[row]())
        if best is None or result.get("seconds", 0) < best.get("seconds", 0):
            best = result
    print(json.dumps(best))
