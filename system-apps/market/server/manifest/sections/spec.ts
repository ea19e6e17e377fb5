// spec: the store page (descriptions, images, links, licence) and what the app needs to run (resources, arch, GPU modes).
import { Fields } from '../fields';
import { formatPath } from '../issues';
import { KNOWN_ARCHES, LOCALE, LOCALE_HINT, isUrlOrChartPath } from '../patterns';
import type { AcceleratorProfile, ClientPlatform, ManifestSpec, TextAndUrl } from '../types';
import { checkEnvelope, readAmounts } from './resources';

const RESOURCE_KEYS = ['requiredCpu', 'limitedCpu', 'requiredMemory', 'limitedMemory', 'requiredDisk', 'limitedDisk'];
const KNOWN = [
  ...RESOURCE_KEYS,
  'requiredGpu',
  'limitedGpu',
  'versionName',
  'featuredImage',
  'promoteImage',
  'promoteVideo',
  'fullDescription',
  'upgradeDescription',
  'developer',
  'website',
  'sourceCode',
  'submitter',
  'locale',
  'language',
  'doc',
  'license',
  'legal',
  'accelerator',
  'supportArch',
  'runAsUser',
  'runAsInternal',
  'onlyAdmin',
  'supportClient',
  'hardware',
  'subCharts',
  'podGpuConsumePolicy',
  'subCategory',
];
const CLIENTS: readonly ClientPlatform[] = ['edge', 'android', 'ios', 'windows', 'mac', 'linux'];

function readTextAndUrls(s: Fields, key: string): TextAndUrl[] {
  const out: TextAndUrl[] = [];
  for (const item of s.items(key)) {
    if (item.value === null || item.value === undefined) continue;
    if (typeof item.value === 'string') {
      out.push({ text: item.value });
      continue;
    }
    const f = Fields.of(s.ctx, item.value, item.segs, ['text', 'url']);
    if (!f) continue;
    const text = f.str('text');
    const url = f.str('url');
    if (!text && !url) s.ctx.issues.error(formatPath(item.segs), 'needs a text or a url');
    else out.push({ text: text || url || '', ...(url ? { url } : {}) });
  }
  return out;
}

function readImage(s: Fields, key: string, value: string | undefined): string | undefined {
  if (value && !isUrlOrChartPath(value)) {
    s.error(key, `${JSON.stringify(value)} must be an http(s) URL or a path inside the chart folder`);
    return undefined;
  }
  return value || undefined;
}

function readAccelerators(s: Fields): AcceleratorProfile[] {
  const known = ['mode', ...RESOURCE_KEYS, 'requiredGPUMemory', 'limitedGPUMemory', 'requiredGpu', 'limitedGpu'];
  const seen = new Set<string>();
  return s.mapItems('accelerator', known).map((a) => {
    const mode = a.reqStr('mode');
    if (mode && seen.has(mode)) a.error('mode', `${JSON.stringify(mode)} is listed twice`);
    seen.add(mode);
    const gpuKey = (side: string) => (a.has(`${side}GPUMemory`) ? `${side}GPUMemory` : `${side}Gpu`);
    const required = readAmounts(a, 'required', gpuKey('required'));
    const limited = readAmounts(a, 'limited', gpuKey('limited'));
    checkEnvelope(a, required, limited, gpuKey('required'));
    return { mode, required, limited };
  });
}

export function readSpec(root: Fields): ManifestSpec {
  const s = root.map('spec', KNOWN);
  const empty: ManifestSpec = {
    promoteImage: [],
    fullDescription: '',
    upgradeDescription: '',
    locale: [],
    license: [],
    legal: [],
    required: {},
    limited: {},
    accelerators: [],
    supportArch: ['amd64'],
    runAsUser: false,
    runAsInternal: false,
    onlyAdmin: false,
    supportClient: {},
    subCharts: [],
  };
  if (!s) return empty;

  const required = readAmounts(s, 'required', 'requiredGpu');
  const limited = readAmounts(s, 'limited', 'limitedGpu');
  checkEnvelope(s, required, limited, 'requiredGpu');

  let supportArch = s.strList('supportArch');
  for (const [i, arch] of supportArch.entries()) {
    if (!KNOWN_ARCHES.includes(arch)) s.warn(`supportArch[${i}]`, `${JSON.stringify(arch)} is not a known architecture`);
  }
  if (supportArch.length === 0) supportArch = ['amd64'];

  const locale = s.strList(s.has('locale') ? 'locale' : 'language', { pattern: LOCALE, hint: LOCALE_HINT, soft: true });

  const supportClient: Partial<Record<ClientPlatform, string>> = {};
  const clients = s.map('supportClient', CLIENTS);
  for (const platform of CLIENTS) {
    const url = clients?.str(platform);
    if (url) supportClient[platform] = url;
  }

  const hardware = s.map('hardware')?.data;
  const subCharts = s.mapItems('subCharts', ['name', 'shared']).map((c) => ({ name: c.reqStr('name'), shared: c.bool('shared') }));
  const opt = (key: string) => s.str(key) || undefined;
  const spec: ManifestSpec = {
    ...empty,
    promoteImage: s.strList('promoteImage').filter((img, i) => readImage(s, `promoteImage[${i}]`, img) !== undefined),
    fullDescription: s.str('fullDescription') ?? '',
    upgradeDescription: s.str('upgradeDescription') ?? '',
    locale,
    license: readTextAndUrls(s, 'license'),
    legal: readTextAndUrls(s, 'legal'),
    required,
    limited,
    accelerators: readAccelerators(s),
    supportArch,
    runAsUser: s.bool('runAsUser'),
    runAsInternal: s.bool('runAsInternal'),
    onlyAdmin: s.bool('onlyAdmin'),
    supportClient,
    subCharts,
  };
  const optional: Array<[keyof ManifestSpec, string | undefined]> = [
    ['versionName', opt('versionName')],
    ['featuredImage', readImage(s, 'featuredImage', opt('featuredImage'))],
    ['promoteVideo', opt('promoteVideo')],
    ['developer', opt('developer')],
    ['website', opt('website')],
    ['sourceCode', opt('sourceCode')],
    ['submitter', opt('submitter')],
    ['doc', opt('doc')],
    ['podGpuConsumePolicy', opt('podGpuConsumePolicy')],
  ];
  for (const [key, value] of optional) if (value !== undefined) (spec as unknown as Record<string, unknown>)[key] = value;
  if (hardware) spec.hardware = hardware;
  return spec;
}
