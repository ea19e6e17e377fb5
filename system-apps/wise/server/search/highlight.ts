// Search text for Wise: the query PostgreSQL understands (CJK as bigrams) and safe highlighted HTML from ts_headline's output.
import { CJK_CHAR, CJK_RUN, cjkBigrams, cjkRuns } from '../../../../bff/text/cjk';

/**
 * ts_headline marks matches with these private-use characters (removed from the text first, so only
 * ts_headline can put them there); the text is then HTML-escaped and they become <mark>…</mark>.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
/** The characters stripped from text before ts_headline sees it (for SQL translate()). */
export const MARK_CHARS = MARK_START + MARK_END;

/** ts_headline options for a title: the whole title, every match marked. */
export const TITLE_HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
/** ts_headline options for a body: up to two short fragments around matches. */
export const BODY_HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * The query as text for websearch_to_tsquery('simple', …), where quotes, `or` and `-` keep their meaning. A CJK run
 * becomes its bigrams, as a phrase (so that `-广告费` leaves out the whole run, and the run matches as written);
 * inside quotes the bigrams join the quoted phrase.
 */
export function searchText(q: string): string {
  const clean = q.normalize('NFKC').replace(/[\uE000\uE001]/g, ' ');
  let quoted = false;
  return clean
    .split(/(")/)
    .map((part) => {
      if (part === '"') {
        quoted = !quoted;
        return part;
      }
      return part.replace(CJK_RUN, (run, at: number, whole: string) => {
        const grams = cjkBigrams(run).join(' ');
        const text = quoted || !grams.includes(' ') ? grams : `"${grams}"`;
        // Apart from letters or digits around it (`k8s集群`), but never from a `-` before it.
        const before = /[\p{L}\p{N}]/u.test(whole[at - 1] ?? '') ? ' ' : '';
        const after = /[\p{L}\p{N}]/u.test(whole[at + run.length] ?? '') ? ' ' : '';
        return before + text + after;
      });
    })
    .join('')
    .trim();
}

/** The CJK runs of the query (ts_headline cannot find them in unsegmented text: they are marked here). Negated ones are left out. */
export function queryCjkRuns(q: string): string[] {
  const runs = q
    .normalize('NFKC')
    .split(/\s+/)
    .filter((w) => !w.startsWith('-'))
    .flatMap((w) => cjkRuns(w));
  return [...new Set(runs)].sort((a, b) => b.length - a.length);
}

/** The query's first word to look for (lower case, not left out, not `or`, not CJK): where it first occurs in a long text, the snippet is cut. */
export function probeWord(q: string): string | null {
  for (const raw of q.normalize('NFKC').toLowerCase().split(/\s+/)) {
    if (raw.startsWith('-')) continue;
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (word && word !== 'or' && !CJK_CHAR.test(word)) return word;
  }
  return null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Wraps each occurrence of the runs in the text (outside existing marks) in the mark characters. */
export function markRuns(text: string, runs: string[]): string {
  if (!runs.length) return text;
  let out = '';
  let inside = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === MARK_START) inside = true;
    else if (c === MARK_END) inside = false;
    const run = inside ? undefined : runs.find((r) => text.startsWith(r, i));
    if (run) {
      out += MARK_START + run + MARK_END;
      i += run.length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * HTML from a ts_headline result: everything escaped, then the mark characters turned into balanced
 * <mark> elements. Any text, whatever it holds, comes out as text: no tag from an article survives.
 */
export function headlineHtml(headline: string, cjk: string[] = []): string {
  const escaped = escapeHtml(markRuns(headline, cjk).replace(/\s+/g, ' ').trim());
  let open = false;
  let out = '';
  for (const c of escaped) {
    if (c === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (c === MARK_END) {
      if (open) out += '</mark>';
      open = false;
    } else {
      out += c;
    }
  }
  return open ? `${out}</mark>` : out.replace(/<\/mark><mark>/g, '');
}

/** Whether a headline marked anything. */
export function hasMark(headline: string): boolean {
  return headline.includes(MARK_START);
}
