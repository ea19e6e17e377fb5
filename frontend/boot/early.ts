// Hands the request that public/early.js started before the shell loaded to the tRPC client, once, if it asks for that URL.

interface EarlyRequest {
  url: string;
  response: Promise<Response>;
  at: number;
}

/** How old an early answer may be when taken; older (a tab restored much later), and it is asked again. */
const MAX_AGE_MS = 10_000;

/** The early answer for `url`, or null; it can be taken only once. */
export function takeEarlyResponse(url: string, now = Date.now()): Promise<Response> | null {
  const w = globalThis as unknown as { __olaresEarly?: EarlyRequest };
  const early = w.__olaresEarly;
  if (!early) return null;
  delete w.__olaresEarly; // the first request decides: a later one is never served a stale answer
  return early.url === url && now - early.at < MAX_AGE_MS ? early.response : null;
}
