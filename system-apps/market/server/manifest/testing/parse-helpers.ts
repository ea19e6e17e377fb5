// Test helpers: parse the valid sample after one change, and read back its issues as "path: reason" lines.
import { parseManifest, type ManifestResult } from '../parse-manifest';
import type { OlaresManifest } from '../types';
import { toYaml, validManifest, type SampleDoc } from './fixtures';

/** Parse the valid sample manifest after `change` edits it. */
export function parseWith(change: (m: SampleDoc) => void): ManifestResult {
  const doc = validManifest();
  change(doc);
  return parseManifest(toYaml(doc), { file: 'OlaresManifest.yaml' });
}

export function errorsOf(r: ManifestResult): string[] {
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.reason}`);
}

export function warningsOf(r: ManifestResult): string[] {
  return r.warnings.map((e) => `${e.path}: ${e.reason}`);
}

/** The manifest of a result that must be ok (throws with the errors otherwise). */
export function okManifest(r: ManifestResult): OlaresManifest {
  if (!r.ok) throw new Error(errorsOf(r).join('\n'));
  return r.manifest;
}
