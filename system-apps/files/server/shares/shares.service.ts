// Shares: public links to a file or folder (password, expiry, revocable) and folders shared with other users, who see them as roots of their own.
import fs from 'node:fs/promises';
import path from 'node:path';
import { hashPassword, verifyPassword } from '../../../../bff/auth/passwords';
import { newSessionToken, sha256 } from '../../../../bff/auth/tokens';
import { appError } from '../../../../bff/trpc/app-error';
import { guarded } from '../errors';
import type { Caller } from '../files.api';
import { checkName, parseVirtualPath, resolveSafe, type Root } from '../paths';
import type { SharesStore, StoredShare } from './shares.store';
import type { Person, PublicShareInfo, ShareView } from './shares.types';

export interface SharesDeps {
  store: SharesStore;
  /** A user's own roots (Home and admin-added), never the shares they were given: a share of a share is not followed. */
  baseRootsFor(caller: Caller): Promise<Root[]>;
  publicOrigin: string;
  /** The names of the caller's cloud-drive roots: nothing on them can be shared from here. */
  driveRootNames?(caller: Caller): Promise<string[]>;
  /** How long a given link password lets a browser in. */
  grantMs?: number;
}

/** A public link's folder (or, for a file, its parent with only that file visible) as a read-only root. */
export interface OpenShare {
  share: StoredShare;
  root: Root;
  /** File links: the only name inside `root` that may be read. */
  onlyFile: string | null;
}

const notFound = () => appError('NOT_FOUND', 'files.share.notFound', 'This link does not exist, was revoked, or has expired.');
const ownerOf = (s: StoredShare): Caller => ({ id: s.ownerId, name: s.ownerName, role: s.ownerRole });

export class SharesService {
  constructor(private readonly deps: SharesDeps) {}

  private url(token: string): string {
    return `${this.deps.publicOrigin}/s/${token}`;
  }

  private async virtualOf(s: StoredShare): Promise<string> {
    const root = (await this.deps.baseRootsFor(ownerOf(s))).find((r) => r.id === s.rootId);
    return root ? `/${root.name}${s.relPath ? `/${s.relPath}` : ''}` : `/${s.name}`;
  }

  private async view(s: StoredShare): Promise<ShareView> {
    return {
      id: s.id,
      type: s.type,
      path: await this.virtualOf(s),
      name: s.name,
      kind: s.kind,
      url: s.token ? this.url(s.token) : null,
      hasPassword: !!s.passwordHash,
      expiresAt: s.expiresAt?.getTime() ?? null,
      grantee: s.granteeName ? { name: s.granteeName, displayName: s.granteeDisplayName ?? s.granteeName } : null,
      access: s.access,
      createdAt: s.createdAt.getTime(),
      expired: !!s.expiresAt && s.expiresAt.getTime() <= Date.now(),
    };
  }

  /** The caller's entry to share: in one of their own roots, existing, a file or a folder. */
  private async target(caller: Caller, virtual: string) {
    return guarded(async () => {
      if (this.deps.driveRootNames && (await this.deps.driveRootNames(caller)).includes(parseVirtualPath(virtual).rootName)) {
        throw appError('BAD_REQUEST', 'files.path.remote', 'Files on a cloud drive cannot be shared from here; share them from the storage service instead.');
      }
      const r = await resolveSafe(await this.deps.baseRootsFor(caller), virtual);
      const st = await fs.stat(r.real);
      if (!st.isFile() && !st.isDirectory()) throw appError('BAD_REQUEST', 'files.notRegular', 'Only files and folders can be shared.');
      return { rootId: r.root.id, relPath: r.segments.join('/'), name: r.segments.at(-1) ?? r.root.name, kind: st.isDirectory() ? ('dir' as const) : ('file' as const) };
    });
  }

  async list(caller: Caller): Promise<ShareView[]> {
    return Promise.all((await this.deps.store.ofOwner(caller.id)).map((s) => this.view(s)));
  }

  async createLink(caller: Caller, input: { path: string; password?: string | null; expiresAt?: number | null }): Promise<ShareView> {
    const t = await this.target(caller, input.path);
    if (input.expiresAt != null && input.expiresAt <= Date.now()) throw appError('BAD_REQUEST', 'files.share.expiryPast', 'The expiry date is already past.');
    const share = await this.deps.store.create({
      ownerId: caller.id,
      ...t,
      type: 'link',
      token: newSessionToken(),
      passwordHash: input.password ? await hashPassword(input.password) : null,
      expiresAt: input.expiresAt != null ? new Date(input.expiresAt) : null,
      granteeId: null,
      access: 'read',
    });
    return this.view(share);
  }

  async shareWith(caller: Caller, input: { path: string; user: string; access: 'read' | 'write' }): Promise<ShareView> {
    const t = await this.target(caller, input.path);
    if (t.kind !== 'dir') throw appError('BAD_REQUEST', 'files.share.folderOnly', 'Share a folder with people; for a single file, make a link.');
    const grantee = await this.deps.store.userByName(input.user);
    if (!grantee) throw appError('NOT_FOUND', 'files.user.notFound', `There is no user called “${input.user}”.`);
    if (grantee.id === caller.id) throw appError('BAD_REQUEST', 'files.share.self', 'You already have your own files.');
    const share = await this.deps.store.create({ ownerId: caller.id, ...t, type: 'user', token: null, passwordHash: null, expiresAt: null, granteeId: grantee.id, access: input.access });
    return this.view(share);
  }

  async revoke(caller: Caller, id: string): Promise<void> {
    if (!(await this.deps.store.revoke(caller.id, id))) throw appError('NOT_FOUND', 'files.share.notFound', 'There is no such share of yours.');
  }

  async people(caller: Caller): Promise<Person[]> {
    return (await this.deps.store.people(caller.id)).map((p) => ({ name: p.name, displayName: p.displayName }));
  }

  /**
   * Folders others shared with the caller, as roots named `<folder> (<owner>)` (numbered when two clash);
   * read-only unless shared read-write. A share whose folder is gone is left out.
   */
  async sharedRoots(caller: Caller, taken: readonly string[]): Promise<Root[]> {
    const used = new Set(taken.map((n) => n.toLowerCase()));
    const out: Root[] = [];
    for (const s of await this.deps.store.ofGrantee(caller.id)) {
      const dir = await this.hostDir(s).catch(() => null);
      if (!dir) continue;
      let name = checkSafeName(`${s.name} (${s.ownerName})`);
      for (let n = 2; used.has(name.toLowerCase()); n++) name = `${s.name} (${s.ownerName}) ${n}`;
      used.add(name.toLowerCase());
      out.push({ id: `share-${s.id}`, name, kind: 'shared', dir, readOnly: s.access !== 'write' });
    }
    return out;
  }

  /** The shared entry's real host path, checked inside its owner's root. */
  private async hostDir(s: StoredShare): Promise<string> {
    const roots = await this.deps.baseRootsFor(ownerOf(s));
    const root = roots.find((r) => r.id === s.rootId);
    if (!root) throw notFound();
    const r = await resolveSafe(roots, `/${root.name}${s.relPath ? `/${s.relPath}` : ''}`);
    return r.real;
  }

  // ---- public links ----

  private async live(token: string): Promise<StoredShare> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound();
    const s = await this.deps.store.byToken(token);
    if (!s || s.type !== 'link' || (s.expiresAt && s.expiresAt.getTime() <= Date.now())) throw notFound();
    return s;
  }

  private async unlocked(s: StoredShare, grant: string | undefined): Promise<boolean> {
    if (!s.passwordHash) return true;
    return !!grant && (await this.deps.store.hasGrant(sha256(grant), s.id));
  }

  async info(token: string, grant: string | undefined): Promise<PublicShareInfo> {
    const s = await this.live(token);
    const real = await this.hostDir(s).catch(() => null);
    if (!real) throw notFound();
    const size = s.kind === 'file' ? (await fs.stat(real).catch(() => null))?.size ?? null : null;
    return {
      name: s.name,
      kind: s.kind,
      size,
      owner: s.ownerDisplayName || s.ownerName,
      needsPassword: !!s.passwordHash,
      unlocked: await this.unlocked(s, grant),
      expiresAt: s.expiresAt?.getTime() ?? null,
    };
  }

  /** Checks a link's password; returns the grant token for the browser's cookie and the share id it is for. */
  async unlock(token: string, password: string): Promise<{ grant: string; shareId: string; expires: Date }> {
    const s = await this.live(token);
    if (!s.passwordHash) throw appError('BAD_REQUEST', 'files.share.noPassword', 'This link needs no password.');
    if (!(await verifyPassword(s.passwordHash, password))) throw appError('UNAUTHORIZED', 'files.share.wrongPassword', 'That is not the password of this link.');
    const grant = newSessionToken();
    const expires = new Date(Date.now() + (this.deps.grantMs ?? 12 * 3_600_000));
    await this.deps.store.addGrant(sha256(grant), s.id, expires);
    return { grant, shareId: s.id, expires };
  }

  /** The link's content as a read-only root, once unlocked. */
  async open(token: string, grant: string | undefined): Promise<OpenShare> {
    const s = await this.live(token);
    if (!(await this.unlocked(s, grant))) throw appError('UNAUTHORIZED', 'files.share.locked', 'Enter the link’s password first.');
    const real = await this.hostDir(s).catch(() => null);
    if (!real) throw notFound();
    const dir = s.kind === 'dir' ? real : path.dirname(real);
    return { share: s, root: { id: `link-${s.id}`, name: PUBLIC_ROOT, kind: 'shared', dir, readOnly: true }, onlyFile: s.kind === 'file' ? path.basename(real) : null };
  }
}

/** The root name public-link paths start with inside the server (`/s/a/b`); visitors see `/a/b`. */
export const PUBLIC_ROOT = 's';

function checkSafeName(name: string): string {
  try {
    return checkName(name);
  } catch {
    return name.replace(/[/\\\0]/g, '_').slice(0, 200);
  }
}
