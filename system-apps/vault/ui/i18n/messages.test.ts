// Vault's strings: both languages hold the same keys, none empty; every key the UI names exists; every server reason has a sentence.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyPaths, mergeParts, sourcesOf, translationProblems } from '../../../../frontend/sdk/testing/messages';
import { parts } from './index';

const messages = mergeParts(parts);
const en = new Set(keyPaths(messages['en-US']));
const ui = path.resolve(__dirname, '..');
const sources = (dir: string) => sourcesOf(dir, (f) => !f.startsWith('core'));

describe('vault strings', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(translationProblems(messages, /@:|@\{/)).toEqual([]);
  });

  it('has every literal key the UI uses', async () => {
    const used = new Set<string>();
    for (const text of await sources(ui)) for (const m of text.matchAll(/\bte?\(\s*'(vault\.[A-Za-z0-9_.]+)'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].filter((k) => !en.has(k));
    expect(missing).toEqual([]);
  });

  it('has a sentence for every reason the server gives', async () => {
    const reasons = new Set<string>();
    for (const text of await sourcesOf(path.resolve(ui, '../server'))) for (const m of text.matchAll(/appError\([^,]+,\s*'(vault\.[A-Za-z]+)'/g)) reasons.add(m[1]!);
    expect(reasons.size).toBeGreaterThan(10);
    for (const r of reasons) expect(en.has(`errors.${r}`), r).toBe(true);
  });
});
