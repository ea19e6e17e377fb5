// spec: resource quantities to millicores and bytes, GPU memory or count, accelerator profiles, arch, store-page fields.
import { describe, expect, it } from 'vitest';
import { errorsOf, okManifest, parseWith, warningsOf } from './testing/parse-helpers';

describe('spec', () => {
  it('parses the resource envelope to millicores and bytes', () => {
    const m = okManifest(parseWith(() => {}));
    expect(m.spec.required).toEqual({ cpuMillis: 50, memoryBytes: 64 * 1024 ** 2, diskBytes: 50 * 1024 ** 2 });
    expect(m.spec.limited).toEqual({ cpuMillis: 1000, memoryBytes: 256 * 1024 ** 2, diskBytes: 1024 ** 3 });
  });

  it('names the field and the bad quantity', () => {
    expect(errorsOf(parseWith((m) => (m.spec.requiredMemory = '12Gx')))).toEqual(['spec.requiredMemory: "12Gx" is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 1Gi)']);
    expect(errorsOf(parseWith((m) => (m.spec.limitedCpu = '-1')))).toEqual(['spec.limitedCpu: "-1" must not be negative']);
    expect(errorsOf(parseWith((m) => (m.spec.requiredDisk = ['1Gi'])))).toEqual(['spec.requiredDisk: expected a Kubernetes quantity, got a list']);
  });

  it('reads numbers as CPU cores', () => {
    const m = okManifest(parseWith((d) => ((d.spec.requiredCpu = 0.5), (d.spec.limitedCpu = 4))));
    expect(m.spec.required.cpuMillis).toBe(500);
    expect(m.spec.limited.cpuMillis).toBe(4000);
  });

  it('warns when a request is above its limit', () => {
    expect(warningsOf(parseWith((m) => (m.spec.requiredMemory = '1Gi')))).toContain('spec.requiredMemory: is more than limitedMemory');
  });

  it('reads GPU needs as memory or a count', () => {
    const mem = okManifest(parseWith((d) => ((d.spec.requiredGpu = '8Gi'), (d.spec.limitedGpu = '16Gi'))));
    expect(mem.spec.required.gpu).toEqual({ kind: 'memory', bytes: 8 * 1024 ** 3 });
    expect(mem.spec.limited.gpu).toEqual({ kind: 'memory', bytes: 16 * 1024 ** 3 });
    expect(okManifest(parseWith((d) => (d.spec.requiredGpu = 1))).spec.required.gpu).toEqual({ kind: 'count', count: 1 });
    expect(okManifest(parseWith((d) => (d.spec.requiredGpu = 0))).spec.required.gpu).toBeUndefined();
    expect(errorsOf(parseWith((d) => (d.spec.requiredGpu = 'lots')))).toEqual(['spec.requiredGpu: "lots" is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 1Gi)']);
  });

  it('reads accelerator profiles per hardware mode', () => {
    const m = okManifest(
      parseWith((d) => {
        d.spec.accelerator = [
          { mode: 'nvidia', requiredCpu: '1300m', requiredMemory: '22Gi', requiredGPUMemory: '23Gi', limitedGPUMemory: '24Gi' },
          { mode: 'cpu', requiredCpu: 2, requiredMemory: '8Gi' },
        ];
      }),
    );
    expect(m.spec.accelerators).toEqual([
      { mode: 'nvidia', required: { cpuMillis: 1300, memoryBytes: 22 * 1024 ** 3, gpu: { kind: 'memory', bytes: 23 * 1024 ** 3 } }, limited: { gpu: { kind: 'memory', bytes: 24 * 1024 ** 3 } } },
      { mode: 'cpu', required: { cpuMillis: 2000, memoryBytes: 8 * 1024 ** 3 }, limited: {} },
    ]);
    expect(errorsOf(parseWith((d) => (d.spec.accelerator = [{ mode: 'nvidia', requiredGPUMemory: '2GB' }])))).toEqual([
      'spec.accelerator[0].requiredGPUMemory: "2GB" is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 1Gi)',
    ]);
    expect(errorsOf(parseWith((d) => (d.spec.accelerator = [{ requiredCpu: 1 }])))).toEqual(['spec.accelerator[0].mode: is required']);
  });

  it('defaults supportArch to amd64 and warns on unknown architectures', () => {
    expect(okManifest(parseWith((d) => delete d.spec.supportArch)).spec.supportArch).toEqual(['amd64']);
    expect(warningsOf(parseWith((d) => (d.spec.supportArch = ['amd64', 'sparc'])))).toContain('spec.supportArch[1]: "sparc" is not a known architecture');
  });

  it('reads store-page fields, licences and clients', () => {
    const m = okManifest(
      parseWith((d) => {
        Object.assign(d.spec, {
          featuredImage: 'https://cdn.example/f.webp',
          promoteImage: ['shots/1.png', 'https://cdn.example/2.webp'],
          website: 'https://example.com',
          sourceCode: 'https://github.com/x/y',
          submitter: 'Olares',
          doc: 'https://docs.example',
          license: [{ text: 'MIT', url: 'https://mit' }, 'Apache-2.0'],
          supportClient: { android: 'https://play', ios: 'https://apple' },
          onlyAdmin: true,
          runAsUser: true,
          hardware: { gpu: { vendor: 'nvidia' } },
        });
      }),
    );
    expect(m.spec).toMatchObject({
      versionName: '1.0',
      featuredImage: 'https://cdn.example/f.webp',
      promoteImage: ['shots/1.png', 'https://cdn.example/2.webp'],
      license: [{ text: 'MIT', url: 'https://mit' }, { text: 'Apache-2.0' }],
      supportClient: { android: 'https://play', ios: 'https://apple' },
      onlyAdmin: true,
      runAsUser: true,
      hardware: { gpu: { vendor: 'nvidia' } },
      locale: ['en-US', 'zh-CN'],
    });
    expect(errorsOf(parseWith((d) => (d.spec.promoteImage = ['/etc/x.png'])))).toEqual(['spec.promoteImage[0]: "/etc/x.png" must be an http(s) URL or a path inside the chart folder']);
    expect(errorsOf(parseWith((d) => (d.spec.onlyAdmin = 'sure')))).toEqual(['spec.onlyAdmin: expected true or false, got a string "sure"']);
  });

  it('warns when no CPU or memory need is declared anywhere', () => {
    const r = parseWith((d) => {
      delete d.spec.requiredCpu;
      delete d.spec.requiredMemory;
    });
    expect(warningsOf(r)).toEqual(expect.arrayContaining(['spec.requiredCpu: is not declared; the Market cannot check that the app fits']));
  });
});
