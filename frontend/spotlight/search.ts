// The spotlight's pure logic (no DOM, no i18n): match scoring, ranking, grouping, keyboard movement, provider queries.

export type SpotKind = 'app' | 'window' | 'command' | 'result';

export interface SpotItem {
  kind: SpotKind;
  id: string;
  title: string;
  subtitle?: string;
  /** Other words that find the item (a window's app name, a command's keywords). */
  keywords?: readonly string[];
  icon?: string;
  color?: string;
  run(): void | Promise<void>;
}

export interface SpotGroup {
  id: string;
  title: string;
  items: SpotItem[];
}

/** Scores: a match at the very start > at the start of a word > inside a word > letters in order. */
export const SCORE = { start: 400, word: 300, substring: 200, subsequence: 100 } as const;

export function normalize(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

const isWordChar = (c: string) => /[\p{L}\p{N}]/u.test(c);

function isSubsequence(text: string, q: string): boolean {
  let j = 0;
  for (let i = 0; i < text.length && j < q.length; i++) if (text[i] === q[j]) j++;
  return j === q.length;
}

/** How well `text` matches `query` (0: not at all). Shorter texts win ties within a level. */
export function matchScore(text: string, query: string): number {
  const q = normalize(query);
  const s = normalize(text);
  if (!q || !s) return 0;
  const tie = 1 - Math.min(s.length, 99) / 100;
  const first = s.indexOf(q);
  if (first === 0) return SCORE.start + tie;
  if (first > 0) {
    for (let at = first; at >= 0; at = s.indexOf(q, at + 1)) if (!isWordChar(s[at - 1]!)) return SCORE.word + tie;
    return SCORE.substring + tie;
  }
  return isSubsequence(s, q.replace(/ /g, '')) ? SCORE.subsequence + tie : 0;
}

/** An item's score: its title, or (slightly lower) its best keyword. */
export function itemScore(item: Pick<SpotItem, 'title' | 'keywords'>, query: string): number {
  const best = Math.max(0, ...(item.keywords ?? []).map((k) => matchScore(k, query) - 1));
  return Math.max(matchScore(item.title, query), best);
}

/** The items that match, best first (stable for equal scores), at most `limit`. */
export function rank<T extends Pick<SpotItem, 'title' | 'keywords'>>(items: readonly T[], query: string, limit = Infinity): T[] {
  return items
    .map((item, i) => ({ item, i, score: itemScore(item, query) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.item);
}

export interface GroupInput {
  apps: readonly SpotItem[];
  windows: readonly SpotItem[];
  commands: readonly SpotItem[];
  /** One entry per search provider, in the order they registered; `items` as the provider returned them. */
  providers: readonly SpotGroup[];
  titles: { apps: string; windows: string; commands: string };
}

export const LIMITS = { apps: 8, windows: 8, commands: 8, provider: 5 } as const;

/**
 * The groups to show for a query, empty groups left out. An empty query shows every app and open window
 * (no commands, no provider results); otherwise each is ranked, and provider results are kept in their order.
 */
export function buildGroups(input: GroupInput, query: string): SpotGroup[] {
  const empty = !normalize(query);
  const groups: SpotGroup[] = [
    { id: 'apps', title: input.titles.apps, items: empty ? [...input.apps] : rank(input.apps, query, LIMITS.apps) },
    { id: 'windows', title: input.titles.windows, items: empty ? [...input.windows] : rank(input.windows, query, LIMITS.windows) },
    { id: 'commands', title: input.titles.commands, items: empty ? [] : rank(input.commands, query, LIMITS.commands) },
    ...(empty ? [] : input.providers.map((g) => ({ ...g, items: g.items.slice(0, LIMITS.provider) }))),
  ];
  return groups.filter((g) => g.items.length > 0);
}

/** A stable key of one option (kind, group and id), to keep the selection while results change. */
export const optionKey = (group: SpotGroup, item: SpotItem) => `${group.id}\u0000${item.kind}\u0000${item.id}`;

/** The next index when moving by `delta` over `count` options, wrapping round; -1 when there are none. */
export function step(index: number, delta: number, count: number): number {
  if (count <= 0) return -1;
  if (index < 0) return delta > 0 ? 0 : count - 1;
  return (((index + delta) % count) + count) % count;
}

export interface ProviderLike<R> {
  key: string;
  search(query: string, signal: AbortSignal): Promise<readonly R[]>;
}

/**
 * Asks every provider at once. Each answer (at most `limit` results) is handed to `onResults` as it comes,
 * unless the signal was aborted by then. A provider that throws or rejects is skipped: it cannot break the others.
 */
export async function queryProviders<R>(
  providers: readonly ProviderLike<R>[],
  query: string,
  signal: AbortSignal,
  onResults: (key: string, results: R[]) => void,
  limit: number = LIMITS.provider,
): Promise<void> {
  await Promise.all(
    providers.map(async (p) => {
      try {
        const results = await p.search(query, signal);
        if (!signal.aborted && Array.isArray(results)) onResults(p.key, results.slice(0, limit));
      } catch (err) {
        if (!signal.aborted) console.warn(`search provider "${p.key}" failed`, err);
      }
    }),
  );
}

/**
 * Rounds of provider queries after a pause in typing: each `update` cancels the round before it (its timer and
 * its AbortController). `onStart` runs when a round really starts; an empty query or no providers starts none.
 */
export function debouncedProviderSearch<R>(delay: number, onStart: () => void, onResults: (key: string, results: R[]) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;
  function stop() {
    clearTimeout(timer);
    controller?.abort();
    controller = null;
  }
  function update(providers: readonly ProviderLike<R>[], query: string) {
    stop();
    const q = query.trim();
    if (!q || !providers.length) return;
    timer = setTimeout(() => {
      const ac = (controller = new AbortController());
      onStart();
      void queryProviders(providers, q, ac.signal, onResults);
    }, delay);
  }
  return { update, stop };
}
