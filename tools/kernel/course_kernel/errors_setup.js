// Run once in the Deno kernel by proxy.py. Deno's kernel drops two kinds of
// error without a word: a promise that rejects with nobody awaiting it, and an
// error thrown in a callback (a timer, an event handler). A learner then sees
// a cell that "did nothing". Here both are printed on stderr, which Jupyter
// shows in red, as `Uncaught ...` with the learner's own stack lines.
{
  const ownLines = (error) => {
    if (!(error instanceof Error)) return Deno.inspect(error);
    const [first, ...frames] = String(error.stack ?? `${error.name}: ${error.message}`).split("\n");
    // Frames inside Deno itself (ext:...) say nothing to a learner.
    return [first, ...frames.filter((line) => !line.includes("ext:"))].join("\n");
  };
  globalThis.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    console.error(
      `Uncaught (in promise) ${ownLines(event.reason)}\n` +
        "(a promise rejected and nothing awaited it or caught its error)",
    );
  });
  globalThis.addEventListener("error", (event) => {
    event.preventDefault();
    console.error(
      `Uncaught ${ownLines(event.error ?? event.message)}\n` +
        "(thrown in a callback, such as a timer's, where no cell could catch it)",
    );
  });
}
