// Runs every reader at every turn, readable or not.
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

function runIoOnce(loop: IoLoop): boolean {
  for (const callback of loop.readers.values()) loop.ready.push(callback);
  return runCallbacksOnce(loop);
}
