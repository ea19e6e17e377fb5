// The Dashboard's strings: both languages hold the same keys, none empty or linked, and every key the UI names (the templated families too) exists.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PANELS, RANGES } from '../../shared/wire';
import { CARDS } from '../lib/series';
import { parts } from './index';

type Tree = Record<string, unknown>;
function merge(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = v && typeof v === 'object' && out[k] && typeof out[k] === 'object' ? merge(out[k] as Tree, v as Tree) : v;
  return out;
}
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Tree, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
const messages = { 'en-US': parts.reduce((m, p) => merge(m, p['en-US']), {} as Tree), 'zh-CN': parts.reduce((m, p) => merge(m, p['zh-CN']), {} as Tree) };
const en = new Set(keys(messages['en-US']));
const ui = path.resolve(__dirname, '..');

describe('dashboard strings', () => {
  it('has the same keys in both languages, none empty or linked', () => {
    expect(keys(messages['zh-CN']).sort()).toEqual([...en].sort());
    for (const locale of ['en-US', 'zh-CN'] as const) {
      for (const k of keys(messages[locale])) {
        const value = k.split('.').reduce<unknown>((n, p) => (n as Tree)?.[p], messages[locale]);
        expect(typeof value === 'string' && value.length > 0, `${locale} ${k}`).toBe(true);
        expect(value as string, `${locale} ${k}`).not.toMatch(/@|\{\s*\}/);
      }
    }
  });

  it('has every literal key the UI uses', async () => {
    const files = (await fs.readdir(ui, { recursive: true })).filter((f) => /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts'));
    const used = new Set<string>();
    for (const f of files) for (const m of (await fs.readFile(path.join(ui, f), 'utf8')).matchAll(/'(dashboard\.[A-Za-z0-9_.]+)'/g)) used.add(m[1]!);
    // The socket event and the store ids are not strings of this tree.
    used.delete('dashboard.tick');
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });

  it('has the templated families', () => {
    for (const c of CARDS) expect(en.has(`dashboard.cards.${c}`), c).toBe(true);
    for (const p of PANELS) expect(en.has(`dashboard.panels.${p}`), p).toBe(true);
    for (const r of RANGES) for (const k of ['ranges', 'rangeNames']) expect(en.has(`dashboard.detail.${k}.${r}`), `${k}.${r}`).toBe(true);
    for (const s of ['user', 'system', 'iowait', 'other', 'load1', 'load5', 'load15', 'used', 'buffers', 'cached', 'free', 'rx', 'tx', 'running', 'pending', 'failed', 'util', 'memory']) expect(en.has(`dashboard.series.${s}`), s).toBe(true);
    for (const b of ['measured', 'requested']) expect(en.has(`dashboard.apps.${b}`), b).toBe(true);
    for (const q of ['cpu', 'memory', 'pods']) expect(en.has(`dashboard.quotas.${q}`), q).toBe(true);
    for (const c of ['cpu', 'load', 'memory']) expect(en.has(`dashboard.charts.${c}`), c).toBe(true);
  });
});
