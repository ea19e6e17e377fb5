// The one shape every manifest and chart problem takes, and the collector that the section readers report into.

/** One problem found in a chart: which field (dotted path, `[i]` for list items), why, and in which file. */
export interface ManifestIssue {
  /** Field path, e.g. `spec.requiredMemory` or `entrances[0].port`; `(yaml)` / `(template)` for whole-file problems. */
  path: string;
  /** What is wrong, in words a chart author can act on. */
  reason: string;
  /** The file inside the chart, e.g. `OlaresManifest.yaml`, when known. */
  file?: string;
}

/** Collects errors (the chart cannot be used) and warnings (it can, but something was ignored or defaulted). */
export class Issues {
  readonly errors: ManifestIssue[] = [];
  readonly warnings: ManifestIssue[] = [];

  constructor(readonly file?: string) {}

  error(path: string, reason: string): void {
    this.errors.push(this.issue(path, reason));
  }

  warn(path: string, reason: string): void {
    this.warnings.push(this.issue(path, reason));
  }

  private issue(path: string, reason: string): ManifestIssue {
    return this.file === undefined ? { path, reason } : { path, reason, file: this.file };
  }
}

/** `metadata`, `entrances[0]`, `olaresManifest.version`: how a field path reads in messages. */
export function formatPath(segs: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of segs) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** One line for a list of issues: `file field: reason; …`. */
export function describeIssues(issues: readonly ManifestIssue[]): string {
  return issues.map((i) => `${i.file ? `${i.file} ` : ''}${i.path}: ${i.reason}`).join('; ');
}
