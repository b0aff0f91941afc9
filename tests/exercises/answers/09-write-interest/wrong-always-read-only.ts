import { EVENT_READ, type Selector, type SelectorKey, type StreamSocket } from "@course/lib";

// Drops EVENT_WRITE even when bytes still wait: they are never sent.
function onWritable(
  selector: Selector<{ unsent: Uint8Array }>,
  key: SelectorKey<{ unsent: Uint8Array }>,
): void {
  const sock = key.fileobj as StreamSocket;
  key.data.unsent = key.data.unsent.subarray(sock.send(key.data.unsent));
  selector.modify(sock, EVENT_READ);
}
