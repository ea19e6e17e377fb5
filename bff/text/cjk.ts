// Chinese, Japanese and Korean text has no spaces between words: shared helpers that cut it into overlapping bigrams for search (Files, Wise).

/** One character of a script written without spaces: Han, Hiragana, Katakana, Hangul. */
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Runs of such characters (global: use with replace/matchAll). */
export const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** Whether the text holds any CJK character. */
export function hasCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/** `文件管理器` → `文件 件管 管理 理器`; a single character stays as it is. */
export function cjkBigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The text with each CJK run replaced by its bigrams (space-separated), everything else as written. */
export function withCjkBigrams(text: string): string {
  return text.replace(CJK_RUN, (run) => ` ${cjkBigrams(run).join(' ')} `);
}

/** The CJK runs of a text, in order (e.g. the parts of a query to find again in a snippet). */
export function cjkRuns(text: string): string[] {
  return Array.from(text.matchAll(CJK_RUN), (m) => m[0]);
}

/**
 * The last character of each CJK run, once each, space-separated. Indexed beside the bigrams, they let a query of
 * one character match by prefix (`猫:*`): every character of a run starts a bigram, except its last one.
 */
export function cjkTails(text: string): string {
  return [...new Set(cjkRuns(text).map((run) => Array.from(run).at(-1)!))].join(' ');
}

/** The CJK characters that stand alone as words of a query (`猫 食` → `猫食`; `猫咪` has none): to be matched by prefix. */
export function singleCjkChars(text: string): string {
  const singles = text.split(/[\s"()|&!:*<>-]+/).filter((w) => Array.from(w).length === 1 && CJK_CHAR.test(w));
  return [...new Set(singles)].join('');
}
