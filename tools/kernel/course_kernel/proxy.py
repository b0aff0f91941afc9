"""The course kernel: Deno's Jupyter kernel behind a proxy that keeps every
output in the cell that produced it.

Why: Deno's kernel (2.9.x, cli/js/jupyter_kernel.js) publishes a cell's
outputs from an asynchronous drainer of the REPL thread's iopub channel and
stamps each with the parent header of the request being handled *when the
drainer gets to it*. It sends execute_reply and `status: idle` directly. So a
cell's output can leave after its idle, and when the next request is already
queued (Run All) it carries the next cell's parent header: Jupyter shows it
in the wrong cell.

Interrupts: Deno's kernel stops a cell that computes, but not one that
waits. The proxy rewrites each cell's top-level awaits so that a SIGUSR1
can reject them (interruptible.py), and on Kernel > Interrupt it sends that
signal first and Deno's own interrupt_request half a second later, for a
cell still busy computing. Either way the cell ends with an "Interrupted"
error and the kernel keeps every variable.

The barrier: after each execute_reply the proxy runs a silent sentinel cell
that broadcasts a unique token through the same channel (one FIFO, so the
token comes out after every output the cell made). Until the token arrives,
the reply and the idle status are held back and every output is re-stamped
with the held request's parent header; the sentinel's own messages are
dropped. Then the next queued shell request goes to Deno.

Usage (argv of the kernel spec):
    python3 proxy.py --deno /path/to/deno --conn {connection_file}

Needs jupyter_client and pyzmq (Debian: python3-jupyter-client, python3-zmq).
"""

import argparse
import collections
import ctypes
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import zmq
from jupyter_client.session import Session

sys.dont_write_bytecode = True  # no __pycache__ in the course's folder
from error_style import style_error  # noqa: E402
from interruptible import make_interruptible  # noqa: E402

DELIM = b"<IDS|MSG>"
CHANNELS = ("shell", "control", "stdin", "iopub", "hb")
# After the signal, how long a cell may take to end before Deno is asked to
# terminate the JavaScript it runs (a busy loop cannot see the signal).
TERMINATE_AFTER = 0.5
# After that, when to tell the learner that only a restart will help.
STUCK_AFTER = 3.0
SETUP_JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "interrupt_setup.js")
ERRORS_JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "errors_setup.js")


def log(text):
    """Diagnostics go to stderr, which Jupyter shows in its own log."""
    print(f"course-kernel: {text}", file=sys.stderr, flush=True)


# The child's ports come from below Linux's ephemeral range (32768 and up),
# where Jupyter picks the ports of the kernels it starts: taken from there, a
# port the proxy frees for Deno could be handed by Jupyter to the next kernel
# a moment later, and one of the two would fail to bind it (seen with a class
# of learners starting kernels at once).
CHILD_PORTS = range(20000, 32000)


def free_ports(ip, count):
    """Ports that are free now, at random from CHILD_PORTS; the child binds
    them a moment later."""
    socks = []
    try:
        while len(socks) < count:
            s = socket.socket()
            try:
                s.bind((ip, random.choice(CHILD_PORTS)))
            except OSError:
                s.close()
                continue
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def split(frames):
    """[identities..., DELIM, sig, header, parent, metadata, content, buffers...]
    -> (identities, [sig, header, parent, metadata, content, buffers...])."""
    i = frames.index(DELIM)
    return frames[:i], frames[i + 1:]


class Exec:
    """One frontend execute_request in flight, and what is held back for it."""

    def __init__(self, idents, parts):
        self.idents = idents
        self.header_bytes = parts[1]
        self.msg_id = json.loads(parts[1])["msg_id"]
        self.reply = None  # the held execute_reply frames (no identities)
        self.idle = None  # the held idle status frames
        self.token = None  # the sentinel's token, once it is sent
        self.sentinel_id = None
        self.sentinel_replied = False
        self.sentinel_idle = False
        self.token_seen = False
        self.interrupted_at = None  # time.monotonic() of Kernel > Interrupt
        self.terminate_sent = False
        self.stuck_noted = False
        self.error_shown = False  # an `error` output reached the frontend


class Proxy:
    """Faces Jupyter on the connection file's ports and forwards to a Deno
    kernel child on ports of its own."""

    def __init__(self, conn, deno):
        self.conn = conn
        self.session = Session(
            key=conn["key"].encode(),
            signature_scheme=conn.get("signature_scheme", "hmac-sha256"),
            username="course-kernel",
        )
        self.ctx = zmq.Context()
        self.deno = deno
        self.child = None
        self.child_dir = tempfile.mkdtemp(prefix="course-kernel-")
        # msg_id -> frontend identities, to route Deno's replies (Deno answers
        # with no identity frames of its own).
        self.routes = {"shell": {}, "control": {}}
        self.queue = collections.deque()  # shell requests not yet sent to Deno
        self.current = None  # the Exec in flight, if any
        self.last_shell_idents = None  # where stdin input_requests go
        self.own_ids = set()  # requests the proxy sent itself (set-up)
        self.cells = 0  # execute_requests seen, to number the cells
        self.cells_by_id = {}  # msg_id -> cell number, until the request runs
        self.interrupt_file = os.path.join(self.child_dir, "interrupt")

    # --- setup -----------------------------------------------------------

    def bind_front(self):
        c = self.conn
        url = lambda port: f"{c.get('transport', 'tcp')}://{c['ip']}:{port}"
        self.f_shell = self.ctx.socket(zmq.ROUTER)
        self.f_control = self.ctx.socket(zmq.ROUTER)
        self.f_stdin = self.ctx.socket(zmq.ROUTER)
        self.f_iopub = self.ctx.socket(zmq.PUB)
        for sock, name in (
            (self.f_shell, "shell"),
            (self.f_control, "control"),
            (self.f_stdin, "stdin"),
            (self.f_iopub, "iopub"),
        ):
            sock.linger = 1000
            sock.bind(url(c[f"{name}_port"]))
        self.hb_front = url(c["hb_port"])

    def start_child(self):
        ip = "127.0.0.1"
        ports = dict(zip(CHANNELS, free_ports(ip, len(CHANNELS))))
        child_conn = {
            "ip": ip,
            "transport": "tcp",
            "key": self.conn["key"],
            "signature_scheme": self.conn.get("signature_scheme", "hmac-sha256"),
            "kernel_name": "deno",
            **{f"{name}_port": port for name, port in ports.items()},
        }
        path = os.path.join(self.child_dir, "deno-kernel.json")
        with open(path, "w") as f:
            json.dump(child_conn, f)
        self.child = subprocess.Popen(
            [self.deno, "jupyter", "--kernel", "--conn", path],
            preexec_fn=die_with_parent,
            stderr=subprocess.PIPE,
        )
        threading.Thread(target=forward_stderr, args=(self.child.stderr,), daemon=True).start()
        url = lambda name: f"tcp://{ip}:{ports[name]}"
        self.b_shell = self.ctx.socket(zmq.DEALER)
        self.b_control = self.ctx.socket(zmq.DEALER)
        self.b_stdin = self.ctx.socket(zmq.DEALER)
        self.b_iopub = self.ctx.socket(zmq.SUB)
        self.b_iopub.setsockopt(zmq.SUBSCRIBE, b"")
        for sock, name in (
            (self.b_shell, "shell"),
            (self.b_control, "control"),
            (self.b_stdin, "stdin"),
            (self.b_iopub, "iopub"),
        ):
            sock.linger = 0
            sock.connect(url(name))
        self.hb_back = url("hb")
        self.send_setup()

    def send_setup(self):
        """Defines the kernel side of interrupts (interrupt_setup.js), and
        makes errors nobody awaited or caught visible (errors_setup.js)."""
        with open(SETUP_JS) as f:
            code = f.read().replace("INTERRUPT_FILE", json.dumps(self.interrupt_file))
        self.own_ids.add(self.send_silent(code))
        with open(ERRORS_JS) as f:
            self.own_ids.add(self.send_silent(f.read()))

    def send_silent(self, code):
        """Sends code to Deno as a silent execute_request; returns its msg_id."""
        msg = self.session.msg(
            "execute_request",
            {
                "code": code,
                "silent": True,
                "store_history": False,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": False,
            },
        )
        self.session.send(self.b_shell, msg, ident=[])
        return msg["header"]["msg_id"]

    def start_heartbeat(self):
        """Heartbeats pass straight through (in the main loop), so Jupyter
        sees Deno's own."""
        self.f_hb = self.ctx.socket(zmq.ROUTER)
        self.f_hb.linger = 0
        self.f_hb.bind(self.hb_front)
        self.b_hb = self.ctx.socket(zmq.DEALER)
        self.b_hb.linger = 0
        self.b_hb.connect(self.hb_back)

    # --- frontend -> Deno ------------------------------------------------

    def on_front(self, channel, frames):
        idents, parts = split(frames)
        header = json.loads(parts[1])
        if channel == "stdin":
            self.b_stdin.send_multipart([DELIM] + parts)
            return
        if channel == "control" and header["msg_type"] == "interrupt_request":
            self.interrupt()
            reply = self.session.msg("interrupt_reply", {"status": "ok"}, parent=header)
            self.session.send(self.f_control, reply, ident=idents)
            return
        self.routes[channel][header["msg_id"]] = idents
        if channel == "control":
            self.b_control.send_multipart([DELIM] + parts)
            return
        if header["msg_type"] == "execute_request":
            self.cells += 1
            self.cells_by_id[header["msg_id"]] = self.cells
            parts = self.interruptible(parts, self.cells)
        self.queue.append((idents, parts, header))
        self.pump()

    def interruptible(self, parts, cell):
        """The request with its code's top-level awaits made interruptible
        (interruptible.py), re-signed."""
        content = json.loads(parts[4])
        code = content.get("code", "")
        changed = make_interruptible(code, cell)
        if changed == code:
            return parts
        content["code"] = changed
        return self.signed(parts[1], parts[2], parts[3], json.dumps(content).encode()) + parts[5:]

    def signed(self, header, parent, metadata, content):
        """[sig, header, parent, metadata, content] with a fresh signature."""
        signed = [header, parent, metadata, content]
        return [self.session.sign(signed)] + signed

    def pump(self):
        """Sends queued shell requests to Deno, one execution at a time."""
        while self.current is None and self.queue:
            idents, parts, header = self.queue.popleft()
            self.last_shell_idents = idents
            if header["msg_type"] == "execute_request":
                self.current = Exec(idents, parts)
                self.current.cell = self.cells_by_id.pop(header["msg_id"], None)
            # Other requests never change Deno's current parent header, so
            # they need no barrier; Deno answers them in order.
            self.b_shell.send_multipart([DELIM] + parts)

    def interrupt(self):
        """Kernel > Interrupt (an interrupt_request, or SIGINT to the proxy):
        first the signal that rejects the running cell's awaits; Deno's own
        interrupt_request follows in check_interrupt() if the cell is still
        busy, since terminating JavaScript would also stop the listener."""
        cur = self.current
        if cur is None or cur.reply is not None or cur.interrupted_at is not None:
            return
        cur.interrupted_at = time.monotonic()
        with open(self.interrupt_file, "w") as f:
            f.write(str(cur.cell))
        try:
            os.kill(self.child.pid, signal.SIGUSR1)
        except OSError:
            pass

    def check_interrupt(self):
        """Called from the main loop: escalate an interrupt that has not
        ended its cell yet."""
        cur = self.current
        if cur is None or cur.interrupted_at is None or cur.reply is not None:
            return
        waited = time.monotonic() - cur.interrupted_at
        if waited >= TERMINATE_AFTER and not cur.terminate_sent:
            cur.terminate_sent = True
            msg = self.session.msg("interrupt_request", {})
            self.own_ids.add(msg["header"]["msg_id"])
            self.session.send(self.b_control, msg, ident=[])
        if waited >= STUCK_AFTER and not cur.stuck_noted:
            cur.stuck_noted = True
            self.publish(
                cur,
                "stream",
                {
                    "name": "stderr",
                    "text": "course kernel: this cell still waits on something an interrupt "
                    "cannot reach (an await inside a template literal or a generic call?). "
                    "Kernel > Restart ends it, and the kernel's variables with it.\n",
                },
            )

    def publish(self, cur, msg_type, content):
        """Sends an iopub message on behalf of the cell `cur`."""
        parent = json.loads(cur.header_bytes)
        msg = self.session.msg(msg_type, content, parent=parent)
        self.session.send(self.f_iopub, msg)

    # --- Deno -> frontend ------------------------------------------------

    def on_back_reply(self, channel, frames):
        _, parts = split(frames)
        parent = json.loads(parts[2])
        msg_id = parent.get("msg_id")
        if msg_id in self.own_ids:
            if json.loads(parts[4]).get("status") != "ok":
                log(f"the kernel's interrupt set-up failed: {parts[4][:300]!r}")
            return
        cur = self.current
        if channel == "shell" and cur is not None:
            if msg_id == cur.sentinel_id:
                cur.sentinel_replied = True
                if json.loads(parts[4]).get("status") != "ok":
                    # An interrupt hit the sentinel; its token may never
                    # come, so stop waiting for it.
                    log("the sentinel did not run; releasing the cell")
                    cur.token_seen = True
                self.maybe_release()
                return
            if msg_id == cur.msg_id:
                cur.reply = parts
                self.send_sentinel()
                return
        idents = self.routes[channel].pop(msg_id, None)
        if idents is None:
            log(f"dropping a {channel} reply to an unknown request {msg_id}")
            return
        front = self.f_shell if channel == "shell" else self.f_control
        front.send_multipart(idents + [DELIM] + parts)

    def on_back_stdin(self, frames):
        _, parts = split(frames)
        # input_request goes to the frontend that sent the running request.
        idents = self.current.idents if self.current else self.last_shell_idents
        if idents is None:
            log("dropping an input_request: no frontend to ask")
            return
        self.f_stdin.send_multipart(idents + [DELIM] + parts)

    def send_sentinel(self):
        cur = self.current
        cur.token = f"course-kernel-sentinel-{uuid.uuid4().hex}"
        code = (
            'Deno.jupyter.broadcast("stream", '
            f'{{ name: "stdout", text: "{cur.token}" }});'
        )
        cur.sentinel_id = self.send_silent(code)

    def on_back_iopub(self, frames):
        _, parts = split(frames)
        parent = json.loads(parts[2])
        if parent.get("msg_id") in self.own_ids:
            return
        header = json.loads(parts[1])
        msg_type = header["msg_type"]
        cur = self.current
        if msg_type == "error":
            if cur is not None:
                cur.error_shown = True
            # Shown in red, as Jupyter shows a failed cell (error_style.py).
            styled = json.dumps(style_error(json.loads(parts[4]))).encode()
            parts = self.signed(parts[1], parts[2], parts[3], styled) + parts[5:]
            frames = frames[: frames.index(DELIM)] + [DELIM] + parts
        if cur is None or cur.reply is None:
            self.f_iopub.send_multipart(frames)
            return
        content = json.loads(parts[4])
        if parent.get("msg_id") == cur.msg_id:
            if msg_type == "status" and content.get("execution_state") == "idle":
                cur.idle = frames
            else:
                self.f_iopub.send_multipart(frames)
            return
        if parent.get("msg_id") != cur.sentinel_id:
            self.f_iopub.send_multipart(frames)
            return
        if msg_type == "stream" and content.get("text") == cur.token:
            cur.token_seen = True
        elif msg_type == "status":
            if content.get("execution_state") == "idle":
                cur.sentinel_idle = True
        elif msg_type == "execute_input":
            pass
        elif cur.token_seen:
            # Output after the token belongs to no cell still running (a
            # timer of an earlier cell); show it where Deno put it.
            self.f_iopub.send_multipart(frames)
        else:
            # Deno stamped the cell's late output with the sentinel's header.
            self.f_iopub.send_multipart(self.restamp(parts, cur.header_bytes))
        self.maybe_release()

    def explain_interrupt(self, cur):
        """Deno ends a terminated cell with a bare "Execution failed" reply and
        no output; say what happened, in the cell and in the reply."""
        content = json.loads(cur.reply[4])
        if content.get("status") != "error" or cur.error_shown:
            return
        error = {
            "ename": "Interrupted",
            "evalue": "the cell was interrupted (Kernel > Interrupt) while it computed",
            "traceback": ["Interrupted: the cell was interrupted (Kernel > Interrupt) while it computed"],
        }
        self.publish(cur, "error", style_error(error))
        content.update(error)
        header_parent_metadata = cur.reply[1:4]
        cur.reply = self.signed(*header_parent_metadata, json.dumps(content).encode()) + cur.reply[5:]

    def restamp(self, parts, parent_bytes):
        signed = [parts[1], parent_bytes, parts[3], parts[4]]
        return [DELIM, self.session.sign(signed)] + signed + parts[5:]

    def maybe_release(self):
        cur = self.current
        if not (cur.token_seen and cur.sentinel_replied and cur.sentinel_idle):
            return
        self.routes["shell"].pop(cur.msg_id, None)
        if cur.interrupted_at is not None:
            self.explain_interrupt(cur)
        self.f_shell.send_multipart(cur.idents + [DELIM] + cur.reply)
        if cur.idle is not None:
            self.f_iopub.send_multipart(cur.idle)
        self.current = None
        self.pump()

    # --- main loop -------------------------------------------------------

    def run(self):
        self.bind_front()
        self.start_child()
        self.start_heartbeat()
        # Wake the loop on SIGINT/SIGTERM through a socket pair, so that
        # signal handlers never touch zmq sockets themselves.
        wake_r, wake_w = socket.socketpair()
        wake_w.setblocking(False)
        pending = collections.deque()

        def on_signal(signum, _frame):
            pending.append(signum)
            try:
                wake_w.send(b"x")
            except OSError:
                pass

        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
        poller = zmq.Poller()
        sockets = {
            self.f_shell: lambda f: self.on_front("shell", f),
            self.f_control: lambda f: self.on_front("control", f),
            self.f_stdin: lambda f: self.on_front("stdin", f),
            self.b_shell: lambda f: self.on_back_reply("shell", f),
            self.b_control: lambda f: self.on_back_reply("control", f),
            self.b_stdin: self.on_back_stdin,
            self.b_iopub: self.on_back_iopub,
            self.f_hb: self.b_hb.send_multipart,
            self.b_hb: self.f_hb.send_multipart,
        }
        for sock in sockets:
            poller.register(sock, zmq.POLLIN)
        poller.register(wake_r, zmq.POLLIN)
        parent = os.getppid()
        while self.child.poll() is None:
            if os.getppid() != parent:
                # Whoever started us (Jupyter) died without a shutdown
                # request: do not linger as an orphan with a Deno child.
                log("parent process gone; stopping")
                return 0
            self.check_interrupt()
            for sock, _ in poller.poll(100):
                if sock is wake_r or sock == wake_r.fileno():
                    wake_r.recv(64)
                    while pending:
                        signum = pending.popleft()
                        if signum == signal.SIGINT:
                            self.interrupt()
                        else:
                            self.stop()
                            return 0
                    continue
                frames = sock.recv_multipart()
                try:
                    sockets[sock](frames)
                except (ValueError, KeyError, json.JSONDecodeError) as e:
                    log(f"dropping a malformed message: {e!r}")
        # Deno exited (shutdown_request, or a crash): flush what it said last.
        self.drain()
        return self.child.returncode

    def drain(self):
        """Forwards what is still buffered after Deno exits (the shutdown_reply)."""
        for sock, handler in (
            (self.b_control, lambda f: self.on_back_reply("control", f)),
            (self.b_iopub, self.on_back_iopub),
        ):
            while sock.poll(50):
                handler(sock.recv_multipart())

    def stop(self):
        if self.child and self.child.poll() is None:
            self.child.terminate()
            try:
                self.child.wait(5)
            except subprocess.TimeoutExpired:
                self.child.kill()


# Lines of Deno's stderr that would only worry a learner in the terminal of
# `deno task course`: the kernel is "unstable" by Deno's own label, and an
# interrupted computation is reported as a null CDP result.
QUIET = ('"deno jupyter" is unstable', "CDP response has null result")


def forward_stderr(stream):
    """Copies the Deno kernel's stderr to ours, without the lines in QUIET."""
    for raw in iter(stream.readline, b""):
        line = raw.decode(errors="replace")
        if not any(q in line for q in QUIET):
            sys.stderr.write(line)
            sys.stderr.flush()


def die_with_parent():
    """Linux: the child gets SIGKILL if the proxy dies, so Deno never outlives
    it even when Jupyter kills the proxy with SIGKILL."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deno", required=True, help="the Deno binary to run")
    parser.add_argument("--conn", required=True, help="Jupyter's connection file")
    args = parser.parse_args(argv)
    with open(args.conn) as f:
        conn = json.load(f)
    proxy = Proxy(conn, args.deno)
    try:
        code = proxy.run()
    finally:
        proxy.stop()
        proxy.ctx.destroy(linger=0)
        shutil.rmtree(proxy.child_dir, ignore_errors=True)
    return code or 0


if __name__ == "__main__":
    sys.exit(main())
