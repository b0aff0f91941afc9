"""The proxy's barrier, message by message: no kernel, no sockets, no timing.

Each test plays the frontend and Deno against one Proxy through its own entry
points (on_front, on_back_reply, on_back_iopub), in an order Deno's kernel
really produces, including the bug's: a cell's output that leaves after its
execute_reply and idle, stamped with whatever request Deno handles next. Fake
sockets record what the proxy sends; the tests assert what Jupyter would see.

Run by proxy_orderings_test.ts: python3 proxy_orderings.py <course_kernel dir>
"""

import itertools
import json
import shutil
import sys
import unittest

sys.path.insert(0, sys.argv.pop(1))

from jupyter_client.session import DELIM, Session  # noqa: E402

import proxy  # noqa: E402

KEY = "0123456789abcdef"
FRONT = b"frontend-identity"


class Recorder:
    """Stands in for a zmq socket: records each multipart message, in one shared log."""

    def __init__(self, name, log):
        self.name = name
        self.log = log

    def send_multipart(self, frames, **_):
        self.log.append((self.name, [bytes(f) for f in frames]))


class Harness:
    """One Proxy with recording sockets, and helpers to speak for Jupyter and Deno."""

    def __init__(self):
        self.session = Session(key=KEY.encode(), signature_scheme="hmac-sha256", username="test")
        self.proxy = proxy.Proxy({"key": KEY, "signature_scheme": "hmac-sha256"}, deno="unused")
        self.log = []
        for name in ("f_shell", "f_control", "f_stdin", "f_iopub", "b_shell", "b_control", "b_stdin"):
            setattr(self.proxy, name, Recorder(name, self.log))

    def close(self):
        self.proxy.ctx.destroy(linger=0)
        shutil.rmtree(self.proxy.child_dir, ignore_errors=True)

    # --- the frontend ----------------------------------------------------

    def execute(self, code):
        """Jupyter sends an execute_request; returns its header."""
        msg = self.session.msg("execute_request", {"code": code, "silent": False})
        self.proxy.on_front("shell", self.session.serialize(msg, ident=[FRONT]))
        return msg["header"]

    def kernel_info(self):
        msg = self.session.msg("kernel_info_request", {})
        self.proxy.on_front("shell", self.session.serialize(msg, ident=[FRONT]))
        return msg["header"]

    # --- what reached Deno -----------------------------------------------

    def sent_to_deno(self):
        """The shell requests the proxy sent to Deno, as (msg_type, header, content)."""
        out = []
        for name, frames in self.log:
            if name == "b_shell":
                i = frames.index(DELIM)
                header = json.loads(frames[i + 2])
                out.append((header["msg_type"], header, json.loads(frames[i + 5])))
        return out

    def sentinel(self):
        """The sentinel request now in flight: its header and the token it prints."""
        msg_type, header, content = self.sent_to_deno()[-1]
        assert msg_type == "execute_request" and content["silent"], "no sentinel was sent"
        token = content["code"].split('text: "')[1].split('"')[0]
        return header, token

    # --- Deno ------------------------------------------------------------

    def deno_iopub(self, parent, msg_type, content):
        msg = self.session.msg(msg_type, content, parent=parent)
        self.proxy.on_back_iopub(self.session.serialize(msg))

    def deno_reply(self, parent, msg_type="execute_reply", status="ok"):
        msg = self.session.msg(msg_type, {"status": status, "execution_count": 1}, parent=parent)
        self.proxy.on_back_reply("shell", self.session.serialize(msg))

    def deno_runs(self, request, outputs=()):
        """Deno's usual messages for `request`: busy, outputs, reply, idle."""
        self.deno_iopub(request, "status", {"execution_state": "busy"})
        for text in outputs:
            self.stream(request, text)
        self.deno_reply(request)
        self.deno_iopub(request, "status", {"execution_state": "idle"})

    def stream(self, parent, text):
        self.deno_iopub(parent, "stream", {"name": "stdout", "text": text})

    # --- what reached Jupyter --------------------------------------------

    def seen_by_jupyter(self):
        """What the frontend got, in order: ("reply", parent id) or (msg_type, parent id, detail)."""
        out = []
        for name, frames in self.log:
            if name not in ("f_shell", "f_iopub"):
                continue
            i = frames.index(DELIM)
            header = json.loads(frames[i + 2])
            parent = json.loads(frames[i + 3]).get("msg_id")
            content = json.loads(frames[i + 5])
            if name == "f_shell":
                out.append(("reply", parent))
            elif header["msg_type"] == "stream":
                out.append(("stream", parent, content["text"]))
            elif header["msg_type"] == "status":
                out.append(("status", parent, content["execution_state"]))
            else:
                out.append((header["msg_type"], parent))
            self.assert_signed(frames[i + 1:])
        return out

    def assert_signed(self, parts):
        assert parts[0] == self.session.sign(parts[1:5]), "the proxy sent a message with a bad signature"


class Barrier(unittest.TestCase):
    def setUp(self):
        self.h = Harness()

    def tearDown(self):
        self.h.close()

    def finish_sentinel(self, order=("reply", "token", "idle")):
        """Deno runs the sentinel; its three messages come in `order`."""
        header, token = self.h.sentinel()
        self.h.deno_iopub(header, "status", {"execution_state": "busy"})
        self.h.deno_iopub(header, "execute_input", {"code": "...", "execution_count": 2})
        for step in order:
            if step == "reply":
                self.h.deno_reply(header)
            elif step == "token":
                self.h.stream(header, token)
            else:
                self.h.deno_iopub(header, "status", {"execution_state": "idle"})

    def test_in_order_output_stays_in_its_cell_and_the_reply_waits_for_the_token(self):
        cell = self.h.execute("console.log('one')")
        self.h.deno_runs(cell, outputs=["one\n"])
        seen = self.h.seen_by_jupyter()
        self.assertIn(("stream", cell["msg_id"], "one\n"), seen)
        self.assertNotIn(("reply", cell["msg_id"]), seen, "the reply waits for the sentinel")
        self.assertNotIn(("status", cell["msg_id"], "idle"), seen, "so does the idle status")
        self.finish_sentinel()
        self.assertEqual(
            self.h.seen_by_jupyter()[-2:],
            [("reply", cell["msg_id"]), ("status", cell["msg_id"], "idle")],
        )

    def test_the_bug_late_output_stamped_with_the_sentinel_goes_back_to_its_cell(self):
        cell = self.h.execute("setTimeout(() => console.log('late'), 0)")
        self.h.deno_runs(cell)  # reply and idle come before the output
        header, token = self.h.sentinel()
        # Deno's drainer stamps the late output with the request it handles now.
        self.h.stream(header, "late\n")
        self.h.stream(header, token)
        self.h.deno_reply(header)
        self.h.deno_iopub(header, "status", {"execution_state": "idle"})
        seen = self.h.seen_by_jupyter()
        self.assertEqual(
            [s for s in seen if s[0] != "status" or s[2] == "idle"],
            [
                ("stream", cell["msg_id"], "late\n"),
                ("reply", cell["msg_id"]),
                ("status", cell["msg_id"], "idle"),
            ],
        )
        self.assertFalse(any(s[1] == header["msg_id"] for s in seen), "nothing of the sentinel shows")

    def test_run_all_the_next_cell_waits_and_late_output_never_lands_in_it(self):
        first = self.h.execute("setTimeout(() => console.log('from first'), 0)")
        second = self.h.execute("console.log('from second')")
        sent = [h["msg_id"] for t, h, _ in self.h.sent_to_deno()]
        self.assertEqual(sent, [first["msg_id"]], "the second cell is queued until the first is over")
        self.h.deno_runs(first)
        header, token = self.h.sentinel()
        self.h.stream(header, "from first\n")
        self.finish_sentinel()
        self.assertEqual(self.h.sent_to_deno()[-1][1]["msg_id"], second["msg_id"])
        self.h.deno_runs(second, outputs=["from second\n"])
        self.finish_sentinel()
        streams = [s for s in self.h.seen_by_jupyter() if s[0] == "stream"]
        self.assertEqual(
            streams,
            [("stream", first["msg_id"], "from first\n"), ("stream", second["msg_id"], "from second\n")],
        )
        replies = [s for s in self.h.seen_by_jupyter() if s[0] == "reply"]
        self.assertEqual(replies, [("reply", first["msg_id"]), ("reply", second["msg_id"])])

    def test_the_cell_is_released_once_whatever_order_the_sentinel_messages_come_in(self):
        for order in itertools.permutations(("reply", "token", "idle")):
            with self.subTest(order=order):
                self.tearDown()
                self.setUp()
                cell = self.h.execute("1")
                self.h.deno_runs(cell)
                header, token = self.h.sentinel()
                steps = {
                    "reply": lambda: self.h.deno_reply(header),
                    "token": lambda: self.h.stream(header, token),
                    "idle": lambda: self.h.deno_iopub(header, "status", {"execution_state": "idle"}),
                }
                for i, step in enumerate(order):
                    released = ("reply", cell["msg_id"]) in self.h.seen_by_jupyter()
                    self.assertFalse(released, f"released before {order[i:]} arrived")
                    steps[step]()
                replies = [s for s in self.h.seen_by_jupyter() if s[0] == "reply"]
                self.assertEqual(replies, [("reply", cell["msg_id"])])
                self.assertIsNone(self.h.proxy.current)

    def test_output_after_the_token_is_shown_where_deno_put_it(self):
        cell = self.h.execute("1")
        self.h.deno_runs(cell)
        header, token = self.h.sentinel()
        self.h.stream(header, token)
        self.h.stream(header, "a timer of an older cell\n")
        self.h.deno_reply(header)
        self.h.deno_iopub(header, "status", {"execution_state": "idle"})
        self.assertIn(("stream", header["msg_id"], "a timer of an older cell\n"), self.h.seen_by_jupyter())

    def test_a_sentinel_that_fails_releases_the_cell_without_its_token(self):
        cell = self.h.execute("1")
        self.h.deno_runs(cell)
        header, _ = self.h.sentinel()
        self.h.deno_reply(header, status="error")  # an interrupt hit the sentinel
        self.h.deno_iopub(header, "status", {"execution_state": "idle"})
        self.assertIn(("reply", cell["msg_id"]), self.h.seen_by_jupyter())
        self.assertIsNone(self.h.proxy.current)

    def test_other_shell_requests_wait_behind_a_running_cell_and_need_no_barrier(self):
        cell = self.h.execute("1")
        info = self.h.kernel_info()
        self.assertEqual([t for t, _, _ in self.h.sent_to_deno()], ["execute_request"])
        self.h.deno_runs(cell)
        self.finish_sentinel()
        self.assertEqual(self.h.sent_to_deno()[-1][1]["msg_id"], info["msg_id"])
        self.h.deno_reply(info, msg_type="kernel_info_reply")
        self.assertEqual(self.h.seen_by_jupyter()[-1], ("reply", info["msg_id"]))
        self.assertIsNone(self.h.proxy.current, "no sentinel for a kernel_info_request")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
