// Each user's roots: Home under the data folder (made with its standard folders on first use) and the folders an admin added.
import fs from 'node:fs/promises';
import path from 'node:path';
import { appError } from '../../../bff/trpc/app-error';
import type { AdminRoot, Caller } from './files.api';
import type { FilesStore } from './files.store';
import type { RootInfo } from './files.types';
import type { Root } from './paths';

export const HOME = 'Home';
export const STANDARD_FOLDERS = ['Documents', 'Pictures', 'Videos', 'Music', 'Downloads'] as const;

export class Roots {
  /** Users whose Home exists already (made or seen this process). */
  private readonly ready = new Set<string>();

  constructor(
    private readonly store: FilesStore,
    private readonly dataDir: string,
    /** Further roots from elsewhere (folders others shared with the caller), named apart from `taken`. */
    public extra?: (caller: Caller, taken: readonly string[]) => Promise<Root[]>,
  ) {}

  /** `<data>/users/<name>`: the user's Home, trash and staging live here. */
  userDir(name: string): string {
    return path.join(this.dataDir, 'users', name);
  }

  homeDir(name: string): string {
    return path.join(this.userDir(name), HOME);
  }

  /** Makes Home with its standard folders the first time; later calls cost nothing. */
  async ensureHome(name: string): Promise<string> {
    const dir = this.homeDir(name);
    if (this.ready.has(name)) return dir;
    const made = await fs.mkdir(dir, { recursive: true });
    if (made !== undefined) for (const f of STANDARD_FOLDERS) await fs.mkdir(path.join(dir, f), { recursive: true });
    this.ready.add(name);
    return dir;
  }

  async home(caller: Caller): Promise<Root> {
    return { id: 'home', name: HOME, kind: 'home', dir: await this.ensureHome(caller.name), readOnly: false };
  }

  /** Home first, then the roots an admin added for the caller (none shared by others). */
  async ownRoots(caller: Caller): Promise<Root[]> {
    const [home, mounts] = await Promise.all([this.home(caller), this.store.roots(caller.id)]);
    return [home, ...mounts.map((m): Root => ({ id: m.id, name: m.name, kind: 'mount', dir: m.dir, readOnly: m.readOnly }))];
  }

  /** The caller's own roots, then the extra ones (folders shared with the caller). */
  async rootsFor(caller: Caller): Promise<Root[]> {
    const own = await this.ownRoots(caller);
    if (!this.extra) return own;
    return [...own, ...(await this.extra(caller, own.map((r) => r.name)))];
  }

  static info(roots: Root[]): RootInfo[] {
    return roots.map((r) => ({ id: r.id, name: r.name, kind: r.kind, path: `/${r.name}`, readOnly: r.readOnly, ...(r.driveId ? { driveId: r.driveId } : {}) }));
  }

  async userId(name: string): Promise<string> {
    const id = await this.store.userId(name);
    if (!id) throw appError('NOT_FOUND', 'files.user.notFound', `There is no user called “${name}”.`);
    return id;
  }

  /** Admins: a host folder that exists becomes a root of `user`; never the data folder or anything around it. */
  async add(input: { user: string; name: string; dir: string; readOnly: boolean }): Promise<AdminRoot> {
    const userId = await this.userId(input.user);
    if (input.name.toLowerCase() === HOME.toLowerCase()) throw appError('BAD_REQUEST', 'files.root.reserved', '“Home” is the name of every user’s own folder; choose another name.');
    if (!path.isAbsolute(input.dir)) throw appError('BAD_REQUEST', 'files.root.notAbsolute', 'The folder must be an absolute path on the server, like /mnt/photos.');
    let real: string;
    try {
      real = await fs.realpath(input.dir);
      if (!(await fs.stat(real)).isDirectory()) throw appError('BAD_REQUEST', 'files.root.notFolder', 'That path is a file, not a folder.');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code) throw appError('BAD_REQUEST', 'files.root.missing', 'There is no such folder on the server.');
      throw err;
    }
    const data = await fs.realpath(this.dataDir).catch(() => path.resolve(this.dataDir));
    const rel = path.relative(real, data);
    const around = rel === '' || !(rel.startsWith('..') || path.isAbsolute(rel));
    const relIn = path.relative(data, real);
    const within = !(relIn.startsWith('..') || path.isAbsolute(relIn));
    if (around || within) throw appError('BAD_REQUEST', 'files.root.dataDir', 'That folder holds the desktop’s own data (every user’s files); choose a folder outside it.');
    const added = await this.store.addRoot(userId, input.name, real, input.readOnly);
    if (!added) throw appError('CONFLICT', 'files.root.exists', `${input.user} already has a root called “${input.name}”.`);
    return added;
  }

  async list(user: string): Promise<AdminRoot[]> {
    return this.store.roots(await this.userId(user));
  }

  async remove(id: string): Promise<void> {
    if (!(await this.store.removeRoot(id))) throw appError('NOT_FOUND', 'files.root.notFound', 'There is no such root.');
  }
}
