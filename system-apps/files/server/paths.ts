// Path safety: turns a user's virtual path into a host path inside one of their roots, or refuses it with a reason.
import fs from 'node:fs/promises';
import path from 'node:path';

/** A folder on the host that a user may see, under the name that starts its virtual paths. */
export interface Root {
  id: string;
  /** First segment of virtual paths (`Home`). */
  name: string;
  /** `shared`: a folder another user shared, or a public link's content; `drive`: a cloud drive (an S3 bucket, not on this host). */
  kind: 'home' | 'mount' | 'shared' | 'drive';
  /** Absolute host path (for a drive, a placeholder no file-system call accepts: see `driveDir`). */
  dir: string;
  readOnly: boolean;
  /** The cloud drive a `drive` root shows. */
  driveId?: string;
}

/** A drive root's `dir`: not absolute and with a NUL byte, so that even code that forgot to check the kind cannot touch a host path. */
export function driveDir(driveId: string): string {
  return `\0cloud-drive:${driveId}`;
}

export interface ResolvedPath {
  root: Root;
  /** Normalised virtual path (`/Home/a/b`; `/Home` for the root itself). */
  virtual: string;
  /** Segments below the root (empty for the root itself). */
  segments: string[];
  /** Host path (not yet checked against symlinks: see `checkInside`). */
  abs: string;
}

/** A refused path; `reason` is the key the UI translates. */
export class PathError extends Error {
  constructor(
    readonly reason:
      | 'files.path.invalid'
      | 'files.path.traversal'
      | 'files.path.absolute'
      | 'files.path.encoded'
      | 'files.path.nul'
      | 'files.path.backslash'
      | 'files.path.tooLong'
      | 'files.path.unknownRoot'
      | 'files.path.escapes'
      | 'files.path.notFound'
      | 'files.path.readOnly'
      | 'files.path.remote'
      | 'files.name.invalid',
    message: string,
  ) {
    super(message);
    this.name = 'PathError';
  }
}

const MAX_PATH = 4096;
const MAX_NAME_BYTES = 255;

/** Decodes a string up to three times: `%252e%252e` → `%2e%2e` → `..`. */
function decodedForms(s: string): string[] {
  const forms = [s];
  let cur = s;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(cur);
    } catch {
      break;
    }
    if (next === cur) break;
    forms.push(next);
    cur = next;
  }
  return forms;
}

/** Checks one file or folder name (for new folders, renames, uploads). Throws PathError. */
export function checkName(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new PathError('files.name.invalid', 'A name cannot be empty.');
  if (name.includes('\0')) throw new PathError('files.path.nul', 'A name cannot contain a NUL byte.');
  if (name.includes('\\')) throw new PathError('files.path.backslash', 'A name cannot contain a backslash.');
  if (name.includes('/')) throw new PathError('files.name.invalid', 'A name cannot contain a slash.');
  if (name === '.' || name === '..') throw new PathError('files.path.traversal', 'A name cannot be “.” or “..”.');
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) throw new PathError('files.path.tooLong', `A name can be at most ${MAX_NAME_BYTES} bytes.`);
  for (const form of decodedForms(name).slice(1)) {
    if (form === '.' || form === '..' || form.includes('/') || form.includes('\\') || form.includes('\0')) {
      throw new PathError('files.path.encoded', 'A name cannot hide “..”, a slash or a NUL byte in URL encoding.');
    }
  }
  return name;
}

/** Splits `/Root/a/b` into the root name and checked segments. Throws PathError. */
export function parseVirtualPath(p: string): { rootName: string; segments: string[] } {
  if (typeof p !== 'string' || p.length === 0) throw new PathError('files.path.invalid', 'The path is empty.');
  if (p.length > MAX_PATH) throw new PathError('files.path.tooLong', `A path can be at most ${MAX_PATH} characters.`);
  if (p.includes('\0')) throw new PathError('files.path.nul', 'A path cannot contain a NUL byte.');
  if (p.includes('\\')) throw new PathError('files.path.backslash', 'A path cannot contain a backslash.');
  if (!p.startsWith('/')) throw new PathError('files.path.invalid', 'A path starts with “/” and the name of a root, like /Home.');
  const parts = p.split('/').filter((s, i, all) => !(s === '' && (i === 0 || i === all.length - 1)));
  if (parts.length === 0) throw new PathError('files.path.invalid', 'The path names no root.');
  for (const s of parts) {
    if (s === '') throw new PathError('files.path.invalid', 'A path cannot contain “//”.');
    if (s === '.' || s === '..') throw new PathError('files.path.traversal', 'A path cannot contain “.” or “..”.');
    checkName(s);
  }
  const [rootName, ...segments] = parts as [string, ...string[]];
  return { rootName, segments };
}

export function joinVirtual(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent.replace(/\/+$/, '')}/${name}`;
}

export function parentOf(virtual: string): string {
  const i = virtual.lastIndexOf('/');
  return i <= 0 ? '/' : virtual.slice(0, i);
}

export function baseName(virtual: string): string {
  return virtual.slice(virtual.lastIndexOf('/') + 1);
}

/**
 * Resolves a virtual path against the caller's roots, lexically. Host paths that look like virtual ones
 * (`/etc/passwd`) fail as an unknown root; `/Home2` never matches a root named `Home`.
 */
export function resolveVirtual(roots: readonly Root[], p: string): ResolvedPath {
  const { rootName, segments } = parseVirtualPath(p);
  const root = roots.find((r) => r.name === rootName);
  if (!root) {
    if (path.isAbsolute(p) && roots.some((r) => p.startsWith(r.dir))) throw new PathError('files.path.absolute', 'Host paths are not accepted; use a path like /Home/Documents.');
    throw new PathError('files.path.unknownRoot', `There is no folder called “${rootName}” among your roots.`);
  }
  const abs = path.join(root.dir, ...segments);
  const rel = path.relative(root.dir, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new PathError('files.path.traversal', 'The path leaves its root.');
  return { root, segments, abs, virtual: `/${[root.name, ...segments].join('/')}` };
}

function inside(dir: string, candidate: string): boolean {
  const rel = path.relative(dir, candidate);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

const realRoots = new Map<string, string>();
async function realRoot(root: Root): Promise<string> {
  let real = realRoots.get(root.dir);
  if (!real) {
    real = await fs.realpath(root.dir);
    realRoots.set(root.dir, real);
  }
  return real;
}

/**
 * Follows symlinks: the deepest part of the path that exists must resolve inside the root (a link that
 * points out is refused, even when the rest of the path does not exist yet). Returns the real host path
 * of what exists plus the missing tail.
 */
export async function checkInside(r: ResolvedPath): Promise<string> {
  // A cloud drive has no host path: local code that did not dispatch on the root's kind stops here.
  if (r.root.kind === 'drive') throw new PathError('files.path.remote', `“${r.root.name}” is a cloud drive, not a folder on this server.`);
  const rootReal = await realRoot(r.root);
  let existing = r.abs;
  const tail: string[] = [];
  for (;;) {
    try {
      const real = await fs.realpath(existing);
      if (!inside(rootReal, real)) throw new PathError('files.path.escapes', 'The path leads outside your folders through a link.');
      return path.join(real, ...tail);
    } catch (e) {
      if (e instanceof PathError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || existing === r.root.dir) throw e;
      // A dangling link is a name that exists: refuse it rather than write through it.
      const link = await fs.readlink(existing).catch(() => null);
      if (link !== null) {
        const target = path.resolve(path.dirname(existing), link);
        if (!inside(rootReal, target) && !inside(r.root.dir, target)) throw new PathError('files.path.escapes', 'The path leads outside your folders through a link.');
      }
      tail.unshift(path.basename(existing));
      existing = path.dirname(existing);
    }
  }
}

/** resolveVirtual + checkInside, and refuses writes to read-only roots. */
export async function resolveSafe(roots: readonly Root[], p: string, opts: { write?: boolean } = {}): Promise<ResolvedPath & { real: string }> {
  const r = resolveVirtual(roots, p);
  if (opts.write && r.root.readOnly) throw new PathError('files.path.readOnly', `“${r.root.name}” is read-only.`);
  const real = await checkInside(r);
  return { ...r, real };
}
