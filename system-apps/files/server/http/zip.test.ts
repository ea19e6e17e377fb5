// Zip downloads: the entries and their bytes, safe names (unicode, `..a`, backslashes), links left out, refusals, and a client that leaves early.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, startTestServer, USER_HEADER, type TestServer } from './testing';
import { entrySegment, relativeNames } from './zip';

/** Entry names from a zip's central directory (enough for the archives made here: no zip64, no comment). */
function zipNames(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const [nameLen, extraLen, commentLen] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    names.push(zip.subarray(at + 46, at + 46 + nameLen).toString('utf8'));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const UNZIP = '/usr/bin/unzip';
let t: TestServer;
const photo = randomBytes(50_000);
const zipUrl = (ps: string[], extra = '') => `${t.url}/api/files/zip?${ps.map((p) => `p=${encodeURIComponent(p)}`).join('&')}${extra}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  t = await startTestServer();
  const photos = path.join(t.home.alice, 'Photos');
  await fs.mkdir(path.join(photos, 'sub/deeper'), { recursive: true });
  await fs.mkdir(path.join(photos, 'empty'));
  await fs.writeFile(path.join(photos, 'a.jpg'), photo);
  await fs.writeFile(path.join(photos, 'sub/b.txt'), 'bee');
  await fs.writeFile(path.join(photos, 'sub/deeper/c.md'), '# see');
  await fs.writeFile(path.join(photos, '..a'), 'dotdot a');
  await fs.writeFile(path.join(photos, 'a..'), 'a dotdot');
  await fs.writeFile(path.join(photos, 'emoji 😀 and spaces.txt'), 'smile');
  await fs.writeFile(path.join(photos, '..\\..\\evil.txt'), 'backslashes');
  await fs.mkdir(path.join(t.base, 'outside'));
  await fs.writeFile(path.join(t.base, 'outside/secret.txt'), 'secret');
  await fs.symlink(path.join(t.base, 'outside'), path.join(photos, 'link-out'));
  await fs.symlink(path.join(t.base, 'outside/secret.txt'), path.join(photos, 'link-out.txt'));
  await fs.symlink(path.join(photos, 'a.jpg'), path.join(photos, 'link-in.jpg'));
});
afterAll(() => t.close());

async function getZip(url: string): Promise<{ res: Response; zip: Buffer }> {
  const res = await fetch(url, as('alice'));
  return { res, zip: Buffer.from(await res.arrayBuffer()) };
}

describe('GET /api/files/zip', () => {
  it('zips a folder with relative, safe names and no links', async () => {
    const { res, zip } = await getZip(zipUrl(['/Home/Photos']));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Photos.zip"; filename*=UTF-8''Photos.zip`);
    const names = zipNames(zip).sort();
    expect(names).toEqual(
      [
        'Photos/',
        'Photos/a.jpg',
        'Photos/sub/',
        'Photos/sub/b.txt',
        'Photos/sub/deeper/',
        'Photos/sub/deeper/c.md',
        'Photos/empty/',
        'Photos/..a',
        'Photos/a..',
        'Photos/emoji 😀 and spaces.txt',
        'Photos/.._.._evil.txt',
      ].sort(),
    );
    for (const name of names) {
      expect(name.startsWith('/')).toBe(false);
      expect(name.includes('\\')).toBe(false);
      expect(name.split('/')).not.toContain('..');
    }
    expect(zip.includes(Buffer.from('secret'))).toBe(false);
  });

  it.runIf(existsSync(UNZIP))('makes a zip that unzip lists and extracts byte for byte', async () => {
    const { zip } = await getZip(zipUrl(['/Home/Photos']));
    const dir = await fs.mkdtemp(path.join(t.base, 'unzip-'));
    await fs.writeFile(path.join(dir, 'x.zip'), zip);
    const listed = execFileSync(UNZIP, ['-Z1', path.join(dir, 'x.zip')], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listed).toEqual(zipNames(zip).sort());
    execFileSync(UNZIP, ['-q', path.join(dir, 'x.zip'), '-d', path.join(dir, 'out')]);
    expect(sha(await fs.readFile(path.join(dir, 'out/Photos/a.jpg')))).toBe(sha(photo));
    expect(await fs.readFile(path.join(dir, 'out/Photos/sub/deeper/c.md'), 'utf8')).toBe('# see');
    expect(await fs.readFile(path.join(dir, 'out/Photos/emoji 😀 and spaces.txt'), 'utf8')).toBe('smile');
    expect(await fs.readFile(path.join(dir, 'out/Photos/..a'), 'utf8')).toBe('dotdot a');
  });

  it('zips several items relative to their common folder, under the name asked for', async () => {
    const { res, zip } = await getZip(zipUrl(['/Home/Photos/a.jpg', '/Home/Photos/sub', '/Home/Photos/link-in.jpg'], `&name=${encodeURIComponent('Holiday 🌴')}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Holiday 🌴.zip')}`);
    // A selected link that stays inside the root is zipped as what it points to.
    expect(zipNames(zip).sort()).toEqual(['a.jpg', 'link-in.jpg', 'sub/', 'sub/b.txt', 'sub/deeper/', 'sub/deeper/c.md']);
  });

  it('refuses what it cannot zip', async () => {
    const cases: [string[], number, string][] = [
      [[], 400, 'files.path.invalid'],
      [['/Home/../x'], 400, 'files.path.traversal'],
      [['/Home/%2e%2e'], 400, 'files.path.encoded'],
      [['/Home/Photos/link-out'], 403, 'files.path.escapes'],
      [['/Home/Photos/a.jpg', '/Home/nope'], 404, 'files.notFound'],
      [[t.home.bob], 404, 'files.path.unknownRoot'],
    ];
    for (const [ps, status, reason] of cases) {
      const res = await fetch(zipUrl(ps), as('alice'));
      expect({ ps, status: res.status, reason: ((await res.json()) as { reason: string }).reason }).toEqual({ ps, status, reason });
    }
    const badName = await fetch(zipUrl(['/Home/Photos'], '&name=a%2Fb'), as('alice'));
    expect(badName.status).toBe(400);
    const anon = await fetch(zipUrl(['/Home/Photos']), as(null));
    expect(anon.status).toBe(401);
  });

  it.runIf(existsSync('/proc/self/fd'))('stops reading files when the client goes away', async () => {
    const big = path.join(t.home.alice, 'Big');
    await fs.mkdir(big);
    // 64 GiB of holes: a walk that went on without the client would hold this file open for minutes.
    await fs.writeFile(path.join(big, 'first.bin'), randomBytes(1024 * 1024));
    const sparse = await fs.open(path.join(big, 'zeros.bin'), 'w');
    await sparse.truncate(64 * 1024 ** 3);
    await sparse.close();
    const openInBig = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(big);
      } catch {
        return false;
      }
    }).length;
    // Read a little, then hang up.
    await new Promise<void>((resolve, reject) => {
      const req = http.get(zipUrl(['/Home/Big']), { headers: { [USER_HEADER]: 'alice' } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    });
    await expect.poll(openInBig, { timeout: 5000 }).toBe(0);
    // The server is fine afterwards.
    const { res } = await getZip(zipUrl(['/Home/Photos/sub']));
    expect(res.status).toBe(200);
  });
});

describe('entry names', () => {
  it('are relative to the common folder and never carry separators of other systems', () => {
    expect(relativeNames([['Home', 'a', 'x'], ['Home', 'a', 'y', 'z']])).toEqual(['x', 'y/z']);
    expect(relativeNames([['Home', 'x'], ['Data', 'y']])).toEqual(['Home/x', 'Data/y']);
    expect(relativeNames([['Home']])).toEqual(['Home']);
    expect(entrySegment('..\\..\\x')).toBe('.._.._x');
    expect(entrySegment('..a')).toBe('..a');
  });
});
