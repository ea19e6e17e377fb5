// The public share page's calls: plain HTTP to /api/share/<token>/…, no session needed (a link password sets a cookie scoped to the link).
export interface ShareInfo {
  name: string;
  kind: 'file' | 'dir';
  size: number | null;
  owner: string;
  needsPassword: boolean;
  unlocked: boolean;
  expiresAt: number | null;
}

export interface ShareEntry {
  name: string;
  /** Inside the share: `/a/b.txt`. */
  path: string;
  kind: 'dir' | 'file' | 'symlink' | 'other';
  size: number;
  mtime: number;
}

export interface ShareListing {
  path: string;
  total: number;
  offset: number;
  entries: ShareEntry[];
}

/** A refusal from the server, with its reason key. */
export class ShareError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const base = (token: string) => `/api/share/${encodeURIComponent(token)}`;

async function json<T>(res: Response): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  const body = (await res.json().catch(() => ({}))) as { reason?: string };
  throw new ShareError(res.status, body.reason ?? (res.status === 429 ? 'auth.tooManyAttempts' : 'server.error'));
}

export const shareApi = {
  info: (token: string) => fetch(base(token), { credentials: 'same-origin' }).then((r) => json<ShareInfo>(r)),
  unlock: (token: string, password: string) =>
    fetch(`${base(token)}/unlock`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-olares-request': '1' },
      body: JSON.stringify({ password }),
    }).then((r) => json<{ ok: true }>(r)),
  list: (token: string, path: string, offset: number, limit = 200) =>
    fetch(`${base(token)}/list?${new URLSearchParams({ path, offset: String(offset), limit: String(limit) })}`, { credentials: 'same-origin' }).then((r) => json<ShareListing>(r)),
  rawUrl: (token: string, path: string, download: boolean) => `${base(token)}/raw?${new URLSearchParams({ path, ...(download ? { download: '1' } : {}) })}`,
  zipUrl: (token: string, path: string) => `${base(token)}/zip?${new URLSearchParams({ p: path })}`,
};

/** `1.5 MB`, in the user's language. */
export function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: i ? 1 : 0 }).format(v)} ${units[i]}`;
}
