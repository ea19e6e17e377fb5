// Checks that one pushed app updates My apps, the catalogue lists and the detail page in the cache.
import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/vue-query';
import type { CatalogEntry, InstalledApp } from '../server/market.types';
import { applyApp, keys } from './cache';

const entry = (name: string): CatalogEntry => ({
  name,
  version: '1.0.0',
  title: name,
  description: '',
  icon: '',
  categories: [],
  locales: {},
  requirements: { cpuMillis: 0, memoryBytes: 0, diskBytes: 0, gpu: 0 },
});
const app = (name: string, state: InstalledApp['state'], extra: Partial<InstalledApp> = {}): InstalledApp => ({
  name,
  chart: name,
  title: name,
  icon: '',
  version: '1.0.0',
  state,
  entrances: [],
  namespace: `${name}-alice`,
  updatedAt: '2024-01-01T00:00:00Z',
  ...extra,
});

describe('applyApp', () => {
  it('adds, replaces and (once uninstalled) removes the app in My apps', () => {
    const qc = new QueryClient();
    qc.setQueryData(keys.apps, [app('a', 'running')]);
    applyApp(qc, app('b', 'downloading', { progress: 10 }));
    expect(qc.getQueryData<InstalledApp[]>(keys.apps)!.map((x) => `${x.name}:${x.state}`)).toEqual(['a:running', 'b:downloading']);
    applyApp(qc, app('b', 'running'));
    expect(qc.getQueryData<InstalledApp[]>(keys.apps)![1]!.state).toBe('running');
    applyApp(qc, app('a', 'uninstalled'));
    expect(qc.getQueryData<InstalledApp[]>(keys.apps)!.map((x) => x.name)).toEqual(['b']);
  });

  it('keeps a newer state when an older answer arrives after it (a reply crossing a push)', () => {
    const qc = new QueryClient();
    qc.setQueryData(keys.apps, [app('a', 'running', { updatedAt: '2024-01-01T00:00:01.000Z' })]);
    applyApp(qc, app('a', 'stopped', { updatedAt: '2024-01-01T00:00:03.000Z' }));
    applyApp(qc, app('a', 'stopping', { updatedAt: '2024-01-01T00:00:02.000Z' }));
    expect(qc.getQueryData<InstalledApp[]>(keys.apps)![0]!.state).toBe('stopped');
  });

  it('writes the installed state into every catalogue list and the detail', () => {
    const qc = new QueryClient();
    qc.setQueryData(keys.catalogList({}), { apps: [entry('a'), entry('b')], categories: [], sources: [] });
    qc.setQueryData(keys.catalogList({ q: 'a' }), { apps: [entry('a')], categories: [], sources: [] });
    qc.setQueryData(keys.detail('a'), { ...entry('a'), blockers: [] });
    applyApp(qc, app('a', 'installing', { updateAvailable: '2.0.0' }));
    const all = qc.getQueryData<{ apps: CatalogEntry[] }>(keys.catalogList({}))!;
    expect(all.apps[0]!.installed).toEqual({ state: 'installing', version: '1.0.0', updateAvailable: true });
    expect(all.apps[1]!.installed).toBeUndefined();
    expect(qc.getQueryData<{ apps: CatalogEntry[] }>(keys.catalogList({ q: 'a' }))!.apps[0]!.installed?.state).toBe('installing');
    expect(qc.getQueryData<CatalogEntry>(keys.detail('a'))!.installed?.state).toBe('installing');
    applyApp(qc, app('a', 'uninstalled'));
    expect(qc.getQueryData<{ apps: CatalogEntry[] }>(keys.catalogList({}))!.apps[0]!.installed).toBeUndefined();
  });

  it('refreshes the history only when the state changes, not on progress ticks', () => {
    const qc = new QueryClient();
    qc.setQueryData(keys.apps, [app('a', 'downloading', { progress: 5 })]);
    qc.setQueryData(keys.operations, []);
    applyApp(qc, app('a', 'downloading', { progress: 50 }));
    expect(qc.getQueryState(keys.operations)!.isInvalidated).toBe(false);
    applyApp(qc, app('a', 'running'));
    expect(qc.getQueryState(keys.operations)!.isInvalidated).toBe(true);
  });
});
