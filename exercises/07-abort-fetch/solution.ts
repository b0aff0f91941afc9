// The body of `url`, or `fallback` if it has not fully arrived after `ms`; the request is aborted then.
async function fetchWithin(url: string, ms: number, fallback: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(ms) });
    return await response.text(); // reading the body is under the same deadline
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") return fallback;
    throw error; // a refused connection, a reset: not ours to hide
  }
}
