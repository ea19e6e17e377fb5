// Settings' strings: both languages hold the same keys, none empty or linked; every key the UI names exists (the templated families too); every reason the GPU server gives has a sentence.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyPaths, mergeParts, sourcesOf, translationProblems } from '../../../../frontend/sdk/testing/messages';
import { GPU_MODES } from '../../shared/gpu-wire';
import { modeKey, sourceKey } from '../gpu/model';
import { SECTIONS } from '../sections';
import { parts } from './index';

const messages = mergeParts(parts);
const en = new Set(keyPaths(messages['en-US']));
const ui = path.resolve(__dirname, '..');

describe('settings strings', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(translationProblems(messages, /@:|@\{|\{\s*\}/)).toEqual([]);
  });

  it('has every literal key the UI uses', async () => {
    const used = new Set<string>();
    for (const text of await sourcesOf(ui)) for (const m of text.matchAll(/'(settings\.[A-Za-z0-9_.]+)'/g)) used.add(m[1]!);
    // Pinia store ids are not strings of this tree.
    used.delete('settings-gpu');
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });

  it('has the templated families', () => {
    for (const m of GPU_MODES) for (const k of ['name', 'text']) expect(en.has(`settings.gpu.modes.${modeKey(m)}.${k}`), `${m}.${k}`).toBe(true);
    for (const s of ['nvidia-smi', 'dcgm', 'none'] as const) expect(en.has(`settings.gpu.sources.${sourceKey(s)}`), s).toBe(true);
    for (const k of ['held', 'full', 'current', 'titleBind', 'titleMove', 'titleAdjust', 'ok', 'okMove', 'okAdjust']) expect(en.has(`settings.gpu.bind.${k}`), k).toBe(true);
    for (const s of SECTIONS) for (const k of [s.label, s.caption]) expect(en.has(k), k).toBe(true);
  });

  it('has a sentence for every reason the GPU server gives', async () => {
    const reasons = new Set<string>();
    for (const text of await sourcesOf(path.resolve(ui, '../server'))) for (const m of text.matchAll(/['`](gpu\.[A-Za-z]+)['`]/g)) reasons.add(m[1]!);
    for (const r of reasons) expect(en.has(`errors.${r}`), r).toBe(true);
  });
});
