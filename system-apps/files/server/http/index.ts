// Files' HTTP routes beside tRPC: tus uploads, downloads with ranges, folders as streamed zips.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Caller, FilesHost } from '../files.api';
import { registerRaw } from './raw';
import { registerUploads, type UploadOptions } from './uploads';
import { registerZip } from './zip';

export interface FilesHttpDeps {
  host: FilesHost;
  dataDir: string;
  log: Logger;
  /** The signed-in, unlocked caller of a request, or null (401). */
  authenticate(req: FastifyRequest): Promise<Caller | null>;
  /** Upload limits and expiry (tests shorten them). */
  uploads?: UploadOptions;
}

/** Registers `/api/files/uploads/*` (tus), `/api/files/raw`, `/api/files/zip`; returns a function that stops timers. */
export async function registerFilesHttp(app: FastifyInstance, deps: FilesHttpDeps): Promise<() => Promise<void>> {
  let close: () => Promise<void> = async () => {};
  // Encapsulated: the uploads' body parser stays on these routes.
  await app.register(async (scope) => {
    registerRaw(scope, deps);
    registerZip(scope, deps);
    close = await registerUploads(scope, deps);
  });
  return () => close();
}
