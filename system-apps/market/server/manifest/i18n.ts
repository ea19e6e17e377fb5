// Localised store text: i18n/<locale>/OlaresManifest.yaml overrides title, description and the long texts, per locale.
import { Fields } from './fields';
import { Issues, type ManifestIssue } from './issues';
import { loadManifestYaml } from './parse-manifest';
import { LOCALE } from './patterns';
import type { ManifestRenderOptions } from './template';
import type { ManifestLocaleText, OlaresManifest } from './types';

export type LocaleTextResult = { ok: true; text: ManifestLocaleText; warnings: ManifestIssue[] } | { ok: false; errors: ManifestIssue[]; warnings: ManifestIssue[] };

/** Parse one `i18n/<locale>/OlaresManifest.yaml`. Only the localisable fields are read; others are warnings. */
export function parseManifestI18n(text: string, opts: { file?: string; render?: ManifestRenderOptions } = {}): LocaleTextResult {
  const issues = new Issues(opts.file);
  const yaml = loadManifestYaml(text, issues, opts.render);
  const out: ManifestLocaleText = {};
  if (yaml) {
    const root = Fields.of({ issues, yaml }, yaml.data, [], ['metadata', 'spec', 'entrances']);
    const meta = root?.map('metadata', ['title', 'description', 'fullDescription', 'upgradeDescription']);
    const spec = root?.map('spec', ['fullDescription', 'upgradeDescription']);
    const set = (key: keyof ManifestLocaleText, value: string | undefined) => {
      if (value) out[key] = value;
    };
    set('title', meta?.str('title'));
    set('description', meta?.str('description'));
    for (const key of ['fullDescription', 'upgradeDescription'] as const) {
      // Some charts put the long texts under metadata: read them from there too, and say where they belong.
      const misplaced = meta?.str(key);
      if (misplaced) meta?.warn(key, `belongs under spec.${key}; read from here`);
      set(key, spec?.str(key) || misplaced);
    }
  }
  if (issues.errors.length > 0) return { ok: false, errors: issues.errors, warnings: issues.warnings };
  return { ok: true, text: out, warnings: issues.warnings };
}

export function isLocaleTag(tag: string): boolean {
  return LOCALE.test(tag);
}

/** A copy of the manifest with these locales' text recorded in `i18n` (later calls add to or replace earlier locales). */
export function mergeManifestI18n(manifest: OlaresManifest, locales: Record<string, ManifestLocaleText>): OlaresManifest {
  return { ...manifest, i18n: { ...manifest.i18n, ...locales } };
}

/** The full text for one locale: the locale's own, else its language's (zh for zh-TW), else en-US, else the manifest's. */
export function localizedText(manifest: OlaresManifest, locale: string): Required<ManifestLocaleText> {
  const lang = locale.split('-')[0] ?? locale;
  const sameLang = Object.keys(manifest.i18n).find((l) => l.split('-')[0] === lang);
  const chain = [manifest.i18n[locale], sameLang ? manifest.i18n[sameLang] : undefined, manifest.i18n['en-US']];
  const pick = (key: keyof ManifestLocaleText, base: string) => chain.find((t) => t?.[key])?.[key] ?? base;
  return {
    title: pick('title', manifest.metadata.title),
    description: pick('description', manifest.metadata.description),
    fullDescription: pick('fullDescription', manifest.spec.fullDescription),
    upgradeDescription: pick('upgradeDescription', manifest.spec.upgradeDescription),
  };
}
