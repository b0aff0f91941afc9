"""Measures whether a kernel puts outputs into the wrong cell under Run All.

Starts the named kernel spec (found through JUPYTER_PATH like Jupyter does),
queues N execute_requests at once, each cell printing a distinct value and
returning another, and reports per run how many outputs came back with the
parent header of a different request than the one whose code produced them.

Usage: python3 probe.py --kernel deno --cells 30 --runs 3
Prints one JSON object: {"runs": [{"misplaced": k, "missing": m, ...}, ...]}
"""

import argparse
import json
import queue
import re
import sys
import time

from jupyter_client.manager import start_new_kernel


def cell_code(i):
    # One stream output and one execute_result, both naming the cell.
    return f'console.log("out-{i}");\n"value-{i}"'


def found_values(msg):
    """The cell numbers an iopub output names, with their kind."""
    kind = msg["msg_type"]
    content = msg["content"]
    if kind == "stream":
        text = content.get("text", "")
        return [("stream", int(t[4:])) for t in text.split() if t.startswith("out-")]
    if kind in ("execute_result", "display_data"):
        text = content.get("data", {}).get("text/plain", "")
        return [("result", int(n)) for n in re.findall(r"value-(\d+)", text)]
    return []


def one_run(client, cells, timeout):
    ids = [client.execute(cell_code(i)) for i in range(cells)]
    index = {msg_id: i for i, msg_id in enumerate(ids)}
    idle = set()
    placed = {}  # (kind, cell) -> cell whose parent header it carried
    errors = []
    deadline = time.monotonic() + timeout
    # Read until every request is idle, then until iopub is quiet, so that
    # late outputs (the bug being measured) are counted too.
    quiet_after_idle = 1.0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        wait = min(left, quiet_after_idle) if len(idle) == cells else left
        try:
            msg = client.get_iopub_msg(timeout=wait)
        except queue.Empty:
            if len(idle) == cells:
                break
            continue
        parent = msg["parent_header"].get("msg_id")
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            if parent in index:
                idle.add(parent)
            continue
        if msg["msg_type"] == "error":
            errors.append(msg["content"].get("evalue"))
        for key in found_values(msg):
            placed[key] = index.get(parent, -1)
    replies = 0
    while replies < cells:
        client.get_shell_msg(timeout=timeout)
        replies += 1
    misplaced = [
        {"kind": kind, "cell": cell, "shown_in": shown}
        for (kind, cell), shown in sorted(placed.items())
        if shown != cell
    ]
    expected = {(k, i) for i in range(cells) for k in ("stream", "result")}
    return {
        "misplaced": len(misplaced),
        "missing": len(expected - set(placed)),
        "errors": errors,
        "examples": misplaced[:5],
        "all_idle": len(idle) == cells,
    }


def main():
    parser = argparse.ArgumentParser(description="Run All misplacement probe")
    parser.add_argument("--kernel", default="deno")
    parser.add_argument("--cells", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    km, client = start_new_kernel(kernel_name=args.kernel, startup_timeout=60)
    try:
        runs = [one_run(client, args.cells, args.timeout) for _ in range(args.runs)]
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=False)
    print(json.dumps({"kernel": args.kernel, "cells": args.cells, "runs": runs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
