// permission: which of the user's data and which system APIs an app asks for — what the install dialog shows.
import type { Fields } from '../fields';
import type { ManifestPermission } from '../types';

const KNOWN = ['appData', 'appCache', 'appCommon', 'externalData', 'userData', 'sysData', 'provider', 'serviceAccount'];

/** userData paths are relative to the user's files root and must not climb out of it. */
function readUserData(p: Fields): string[] {
  const v = p.raw('userData');
  if (typeof v === 'boolean') {
    p.warn('userData', 'a boolean is the old form; read as the whole Home folder when true');
    return v ? ['Home'] : [];
  }
  return p.strList('userData').filter((path, i) => {
    const segs = path.split('/').filter(Boolean);
    if (path.startsWith('/') || segs.includes('..') || segs.length === 0) {
      p.error(`userData[${i}]`, `${JSON.stringify(path)} must be a folder path inside the user's files, like Home/Downloads`);
      return false;
    }
    return true;
  });
}

export function readPermission(root: Fields): ManifestPermission {
  const p = root.map('permission', KNOWN);
  const base: ManifestPermission = { appData: false, appCache: false, appCommon: false, externalData: false, userData: [], sysData: [], provider: [] };
  if (!p) return base;
  const sysData = p.mapItems('sysData', ['appName', 'group', 'dataType', 'version', 'ops', 'port', 'svc', 'namespace']).map((s) => {
    const ops = s.strList('ops');
    if (ops.length === 0) s.error('ops', 'must list at least one operation');
    const opt = (key: string) => (s.str(key) ? { [key]: s.str(key) } : {});
    return { group: s.reqStr('group'), dataType: s.reqStr('dataType'), version: s.reqStr('version'), ops, ...opt('appName'), ...opt('port'), ...opt('svc'), ...opt('namespace') };
  });
  const provider = p.mapItems('provider', ['appName', 'providerName', 'namespace', 'podSelectors']).map((s) => {
    const namespace = s.str('namespace');
    const selectors = s.raw('podSelectors');
    return { appName: s.reqStr('appName'), providerName: s.reqStr('providerName'), ...(namespace ? { namespace } : {}), podSelectors: Array.isArray(selectors) ? selectors : [] };
  });
  const serviceAccount = p.str('serviceAccount');
  return {
    appData: p.bool('appData'),
    appCache: p.bool('appCache'),
    appCommon: p.bool('appCommon'),
    externalData: p.bool('externalData'),
    userData: readUserData(p),
    sysData,
    provider,
    ...(serviceAccount ? { serviceAccount } : {}),
  };
}
