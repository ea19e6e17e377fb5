// Placing a finished upload: free names for keepBoth, atomic replace, across file systems through a hidden copy, and nothing lost on failure.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { numbered, placeUpload } from './place';

let dir: string;
let staging: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'files-place-'));
  staging = path.join(dir, 'staging.bin');
  await fs.mkdir(path.join(dir, 'target'));
  await fs.writeFile(staging, 'new');
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const target = () => path.join(dir, 'target');
const read = (name: string) => fs.readFile(path.join(target(), name), 'utf8');

describe('numbered', () => {
  it('puts the number before the extension', () => {
    expect(numbered('report.pdf', 1)).toBe('report (1).pdf');
    expect(numbered('notes', 2)).toBe('notes (2)');
    expect(numbered('.bashrc', 3)).toBe('.bashrc (3)');
    expect(numbered('photo 😀.jpg', 4)).toBe('photo 😀 (4).jpg');
  });
});

describe('placeUpload', () => {
  it('takes the name when it is free, sets mtime and removes the staging file', async () => {
    const name = await placeUpload({ staging, dir: target(), name: 'a.txt', conflict: 'keepBoth', lastModified: 1_600_000_000_000 });
    expect(name).toBe('a.txt');
    expect(await read('a.txt')).toBe('new');
    expect((await fs.stat(path.join(target(), 'a.txt'))).mtimeMs).toBe(1_600_000_000_000);
    expect(existsSync(staging)).toBe(false);
  });

  it('keeps both: the next free number', async () => {
    await fs.writeFile(path.join(target(), 'a.txt'), 'old');
    await fs.writeFile(path.join(target(), 'a (1).txt'), 'old1');
    expect(await placeUpload({ staging, dir: target(), name: 'a.txt', conflict: 'keepBoth', lastModified: null })).toBe('a (2).txt');
    expect([await read('a.txt'), await read('a (1).txt'), await read('a (2).txt')]).toEqual(['old', 'old1', 'new']);
  });

  it('replaces over an existing file, and over a link without following it', async () => {
    await fs.writeFile(path.join(target(), 'a.txt'), 'old');
    await placeUpload({ staging, dir: target(), name: 'a.txt', conflict: 'replace', lastModified: null });
    expect(await read('a.txt')).toBe('new');

    await fs.writeFile(path.join(dir, 'elsewhere.txt'), 'untouched');
    await fs.symlink(path.join(dir, 'elsewhere.txt'), path.join(target(), 'link.txt'));
    await fs.writeFile(staging, 'newer');
    await placeUpload({ staging, dir: target(), name: 'link.txt', conflict: 'replace', lastModified: null });
    expect((await fs.lstat(path.join(target(), 'link.txt'))).isFile()).toBe(true);
    expect(await fs.readFile(path.join(dir, 'elsewhere.txt'), 'utf8')).toBe('untouched');
  });

  it('refuses to replace a folder and keeps the staging file', async () => {
    await fs.mkdir(path.join(target(), 'a.txt'));
    await fs.writeFile(path.join(target(), 'a.txt/inner'), 'x');
    await expect(placeUpload({ staging, dir: target(), name: 'a.txt', conflict: 'replace', lastModified: null })).rejects.toMatchObject({ reason: 'files.exists' });
    expect(await fs.readFile(staging, 'utf8')).toBe('new');
  });

  const shm = '/dev/shm';
  const otherDevice = existsSync(shm);
  it.runIf(otherDevice)('copies across file systems into a hidden file beside the target, then renames', async () => {
    const other = await fs.mkdtemp(path.join(shm, 'files-place-'));
    try {
      const [a, b] = await Promise.all([fs.stat(other), fs.stat(target())]);
      if (a.dev === b.dev) return;
      const far = path.join(other, 'staging.bin');
      await fs.writeFile(far, 'far');
      await fs.writeFile(path.join(target(), 'a.txt'), 'old');
      expect(await placeUpload({ staging: far, dir: target(), name: 'a.txt', conflict: 'keepBoth', lastModified: 1_500_000_000_000 })).toBe('a (1).txt');
      expect(await read('a (1).txt')).toBe('far');
      expect((await fs.stat(path.join(target(), 'a (1).txt'))).mtimeMs).toBe(1_500_000_000_000);
      await fs.writeFile(far, 'far2');
      await placeUpload({ staging: far, dir: target(), name: 'a.txt', conflict: 'replace', lastModified: null });
      expect(await read('a.txt')).toBe('far2');
      expect(existsSync(far)).toBe(false);
      // No hidden temporary file left behind.
      expect((await fs.readdir(target())).sort()).toEqual(['a (1).txt', 'a.txt']);
    } finally {
      await fs.rm(other, { recursive: true, force: true });
    }
  });
});
