// A reader: a socket and the callback to run when it has something to read.
interface Readable {
  readonly readable: boolean;
}
type IoLoop = CallbackLoop & { readers: Map<Readable, () => void> };

function addReader(loop: IoLoop, sock: Readable, callback: () => void): void {
  loop.readers.set(sock, callback);
}

function removeReader(loop: IoLoop, sock: Readable): void {
  loop.readers.delete(sock);
}

// One turn: every reader whose socket is readable joins the ready queue (the selector's job),
// then the stage-1 turn runs it with the due timers.
function runIoOnce(loop: IoLoop): boolean {
  for (const [sock, callback] of loop.readers) {
    if (sock.readable) loop.ready.push(callback);
  }
  return runCallbacksOnce(loop);
}
