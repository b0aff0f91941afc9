/**
 * Sockets for notebooks 8 and 9: real TCP on the loopback made non-blocking and
 * readiness-based (`tcp_socket.ts` says how that maps onto a selector loop),
 * a `Selector`, the loop's `sockRecv`/`sockSendall`/`sockAccept`/`sockConnect`,
 * asyncio-style streams (`openConnection`, `startServer`), and a simulated
 * network on the virtual clock with the same socket interface.
 *
 * @module
 */
export {
  AddressInUseError,
  BlockingIOError,
  BrokenPipeError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  IncompleteReadError,
  LimitOverrunError,
  SelectorKeyError,
  SocketClosedError,
} from "./errors.ts";
export type { Address, ListeningSocket, Network, Selectable, StreamSocket } from "./types.ts";
export { connectTcp, TcpSocket, type TcpSocketOptions } from "./tcp_socket.ts";
export { listenTcp, tcp, TcpListener, type TcpListenerOptions } from "./tcp_listener.ts";
export { EVENT_READ, EVENT_WRITE, readyEvents } from "./events.ts";
export { Selector, type SelectorKey } from "./selector.ts";
export {
  type ConnectOptions,
  ReadyWaiter,
  sockAccept,
  sockConnect,
  sockRecv,
  sockSendall,
  waitReady,
  type WatchedSocket,
} from "./sock_ops.ts";
export { StreamReader, type StreamReaderOptions } from "./stream_reader.ts";
export { StreamWriter, type StreamWriterOptions } from "./stream_writer.ts";
export { openConnection, type StreamOptions } from "./open_connection.ts";
export { type ClientConnectedHandler, Server, type ServerOptions, startServer } from "./server.ts";
export { SimNetwork, type SimNetworkOptions } from "./sim_network.ts";
export { SimListener } from "./sim_listener.ts";
export { SimSocket } from "./sim_socket.ts";
