// Stops waiting at the deadline, but the request goes on.
async function fetchWithin(url: string, ms: number, fallback: string): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string>((resolve) => timer = setTimeout(() => resolve(fallback), ms));
  try {
    return await Promise.race([fetch(url).then((r) => r.text()), late]);
  } finally {
    clearTimeout(timer);
  }
}
