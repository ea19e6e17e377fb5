// Shares on a real PostgreSQL: links with password and expiry, revoking, shares with people as their roots, and what others cannot do.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServers, type TestDatabase } from '../../../../bff/testing/databases';
import type { Caller } from '../files.api';
import type { Root } from '../paths';
import { SharesService } from './shares.service';
import { SharesStore } from './shares.store';

describe.each(testServers())('files shares on $name PostgreSQL', (server) => {
  let db: TestDatabase;
  let tmp: string;
  let shares: SharesService;
  const users: Record<string, Caller> = {};
  const homes: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(server);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'files-shares-'));
    for (const name of ['alice', 'bob', 'carol']) {
      const { rows } = await db.pool.query<{ id: string }>(`INSERT INTO users (name, display_name, role, password_hash) VALUES ($1, $2, 'member', 'x') RETURNING id`, [name, name.toUpperCase()]);
      users[name] = { id: rows[0]!.id, name, role: 'member' };
      homes[name] = path.join(tmp, name, 'Home');
      await fs.mkdir(path.join(homes[name], 'Photos', '2024'), { recursive: true });
    }
    await fs.writeFile(path.join(homes.alice!, 'Photos', '2024', 'beach.jpg'), 'jpeg');
    await fs.writeFile(path.join(homes.alice!, 'report.pdf'), 'pdf');
    const baseRootsFor = async (c: Caller): Promise<Root[]> => [{ id: 'home', name: 'Home', kind: 'home', dir: homes[c.name]!, readOnly: false }];
    shares = new SharesService({ store: new SharesStore(db.pool), baseRootsFor, publicOrigin: 'https://desktop.example.com' });
  });

  afterAll(async () => {
    await db.drop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('makes a link anyone can open, and revoking it ends it', async () => {
    const link = await shares.createLink(users.alice!, { path: '/Home/Photos' });
    expect(link).toMatchObject({ type: 'link', path: '/Home/Photos', name: 'Photos', kind: 'dir', hasPassword: false, expired: false });
    expect(link.url).toMatch(/^https:\/\/desktop\.example\.com\/s\/[A-Za-z0-9_-]{40,}$/);
    const token = link.url!.split('/s/')[1]!;
    expect(await shares.info(token, undefined)).toMatchObject({ name: 'Photos', kind: 'dir', owner: 'ALICE', needsPassword: false, unlocked: true });
    const open = await shares.open(token, undefined);
    expect(open.root).toMatchObject({ readOnly: true, kind: 'shared' });
    expect(await fs.realpath(open.root.dir)).toBe(await fs.realpath(path.join(homes.alice!, 'Photos')));
    await expect(shares.revoke(users.bob!, link.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await shares.revoke(users.alice!, link.id);
    await expect(shares.info(token, undefined)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('asks for a link’s password, and a grant opens it for that browser only', async () => {
    const link = await shares.createLink(users.alice!, { path: '/Home/report.pdf', password: 'pelican-42' });
    const token = link.url!.split('/s/')[1]!;
    expect(await shares.info(token, undefined)).toMatchObject({ kind: 'file', size: 3, needsPassword: true, unlocked: false });
    await expect(shares.open(token, undefined)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(shares.unlock(token, 'wrong password')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const { grant } = await shares.unlock(token, 'pelican-42');
    expect((await shares.info(token, grant)).unlocked).toBe(true);
    const open = await shares.open(token, grant);
    expect(open.onlyFile).toBe('report.pdf');
    await expect(shares.open(token, 'a-made-up-grant-token-xxxxxxxxxxxxxxxx')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const { rows } = await db.pool.query('SELECT password_hash, token_hash FROM files_shares s JOIN files_share_grants g ON g.share_id = s.id');
    expect(JSON.stringify(rows)).not.toContain('pelican-42');
    expect(JSON.stringify(rows)).not.toContain(grant);
  });

  it('ends a link at its expiry, and refuses an expiry in the past', async () => {
    await expect(shares.createLink(users.alice!, { path: '/Home/Photos', expiresAt: Date.now() - 1000 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const link = await shares.createLink(users.alice!, { path: '/Home/Photos', expiresAt: Date.now() + 60_000 });
    const token = link.url!.split('/s/')[1]!;
    await shares.info(token, undefined);
    await db.pool.query(`UPDATE files_shares SET expires_at = now() - interval '1 second' WHERE id = $1`, [link.id]);
    await expect(shares.info(token, undefined)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await shares.list(users.alice!)).find((s) => s.id === link.id)?.expired).toBe(true);
  });

  it('refuses what is not the owner’s to share', async () => {
    await expect(shares.createLink(users.bob!, { path: '/Home/../alice/Home/Photos' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(shares.createLink(users.bob!, { path: '/Home/nothing-here' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(shares.info('not-a-token', undefined)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shares a folder with a person, who sees it as a root of their own, read-only or read-write', async () => {
    await expect(shares.shareWith(users.alice!, { path: '/Home/report.pdf', user: 'bob', access: 'read' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(shares.shareWith(users.alice!, { path: '/Home/Photos', user: 'alice', access: 'read' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(shares.shareWith(users.alice!, { path: '/Home/Photos', user: 'nobody', access: 'read' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const s = await shares.shareWith(users.alice!, { path: '/Home/Photos', user: 'bob', access: 'read' });
    expect(s).toMatchObject({ type: 'user', grantee: { name: 'bob', displayName: 'BOB' }, access: 'read' });
    const bobRoots = await shares.sharedRoots(users.bob!, ['Home']);
    expect(bobRoots).toEqual([expect.objectContaining({ name: 'Photos (alice)', kind: 'shared', readOnly: true })]);
    expect(await shares.sharedRoots(users.carol!, ['Home'])).toEqual([]);
    // Sharing again changes the access rather than adding a second root.
    await shares.shareWith(users.alice!, { path: '/Home/Photos', user: 'bob', access: 'write' });
    expect(await shares.sharedRoots(users.bob!, ['Home'])).toEqual([expect.objectContaining({ name: 'Photos (alice)', readOnly: false })]);
    // Two shares with the same name get distinct roots; a name the user already has is not reused.
    await fs.mkdir(path.join(homes.carol!, 'Photos'), { recursive: true });
    await shares.shareWith(users.carol!, { path: '/Home/Photos', user: 'bob', access: 'read' });
    const names = (await shares.sharedRoots(users.bob!, ['Home', 'Photos (carol)'])).map((r) => r.name);
    expect(names).toEqual(['Photos (alice)', 'Photos (carol) 2']);
    await shares.revoke(users.alice!, s.id);
    expect((await shares.sharedRoots(users.bob!, ['Home'])).map((r) => r.name)).toEqual(['Photos (carol)']);
  });

  it('lists the other people to share with', async () => {
    expect((await shares.people(users.alice!)).map((p) => p.name)).toEqual(['bob', 'carol']);
  });
});
