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
