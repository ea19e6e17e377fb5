// What is tolerated (unknown fields, nulls, YAML 1.1 booleans), what is reported by line (YAML, templates), and locale merging.
import { describe, expect, it } from 'vitest';
import { localizedText, mergeManifestI18n, parseManifestI18n } from './i18n';
import { parseManifest } from './parse-manifest';
import { readFixture } from './testing/fixtures';
import { errorsOf, okManifest, parseWith, warningsOf } from './testing/parse-helpers';

describe('tolerance of newer and sloppier manifests', () => {
  it('keeps unknown fields out and reports them as warnings, at every level', () => {
    const r = parseWith((d) => {
      d.futureSection = { x: 1 };
      d.metadata.mood = 'happy';
      d.entrances[0].sparkles = true;
      d.spec.quantumCores = 4;
      d.options.teleport = true;
    });
    expect(r.ok).toBe(true);
    expect(warningsOf(r)).toEqual(
      expect.arrayContaining([
        'futureSection: unknown field, ignored',
        'metadata.mood: unknown field, ignored',
        'entrances[0].sparkles: unknown field, ignored',
        'spec.quantumCores: unknown field, ignored',
        'options.teleport: unknown field, ignored',
      ]),
    );
    expect(okManifest(r)).not.toHaveProperty('futureSection');
  });

  it('reads nulls (empty YAML keys) as empty sections', () => {
    const m = okManifest(parseWith((d) => ((d.middleware = null), (d.permission.userData = null), (d.options.dependencies = null))));
    expect(m.middleware).toEqual({ other: {} });
    expect(m.permission.userData).toEqual([]);
    expect(m.options.dependencies).toEqual([]);
  });

  it('accepts YAML 1.1 booleans as Go does', () => {
    expect(okManifest(parseWith((d) => (d.spec.onlyAdmin = 'yes'))).spec.onlyAdmin).toBe(true);
  });

  it('reports YAML syntax errors and duplicate keys by line, with the file', () => {
    const r = parseManifest('metadata:\n  name: a\n  name: b\n', { file: 'OlaresManifest.yaml' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ path: '(yaml)', file: 'OlaresManifest.yaml' });
    expect(r.errors[0]?.reason).toMatch(/unique.*line 3/);
    expect(errorsOf(parseManifest('a: [1, 2\n'))[0]).toMatch(/^\(yaml\): /);
    expect(errorsOf(parseManifest(''))).toEqual(['(root): the manifest is empty']);
    expect(errorsOf(parseManifest('- a\n- b\n'))).toEqual(['(root): expected a mapping, got a list']);
  });

  it('reports template errors by line', () => {
    expect(errorsOf(parseManifest('metadata:\n{{- if .Values.admin }}\n  name: a\n'))).toEqual(['(template): line 2: "if" without "end"']);
  });

  it('reports every problem at once, not only the first', () => {
    const r = parseWith((d) => {
      d.metadata.version = 'one';
      d.spec.requiredMemory = 'lots';
      d.entrances[0].port = 0;
    });
    expect(errorsOf(r)).toHaveLength(3);
  });
});

describe('i18n', () => {
  it('reads the localisable fields of a locale file', () => {
    const r = parseManifestI18n('metadata:\n  title: 笔记\n  description: 记笔记\nspec:\n  fullDescription: 长文本\n  upgradeDescription: 更新\n');
    expect(r).toEqual({ ok: true, text: { title: '笔记', description: '记笔记', fullDescription: '长文本', upgradeDescription: '更新' }, warnings: [] });
  });

  it('reads long texts put under metadata, with a warning', () => {
    const r = parseManifestI18n('metadata:\n  title: T\n  fullDescription: Long\n');
    expect(r.ok && r.text.fullDescription).toBe('Long');
    expect(r.warnings.map((w) => w.path)).toEqual(['metadata.fullDescription']);
  });

  it('merges locales and falls back per field', () => {
    const base = okManifest(parseWith(() => {}));
    const zh = parseManifestI18n(readFixture('mattermost', 'i18n/zh-CN/OlaresManifest.yaml'));
    if (!zh.ok) throw new Error('zh');
    const m = mergeManifestI18n(base, { 'zh-CN': zh.text, 'en-US': { title: 'Demo EN' } });
    expect(Object.keys(m.i18n).sort()).toEqual(['en-US', 'zh-CN']);
    expect(localizedText(m, 'zh-CN').description).toBe('全生命周期的开发合作开源平台，确保您的通讯安全。');
    expect(localizedText(m, 'zh-TW').title).toBe('Mattermost');
    expect(localizedText(m, 'fr-FR')).toEqual({ title: 'Demo EN', description: 'A demo app', fullDescription: 'Long text', upgradeDescription: 'What changed' });
    expect(base.i18n).toEqual({});
  });

  it('reports broken locale files', () => {
    expect(parseManifestI18n('metadata: [x]\n', { file: 'i18n/en-US/OlaresManifest.yaml' })).toMatchObject({
      ok: false,
      errors: [{ path: 'metadata', reason: 'expected a mapping, got a list', file: 'i18n/en-US/OlaresManifest.yaml' }],
    });
  });
});
