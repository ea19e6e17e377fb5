// Test support for an app's translations: merge its message parts, list key paths, read a key, read its sources — so each app's messages test states only its own rules.
import fs from 'node:fs/promises';
import path from 'node:path';

export type MessageTree = Record<string, unknown>;
export type Locale = 'en-US' | 'zh-CN';
export type MessageParts = ReadonlyArray<Record<Locale, MessageTree>>;

function merge(a: MessageTree, b: MessageTree): MessageTree {
  const out: MessageTree = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = v && typeof v === 'object' && out[k] && typeof out[k] === 'object' ? merge(out[k] as MessageTree, v as MessageTree) : v;
  return out;
}

/** Each language's messages, the parts merged in order. */
export function mergeParts(parts: MessageParts): Record<Locale, MessageTree> {
  return { 'en-US': parts.reduce((m, p) => merge(m, p['en-US']), {} as MessageTree), 'zh-CN': parts.reduce((m, p) => merge(m, p['zh-CN']), {} as MessageTree) };
}

/** Key paths; under `errors` the reasons (which contain dots) are kept whole. */
export function keyPaths(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' && prefix !== 'errors.' ? keyPaths(v as MessageTree, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** The value at a key path as keyPaths names it (`errors.<reason>` included). */
export function valueAt(tree: MessageTree, key: string): unknown {
  if (key.startsWith('errors.')) return (tree.errors as MessageTree | undefined)?.[key.slice(7)];
  return key.split('.').reduce<unknown>((n, p) => (n as MessageTree | undefined)?.[p], tree);
}

/** The text of every .vue/.ts file under `dir` (tests excluded) that `keep` accepts, by relative path; none when dir is missing. */
export async function sourcesOf(dir: string, keep: (rel: string) => boolean = () => true): Promise<string[]> {
  const files = (await fs.readdir(dir, { recursive: true }).catch(() => [] as string[])).filter((f) => /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts') && keep(f));
  return Promise.all(files.map((f) => fs.readFile(path.join(dir, f), 'utf8')));
}

/**
 * What is wrong with a pair of translations: a key one language has and the other lacks, an empty value, or a value
 * matching `forbidden` (e.g. vue-i18n's linked `@:` syntax, or an empty `{}` placeholder). An empty list when all is well.
 */
export function translationProblems(messages: Record<Locale, MessageTree>, forbidden: RegExp): string[] {
  const en = keyPaths(messages['en-US']);
  const zh = new Set(keyPaths(messages['zh-CN']));
  const problems = [...en.filter((k) => !zh.has(k)).map((k) => `zh-CN lacks ${k}`), ...[...zh].filter((k) => !en.includes(k)).map((k) => `en-US lacks ${k}`)];
  for (const locale of ['en-US', 'zh-CN'] as const) {
    for (const k of keyPaths(messages[locale])) {
      const value = valueAt(messages[locale], k);
      if (typeof value !== 'string' || value.length === 0) problems.push(`${locale} ${k} is empty`);
      else if (forbidden.test(value)) problems.push(`${locale} ${k} holds ${forbidden}`);
    }
  }
  return problems;
}
