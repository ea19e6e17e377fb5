// The install pre-checks name each reason: resources, GPU, architecture, dependencies, conflicts, admin-only apps, middleware.
import { describe, expect, it } from 'vitest';
import type { CatalogApp } from '../catalog/types';
import { precheck, type PrecheckInput } from './precheck';

const GiB = 1024 ** 3;
const app = (over: Partial<CatalogApp> = {}): CatalogApp =>
  ({
    name: 'demo',
    title: 'Demo',
    version: '1.0.0',
    requirements: { cpuMillis: 500, memoryBytes: GiB, diskBytes: 0 },
    supportArch: ['amd64'],
    onlyAdmin: false,
    middleware: [],
    dependencies: [],
    conflicts: [],
    ...over,
  }) as CatalogApp;
const input = (over: Partial<PrecheckInput> = {}): PrecheckInput => ({ app: app(), role: 'owner', free: { cpuMillis: 4000, memoryBytes: 8 * GiB, diskBytes: 100 * GiB, gpu: 0 }, arch: ['amd64'], installed: new Map(), ...over });
const reasons = (i: PrecheckInput) => precheck(i).map((b) => b.reason);

describe('install pre-checks', () => {
  it('pass for an app that fits', () => expect(precheck(input())).toEqual([]));

  it('refuse when CPU, memory, disk or GPU do not fit, with the amounts', () => {
    const blocked = precheck(input({ app: app({ requirements: { cpuMillis: 8000, memoryBytes: 16 * GiB, diskBytes: 200 * GiB, gpu: { kind: 'count', count: 1 } } }) }));
    expect(blocked.map((b) => b.reason)).toEqual(['market.insufficient.cpu', 'market.insufficient.memory', 'market.insufficient.disk', 'market.insufficient.gpu']);
    expect(blocked[1]!.message).toBe('Not enough memory: Demo needs 16.0 GiB, 8.0 GiB is free.');
    expect(blocked[3]!.message).toContain('needs a GPU');
  });

  it('refuse members for admin-only apps, and other architectures', () => {
    expect(reasons(input({ app: app({ onlyAdmin: true }), role: 'member' }))).toEqual(['market.onlyAdmin']);
    expect(reasons(input({ app: app({ onlyAdmin: true }), role: 'admin' }))).toEqual([]);
    expect(reasons(input({ arch: ['arm64'] }))).toEqual(['market.arch']);
  });

  it('check dependencies on Olares and on apps, and conflicts', () => {
    const deps = (d: CatalogApp['dependencies']) => input({ app: app({ dependencies: d }) });
    expect(reasons(deps([{ name: 'olares', version: '>=1.12.3-0', range: '>=1.12.3-0', type: 'system', mandatory: true }]))).toEqual([]);
    expect(reasons(deps([{ name: 'olares', version: '>=1.12.3-0,<1.12.6', range: '>=1.12.3-0 <1.12.6', type: 'system', mandatory: true }]))).toEqual(['market.dependency.system']);
    const needsDify = deps([{ name: 'dify', version: '>=1.0.0', range: '>=1.0.0', type: 'application', mandatory: true }]);
    expect(reasons(needsDify)).toEqual(['market.dependency.missing']);
    expect(reasons({ ...needsDify, installed: new Map([['dify', '1.2.0']]) })).toEqual([]);
    expect(reasons({ ...needsDify, installed: new Map([['dify', '0.9.0']]) })).toEqual(['market.dependency.missing']);
    expect(reasons(input({ app: app({ conflicts: [{ name: 'other', type: 'application' }] }), installed: new Map([['other', '1.0.0']]) }))).toEqual(['market.conflict']);
  });

  it('refuse middleware this desktop cannot provide', () => {
    expect(reasons(input({ app: app({ middleware: [{ kind: 'postgres', names: ['db'], extensions: [] }] }) }))).toEqual([]);
    expect(reasons(input({ app: app({ middleware: [{ kind: 'mysql', names: ['db'], extensions: [] }] }) }))).toEqual(['market.middleware.unsupported']);
  });
});
