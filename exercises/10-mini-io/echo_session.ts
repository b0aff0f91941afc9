/**
 * An echo session for `10-mini-io`, written with callbacks on the learner's
 * loop: a server callback per connection and clients that send three lines,
 * each after the previous echo. It uses only the learner's `addReader`,
 * `removeReader` and `runIoOnce`, and records when each client finished.
 *
 * @module
 */
import { type CallbackLoop, pipe, type PipeEnd } from "./pipes.ts";

/** The learner's functions (or the reference). */
export interface IoFunctions {
  addReader(loop: CallbackLoop, sock: PipeEnd, callback: () => void): void;
  removeReader(loop: CallbackLoop, sock: PipeEnd): void;
  runIoOnce(loop: CallbackLoop): boolean;
}

/** What a session showed. */
export interface EchoSession {
  /** Per client: its lines came back intact, and when it finished (virtual s). */
  clients: { intact: boolean; doneAt: number }[];
  /** The turns the loop took; `ended` is false when it never ran out of work. */
  turns: number;
  ended: boolean;
  /** Reads of the server's sockets that found nothing (callbacks run before readiness). */
  emptyReads: number;
}

/**
 * Runs `count` clients against an echo server, 0.1 s of latency each way.
 *
 * @param io The loop functions.
 * @param count How many clients connect at time 0.
 * @returns What happened.
 */
export function runEchoSession(io: IoFunctions, count: number): EchoSession {
  const loop = { now: 0, ready: [], timers: [], readers: new Map() } as CallbackLoop;
  const serverEnds: PipeEnd[] = [];
  const clients: EchoSession["clients"] = [];
  for (let i = 0; i < count; i++) {
    const [client, server] = pipe(loop, 0.1);
    serverEnds.push(server);
    io.addReader(loop, server, () => { // the echo server's handler for this connection
      const text = server.recv();
      if (text === "") {
        io.removeReader(loop, server);
        server.close();
      } else server.send(text);
    });
    const lines = [`client ${i} line 1\n`, `client ${i} line 2\n`, `client ${i} line 3\n`];
    const record = { intact: true, doneAt: NaN };
    clients.push(record);
    let sent = 0, got = "";
    client.send(lines[sent++]);
    io.addReader(loop, client, () => {
      const text = client.recv();
      if (text === "") { // the server closed after our close: done
        io.removeReader(loop, client);
        record.doneAt = loop.now;
        return;
      }
      got += text;
      if (got.length < lines.slice(0, sent).join("").length) return; // the echo is not all in
      if (got !== lines.slice(0, sent).join("")) record.intact = false;
      if (sent < lines.length) client.send(lines[sent++]);
      else client.close();
    });
  }
  let turns = 0;
  let ended = false;
  while (turns < 5_000) {
    turns++;
    if (!io.runIoOnce(loop)) {
      ended = true;
      break;
    }
  }
  for (const c of clients) if (Number.isNaN(c.doneAt)) c.intact = false;
  const emptyReads = serverEnds.reduce((sum, s) => sum + s.emptyReads, 0);
  return { clients, turns, ended, emptyReads };
}
