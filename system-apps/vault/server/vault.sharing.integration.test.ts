// Shared vaults through the real app: members and roles, what readers and strangers cannot do, re-keys (whole or refused whole), leaving, deleting, and who hears of it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../bff/testing/app';
import { testServers } from '../../../bff/testing/databases';
import type { ItemView, MemberView, VaultView } from '../shared/wire';
import { cipher, createItem, ok, recordEvents, refused, sealed, share, vaultOf, vaultUser, type VaultUser } from './testing';

describe.each(testServers())('shared vaults on $name PostgreSQL', (server) => {
  let t: TestApp;
  let owner: VaultUser;
  let writer: VaultUser;
  let reader: VaultUser;
  let stranger: VaultUser;

  beforeAll(async () => {
    t = await startTestApp(server);
    [owner, writer, reader, stranger] = await Promise.all([vaultUser(t, 'olivia'), vaultUser(t, 'wanda'), vaultUser(t, 'rita'), vaultUser(t, 'sam')]);
    await share(owner, writer, 'write');
    await share(owner, reader, 'read');
  });
  afterAll(() => t?.close());

  /** Everything about a vault that a re-key may change. */
  const snapshot = async (vaultId: string) => ({
    vault: (await t.db.pool.query('SELECT key_version, name FROM vaults WHERE id = $1', [vaultId])).rows,
    members: (await t.db.pool.query('SELECT user_id, role, sealed_key FROM vault_members WHERE vault_id = $1 ORDER BY user_id', [vaultId])).rows,
    items: (await t.db.pool.query('SELECT id, revision, key_version, data, deleted_at FROM vault_items WHERE vault_id = $1 ORDER BY id', [vaultId])).rows,
  });
  const rekeyInput = async (u: VaultUser, vaultId: string, removeUserIds: string[] = []) => {
    const vault = (await vaultOf(u, vaultId))!;
    const members = ok<MemberView[]>(await u.q('members.list', { vaultId })).filter((m) => !removeUserIds.includes(m.userId));
    const items = ok<ItemView[]>(await u.q('items.list', { vaultId }));
    return {
      vaultId,
      fromKeyVersion: vault.keyVersion,
      name: cipher(),
      removeUserIds,
      members: members.map((m) => ({ userId: m.userId, sealedKey: sealed() })),
      items: items.map((i) => ({ id: i.id, revision: i.revision, data: cipher() })),
      idempotencyKey: randomUUID(),
    };
  };

  it('shows the vault to its members with their role and sealed key', async () => {
    expect(await vaultOf(writer, owner.vaultId)).toMatchObject({ role: 'write', owner: { id: owner.id, name: 'olivia' }, memberCount: 3, keyVersion: 1 });
    expect(await vaultOf(reader, owner.vaultId)).toMatchObject({ role: 'read' });
    const members = ok<MemberView[]>(await reader.q('members.list', { vaultId: owner.vaultId }));
    expect(members.map((m) => [m.name, m.role])).toEqual([
      ['olivia', 'owner'],
      ['rita', 'read'],
      ['wanda', 'write'],
    ]);
    expect(members.every((m) => m.publicKey.length > 300)).toBe(true);
  });

  it('lets a writer write and a reader only read', async () => {
    const item = await createItem(writer, owner.vaultId);
    expect(ok<ItemView>(await reader.q('items.get', { id: item.id }))).toEqual(item);
    expect(ok<ItemView[]>(await reader.q('items.list')).map((i) => i.id)).toContain(item.id);
    const denied = [
      await reader.m('items.create', { id: randomUUID(), vaultId: owner.vaultId, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() }),
      await reader.m('items.update', { id: item.id, baseRevision: 1, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() }),
      await reader.m('items.trash', { id: item.id, baseRevision: 1, idempotencyKey: randomUUID() }),
      await reader.m('items.delete', { id: item.id, baseRevision: 1 }),
      await reader.m('items.import', { vaultId: owner.vaultId, keyVersion: 1, items: [{ id: randomUUID(), data: cipher() }], idempotencyKey: randomUUID() }),
      await reader.m('attachments.put', { id: randomUUID(), itemId: item.id, data: 'AAAA' }),
    ];
    for (const res of denied) expect(refused(res)).toMatchObject({ status: 403, reason: 'vault.readOnly' });
    expect(ok<ItemView>(await owner.q('items.get', { id: item.id }))).toEqual(item);
  });

  it('keeps everything from a non-member, saying only that it is not found', async () => {
    const item = await createItem(owner);
    const attachment = randomUUID();
    ok(await owner.m('attachments.put', { id: attachment, itemId: item.id, data: 'AAECAw==' }));
    const vaultId = owner.vaultId;
    const notFound = [
      await stranger.q('items.get', { id: item.id }),
      await stranger.q('items.list', { vaultId }),
      await stranger.q('members.list', { vaultId }),
      await stranger.q('attachments.get', { id: attachment }),
      await stranger.m('attachments.delete', { id: attachment }),
      await stranger.m('attachments.put', { id: randomUUID(), itemId: item.id, data: 'AAAA' }),
      await stranger.m('items.create', { id: randomUUID(), vaultId, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() }),
      await stranger.m('vaults.rename', { vaultId, name: cipher(), keyVersion: 1 }),
      await stranger.m('vaults.delete', { vaultId }),
      await stranger.m('members.leave', { vaultId }),
      await stranger.m('members.add', { vaultId, userId: stranger.id, role: 'write', sealedKey: sealed(), keyVersion: 1 }),
    ];
    for (const res of notFound) expect(refused(res)).toMatchObject({ status: 404, reason: 'vault.notFound' });
    // An item write answers as for an item that is gone: nothing current, nothing revealed.
    const write = await stranger.m('items.update', { id: item.id, baseRevision: 1, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() });
    expect(refused(write)).toEqual({ status: 409, reason: 'vault.conflict', details: null });
    expect(ok<ItemView[]>(await stranger.q('items.list')).map((i) => i.id)).not.toContain(item.id);
    expect(ok<VaultView[]>(await stranger.q('vaults.list')).map((v) => v.id)).toEqual([stranger.vaultId]);
  });

  it('leaves the vault itself to its owner', async () => {
    const vaultId = owner.vaultId;
    expect(refused(await writer.m('vaults.rename', { vaultId, name: cipher(), keyVersion: 1 }))).toMatchObject({ status: 403, reason: 'vault.ownerOnly' });
    expect(refused(await writer.m('vaults.delete', { vaultId }))).toMatchObject({ status: 403, reason: 'vault.ownerOnly' });
    expect(refused(await writer.m('members.add', { vaultId, userId: stranger.id, role: 'write', sealedKey: sealed(), keyVersion: 1 }))).toMatchObject({ reason: 'vault.ownerOnly' });
    expect(refused(await writer.m('members.setRole', { vaultId, userId: reader.id, role: 'write' }))).toMatchObject({ reason: 'vault.ownerOnly' });
    expect(refused(await writer.m('vaults.rekey', await rekeyInput(writer, vaultId)))).toMatchObject({ reason: 'vault.ownerOnly' });
    const renamed = ok<VaultView>(await owner.m('vaults.rename', { vaultId, name: cipher(), keyVersion: 1 }));
    expect((await vaultOf(writer, vaultId))!.name).toBe(renamed.name);
  });

  it('adds members only under the current key, and only people who set up Vault', async () => {
    const vaultId = owner.vaultId;
    const newcomer = await vaultUser(t, 'nina');
    const unset = await vaultUser(t, 'uma', { setUp: false });
    expect(refused(await owner.m('members.add', { vaultId, userId: newcomer.id, role: 'read', sealedKey: sealed(), keyVersion: 2 }))).toMatchObject({ status: 409, reason: 'vault.rekeyStale' });
    expect(refused(await owner.m('members.add', { vaultId, userId: unset.id, role: 'read', sealedKey: sealed(), keyVersion: 1 }))).toMatchObject({ status: 404, reason: 'vault.noSuchPerson' });
    expect(refused(await owner.m('members.add', { vaultId, userId: owner.id, role: 'read', sealedKey: sealed(), keyVersion: 1 }))).toMatchObject({ reason: 'vault.alreadyOwner' });
    expect(await vaultOf(newcomer, vaultId)).toBeUndefined();
    const members = ok<MemberView[]>(await owner.m('members.add', { vaultId, userId: newcomer.id, role: 'read', sealedKey: sealed(), keyVersion: 1 }));
    expect(members.find((m) => m.userId === newcomer.id)?.role).toBe('read');
    const changed = ok<MemberView[]>(await owner.m('members.setRole', { vaultId, userId: newcomer.id, role: 'write' }));
    expect(changed.find((m) => m.userId === newcomer.id)?.role).toBe('write');
    expect(refused(await owner.m('members.setRole', { vaultId, userId: stranger.id, role: 'write' }))).toMatchObject({ reason: 'vault.notMember' });
    expect(ok(await newcomer.m('members.leave', { vaultId }))).toEqual({ ok: true });
    expect(await vaultOf(newcomer, vaultId)).toBeUndefined();
    expect(refused(await owner.m('members.leave', { vaultId }))).toMatchObject({ reason: 'vault.ownerCannotLeave' });
  });

  it('refuses a stale re-key whole: an old key version, a missing item, an old revision, the wrong members', async () => {
    const vaultId = owner.vaultId;
    const trashed = await createItem(owner);
    ok(await owner.m('items.trash', { id: trashed.id, baseRevision: 1, idempotencyKey: randomUUID() }));
    const before = await snapshot(vaultId);
    const good = await rekeyInput(owner, vaultId, [reader.id]);
    expect(good.items.length).toBeGreaterThan(2);
    const stale = [
      { ...good, fromKeyVersion: 2 },
      { ...good, items: good.items.slice(1) },
      { ...good, items: good.items.filter((i) => i.id !== trashed.id) },
      { ...good, items: good.items.map((i, n) => (n === 0 ? { ...i, revision: i.revision + 1 } : i)) },
      { ...good, items: [...good.items, { id: randomUUID(), revision: 1, data: cipher() }] },
      { ...good, members: good.members.filter((m) => m.userId !== writer.id) },
      { ...good, members: [...good.members, { userId: reader.id, sealedKey: sealed() }] },
      { ...good, members: [...good.members, { userId: stranger.id, sealedKey: sealed() }] },
    ];
    for (const input of stale) expect(refused(await owner.m('vaults.rekey', { ...input, idempotencyKey: randomUUID() }))).toMatchObject({ status: 409, reason: 'vault.rekeyStale' });
    expect(refused(await owner.m('vaults.rekey', { ...good, removeUserIds: [owner.id], idempotencyKey: randomUUID() }))).toMatchObject({ reason: 'vault.ownerCannotLeave' });
    // An item written since the list was read makes the re-key stale too.
    const late = await createItem(writer, vaultId);
    expect(refused(await owner.m('vaults.rekey', good))).toMatchObject({ reason: 'vault.rekeyStale' });
    ok(await owner.m('items.delete', { id: late.id, baseRevision: 1 }));
    expect(await snapshot(vaultId)).toEqual(before);
  });

  it('re-keys a vault and removes a member in one step; the removed member loses everything', async () => {
    const vaultId = owner.vaultId;
    const kept = await createItem(writer, vaultId);
    const attachment = randomUUID();
    ok(await writer.m('attachments.put', { id: attachment, itemId: kept.id, data: 'AAECAw==' }));
    const input = await rekeyInput(owner, vaultId, [reader.id]);
    const rec = recordEvents(t);
    let view: VaultView;
    try {
      view = ok<VaultView>(await owner.m('vaults.rekey', input));
      expect(rec.to(reader.id)).toEqual([{ vaultId: null, itemIds: [] }]);
      expect(rec.to(writer.id)).toEqual([{ vaultId: null, itemIds: [] }]);
      expect(rec.to(stranger.id)).toEqual([]);
    } finally {
      rec.stop();
    }
    expect(view).toMatchObject({ keyVersion: 2, name: input.name, memberCount: 2, sealedKey: input.members.find((m) => m.userId === owner.id)!.sealedKey });
    // The same request again: the first answer, nothing applied twice.
    expect(ok<VaultView>(await owner.m('vaults.rekey', input))).toEqual(view);

    const after = await snapshot(vaultId);
    expect(after.vault).toEqual([{ key_version: 2, name: input.name }]);
    for (const i of input.items) expect(after.items.find((r) => r.id === i.id)).toMatchObject({ revision: i.revision + 1, key_version: 2, data: i.data });
    expect(after.members.map((m) => m.sealed_key).sort()).toEqual(input.members.map((m) => m.sealedKey).sort());
    expect((await vaultOf(writer, vaultId))!.sealedKey).toBe(input.members.find((m) => m.userId === writer.id)!.sealedKey);

    expect(await vaultOf(reader, vaultId)).toBeUndefined();
    expect(refused(await reader.q('items.get', { id: kept.id }))).toMatchObject({ reason: 'vault.notFound' });
    expect(refused(await reader.q('attachments.get', { id: attachment }))).toMatchObject({ reason: 'vault.notFound' });
    expect(ok<ItemView[]>(await reader.q('items.list')).some((i) => i.vaultId === vaultId)).toBe(false);

    // Writes under the old key are stale now; under the new one they go through.
    expect(refused(await writer.m('items.create', { id: randomUUID(), vaultId, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() }))).toMatchObject({ reason: 'vault.rekeyStale' });
    await createItem(writer, vaultId, 2);
  });

  it('serialises a re-key with item writes racing it: no item is left under an old key', async () => {
    const vault = ok<VaultView>(await owner.m('vaults.create', { id: randomUUID(), name: cipher(), sealedKey: sealed() }));
    await share(owner, writer, 'write', vault.id);
    const items = await Promise.all(Array.from({ length: 5 }, () => createItem(writer, vault.id)));
    const input = await rekeyInput(owner, vault.id);
    const writes = items.map((i) => writer.m('items.update', { id: i.id, baseRevision: 1, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() }));
    const creates = Array.from({ length: 3 }, () => writer.m('items.create', { id: randomUUID(), vaultId: vault.id, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() }));
    const [rekeyed, ...others] = await Promise.all([owner.m('vaults.rekey', input), ...writes, ...creates]);
    const { rows } = await t.db.pool.query<{ key_version: number }>('SELECT key_version FROM vault_items WHERE vault_id = $1', [vault.id]);
    const current = (await vaultOf(owner, vault.id))!.keyVersion;
    expect(rows.every((r) => r.key_version === current)).toBe(true);
    if (rekeyed!.statusCode === 200) expect(current).toBe(2);
    else expect(refused(rekeyed!)).toMatchObject({ reason: 'vault.rekeyStale' });
    for (const res of others) if (res.statusCode !== 200) expect(['vault.conflict', 'vault.rekeyStale']).toContain(refused(res).reason);
  });

  it('deletes a vault with its items, and tells every member', async () => {
    const vault = ok<VaultView>(await owner.m('vaults.create', { id: randomUUID(), name: cipher(), sealedKey: sealed() }));
    await share(owner, stranger, 'write', vault.id);
    const item = await createItem(stranger, vault.id);
    const rec = recordEvents(t);
    try {
      expect(ok(await owner.m('vaults.delete', { vaultId: vault.id }))).toEqual({ ok: true });
      expect(rec.to(stranger.id)).toEqual([{ vaultId: null, itemIds: [] }]);
      expect(rec.to(owner.id)).toEqual([{ vaultId: null, itemIds: [] }]);
    } finally {
      rec.stop();
    }
    expect(await vaultOf(stranger, vault.id)).toBeUndefined();
    expect((await t.db.pool.query('SELECT 1 FROM vault_items WHERE id = $1', [item.id])).rows).toHaveLength(0);
  });
});
