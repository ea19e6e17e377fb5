// Helm's own record of a release: a `sh.helm.release.v1.<name>.v<N>` Secret in the target namespace, encoded as helm encodes it.
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import type { KubeObject } from '../../types';
import type { LoadedChart } from './chart';

export const CONFIG_HASH_ANNOTATION = 'simulator.olares.dev/config-hash';

export function releaseSecretName(release: string, version: number): string {
  return `sh.helm.release.v1.${release}.v${version}`;
}

export function releaseSecret(opts: {
  release: string;
  namespace: string;
  version: number;
  chart: LoadedChart | undefined;
  chartName: string;
  config: Record<string, unknown>;
  objects: KubeObject[];
  hash: string;
}): KubeObject {
  const ts = new Date().toISOString();
  const record = {
    name: opts.release,
    namespace: opts.namespace,
    version: opts.version,
    info: {
      first_deployed: ts,
      last_deployed: ts,
      deleted: '',
      description: opts.version === 1 ? 'Install complete' : 'Upgrade complete',
      status: 'deployed',
      notes: 'Rendered by the Olares cluster simulator from OlaresManifest.yaml (templates are not rendered).',
    },
    chart: {
      metadata: { name: opts.chart?.name ?? opts.chartName, version: opts.chart?.version ?? '', appVersion: opts.chart?.appVersion ?? '', apiVersion: 'v2', description: opts.chart?.description ?? '' },
      templates: [],
      values: opts.chart?.values ?? {},
    },
    config: opts.config,
    manifest: opts.objects.map((o) => `---\n${stringify(o)}`).join(''),
  };
  const encoded = gzipSync(Buffer.from(JSON.stringify(record))).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: releaseSecretName(opts.release, opts.version),
      namespace: opts.namespace,
      labels: { name: opts.release, owner: 'helm', status: 'deployed', version: String(opts.version) },
      annotations: { [CONFIG_HASH_ANNOTATION]: opts.hash },
    },
    data: { release: Buffer.from(encoded).toString('base64') },
  };
}
