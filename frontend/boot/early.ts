// Serves the desktop's first queries from the batch public/early.js started before the shell loaded: each one once,
// while fresh, and only as long as the page has changed nothing (a mutation, such as signing in, drops them).
import type { TRPCLink } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import type { AppRouter } from '../../bff/trpc/app-router';

interface EarlyRequest {
  url: string;
  response: Promise<Response>;
  at: number;
}

/** A successful answer of a tRPC batch, as the server sends it. */
interface Entry {
  result: { data: unknown };
}

/** How old an early answer may be when taken; older (a tab restored much later), and it is asked again. */
const MAX_AGE_MS = 10_000;

interface Pending {
  at: number;
  /** `path␊input` of each procedure of the batch not taken yet, and its place in the answer. */
  untaken: Map<string, number>;
  answer: Promise<unknown>;
}

let pending: Pending | null | undefined;

const key = (path: string, input: unknown) => `${path}\n${JSON.stringify(input ?? null)}`;

/** The procedures of a batch URL (`/trpc/a,b?batch=1&input={"1":…}`), with their inputs; null if it is not one. */
export function batchProcedures(url: string): { path: string; input: unknown }[] | null {
  const m = /^\/trpc\/([\w.,]+)\?batch=1&input=([^&]*)$/.exec(url);
  if (!m) return null;
  try {
    const inputs = JSON.parse(decodeURIComponent(m[2]!)) as Record<string, unknown>;
    return m[1]!.split(',').map((path, i) => ({ path, input: inputs[i] }));
  } catch {
    return null;
  }
}

/** Picks up what early.js left (once: it is then gone from the page). */
function adopt(): Pending | null {
  const w = globalThis as unknown as { __olaresEarly?: EarlyRequest };
  const early = w.__olaresEarly;
  delete w.__olaresEarly;
  const procedures = early ? batchProcedures(early.url) : null;
  if (!early || !procedures) return null;
  const answer = early.response.then((r) => r.json() as Promise<unknown>);
  answer.catch(() => undefined); // unreachable or not JSON: each taker asks the server itself
  return { at: early.at, untaken: new Map(procedures.map((p, i) => [key(p.path, p.input), i])), answer };
}

/**
 * The early answer to the query `path` with `input`, or null: not part of the early batch, taken already, or
 * too old. The promise gives the server's answer, or null where it was an error (asked again: signing in may
 * have changed it) or the batch's answer was unusable.
 */
export function takeEarly(path: string, input: unknown, now = Date.now()): Promise<Entry | null> | null {
  if (pending === undefined) pending = adopt();
  if (!pending) return null;
  if (now - pending.at >= MAX_AGE_MS) {
    pending = null;
    return null;
  }
  const k = key(path, input);
  const index = pending.untaken.get(k);
  if (index === undefined) return null;
  pending.untaken.delete(k);
  return pending.answer.then(
    (batch) => {
      const entry = Array.isArray(batch) ? (batch[index] as Entry | undefined) : undefined;
      return entry && typeof entry === 'object' && 'result' in entry && entry.result && typeof entry.result === 'object' ? entry : null;
    },
    () => null,
  );
}

/** Drops the answers not taken yet: the page changed something, so they may no longer hold. */
export function discardEarly(): void {
  pending = null;
}

/** Forgets what early.js left, as if the page had just loaded: for tests. */
export function resetEarly(): void {
  pending = undefined;
}

/** A tRPC link before the HTTP one: queries of the early batch are answered from it, the rest go on unchanged. */
export function earlyLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      if (op.type === 'mutation') discardEarly();
      const early = op.type === 'query' ? takeEarly(op.path, op.input) : null;
      if (!early) return next(op);
      return observable((observer) => {
        let closed = false;
        let asked: Unsubscribable | null = null;
        void early.then((entry) => {
          if (closed) return;
          if (!entry) {
            asked = next(op).subscribe(observer); // no usable answer: ask the server
            return;
          }
          observer.next({ result: { type: 'data', data: entry.result.data } });
          observer.complete();
        });
        return () => {
          closed = true;
          asked?.unsubscribe();
        };
      });
    };
}
