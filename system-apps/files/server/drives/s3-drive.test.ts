// A bucket as folders and files against a local S3 server: list and sort, stat, folders, rename, delete, ranges, uploads, wrong keys.
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Drive } from './s3-drive';
import { startTestS3, type TestS3 } from './testing/s3';

let s3: TestS3;
let drive: S3Drive;

async function text(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  s3 = await startTestS3(['photos-bucket']);
  drive = new S3Drive(s3.config('photos-bucket', 'alice'));
});
afterAll(async () => {
  drive.destroy();
  await s3.stop();
});

describe('S3Drive', () => {
  it('writes files and folders and lists them like a folder: folders first, natural order', async () => {
    await drive.mkdir('Albums');
    await drive.write('file10.txt', 'ten');
    await drive.write('file2.txt', 'two');
    await drive.write('Albums/2024/beach 🐚.jpg', randomBytes(1000));
    await drive.write('.hidden', 'h');
    const root = await drive.list('', { offset: 0, limit: 50, sort: 'name', desc: false, showHidden: false });
    expect(root.items.map((i) => `${i.kind}:${i.name}`)).toEqual(['dir:Albums', 'file:file2.txt', 'file:file10.txt']);
    expect(root.total).toBe(3);
    const withHidden = await drive.list('', { offset: 0, limit: 50, sort: 'size', desc: true, showHidden: true });
    expect(withHidden.items.map((i) => i.name)).toEqual(['Albums', 'file10.txt', 'file2.txt', '.hidden']);
    const albums = await drive.list('Albums', { offset: 0, limit: 50, sort: 'name', desc: false, showHidden: false });
    expect(albums.items.map((i) => `${i.kind}:${i.name}`)).toEqual(['dir:2024']);
    expect(await drive.stat('Albums/2024/beach 🐚.jpg')).toMatchObject({ kind: 'file', size: 1000 });
    expect(await drive.stat('Albums/2024')).toMatchObject({ kind: 'dir' });
    expect(await drive.stat('nothing')).toBeNull();
    await expect(drive.list('nothing', { offset: 0, limit: 5, sort: 'name', desc: false, showHidden: false })).rejects.toMatchObject({ reason: 'files.drive.notFound' });
  });

  it('reads whole files and ranges, and uploads a larger stream', async () => {
    const data = randomBytes(9 * 1024 * 1024);
    await drive.write('big.bin', Readable.from([data.subarray(0, 5_000_000), data.subarray(5_000_000)]));
    const whole = await drive.read('big.bin');
    expect(whole.size).toBe(data.length);
    expect(createHash('sha256').update(await text(whole.body)).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    const part = await drive.read('big.bin', { start: 10, end: 19 });
    expect(part.size).toBe(data.length);
    expect((await text(part.body)).equals(data.subarray(10, 20))).toBe(true);
  });

  it('renames files and whole folders, refusing to overwrite, and deletes trees', async () => {
    await drive.rename('file2.txt', 'two.txt');
    expect(await drive.stat('file2.txt')).toBeNull();
    expect((await text((await drive.read('two.txt')).body)).toString()).toBe('two');
    await expect(drive.rename('two.txt', 'file10.txt')).rejects.toMatchObject({ reason: 'files.exists' });
    await drive.rename('Albums', 'Pictures');
    expect(await drive.stat('Pictures/2024/beach 🐚.jpg')).toMatchObject({ kind: 'file' });
    expect(await drive.stat('Albums')).toBeNull();
    await drive.remove('Pictures');
    expect(await drive.stat('Pictures')).toBeNull();
  });

  it('keeps to its prefix and says when keys or buckets are wrong', async () => {
    const other = new S3Drive(s3.config('photos-bucket', 'bob'));
    expect((await other.list('', { offset: 0, limit: 5, sort: 'name', desc: false, showHidden: true })).total).toBe(0);
    other.destroy();
    const missing = new S3Drive(s3.config('no-such-bucket'));
    await expect(missing.check()).rejects.toMatchObject({ reason: 'files.drive.notFound' });
    missing.destroy();
    await drive.check();
  });
});
