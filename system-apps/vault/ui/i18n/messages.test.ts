// Vault's strings: both languages hold the same keys, none empty; every key the UI names exists; every server reason has a sentence.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
const ui = path.resolve(__dirname, '..');

async function sources(dir: string): Promise<string[]> {
  const files = (await fs.readdir(dir, { recursive: true })).filter((f) => /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts') && !f.startsWith('core'));
  return Promise.all(files.map((f) => fs.readFile(path.join(dir, f), 'utf8')));
}

describe('vault strings', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(keys(messages['zh-CN']).sort()).toEqual([...en].sort());
    for (const locale of ['en-US', 'zh-CN'] as const) {
      for (const k of keys(messages[locale])) {
        const value = k.startsWith('errors.') ? (messages[locale].errors as Tree)[k.slice(7)] : k.split('.').reduce<unknown>((n, p) => (n as Tree)?.[p], messages[locale]);
        expect(typeof value === 'string' && value.length > 0, `${locale} ${k}`).toBe(true);
        expect(value as string, `${locale} ${k}`).not.toMatch(/@:|@\{/);
      }
    }
  });

  it('has every literal key the UI uses', async () => {
    const used = new Set<string>();
    for (const text of await sources(ui)) for (const m of text.matchAll(/\bte?\(\s*'(vault\.[A-Za-z0-9_.]+)'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].filter((k) => !en.has(k));
    expect(missing).toEqual([]);
  });

  it('has a sentence for every reason the server gives', async () => {
    const server = path.resolve(ui, '../server');
    const files = (await fs.readdir(server, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const reasons = new Set<string>();
    for (const f of files) for (const m of (await fs.readFile(path.join(server, f), 'utf8')).matchAll(/appError\([^,]+,\s*'(vault\.[A-Za-z]+)'/g)) reasons.add(m[1]!);
    expect(reasons.size).toBeGreaterThan(10);
    for (const r of reasons) expect(en.has(`errors.${r}`), r).toBe(true);
  });
});
