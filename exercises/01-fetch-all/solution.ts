// Return the bodies of the responses, in the order of `urls`.
// Every request is sent before any answer is awaited; Promise.all keeps the order.
async function fetchAll(urls: string[]): Promise<string[]> {
  return await Promise.all(urls.map(async (url) => (await fetch(url)).text()));
}
