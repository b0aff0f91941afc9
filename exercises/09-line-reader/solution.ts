// feed(chunk) returns the lines this chunk completes, without "\n"; keep the rest for later.
function lineReader(): (chunk: Uint8Array) => string[] {
  const decoder = new TextDecoder();
  let pending = new Uint8Array(0); // bytes after the last newline so far
  return (chunk) => {
    const all = new Uint8Array(pending.length + chunk.length);
    all.set(pending);
    all.set(chunk, pending.length);
    const lines: string[] = [];
    let start = 0;
    for (let nl = all.indexOf(10); nl !== -1; nl = all.indexOf(10, start)) {
      lines.push(decoder.decode(all.subarray(start, nl))); // only whole lines are decoded
      start = nl + 1;
    }
    pending = all.slice(start);
    return lines;
  };
}
