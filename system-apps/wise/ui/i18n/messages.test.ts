// Wise's strings: both languages hold the same keys, none empty or linked; every key the UI names exists (the templated families too); every reason the server gives has a sentence.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY_VIEWS } from '../../shared/wire';
import { parts } from './index';

type Tree = Record<string, unknown>;
function merge(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = v && typeof v === 'object' && out[k] && typeof out[k] === 'object' ? merge(out[k] as Tree, v as Tree) : v;
  return out;
}
/** Key paths, with `errors` reasons (which contain dots) kept whole. */
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' && prefix !== 'errors.' ? keys(v as Tree, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
const messages = { 'en-US': parts.reduce((m, p) => merge(m, p['en-US']), {} as Tree), 'zh-CN': parts.reduce((m, p) => merge(m, p['zh-CN']), {} as Tree) };
const en = new Set(keys(messages['en-US']));
const errors = messages['en-US'].errors as Record<string, string>;
const ui = path.resolve(__dirname, '..');

async function sources(dir: string, test = (f: string) => /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts')): Promise<string[]> {
  const files = (await fs.readdir(dir, { recursive: true }).catch(() => [] as string[])).filter(test);
  return Promise.all(files.map((f) => fs.readFile(path.join(dir, f), 'utf8')));
}

describe('wise strings', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(keys(messages['zh-CN']).sort()).toEqual([...en].sort());
    for (const locale of ['en-US', 'zh-CN'] as const) {
      for (const k of keys(messages[locale])) {
        const value = k.startsWith('errors.') ? (messages[locale].errors as Tree)[k.slice(7)] : k.split('.').reduce<unknown>((n, p) => (n as Tree)?.[p], messages[locale]);
        expect(typeof value === 'string' && value.length > 0, `${locale} ${k}`).toBe(true);
        expect(value as string, `${locale} ${k}`).not.toMatch(/@|\{\s*\}/);
      }
    }
  });

  it('has every literal key the UI uses', async () => {
    const used = new Set<string>();
    for (const text of await sources(ui)) for (const m of text.matchAll(/'(wise\.[A-Za-z0-9_.]+)'/g)) used.add(m[1]!);
    // Socket events and the library's reasons are not UI strings of this tree.
    // Socket events and the injection key's name are not strings of this tree.
    for (const k of ['wise.entries', 'wise.feeds', 'wise.overlays']) used.delete(k);
    expect(used.size).toBeGreaterThan(120);
    expect([...used].filter((k) => !en.has(k) && !en.has(`${k}.title`) && !errors[k])).toEqual([]);
  });

  it('has the templated families', () => {
    const kinds = ['network', 'timeout', 'tooLarge', 'http', 'blocked', 'notAFeed', 'tooManyRedirects'];
    for (const k of kinds) {
      expect(en.has(`wise.feedError.${k}`), k).toBe(true);
      expect(errors[`wise.feed.${k}`], k).toBeTruthy();
    }
    for (const v of [...ENTRY_VIEWS, 'forYou', 'search']) expect(en.has(`wise.list.empty.${v}`), v).toBe(true);
    for (const v of ['forYou', 'all', 'unread', 'starred', 'saved']) expect(en.has(`wise.list.titles.${v}`), v).toBe(true);
    for (const c of ['yellow', 'green', 'blue', 'pink']) expect(en.has(`wise.highlight.colors.${c}`), c).toBe(true);
    for (const th of ['auto', 'light', 'sepia', 'dark']) expect(en.has(`wise.appearance.themes.${th}`), th).toBe(true);
    for (const m of ['addFeed', 'savePage']) for (const k of ['title', 'lead', 'url', 'placeholder', 'submit', 'working', 'done']) expect(en.has(`wise.${m}.${k}`), `${m}.${k}`).toBe(true);
  });

  it('has a sentence for every reason the UI or the server gives', async () => {
    const reasons = new Set<string>();
    for (const text of await sources(ui)) for (const m of text.matchAll(/'(wise\.document\.[A-Za-z]+)'/g)) reasons.add(m[1]!);
    const kinds = ['network', 'timeout', 'tooLarge', 'http', 'blocked', 'notAFeed', 'tooManyRedirects'];
    const server = (await sources(path.resolve(ui, '../server'))).join('\n');
    for (const m of server.matchAll(/['`](wise\.(?:notFound|folderExists|opml\.|document\.|feed\.|save\.)[A-Za-z.]*)(\$\{)?/g)) {
      // `wise.feed.${kind}`: one reason per kind of feed error.
      if (m[2]) for (const k of kinds) reasons.add(`${m[1]}${k}`);
      else if (!m[1]!.endsWith('.')) reasons.add(m[1]!);
    }
    expect(server.length === 0 || reasons.has('wise.notFound')).toBe(true);
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const sentences = messages[locale].errors as Record<string, string>;
      expect([...reasons].filter((r) => !sentences[r]), locale).toEqual([]);
    }
  });
});
