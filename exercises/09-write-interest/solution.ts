import {
  BlockingIOError,
  EVENT_READ,
  type Selector,
  type SelectorKey,
  type StreamSocket,
} from "@course/lib";

// The socket can take bytes: send what waits; with nothing left, watch for EVENT_READ only.
function onWritable(
  selector: Selector<{ unsent: Uint8Array }>,
  key: SelectorKey<{ unsent: Uint8Array }>,
): void {
  const sock = key.fileobj as StreamSocket;
  try {
    key.data.unsent = key.data.unsent.subarray(sock.send(key.data.unsent));
  } catch (error) {
    if (!(error instanceof BlockingIOError)) throw error;
  }
  if (key.data.unsent.length === 0) selector.modify(sock, EVENT_READ);
}
