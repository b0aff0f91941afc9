import { BlockingIOError, type StreamSocket } from "@course/lib";

// Sends the new data ahead of what was waiting: the order is broken.
function sendOrQueue(sock: StreamSocket, waiting: Uint8Array, data: Uint8Array): Uint8Array {
  const all = new Uint8Array([...data, ...waiting]);
  let taken = 0;
  try {
    taken = sock.send(all);
  } catch (error) {
    if (!(error instanceof BlockingIOError)) throw error;
  }
  return all.subarray(taken);
}
