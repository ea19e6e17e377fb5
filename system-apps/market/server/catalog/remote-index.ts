// The remote catalogue format: GET <base>/index.json lists apps and the .tgz of each version (see README.md).
import semver from 'semver';
import { z } from 'zod';
import { DNS_LABEL } from '../manifest/patterns';

const entry = z.object({
  name: z.string().regex(DNS_LABEL, 'must be a chart name (lowercase letters, digits and "-")').max(63),
  version: z.string().refine((v) => semver.valid(v) !== null, 'must be a semantic version'),
  chart: z.string().min(1),
  digest: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits>')
    .optional(),
});

const indexSchema = z.object({
  apiVersion: z.literal(1),
  apps: z.array(entry),
});

export type RemoteIndex = z.infer<typeof indexSchema>;
export type RemoteIndexEntry = z.infer<typeof entry>;

/** Parse the index body; throws an Error whose message says what is wrong (and where). */
export function parseRemoteIndex(body: string): RemoteIndex {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('index.json is not JSON');
  }
  const r = indexSchema.safeParse(json);
  if (!r.success) {
    const first = r.error.issues[0];
    const where = first?.path.length ? first.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(root)';
    throw new Error(`index.json ${where}: ${first?.message ?? 'invalid'}`);
  }
  const seen = new Set<string>();
  for (const app of r.data.apps) {
    const key = `${app.name}@${app.version}`;
    if (seen.has(key)) throw new Error(`index.json lists ${key} twice`);
    seen.add(key);
  }
  return r.data;
}
