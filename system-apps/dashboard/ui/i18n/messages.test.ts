// The Dashboard's strings: both languages hold the same keys, none empty or linked, and every key the UI names (the templated families too) exists.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PANELS, RANGES } from '../../shared/wire';
import { CARDS } from '../lib/series';
import { keyPaths, mergeParts, sourcesOf, translationProblems } from '../../../../frontend/sdk/testing/messages';
import { parts } from './index';

const messages = mergeParts(parts);
const en = new Set(keyPaths(messages['en-US']));
const ui = path.resolve(__dirname, '..');

describe('dashboard strings', () => {
  it('has the same keys in both languages, none empty or linked', () => {
    expect(translationProblems(messages, /@|\{\s*\}/)).toEqual([]);
  });

  it('has every literal key the UI uses', async () => {
    const used = new Set<string>();
    for (const text of await sourcesOf(ui)) for (const m of text.matchAll(/'(dashboard\.[A-Za-z0-9_.]+)'/g)) used.add(m[1]!);
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
