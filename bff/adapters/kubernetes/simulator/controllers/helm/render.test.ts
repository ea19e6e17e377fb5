// Rendering a release from OlaresManifest.yaml: entrances, resource split, GPU requests, images, the no-entrance fallback.
import { describe, expect, it } from 'vitest';
import type { LoadedChart } from './chart';
import { renderRelease } from './render';

const chart = (manifest: Record<string, unknown> | undefined): LoadedChart => ({ name: 'demo', version: '1.2.3', appVersion: '1', description: '', manifest, values: {}, files: [] });

const base = { release: 'demo', namespace: 'demo-alice', chartName: 'demo', simulatorUrl: 'http://127.0.0.1:1' };

describe('renderRelease', () => {
  it('makes a Deployment and a Service per entrance with resources split between them', () => {
    const objects = renderRelease({
      ...base,
      chart: chart({
        metadata: { name: 'demo', title: 'Demo App' },
        entrances: [
          { host: 'demo-web', port: 8080, title: 'Web' },
          { host: 'demo-api', port: 9000 },
          { host: 'demo-web', port: 1 },
        ],
        spec: { requiredCpu: '1', requiredMemory: '1Gi', limitedCpu: '2', limitedMemory: '4Gi' },
      }),
      values: { image: { repository: 'ghcr.io/x/demo', tag: '2.0' } },
      fail: 'crash',
    });
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/demo-web', 'Service/demo-web', 'Deployment/demo-api', 'Service/demo-api']);
    const web = objects[0]!;
    const container = (web.spec as { template: { spec: { containers: Array<Record<string, unknown>> }; metadata: { annotations?: Record<string, string> } } }).template;
    expect(container.spec.containers[0]).toMatchObject({ image: 'ghcr.io/x/demo:2.0', resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } } });
    expect(container.metadata.annotations).toEqual({ 'simulator.olares.dev/fail': 'crash' });
    const svc = objects[1]!;
    expect(svc.metadata.annotations).toMatchObject({
      'simulator.olares.dev/url': 'http://127.0.0.1:1/__entrance/demo-alice/demo-web/',
      'simulator.olares.dev/title': 'Web',
      'meta.helm.sh/release-name': 'demo',
      'meta.helm.sh/release-namespace': 'demo-alice',
    });
    expect(objects[3]!.metadata.annotations?.['simulator.olares.dev/title']).toBe('Demo App');
  });

  it('asks for a GPU when the manifest or the values say so', () => {
    const gpuOf = (o: ReturnType<typeof renderRelease>[number]) =>
      (o.spec as { template: { spec: { containers: Array<{ resources: { requests?: Record<string, string> } }> } } }).template.spec.containers[0]?.resources.requests?.['nvidia.com/gpu'];
    expect(gpuOf(renderRelease({ ...base, chart: chart({ spec: { requiredGpu: '8Gi' } }), values: {} })[0]!)).toBe('1');
    expect(gpuOf(renderRelease({ ...base, chart: chart({}), values: { GPU: { Type: 'nvidia' } } })[0]!)).toBe('1');
    expect(gpuOf(renderRelease({ ...base, chart: chart({}), values: { gpu: false } })[0]!)).toBeUndefined();
  });

  it('falls back to one nginx Deployment named after the chart', () => {
    const objects = renderRelease({ ...base, chart: undefined, chartName: 'Some_Chart', values: {} });
    expect(objects).toHaveLength(1);
    expect(objects[0]!.metadata.name).toBe('some-chart');
    expect(JSON.stringify(objects[0]!.spec)).toContain('"image":"nginx"');
  });
});
