// Files' HTTP routes beside tRPC: tus uploads, downloads with ranges, folders as streamed zips (filled in by the transfers work).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Caller, FilesHost } from '../files.api';

export interface FilesHttpDeps {
  host: FilesHost;
  dataDir: string;
  log: Logger;
  /** The signed-in, unlocked caller of a request, or null (401). */
  authenticate(req: FastifyRequest): Promise<Caller | null>;
}

/** Registers `/api/files/uploads/*` (tus), `/api/files/raw`, `/api/files/zip`; returns a function that stops timers. */
export async function registerFilesHttp(app: FastifyInstance, deps: FilesHttpDeps): Promise<() => Promise<void>> {
  void app;
  void deps;
  return async () => {};
}
