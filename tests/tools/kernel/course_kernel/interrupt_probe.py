"""Kernel > Interrupt against the course kernel, at the protocol level.

Starts the kernel spec `deno` (found through JUPYTER_PATH), runs each cell
given as a JSON list on stdin ({"code": ..., "interrupt_after": seconds or
null}), sends an interrupt_request when asked, and prints one JSON object per
cell: how long it took, its reply's status and ename, and its outputs.
"""

import json
import queue
import sys
import time

from jupyter_client.manager import start_new_kernel


def shell_reply(kc, msg_id):
    """The execute_reply to msg_id; earlier replies are skipped (start-up may
    leave kernel_info replies to repeated requests in the queue)."""
    while True:
        msg = kc.get_shell_msg(timeout=10)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def run(km, kc, code, interrupt_after, timeout):
    msg_id = kc.execute(code)
    started = time.monotonic()
    interrupted_at = None
    outputs = []
    while True:
        now = time.monotonic()
        if interrupt_after is not None and interrupted_at is None and now - started >= interrupt_after:
            km.interrupt_kernel()  # the spec says interrupt_mode "message": an interrupt_request
            interrupted_at = now
        if now - started > timeout:
            return {"timeout": True, "outputs": outputs}
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "status" and content["execution_state"] == "idle":
            reply = shell_reply(kc, msg_id)
            ended = time.monotonic()
            return {
                "timeout": False,
                "after_interrupt": None if interrupted_at is None else ended - interrupted_at,
                "status": reply.get("status"),
                "ename": reply.get("ename"),
                "outputs": outputs,
            }
        if kind == "error":
            outputs.append({"type": "error", "ename": content["ename"], "evalue": content["evalue"]})
        elif kind == "stream":
            outputs.append({"type": "stream", "text": content["text"]})
        elif kind == "execute_result":
            outputs.append({"type": "result", "text": content["data"].get("text/plain", "")})


def main():
    cells = json.load(sys.stdin)
    km, kc = start_new_kernel(kernel_name="deno", startup_timeout=60)
    try:
        results = [run(km, kc, c["code"], c.get("interrupt_after"), c.get("timeout", 30)) for c in cells]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
