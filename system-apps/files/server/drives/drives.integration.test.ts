// Cloud drives on a real PostgreSQL and a local S3 server: added only when the bucket answers, keys sealed in the table, one user's drives only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServers, type TestDatabase } from '../../../../bff/testing/databases';
import type { Caller } from '../files.api';
import { DrivesService, type DriveInput } from './drives.service';
import { DrivesStore } from './drives.store';
import { SecretBox } from './secret-box';
import { startTestS3, type TestS3 } from './testing/s3';

describe.each(testServers())('cloud drives on $name PostgreSQL', (server) => {
  let db: TestDatabase;
  let s3: TestS3;
  let drives: DrivesService;
  let alice: Caller;
  let bob: Caller;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-drives-'));
  const input = (over: Partial<DriveInput> = {}): DriveInput => ({
    name: 'Backup',
    endpoint: s3.endpoint,
    region: 'us-east-1',
    bucket: 'backup-bucket',
    prefix: '/alice/',
    pathStyle: true,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    ...over,
  });

  beforeAll(async () => {
    db = await createTestDatabase(server);
    s3 = await startTestS3(['backup-bucket']);
    const ids: string[] = [];
    for (const name of ['alice', 'bob']) {
      const { rows } = await db.pool.query<{ id: string }>(`INSERT INTO users (name, role, password_hash) VALUES ($1, 'member', 'x') RETURNING id`, [name]);
      ids.push(rows[0]!.id);
    }
    alice = { id: ids[0]!, name: 'alice', role: 'member' };
    bob = { id: ids[1]!, name: 'bob', role: 'member' };
    drives = new DrivesService({ store: new DrivesStore(db.pool), box: SecretBox.fromKey(randomBytes(32)), allowPrivateEndpoints: true, takenNames: async () => ['Home'] });
  });

  afterAll(async () => {
    drives.shutdown();
    await s3.stop();
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds a drive whose bucket answers, keeps the keys sealed, and shows only a hint of them', async () => {
    const view = await drives.add(alice, input());
    expect(view).toMatchObject({ name: 'Backup', bucket: 'backup-bucket', prefix: 'alice', keyHint: 'RVER' });
    expect(JSON.stringify(view)).not.toContain('S3RVER');
    const { rows } = await db.pool.query<{ credentials: string }>('SELECT credentials FROM files_drives');
    expect(rows[0]!.credentials).toMatch(/^v1\./);
    expect(rows[0]!.credentials).not.toContain('S3RVER');
    expect(await drives.roots(alice)).toEqual([{ id: `drive-${view.id}`, name: 'Backup', driveId: view.id }]);
    const drive = await drives.drive(alice, view.id);
    await drive.write('hello.txt', 'hi');
    expect((await drive.stat('hello.txt'))?.size).toBe(2);
  });

  it('refuses a bucket that does not answer, a taken name, and bad endpoints', async () => {
    await expect(drives.add(alice, input({ name: 'Other', bucket: 'missing-bucket' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(drives.add(alice, input())).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(drives.add(alice, input({ name: 'Home' }))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(drives.add(alice, input({ name: 'X', endpoint: 'ftp://nas' }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(drives.add(alice, input({ name: 'a/b' }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const strict = new DrivesService({ store: new DrivesStore(db.pool), box: SecretBox.fromKey(randomBytes(32)), allowPrivateEndpoints: false, takenNames: async () => [] });
    await expect(strict.add(alice, input({ name: 'Lan' }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('keeps each user to their own drives', async () => {
    const [mine] = await drives.list(alice);
    expect(await drives.list(bob)).toEqual([]);
    await expect(drives.drive(bob, mine!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(drives.remove(bob, mine!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await drives.remove(alice, mine!.id);
    expect(await drives.list(alice)).toEqual([]);
  });
});
