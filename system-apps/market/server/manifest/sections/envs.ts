// envs: the settings an app asks for at install (or takes from the system), shown as a form by the Market.
import { Fields } from '../fields';
import { formatPath } from '../issues';
import { ENV_NAME, ENV_NAME_HINT, compiles } from '../patterns';
import type { ManifestEnv } from '../types';

const KNOWN = ['envName', 'type', 'default', 'value', 'required', 'editable', 'applyOnChange', 'description', 'options', 'remoteOptions', 'regex', 'multiSelect', 'splitter', 'valueFrom'];
const TYPES = ['string', 'int', 'bool', 'url', 'ip', 'domain', 'email', 'password'];

function readOptions(e: Fields): Array<{ title: string; value: string }> {
  const out: Array<{ title: string; value: string }> = [];
  for (const item of e.items('options')) {
    if (typeof item.value === 'string' || typeof item.value === 'number') {
      out.push({ title: String(item.value), value: String(item.value) });
      continue;
    }
    const o = Fields.of(e.ctx, item.value, item.segs, ['title', 'value']);
    if (!o) continue;
    const value = o.str('value', { required: true });
    if (value !== undefined) out.push({ title: o.str('title') || value, value });
  }
  return out;
}

function readEnv(e: Fields): ManifestEnv {
  const envName = e.reqStr('envName', { pattern: ENV_NAME, hint: ENV_NAME_HINT });
  const type = e.str('type') || 'string';
  if (!TYPES.includes(type)) e.warn('type', `${JSON.stringify(type)} is not one of ${TYPES.join(', ')}; shown as a string`);
  const regex = e.str('regex');
  const def = e.str('default');
  if (regex && !compiles(regex)) e.warn('regex', `${JSON.stringify(regex)} does not compile as a JavaScript regular expression`);
  else if (regex && def && !new RegExp(regex).test(def)) e.warn('default', `${JSON.stringify(def)} does not match the regex ${JSON.stringify(regex)}`);
  const valueFromFields = e.map('valueFrom', ['envName', 'status']);
  const valueFromName = valueFromFields?.reqStr('envName', { pattern: ENV_NAME, hint: ENV_NAME_HINT });
  const env: ManifestEnv = {
    envName,
    type,
    required: e.bool('required'),
    editable: e.bool('editable'),
    applyOnChange: e.bool('applyOnChange'),
    options: readOptions(e),
    multiSelect: e.bool('multiSelect'),
  };
  const value = e.str('value');
  const description = e.str('description');
  const remoteOptions = e.str('remoteOptions');
  const splitter = e.str('splitter');
  if (def !== undefined) env.default = def;
  if (value !== undefined) env.value = value;
  if (description) env.description = description;
  if (remoteOptions) env.remoteOptions = remoteOptions;
  if (regex) env.regex = regex;
  if (splitter) env.splitter = splitter;
  if (valueFromName) env.valueFrom = { envName: valueFromName };
  return env;
}

export function readEnvs(root: Fields): ManifestEnv[] {
  const items = root.mapItems('envs', KNOWN);
  const envs = items.map(readEnv);
  const seen = new Set<string>();
  envs.forEach((env, i) => {
    if (env.envName && seen.has(env.envName)) root.ctx.issues.error(formatPath([...root.child('envs'), i, 'envName']), `${JSON.stringify(env.envName)} is declared twice`);
    seen.add(env.envName);
  });
  return envs;
}
