// Test fixture for Files' HTTP routes: two users with Home folders under a temp dir, a FilesHost over them, and a listening Fastify.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import * as tus from 'tus-js-client';
import pino from 'pino';
import { appError } from '../../../../bff/trpc/app-error';
import type { Caller, FilesHost } from '../files.api';
import type { Root } from '../paths';
import { registerFilesHttp } from './index';
import type { UploadOptions } from './uploads';

export const USER_HEADER = 'x-test-user';

export interface TestServer {
  base: string;
  url: string;
  app: FastifyInstance;
  dataDir: string;
  /** alice's and bob's Home folders on disk. */
  home: { alice: string; bob: string };
  /** A read-only root of alice's (`/Archive`). */
  archive: string;
  /** Bytes a single checkSpace call may ask for. */
  space: { limit: number };
  changed: { userId: string; folders: string[] }[];
  close(): Promise<void>;
}

const callers: Record<string, Caller> = {
  alice: { id: 'u-alice', name: 'alice', role: 'owner' },
  bob: { id: 'u-bob', name: 'bob', role: 'member' },
};

export async function startTestServer(opts: { uploads?: UploadOptions; security?: boolean } = {}): Promise<TestServer> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'files-http-'));
  const dataDir = path.join(base, 'data');
  const home = { alice: path.join(base, 'users/alice/Home'), bob: path.join(base, 'users/bob/Home') };
  const archive = path.join(base, 'archive');
  for (const dir of [dataDir, home.alice, home.bob, archive]) await fs.mkdir(dir, { recursive: true });
  const roots: Record<string, Root[]> = {
    'u-alice': [
      { id: 'home', name: 'Home', kind: 'home', dir: home.alice, readOnly: false },
      { id: 'archive', name: 'Archive', kind: 'mount', dir: archive, readOnly: true },
    ],
    'u-bob': [{ id: 'home', name: 'Home', kind: 'home', dir: home.bob, readOnly: false }],
  };
  const space = { limit: Number.MAX_SAFE_INTEGER };
  const changed: TestServer['changed'] = [];
  const host: FilesHost = {
    rootsFor: async (caller) => roots[caller.id] ?? [],
    checkSpace: async (_caller, bytes) => {
      if (bytes > space.limit) throw appError('PAYLOAD_TOO_LARGE', 'files.quota.exceeded', 'Your storage quota is used up.');
    },
    changed: (userId, folders) => void changed.push({ userId, folders }),
    stagingDir: async (caller) => {
      const dir = path.join(base, 'users', caller.name, '.staging');
      await fs.mkdir(dir, { recursive: true });
      return dir;
    },
  };
  const app = Fastify({ logger: false }) as unknown as FastifyInstance;
  if (opts.security) {
    const { registerSecurity } = await import('../../../../bff/http/security');
    await registerSecurity(app, { publicOrigin: 'http://desktop.test', https: false });
  }
  const stop = await registerFilesHttp(app, {
    host,
    dataDir,
    log: pino({ level: 'silent' }),
    authenticate: async (req) => callers[String(req.headers[USER_HEADER])] ?? null,
    ...(opts.uploads ? { uploads: opts.uploads } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return {
    base,
    url: `http://127.0.0.1:${port}`,
    app,
    dataDir,
    home,
    archive,
    space,
    changed,
    async close() {
      await stop();
      await app.close();
      await fs.rm(base, { recursive: true, force: true });
    },
  };
}

/** fetch as one of the test users. */
export function as(user: 'alice' | 'bob' | null, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...(user ? { [USER_HEADER]: user } : {}) } };
}

export interface TusResult {
  url: string;
  /** The placed file's virtual path (X-Files-Path). */
  placed: string | null;
}

/** One upload through tus-js-client as `user`; rejects with the server's status and JSON body on refusal. */
export function tusUpload(
  t: Pick<TestServer, 'url'>,
  user: 'alice' | 'bob',
  data: Buffer,
  metadata: Record<string, string>,
  opts: Partial<tus.UploadOptions> & { onUpload?: (u: tus.Upload) => void } = {},
): Promise<TusResult> {
  const { onUpload, ...options } = opts;
  return new Promise((resolve, reject) => {
    const upload: tus.Upload = new tus.Upload(data, {
      endpoint: `${t.url}/api/files/uploads`,
      metadata,
      retryDelays: null,
      storeFingerprintForResuming: false,
      ...options,
      headers: { [USER_HEADER]: user, ...options.headers },
      onSuccess: ({ lastResponse }) => {
        const placed = lastResponse.getHeader('x-files-path');
        resolve({ url: upload.url!, placed: placed ? decodeURIComponent(placed) : null });
      },
      onError: (err) => reject(err),
    });
    onUpload?.(upload);
    upload.start();
  });
}

/** The status and JSON body of a refused tus request. */
export function refusal(err: unknown): { status: number; reason: string | undefined } {
  const res = (err as tus.DetailedError).originalResponse;
  if (!res) throw err;
  let reason: string | undefined;
  try {
    reason = (JSON.parse(res.getBody()) as { reason?: string }).reason;
  } catch {
    reason = undefined;
  }
  return { status: res.getStatus(), reason };
}
