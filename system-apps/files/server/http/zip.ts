// GET /api/files/zip: files and folders as one streamed zip.
import type { FastifyInstance } from 'fastify';
import type { FilesHttpDeps } from './index';

export function registerZip(app: FastifyInstance, deps: FilesHttpDeps): void {
  void app;
  void deps;
}
