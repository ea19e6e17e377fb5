// One S3-compatible bucket (optionally a folder in it) as a tree of folders and files: list, stat, make folders, rename, delete, read ranges, upload.
import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { EntryKind, SortKey } from '../files.types';
import { comparator, type Item } from '../sorting';

export interface DriveConfig {
  endpoint: string;
  region: string;
  bucket: string;
  /** A folder inside the bucket ('' for the whole bucket), no leading or trailing slash. */
  prefix: string;
  pathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface DriveItem {
  name: string;
  kind: EntryKind;
  size: number;
  mtime: number;
  /** A file's ETag (from stat), quotes removed. */
  etag?: string;
}

/** One object or folder below a folder, by its path relative to that folder (`a/b.txt`). */
export interface TreeItem {
  path: string;
  kind: 'file' | 'dir';
  size: number;
  mtime: number;
}

/** The largest object copied inside the bucket in one request (S3's CopyObject limit); larger ones are streamed. */
export const COPY_LIMIT = 5 * 1024 ** 3;

/** A refusal from the bucket, with a Files reason key. */
export class DriveError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'DriveError';
  }
}

const LIST_CACHE_MS = 5_000;
const MAX_LISTED = 200_000;

function driveError(err: unknown): unknown {
  if (err instanceof DriveError) return err;
  if (err instanceof S3ServiceException) {
    const status = err.$metadata.httpStatusCode ?? 0;
    if (status === 403 || err.name === 'InvalidAccessKeyId' || err.name === 'SignatureDoesNotMatch' || err.name === 'AccessDenied')
      return new DriveError('files.drive.denied', 'The bucket refused these keys.');
    if (status === 404 || err.name === 'NoSuchBucket' || err.name === 'NotFound' || err.name === 'NoSuchKey') return new DriveError('files.drive.notFound', 'The bucket or object does not exist.');
    return Object.assign(new DriveError('files.drive.failed', 'The bucket answered with an error.'), { cause: { name: err.name, status, msg: err.message } });
  }
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN'].includes(code) || (err as Error).name === 'TimeoutError')
    return new DriveError('files.drive.unreachable', 'The storage server cannot be reached.');
  return err;
}

export class S3Drive {
  readonly client: S3Client;
  private readonly cache = new Map<string, { at: number; items: DriveItem[] }>();

  constructor(private readonly cfg: DriveConfig) {
    this.client = new S3Client({
      endpoint: cfg.endpoint,
      region: cfg.region,
      forcePathStyle: cfg.pathStyle,
      credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey },
      maxAttempts: 3,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  destroy(): void {
    this.client.destroy();
  }

  /** The object key of a path below the drive ('' = the drive itself); folders end in '/'. */
  key(rel: string, folder = false): string {
    const k = [this.cfg.prefix, rel].filter(Boolean).join('/');
    return folder ? (k ? `${k}/` : '') : k;
  }

  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw driveError(err);
    }
  }

  /** Checks the endpoint, bucket and keys. */
  async check(): Promise<void> {
    await this.run(() => this.client.send(new HeadBucketCommand({ Bucket: this.cfg.bucket })));
  }

  /** Every entry directly in a folder (folders from common prefixes and folder markers). */
  async children(rel: string): Promise<DriveItem[]> {
    const cached = this.cache.get(rel);
    if (cached && Date.now() - cached.at < LIST_CACHE_MS) return cached.items;
    const prefix = this.key(rel, true);
    const items = new Map<string, DriveItem>();
    let token: string | undefined;
    do {
      const page = await this.run(() => this.client.send(new ListObjectsV2Command({ Bucket: this.cfg.bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token })));
      for (const p of page.CommonPrefixes ?? []) {
        const name = p.Prefix!.slice(prefix.length, -1);
        if (name) items.set(name, { name, kind: 'dir', size: 0, mtime: 0 });
      }
      for (const o of page.Contents ?? []) {
        const name = o.Key!.slice(prefix.length);
        if (!name || name.endsWith('/')) continue;
        items.set(name, { name, kind: 'file', size: o.Size ?? 0, mtime: o.LastModified?.getTime() ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && items.size < MAX_LISTED);
    const list = [...items.values()];
    this.cache.set(rel, { at: Date.now(), items: list });
    return list;
  }

  forget(rel?: string): void {
    if (rel === undefined) this.cache.clear();
    else this.cache.delete(rel);
  }

  async list(rel: string, opts: { offset: number; limit: number; sort: SortKey; desc: boolean; showHidden: boolean }): Promise<{ total: number; items: DriveItem[] }> {
    if (rel && !(await this.stat(rel))) throw new DriveError('files.drive.notFound', 'That folder does not exist in the bucket.');
    const all = (await this.children(rel)).filter((i) => opts.showHidden || !i.name.startsWith('.'));
    const sorted = [...all].sort(comparator(opts.sort, opts.desc) as (a: Item, b: Item) => number);
    return { total: sorted.length, items: sorted.slice(opts.offset, opts.offset + opts.limit) };
  }

  /** A file, a folder (a marker or anything below it), or null. */
  async stat(rel: string): Promise<DriveItem | null> {
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    if (!rel) return { name: '', kind: 'dir', size: 0, mtime: 0 };
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.cfg.bucket, Key: this.key(rel) }));
      return { name, kind: 'file', size: head.ContentLength ?? 0, mtime: head.LastModified?.getTime() ?? 0, ...(head.ETag ? { etag: head.ETag.replace(/"/g, '') } : {}) };
    } catch (err) {
      const mapped = driveError(err);
      if (!(mapped instanceof DriveError && mapped.reason === 'files.drive.notFound')) throw mapped;
    }
    // A folder is its marker (what this app makes) or anything below it (what other tools leave), asked one level deep.
    const folder = this.key(rel, true);
    const marker = await this.client.send(new HeadObjectCommand({ Bucket: this.cfg.bucket, Key: folder })).then(
      () => true,
      (err: unknown) => {
        const mapped = driveError(err);
        if (mapped instanceof DriveError && mapped.reason === 'files.drive.notFound') return false;
        throw mapped;
      },
    );
    if (marker) return { name, kind: 'dir', size: 0, mtime: 0 };
    const below = await this.run(() => this.client.send(new ListObjectsV2Command({ Bucket: this.cfg.bucket, Prefix: folder, Delimiter: '/', MaxKeys: 1000 })));
    return (below.Contents?.length ?? 0) + (below.CommonPrefixes?.length ?? 0) > 0 ? { name, kind: 'dir', size: 0, mtime: 0 } : null;
  }

  async mkdir(rel: string): Promise<void> {
    await this.run(() => this.client.send(new PutObjectCommand({ Bucket: this.cfg.bucket, Key: this.key(rel, true), Body: '', ContentLength: 0 })));
    this.forget(parentRel(rel));
  }

  /** Every key at or below a path (a file's own key, or a folder's whole tree). */
  private async keysUnder(rel: string): Promise<{ key: string; size: number }[]> {
    const out: { key: string; size: number }[] = [];
    const st = await this.stat(rel);
    if (!st) return out;
    if (st.kind === 'file') return [{ key: this.key(rel), size: st.size }];
    let token: string | undefined;
    do {
      const page = await this.run(() => this.client.send(new ListObjectsV2Command({ Bucket: this.cfg.bucket, Prefix: this.key(rel, true), ContinuationToken: token })));
      for (const o of page.Contents ?? []) out.push({ key: o.Key!, size: o.Size ?? 0 });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  async remove(rel: string): Promise<void> {
    const keys = await this.keysUnder(rel);
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      await this.run(() => this.client.send(new DeleteObjectsCommand({ Bucket: this.cfg.bucket, Delete: { Objects: batch.map((k) => ({ Key: k.key })), Quiet: true } })));
    }
    this.forget(parentRel(rel));
    this.forget(rel);
  }

  /** Renames (or moves within the drive): copy then delete, object by object. */
  async rename(from: string, to: string): Promise<void> {
    if (await this.stat(to)) throw new DriveError('files.exists', 'Something of that name is already there.');
    const fromKey = this.key(from);
    const toKey = this.key(to);
    const keys = await this.keysUnder(from);
    if (!keys.length) throw new DriveError('files.drive.notFound', 'That file or folder does not exist in the bucket.');
    // Folder markers last: some servers store objects as files and trip over a marker made before its contents.
    const ordered = [...keys.filter((k) => !k.key.endsWith('/')), ...keys.filter((k) => k.key.endsWith('/'))];
    for (const k of ordered) {
      const target = toKey + k.key.slice(fromKey.length);
      await this.run(() => this.client.send(new CopyObjectCommand({ Bucket: this.cfg.bucket, Key: target, CopySource: `${this.cfg.bucket}/${k.key.split('/').map(encodeURIComponent).join('/')}` })));
    }
    await this.remove(from);
    this.forget(parentRel(to));
  }

  /** Everything below a folder (files, folder markers and the folders their paths imply), parents before children. */
  async tree(rel: string, signal?: AbortSignal): Promise<TreeItem[]> {
    const prefix = this.key(rel, true);
    const out = new Map<string, TreeItem>();
    const addDirs = (p: string) => {
      for (let i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
        const d = p.slice(0, i);
        if (!out.has(d)) out.set(d, { path: d, kind: 'dir', size: 0, mtime: 0 });
      }
    };
    let token: string | undefined;
    do {
      const page = await this.run(() =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.cfg.bucket, Prefix: prefix, ContinuationToken: token }), signal ? { abortSignal: signal } : {}),
      );
      for (const o of page.Contents ?? []) {
        const sub = o.Key!.slice(prefix.length);
        if (!sub) continue;
        addDirs(sub);
        if (sub.endsWith('/')) {
          const d = sub.slice(0, -1);
          if (!out.has(d)) out.set(d, { path: d, kind: 'dir', size: 0, mtime: 0 });
        } else out.set(sub, { path: sub, kind: 'file', size: o.Size ?? 0, mtime: o.LastModified?.getTime() ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Copies one object inside the bucket (no bytes through this server; objects up to COPY_LIMIT). */
  async copy(from: string, to: string, signal?: AbortSignal): Promise<void> {
    const source = `${this.cfg.bucket}/${this.key(from).split('/').map(encodeURIComponent).join('/')}`;
    await this.run(() => this.client.send(new CopyObjectCommand({ Bucket: this.cfg.bucket, Key: this.key(to), CopySource: source }), signal ? { abortSignal: signal } : {}));
    this.forget(parentRel(to));
  }

  /** A file's bytes (a range of them) as a stream; `signal` ends the request. */
  async read(rel: string, range?: { start: number; end: number }, signal?: AbortSignal): Promise<{ body: Readable; size: number; mtime: number; etag: string | null }> {
    const res = await this.run(() =>
      this.client.send(
        new GetObjectCommand({ Bucket: this.cfg.bucket, Key: this.key(rel), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
        signal ? { abortSignal: signal } : {},
      ),
    );
    const total = range && res.ContentRange ? Number(res.ContentRange.split('/')[1]) : (res.ContentLength ?? 0);
    return { body: res.Body as Readable, size: total, mtime: res.LastModified?.getTime() ?? 0, etag: res.ETag ? res.ETag.replace(/"/g, '') : null };
  }

  /** Writes a file from a stream (multipart for large ones); the object appears whole or not at all. */
  async write(rel: string, body: Readable | Buffer | string, signal?: AbortSignal): Promise<void> {
    const upload = new Upload({ client: this.client, params: { Bucket: this.cfg.bucket, Key: this.key(rel), Body: body }, queueSize: 4, partSize: 8 * 1024 * 1024, leavePartsOnError: false });
    const abort = () => void upload.abort();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      await this.run(() => upload.done());
    } finally {
      signal?.removeEventListener('abort', abort);
    }
    this.forget(parentRel(rel));
  }
}

export function parentRel(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}
