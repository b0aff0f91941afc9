// Sends the heavy answer from the promise's callback, not in a turn of the loop.
import {
  type ComputePool,
  countPrimesBetween,
  type ListeningSocket,
  type StreamSocket,
} from "@course/lib";

// Sends a one-line answer and closes (a short line always fits the send buffer).
function answer(sock: StreamSocket, text: string): void {
  sock.send(new TextEncoder().encode(`${text}\n`));
  sock.close();
}

// asyncio's call_soon_threadsafe: work finished elsewhere comes back as a callback of the loop,
// and the loop, which may be waiting for sockets, is woken to run it.
function callSoonThreadsafe(loop: IoLoop, callback: () => void): void {
  loop.ready.push(callback);
  loop.selector.wakeUp();
}

// A server on your loop: "ping" gets "pong"; "primes n" gets the number of primes below n,
// counted in pool.size pieces at once on the Workers while the loop keeps serving.
function serve(loop: IoLoop, listener: ListeningSocket, pool: ComputePool): void {
  addReader(loop, listener, () => {
    const [sock] = listener.accept();
    addReader(loop, sock, () => {
      removeReader(loop, sock); // one request per client
      const request = new TextDecoder().decode(sock.recv(1024)).trim();
      if (!request.startsWith("primes ")) return answer(sock, "pong");
      const n = Number(request.slice("primes ".length));
      const pieces = Array.from({ length: pool.size }, (_, i) => ({
        from: Math.floor((n * i) / pool.size),
        to: Math.floor((n * (i + 1)) / pool.size),
      }));
      pool.map(countPrimesBetween, pieces).then((counts) =>
        answer(sock, String(counts.reduce((a, b) => a + b, 0))) // straight from the promise
      );
    });
  });
}
