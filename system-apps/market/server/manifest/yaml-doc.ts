// YAML text to plain data, with every syntax problem reported by line, and the source text of scalars kept for version fields.
import { parseAllDocuments, isScalar, type Document } from 'yaml';
import type { Issues } from './issues';

/** A parsed YAML file: its plain data, and a way to read a scalar's source text (`1.10` stays "1.10", not 1.1). */
export interface YamlFile {
  data: unknown;
  sourceOf(segs: ReadonlyArray<string | number>): string | undefined;
}

/**
 * Parse a YAML file. Problems go to `issues` at path `(yaml)`; returns undefined when the text is not YAML.
 * Like Go's yaml.Unmarshal, only the first document counts; later ones are reported as a warning.
 */
export function loadYaml(text: string, issues: Issues): YamlFile | undefined {
  const parsed = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true, strict: false });
  const docs: Document[] = 'empty' in parsed ? [] : parsed;
  const errors = 'empty' in parsed ? parsed.errors : docs.flatMap((d) => d.errors);
  if (errors.length > 0) {
    for (const err of errors) issues.error('(yaml)', (err.message.split('\n')[0] ?? err.message).replace(/:$/, ''));
    return undefined;
  }
  const doc = docs[0];
  if (!doc) return { data: null, sourceOf: () => undefined };
  if (docs.length > 1) issues.warn('(yaml)', `the file holds ${docs.length} YAML documents; only the first is read`);
  return {
    data: doc.toJS({ maxAliasCount: 100 }),
    sourceOf(segs) {
      const node = doc.getIn(segs as Array<string | number>, true);
      return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
    },
  };
}
