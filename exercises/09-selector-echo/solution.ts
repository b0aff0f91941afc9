import {
  EVENT_READ,
  EVENT_WRITE,
  type ListeningSocket,
  type Selector,
  type SelectorKey,
  type StreamSocket,
} from "@course/lib";

type Unsent = { unsent: Uint8Array };

// One readiness event: `events` is EVENT_READ, EVENT_WRITE or both.
function handleEvent(
  selector: Selector<Unsent | null>,
  key: SelectorKey<Unsent | null>,
  events: number,
): void {
  if (key.data === null) {
    const [sock] = (key.fileobj as ListeningSocket).accept();
    selector.register(sock, EVENT_READ, { unsent: new Uint8Array(0) });
    return;
  }
  const sock = key.fileobj as StreamSocket;
  const state = key.data;
  if (events & EVENT_READ) {
    const data = sock.recv(65536);
    if (data.length === 0) {
      selector.unregister(sock);
      sock.close();
      return;
    }
    const all = new Uint8Array(state.unsent.length + data.length);
    all.set(state.unsent);
    all.set(data, state.unsent.length);
    state.unsent = all; // queue, never drop
  }
  if (events & EVENT_WRITE && state.unsent.length > 0) {
    state.unsent = state.unsent.subarray(sock.send(state.unsent)); // keep what send left
  }
  // Ask to hear about writability only while there is something left to write.
  selector.modify(sock, state.unsent.length > 0 ? EVENT_READ | EVENT_WRITE : EVENT_READ);
}
