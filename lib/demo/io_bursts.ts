/**
 * Two bursts of I/O for "which thread does the work?": `socketBurst` bounces
 * messages over a TCP connection on the loopback, `fileBurst` reads a file
 * again and again into one reused buffer. Measure either with
 * `measureThreadCpu`: Deno polls sockets on the JavaScript thread itself, and
 * hands file operations to its pool of blocking threads.
 *
 * @module
 */

/**
 * Sends `rounds` messages of `bytes` bytes to a local echo connection and reads
 * each echo back. Both ends live in this process.
 * @param rounds Round trips. Default 2,000.
 * @param bytes Bytes per message. Default 16 KiB.
 * @returns The bytes echoed in all.
 * @example
 * ```ts
 * import { socketBurst } from "@course/lib";
 * console.log(await socketBurst(10, 100)); // 1000
 * ```
 */
export async function socketBurst(rounds = 2_000, bytes = 16 * 1024): Promise<number> {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  using client = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  using server = await listener.accept();
  const echo = (async () => {
    const buffer = new Uint8Array(64 * 1024);
    for (let n = await server.read(buffer); n !== null; n = await server.read(buffer)) {
      await server.write(buffer.subarray(0, n)); // small loopback writes are taken whole
    }
  })();
  const message = new Uint8Array(bytes), buffer = new Uint8Array(64 * 1024);
  let echoed = 0;
  for (let i = 0; i < rounds; i++) {
    await client.write(message);
    for (let got = 0; got < bytes;) got += (await client.read(buffer)) ?? bytes;
    echoed += bytes;
  }
  client.closeWrite(); // the echo loop sees end of stream and stops
  await echo;
  return echoed;
}

/**
 * Writes a scratch file of `fileBytes`, then reads it `rounds` times, one
 * MiB-sized block per read, into a single reused buffer (so JavaScript allocates
 * nothing per read), and removes the file.
 * @param rounds Reads. Default 800.
 * @param fileBytes Size of the scratch file. Default 8 MiB.
 * @returns The bytes read in all.
 * @example
 * ```ts
 * import { fileBurst } from "@course/lib";
 * console.log(await fileBurst(4, 2 << 20)); // 4194304
 * ```
 */
export async function fileBurst(rounds = 800, fileBytes = 8 << 20): Promise<number> {
  const block = 1 << 20;
  const path = await Deno.makeTempFile({ prefix: "course-burst-" });
  try {
    await Deno.writeFile(path, new Uint8Array(fileBytes));
    using file = await Deno.open(path);
    const buffer = new Uint8Array(block);
    const blocks = Math.max(1, Math.floor(fileBytes / block));
    let total = 0;
    for (let i = 0; i < rounds; i++) {
      await file.seek((i % blocks) * block, Deno.SeekMode.Start);
      total += (await file.read(buffer)) ?? 0;
    }
    return total;
  } finally {
    await Deno.remove(path);
  }
}
