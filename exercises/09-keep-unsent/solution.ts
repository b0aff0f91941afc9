import { BlockingIOError, type StreamSocket } from "@course/lib";

// Appends `data` to the bytes waiting, sends what the socket takes now, returns what still waits.
function sendOrQueue(sock: StreamSocket, waiting: Uint8Array, data: Uint8Array): Uint8Array {
  const all = new Uint8Array(waiting.length + data.length);
  all.set(waiting);
  all.set(data, waiting.length); // behind what was already waiting: order is kept
  let taken = 0;
  try {
    taken = sock.send(all);
  } catch (error) {
    if (!(error instanceof BlockingIOError)) throw error; // full: nothing taken this time
  }
  return all.subarray(taken);
}
