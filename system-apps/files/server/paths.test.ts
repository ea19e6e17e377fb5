// Path safety, one test per refusal: traversal in every spelling, backslashes, NUL, host paths, unknown roots, links out, sibling prefixes.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInside, checkName, driveDir, parseVirtualPath, PathError, resolveSafe, resolveVirtual, type Root } from './paths';

/** The reason a call was refused with, or 'accepted'. */
async function reason(fn: () => unknown): Promise<string> {
  try {
    await fn();
    return 'accepted';
  } catch (err) {
    if (err instanceof PathError) return err.reason;
    throw err;
  }
}

describe('virtual paths, lexically', () => {
  const roots: Root[] = [{ id: 'home', name: 'Home', kind: 'home', dir: '/srv/olares/users/alice/Home', readOnly: false }];
  const refusal = (p: string) => reason(() => resolveVirtual(roots, p));

  it('accepts a plain path and normalises a trailing slash', () => {
    expect(resolveVirtual(roots, '/Home/Documents/')).toMatchObject({ virtual: '/Home/Documents', segments: ['Documents'], abs: '/srv/olares/users/alice/Home/Documents' });
    expect(resolveVirtual(roots, '/Home')).toMatchObject({ virtual: '/Home', segments: [], abs: '/srv/olares/users/alice/Home' });
  });

  it('refuses ..', async () => {
    expect(await refusal('/Home/../bob/Home')).toBe('files.path.traversal');
    expect(await refusal('/Home/Documents/..')).toBe('files.path.traversal');
    expect(await refusal('/Home/./x')).toBe('files.path.traversal');
  });

  it('refuses %2e%2e, URL-encoded', async () => {
    expect(await refusal('/Home/%2e%2e/bob')).toBe('files.path.encoded');
    expect(await refusal('/Home/%2E%2E')).toBe('files.path.encoded');
  });

  it('refuses %252e%252e, encoded twice', async () => {
    expect(await refusal('/Home/%252e%252e/bob')).toBe('files.path.encoded');
    expect(await refusal('/Home/%25252e%25252e')).toBe('files.path.encoded');
  });

  it('refuses an encoded slash (%2f) and an encoded backslash or NUL', async () => {
    expect(await refusal('/Home/..%2f..%2fetc')).toBe('files.path.encoded');
    expect(await refusal('/Home/a%2Fb')).toBe('files.path.encoded');
    expect(await refusal('/Home/a%5cb')).toBe('files.path.encoded');
    expect(await refusal('/Home/a%00b')).toBe('files.path.encoded');
  });

  it('refuses backslashes', async () => {
    expect(await refusal('/Home/..\\..\\etc')).toBe('files.path.backslash');
    expect(await refusal('\\Home\\x')).toBe('files.path.backslash');
  });

  it('refuses NUL bytes', async () => {
    expect(await refusal('/Home/a.txt\0.jpg')).toBe('files.path.nul');
  });

  it('refuses absolute host paths', async () => {
    expect(await refusal('/srv/olares/users/alice/Home/Documents')).toBe('files.path.absolute');
    expect(await refusal('/etc/passwd')).toBe('files.path.unknownRoot');
    expect(await refusal('Home/Documents')).toBe('files.path.invalid');
  });

  it('refuses unknown roots, including sibling prefixes of a known one', async () => {
    expect(await refusal('/Photos/a.jpg')).toBe('files.path.unknownRoot');
    expect(await refusal('/Home2/a.jpg')).toBe('files.path.unknownRoot');
    expect(await refusal('/home/a.jpg')).toBe('files.path.unknownRoot');
    expect(await refusal('/HomeX')).toBe('files.path.unknownRoot');
  });

  it('refuses empty segments and empty paths', async () => {
    expect(await refusal('/Home//x')).toBe('files.path.invalid');
    expect(await refusal('')).toBe('files.path.invalid');
    expect(await refusal('/')).toBe('files.path.invalid');
  });

  it('refuses names that are too long', async () => {
    expect(await refusal(`/Home/${'a'.repeat(256)}`)).toBe('files.path.tooLong');
    expect(await refusal(`/Home/${'文'.repeat(86)}`)).toBe('files.path.tooLong');
    expect(await refusal(`/Home/${'a/'.repeat(2100)}`)).toBe('files.path.tooLong');
  });

  it('accepts Unicode, spaces and emoji', () => {
    const r = resolveVirtual(roots, '/Home/文档/my file 🎉.txt');
    expect(r.segments).toEqual(['文档', 'my file 🎉.txt']);
    expect(r.abs).toBe('/srv/olares/users/alice/Home/文档/my file 🎉.txt');
    expect(parseVirtualPath('/Home/ Ünïcödé  name ').segments).toEqual([' Ünïcödé  name ']);
    expect(parseVirtualPath('/Home/100% done').segments).toEqual(['100% done']);
  });
});

describe('names', () => {
  it('refuses each bad name with its reason', async () => {
    expect(await reason(() => checkName(''))).toBe('files.name.invalid');
    expect(await reason(() => checkName('.'))).toBe('files.path.traversal');
    expect(await reason(() => checkName('..'))).toBe('files.path.traversal');
    expect(await reason(() => checkName('a/b'))).toBe('files.name.invalid');
    expect(await reason(() => checkName('a\\b'))).toBe('files.path.backslash');
    expect(await reason(() => checkName('a\0b'))).toBe('files.path.nul');
    expect(await reason(() => checkName('%2e%2e'))).toBe('files.path.encoded');
    expect(await reason(() => checkName('%252e%252e'))).toBe('files.path.encoded');
    expect(await reason(() => checkName('x%2fy'))).toBe('files.path.encoded');
  });

  it('accepts Unicode, spaces and emoji', () => {
    for (const n of ['报告 2024.pdf', 'My Document.docx', '🎉 party 🎈', 'café', '.hidden', '...']) expect(checkName(n)).toBe(n);
  });
});

describe('links on a real disk', () => {
  let tmp: string;
  let home: Root;
  let outside: string;

  beforeAll(async () => {
    tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'olares-paths-')));
    const homeDir = path.join(tmp, 'x', 'Home');
    outside = path.join(tmp, 'outside');
    await fs.mkdir(path.join(homeDir, 'Documents'), { recursive: true });
    await fs.mkdir(path.join(tmp, 'x', 'Home2'), { recursive: true });
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'secret.txt'), 'secret');
    await fs.writeFile(path.join(tmp, 'x', 'Home2', 'other.txt'), 'sibling');
    await fs.writeFile(path.join(homeDir, 'Documents', 'mine.txt'), 'mine');
    await fs.symlink(outside, path.join(homeDir, 'out'));
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(homeDir, 'secret-link.txt'));
    await fs.symlink(path.join(tmp, 'nowhere', 'file'), path.join(homeDir, 'dangling-out'));
    await fs.symlink('Documents/not-yet', path.join(homeDir, 'dangling-in'));
    await fs.symlink('../Home2', path.join(homeDir, 'sibling'));
    await fs.symlink('Documents', path.join(homeDir, 'docs'));
    home = { id: 'home', name: 'Home', kind: 'home', dir: homeDir, readOnly: false };
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  const refusal = (p: string, write = false) => reason(() => resolveSafe([home], p, { write }));

  it('refuses a link that points out', async () => {
    expect(await refusal('/Home/out')).toBe('files.path.escapes');
    expect(await refusal('/Home/secret-link.txt')).toBe('files.path.escapes');
  });

  it('refuses a link in the middle of a path, whether the rest exists or not', async () => {
    expect(await refusal('/Home/out/secret.txt')).toBe('files.path.escapes');
    expect(await refusal('/Home/out/new-file.txt', true)).toBe('files.path.escapes');
    expect(await refusal('/Home/out/new/deeper/file.txt', true)).toBe('files.path.escapes');
  });

  it('refuses a dangling link that points out (a write would go through it)', async () => {
    expect(await refusal('/Home/dangling-out', true)).toBe('files.path.escapes');
    expect(await refusal('/Home/dangling-out/child', true)).toBe('files.path.escapes');
  });

  it('refuses a link into a sibling folder whose name starts like the root (Home → Home2)', async () => {
    expect(await refusal('/Home/sibling')).toBe('files.path.escapes');
    expect(await refusal('/Home/sibling/other.txt')).toBe('files.path.escapes');
  });

  it('refuses writes to a read-only root', async () => {
    const ro = { ...home, readOnly: true };
    expect(await reason(() => resolveSafe([ro], '/Home/Documents/new.txt', { write: true }))).toBe('files.path.readOnly');
    expect(await reason(() => resolveSafe([ro], '/Home/Documents/mine.txt'))).toBe('accepted');
  });

  it('follows links that stay inside, and dangling ones that point inside', async () => {
    const r = await resolveSafe([home], '/Home/docs/mine.txt');
    expect(r.real).toBe(path.join(home.dir, 'Documents', 'mine.txt'));
    expect(await refusal('/Home/dangling-in', true)).toBe('accepted');
  });

  it('resolves paths that do not exist yet below real folders (for new files)', async () => {
    const r = await resolveSafe([home], '/Home/Documents/new folder/新しい 📁/file.txt', { write: true });
    expect(r.real).toBe(path.join(home.dir, 'Documents', 'new folder', '新しい 📁', 'file.txt'));
  });
});

describe('cloud-drive roots', () => {
  const drive: Root = { id: 'drive-1', name: 'Backup', kind: 'drive', dir: driveDir('d1'), readOnly: false, driveId: 'd1' };

  it('resolve lexically (for dispatch) but never to a host path: resolveSafe and checkInside fail closed', async () => {
    expect(resolveVirtual([drive], '/Backup/a/b.txt')).toMatchObject({ virtual: '/Backup/a/b.txt', segments: ['a', 'b.txt'] });
    expect(await reason(() => resolveSafe([drive], '/Backup/a/b.txt'))).toBe('files.path.remote');
    expect(await reason(() => resolveSafe([drive], '/Backup'))).toBe('files.path.remote');
    expect(await reason(() => resolveSafe([drive], '/Backup/new', { write: true }))).toBe('files.path.remote');
    expect(await reason(() => checkInside(resolveVirtual([drive], '/Backup')))).toBe('files.path.remote');
    // The placeholder is no path a file-system call accepts, so code that skipped the checks fails too.
    await expect(fs.stat(resolveVirtual([drive], '/Backup/a').abs)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' });
    expect(path.isAbsolute(drive.dir)).toBe(false);
  });
});
