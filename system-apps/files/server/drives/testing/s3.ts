// A local S3-compatible server (s3rver) for tests, with a bucket and the client settings to reach it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DriveConfig } from '../s3-drive';

export interface TestS3 {
  endpoint: string;
  config(bucket: string, prefix?: string): DriveConfig;
  stop(): Promise<void>;
}

export async function startTestS3(buckets: string[]): Promise<TestS3> {
  const { default: S3rver } = await import('s3rver');
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'files-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    config: (bucket, prefix = '') => ({ endpoint, region: 'us-east-1', bucket, prefix, pathStyle: true, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }),
    async stop() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
