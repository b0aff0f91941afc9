// Aborts at the deadline, but hides every other failure behind the fallback.
async function fetchWithin(url: string, ms: number, fallback: string): Promise<string> {
  try {
    return await (await fetch(url, { signal: AbortSignal.timeout(ms) })).text();
  } catch {
    return fallback;
  }
}
