/**
 * A selector, Python's `selectors.DefaultSelector` for the course's sockets:
 * register sockets with the events you care about, then ask which are ready.
 *
 * An honest difference from Python. There, `select(timeout)` blocks the thread
 * inside the kernel until a socket is ready. JavaScript cannot block its one
 * thread, so here `select(timeout)` is a coroutine: `yield* selector.select(1)`
 * suspends the task until a registered socket is ready or the timeout passes,
 * and the loop idles meanwhile. That idle wait is where Deno's runtime really
 * polls the operating system (epoll through tokio) and finishes native reads,
 * which is what makes a socket "ready" here (see `tcp_socket.ts`). Because it
 * runs on the loop, the same code works on a {@link SimNetwork} with exact
 * virtual times.
 *
 * @module
 */
import type { Coroutine } from "../coroutine/coroutine.ts";
import { getRunningLoop } from "../loop/running.ts";
import { EVENT_READ, EVENT_WRITE, readyEvents } from "./events.ts";
import { SelectorKeyError } from "./errors.ts";
import { ReadyWaiter } from "./sock_ops.ts";
import { RuntimeError } from "../loop/errors.ts";
import type { Selectable } from "./types.ts";

/**
 * What `register` returns and `select` reports: the socket (`fileobj`), the
 * events it was registered for, and the data attached to it.
 */
export interface SelectorKey<T = unknown> {
  /** The registered socket. */
  readonly fileobj: Selectable;
  /** The events it is watched for: `EVENT_READ`, `EVENT_WRITE` or both. */
  readonly events: number;
  /** Whatever was passed to `register` (a callback, a state object...). */
  readonly data: T;
}

/**
 * Watches several sockets at once and reports which are ready.
 *
 * @typeParam T The type of the data attached to each key.
 * @example
 * ```ts
 * import { EVENT_READ, EventLoop, listenTcp, Selector } from "@course/lib";
 * const loop = new EventLoop();
 * const server = listenTcp(0);
 * const selector = new Selector();
 * selector.register(server, EVENT_READ, "the listening socket");
 * const events = await loop.runUntilComplete((function* () {
 *   const client = yield* loop.sockConnect("127.0.0.1", server.localAddress.port);
 *   const ready = yield* selector.select(1); // the pending connection makes it readable
 *   client.close();
 *   return ready.map(([key, mask]) => [key.data, mask]);
 * })());
 * console.log(events); // [["the listening socket", 1]]
 * server.close();
 * await server.waitClosed();
 * ```
 */
export class Selector<T = unknown> {
  #keys = new Map<Selectable, SelectorKey<T>>();
  #closed = false;
  #woken = false;
  #pendingWait: (() => void) | null = null;

  /**
   * Starts watching `fileobj` for `events`.
   * @param fileobj A socket (listening or connected).
   * @param events `EVENT_READ`, `EVENT_WRITE`, or `EVENT_READ | EVENT_WRITE`.
   * @param data Anything to attach to the key.
   * @returns The new key.
   * @throws {SelectorKeyError} If `fileobj` is already registered.
   * @throws {RangeError} If `events` is invalid.
   */
  register(fileobj: Selectable, events: number, data?: T): SelectorKey<T> {
    this.#checkOpen();
    checkEvents(events);
    if (this.#keys.has(fileobj)) {
      throw new SelectorKeyError("this socket is already registered: modify() changes its events");
    }
    const key: SelectorKey<T> = { fileobj, events, data: data as T };
    this.#keys.set(fileobj, key);
    return key;
  }

  /**
   * Stops watching `fileobj`.
   * @param fileobj A registered socket.
   * @returns Its key.
   * @throws {SelectorKeyError} If it is not registered.
   */
  unregister(fileobj: Selectable): SelectorKey<T> {
    const key = this.getKey(fileobj);
    this.#keys.delete(fileobj);
    return key;
  }

  /**
   * Changes the events (and data) `fileobj` is watched for.
   * @param fileobj A registered socket.
   * @param events The new events.
   * @param data The new data (the old data is kept when omitted).
   * @returns The new key.
   */
  modify(fileobj: Selectable, events: number, data?: T): SelectorKey<T> {
    checkEvents(events);
    const old = this.getKey(fileobj);
    const key: SelectorKey<T> = { fileobj, events, data: data === undefined ? old.data : data };
    this.#keys.set(fileobj, key);
    return key;
  }

  /**
   * The key of a registered socket.
   * @param fileobj A registered socket.
   * @returns Its key.
   * @throws {SelectorKeyError} If it is not registered.
   */
  getKey(fileobj: Selectable): SelectorKey<T> {
    const key = this.#keys.get(fileobj);
    if (key === undefined) {
      throw new SelectorKeyError("this socket is not registered with this selector");
    }
    return key;
  }

  /**
   * Every registered key, by socket.
   * @returns A read-only view of the registrations.
   */
  getMap(): ReadonlyMap<Selectable, SelectorKey<T>> {
    return this.#keys;
  }

  /**
   * Waits until at least one registered socket is ready, or `timeout` seconds pass.
   *
   * It always lets the loop take one turn, even with `timeout` 0 or a socket
   * already ready: a JavaScript task that never gave the loop a turn would
   * never let Deno finish any I/O, so a `select(0)` polling loop would spin.
   *
   * @param timeout Seconds to wait at most; `null` (default) waits as long as needed, 0 only polls.
   * @returns `[key, events]` pairs: each ready socket's key and which of its events are ready.
   */
  *select(timeout: number | null = null): Coroutine<[SelectorKey<T>, number][]> {
    this.#checkOpen();
    const loop = getRunningLoop();
    const ready = this.#poll();
    if (ready.length > 0 || timeout !== null && timeout <= 0) {
      yield; // one loop turn, as promised above
      return ready.length > 0 ? ready : this.#poll();
    }
    const waiter = new ReadyWaiter(loop, this.#keys.values());
    const future = waiter.wait();
    const timer = timeout === null ? null : loop.callLater(timeout, () => {
      if (!future.done()) future.setResult(undefined); // the timeout: wake with nothing ready
    });
    try {
      yield* future;
    } finally {
      waiter.close();
      timer?.cancel();
    }
    return this.#poll();
  }

  /**
   * `select` for a loop of your own, one that is not the course's `EventLoop`
   * (the capstone's): a promise of the ready keys, settled once a registered
   * socket is ready, `timeout` seconds have passed, or {@link wakeUp} was called.
   *
   * It always waits for at least one macrotask, even with `timeout` 0 or a
   * socket already ready: Deno finishes native reads only while JavaScript
   * waits, so a loop that never waited would never see new data. Only one wait
   * may be pending at a time.
   *
   * @param timeout Seconds to wait at most; `null` (default) waits as long as needed, 0 only polls.
   * @returns `[key, events]` pairs, as {@link select} gives them.
   * @throws {RuntimeError} If another wait is pending or the selector is closed.
   * @example
   * ```ts
   * import { connectTcp, EVENT_READ, listenTcp, Selector } from "@course/lib";
   * const listener = listenTcp(0);
   * const selector = new Selector<string>();
   * selector.register(listener, EVENT_READ, "listener");
   * console.log(await selector.wait(0)); // []: nobody is connecting yet
   * const client = connectTcp(listener.localAddress.port);
   * const ready = await selector.wait(5); // settles as soon as the connection is pending
   * console.log(ready.map(([key]) => key.data)); // ["listener"]
   * const [conn] = listener.accept();
   * for (const s of [conn, client]) s.close();
   * listener.close();
   * await Promise.all([conn.waitClosed(), client.waitClosed(), listener.waitClosed()]);
   * ```
   */
  wait(timeout: number | null = null): Promise<[SelectorKey<T>, number][]> {
    this.#checkOpen();
    if (this.#pendingWait !== null) {
      throw new RuntimeError("this selector is already waiting: one wait at a time");
    }
    return new Promise((resolve) => {
      const waiter = new ReadyWaiter(null, this.#keys.values());
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = () => {
        if (this.#pendingWait !== finish) return; // settled already
        this.#pendingWait = null;
        this.#woken = false;
        clearTimeout(timer);
        waiter.close();
        resolve(this.#closed ? [] : this.#poll());
      };
      this.#pendingWait = finish;
      if (this.#woken || this.#poll().length > 0 || timeout !== null && timeout <= 0) {
        timer = setTimeout(finish, 0); // one macrotask, as promised above
        return;
      }
      waiter.whenReady(finish);
      if (timeout !== null) timer = setTimeout(finish, timeout * 1000);
    });
  }

  /**
   * Ends a pending {@link wait} at once, or makes the next one return at once:
   * how another thread's result (a Worker's answer) wakes a loop that waits for
   * sockets. asyncio does the same with its self-pipe (`_write_to_self`).
   */
  wakeUp(): void {
    this.#woken = true;
    this.#pendingWait?.(); // settles the promise; its awaiter resumes in a later microtask
  }

  /** Unregisters everything; the selector cannot be used afterwards. */
  close(): void {
    this.#keys.clear();
    this.#closed = true;
    this.#pendingWait?.(); // a pending wait settles with nothing ready
  }

  #poll(): [SelectorKey<T>, number][] {
    const ready: [SelectorKey<T>, number][] = [];
    for (const key of this.#keys.values()) {
      const mask = readyEvents(key.fileobj, key.events);
      if (mask !== 0) ready.push([key, mask]);
    }
    return ready;
  }

  #checkOpen(): void {
    if (this.#closed) throw new RuntimeError("the selector is closed");
  }
}

function checkEvents(events: number): void {
  if (!Number.isInteger(events) || events <= 0 || (events & ~(EVENT_READ | EVENT_WRITE)) !== 0) {
    throw new RangeError(`events must be EVENT_READ, EVENT_WRITE or both, not ${events}`);
  }
}
