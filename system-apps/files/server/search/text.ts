// Text for the search index: words for PostgreSQL's `simple` parser, with Chinese/Japanese/Korean runs cut into bigrams so they match too.
import { cjkBigrams, hasCjk, withCjkBigrams } from '../../../../bff/text/cjk';

export { cjkBigrams };

/** The text to index: CJK runs replaced by their bigrams, everything else as written. */
export const indexText = withCjkBigrams;

/**
 * A tsquery (for `to_tsquery('simple', …)`) that finds documents holding every word of the query:
 * each word a prefix match, CJK runs as their bigrams in a row. Null when the query has no words.
 */
export function queryText(q: string): string | null {
  const terms: string[] = [];
  for (const part of indexText(q.normalize('NFKC')).toLowerCase().split(/[^\p{L}\p{N}_]+/u)) {
    if (!part) continue;
    // Only letters, digits and _ reach here: nothing in a term can be tsquery syntax.
    terms.push(hasCjk(part) ? part : `${part}:*`);
  }
  return terms.length ? terms.slice(0, 32).join(' & ') : null;
}

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface Segment {
  text: string;
  hit: boolean;
}

/** The query's words as the user typed them (lower case), for marking matches in names and snippets. */
export function queryWords(q: string): string[] {
  return [...new Set(q.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean))].slice(0, 32);
}

/** Splits text into segments, the words' occurrences (case-insensitive) marked as hits. */
export function mark(text: string, words: string[]): Segment[] {
  const lower = text.toLowerCase();
  const hits: [number, number][] = [];
  for (const w of words) {
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + w.length)) hits.push([i, i + w.length]);
  }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of hits) {
    if (s < at) continue;
    if (s > at) out.push({ text: text.slice(at, s), hit: false });
    out.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/** About `width` characters of the body around the first match, whitespace collapsed, matches marked. */
export function snippet(body: string, words: string[], width = 160): Segment[] {
  const lower = body.toLowerCase();
  let first = -1;
  for (const w of words) {
    const i = lower.indexOf(w);
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  const start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(width / 3));
  let piece = body.slice(start, start + width).replace(/\s+/g, ' ');
  if (start > 0) piece = `…${piece.trimStart()}`;
  if (start + width < body.length) piece = `${piece.trimEnd()}…`;
  return mark(piece, words);
}
