// Reading chart archives: a real fixture chart packed with tar, values merging and --set semantics, junk rejected.
import { describe, expect, it } from 'vitest';
import { packChart } from '../../test-support';
import { applySet, deepMerge, loadChart } from './chart';

describe('loadChart', () => {
  it('reads Chart.yaml, values.yaml and OlaresManifest.yaml from a packed fixture', async () => {
    const chart = loadChart(await packChart('mattermost'), 'x');
    expect(chart.name).toBe('mattermost');
    expect(chart.version).toBe('1.0.11');
    expect((chart.manifest?.metadata as { title?: string }).title).toBe('Mattermost');
    expect(chart.values).toMatchObject({ image: { repository: 'docker.io/mattermost/mattermost-team-edition' } });
    expect(chart.files).toEqual(expect.arrayContaining(['Chart.yaml', 'templates/mattermost.yaml']));
  });

  it('rejects content that is not an archive', () => {
    expect(() => loadChart(Buffer.from('hello').toString('base64'), 'x')).toThrow(/gzipped archive/);
    expect(() => loadChart('', 'x')).toThrow(/empty/);
  });

  it('merges values and applies --set style keys', () => {
    expect(deepMerge({ a: { b: 1, c: 2 } }, { a: { c: 3 } })).toEqual({ a: { b: 1, c: 3 } });
    expect(applySet({ a: { b: 1 } }, { 'a.c': 'true', 'x.y\\.z': '42', s: 'text' })).toEqual({ a: { b: 1, c: true }, x: { 'y.z': 42 }, s: 'text' });
  });
});
