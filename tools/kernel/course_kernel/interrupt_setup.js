// Run once in the Deno kernel by proxy.py (see interruptible.py for why).
// The proxy replaces INTERRUPT_FILE with the path of a file in its own
// temporary folder; on Kernel > Interrupt it writes the running cell's number
// there and sends SIGUSR1. The listener runs on the kernel's event loop, which
// keeps turning while a cell awaits, and rejects that cell's top-level awaits.
{
  const waiting = new Map(); // reject function -> cell number

  class Interrupted extends Error {
    constructor() {
      super("the cell was interrupted (Kernel > Interrupt) while it was waiting");
      this.name = "Interrupted";
    }
  }

  Object.defineProperty(globalThis, "__courseInterruptible", {
    // A value that is not a promise passes through untouched, as `await` would
    // take it; a promise costs one extra microtask hop (the proxy's README note).
    value: (value, cell) => {
      if (value === null || (typeof value !== "object" && typeof value !== "function")) {
        return value;
      }
      return new Promise((resolve, reject) => {
        waiting.set(reject, cell);
        const settle = (finish) => (result) => {
          waiting.delete(reject);
          finish(result);
        };
        Promise.resolve(value).then(settle(resolve), settle(reject));
      });
    },
    enumerable: false,
  });

  Deno.addSignalListener("SIGUSR1", () => {
    let cell;
    try {
      cell = Number(Deno.readTextFileSync(INTERRUPT_FILE));
    } catch {
      return;
    }
    for (const [reject, waitingCell] of waiting) {
      if (waitingCell === cell) {
        waiting.delete(reject);
        reject(new Interrupted());
      }
    }
  });
}
