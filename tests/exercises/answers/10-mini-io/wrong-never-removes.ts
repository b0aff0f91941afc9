// Never removes a reader.
interface Readable {
  readonly readable: boolean;
}
type IoLoop = CallbackLoop & { readers: Map<Readable, () => void> };

function addReader(loop: IoLoop, sock: Readable, callback: () => void): void {
  loop.readers.set(sock, callback);
}

function removeReader(_loop: IoLoop, _sock: Readable): void {
  // forgets to forget: a closed socket stays readable forever
}

function runIoOnce(loop: IoLoop): boolean {
  for (const [sock, callback] of loop.readers) if (sock.readable) loop.ready.push(callback);
  return runCallbacksOnce(loop);
}
