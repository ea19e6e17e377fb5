// The header: olaresManifest.version, olaresManifest.type and apiVersion (older charts say terminusManifest.*).
import type { Fields } from '../fields';
import type { ManifestKind } from '../types';

const KINDS = ['app', 'middleware', 'recommend', 'model', 'agent'];
const API_VERSIONS = ['v1', 'v2', 'v3'];

export function readHeader(root: Fields): { manifestVersion: string; type: ManifestKind; apiVersion: string } {
  const legacy = !root.has('olaresManifest.version') && root.has('terminusManifest.version');
  const prefix = legacy ? 'terminusManifest' : 'olaresManifest';
  if (legacy) root.warn('terminusManifest.version', 'terminusManifest.* is the pre-Olares name; read as olaresManifest.*');
  const manifestVersion = root.reqStr(`${prefix}.version`);
  let type = root.str(`${prefix}.type`);
  if (!type) {
    root.warn(`${prefix}.type`, 'is missing; read as "app"');
    type = 'app';
  } else if (!KINDS.includes(type)) root.warn(`${prefix}.type`, `${JSON.stringify(type)} is not one of ${KINDS.join(', ')}; kept as written`);
  const apiVersion = root.str('apiVersion') || 'v1';
  if (!API_VERSIONS.includes(apiVersion)) root.warn('apiVersion', `${JSON.stringify(apiVersion)} is not one of ${API_VERSIONS.join(', ')}`);
  return { manifestVersion, type, apiVersion };
}
