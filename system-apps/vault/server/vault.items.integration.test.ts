// Vault items through the real app: create, update, trash, restore, delete; conflicts with the current item; idempotent retries (one after another and at once); moves, imports, attachments and events.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../bff/testing/app';
import { testServers } from '../../../bff/testing/databases';
import type { ItemView, VaultView } from '../shared/wire';
import { cipher, createItem, newItem, ok, recordEvents, refused, sealed, share, vaultUser, type VaultUser } from './testing';

describe.each(testServers())('vault items on $name PostgreSQL', (server) => {
  let t: TestApp;
  let alice: VaultUser;

  beforeAll(async () => {
    t = await startTestApp(server);
    alice = await vaultUser(t, 'alice');
  });
  afterAll(() => t?.close());

  const rowsOf = async (id: string) => (await t.db.pool.query('SELECT * FROM vault_items WHERE id = $1', [id])).rows;

  it('creates, reads, updates, trashes, restores and deletes an item, one revision at a time', async () => {
    const input = newItem(alice.vaultId);
    const made = ok<ItemView>(await alice.m('items.create', input));
    expect(made).toMatchObject({ id: input.id, vaultId: alice.vaultId, revision: 1, keyVersion: 1, data: input.data, deletedAt: null });
    expect(ok<ItemView>(await alice.q('items.get', { id: made.id }))).toEqual(made);
    expect(ok<ItemView[]>(await alice.q('items.list')).map((i) => i.id)).toContain(made.id);
    expect(ok<ItemView[]>(await alice.q('items.list', { vaultId: alice.vaultId })).map((i) => i.id)).toContain(made.id);

    const data = cipher();
    const updated = ok<ItemView>(await alice.m('items.update', { id: made.id, baseRevision: 1, data, keyVersion: 1, idempotencyKey: randomUUID() }));
    expect(updated).toMatchObject({ revision: 2, data, deletedAt: null });
    expect(updated.updatedAt).toBeGreaterThanOrEqual(made.updatedAt);

    const trashed = ok<ItemView>(await alice.m('items.trash', { id: made.id, baseRevision: 2, idempotencyKey: randomUUID() }));
    expect(trashed.revision).toBe(3);
    expect(trashed.deletedAt).toEqual(expect.any(Number));
    // Trashed items are still listed (the UI shows the trash).
    expect(ok<ItemView[]>(await alice.q('items.list')).find((i) => i.id === made.id)?.deletedAt).toEqual(expect.any(Number));

    const restored = ok<ItemView>(await alice.m('items.restore', { id: made.id, baseRevision: 3, idempotencyKey: randomUUID() }));
    expect(restored).toMatchObject({ revision: 4, deletedAt: null });

    expect(ok(await alice.m('items.delete', { id: made.id, baseRevision: 4 }))).toEqual({ ok: true });
    expect(await rowsOf(made.id)).toHaveLength(0);
    expect(refused(await alice.q('items.get', { id: made.id }))).toMatchObject({ status: 404, reason: 'vault.notFound' });
    // A write to an item that is gone is a conflict with nothing current.
    expect(refused(await alice.m('items.trash', { id: made.id, baseRevision: 4, idempotencyKey: randomUUID() }))).toEqual({ status: 409, reason: 'vault.conflict', details: null });
  });

  it('refuses a stale write with the current item in the details, and keeps it as it was', async () => {
    const item = await createItem(alice);
    const theirs = ok<ItemView>(await alice.m('items.update', { id: item.id, baseRevision: 1, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() }));
    const mine = await alice.m('items.update', { id: item.id, baseRevision: 1, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() });
    expect(refused(mine)).toEqual({ status: 409, reason: 'vault.conflict', details: theirs });
    expect(refused(await alice.m('items.trash', { id: item.id, baseRevision: 1, idempotencyKey: randomUUID() }))).toMatchObject({ reason: 'vault.conflict', details: theirs });
    expect(refused(await alice.m('items.delete', { id: item.id, baseRevision: 1 }))).toMatchObject({ reason: 'vault.conflict', details: theirs });
    expect(ok<ItemView>(await alice.q('items.get', { id: item.id }))).toEqual(theirs);
  });

  it('applies a retried write once and answers it with the first result', async () => {
    const input = newItem(alice.vaultId);
    const first = ok<ItemView>(await alice.m('items.create', input));
    const again = ok<ItemView>(await alice.m('items.create', input));
    expect(again).toEqual(first);
    expect(await rowsOf(input.id)).toHaveLength(1);

    const update = { id: input.id, baseRevision: 1, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() };
    const updated = ok<ItemView>(await alice.m('items.update', update));
    // Retried after a later change, it still answers as it did and changes nothing.
    const trashed = ok<ItemView>(await alice.m('items.trash', { id: input.id, baseRevision: 2, idempotencyKey: randomUUID() }));
    expect(ok<ItemView>(await alice.m('items.update', update))).toEqual(updated);
    expect(ok<ItemView>(await alice.q('items.get', { id: input.id }))).toEqual(trashed);
    // The same key for another kind of write is refused.
    expect(refused(await alice.m('items.restore', { id: input.id, baseRevision: 3, idempotencyKey: update.idempotencyKey }))).toMatchObject({ reason: 'vault.idempotencyKeyReused' });
  });

  it('applies concurrent duplicates once', async () => {
    const input = newItem(alice.vaultId);
    const answers = await Promise.all(Array.from({ length: 6 }, () => alice.m('items.create', input)));
    const views = answers.map((r) => ok<ItemView>(r));
    for (const v of views) expect(v).toEqual(views[0]);
    expect(await rowsOf(input.id)).toHaveLength(1);

    const update = { id: input.id, baseRevision: 1, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() };
    const updates = (await Promise.all(Array.from({ length: 6 }, () => alice.m('items.update', update)))).map((r) => ok<ItemView>(r));
    for (const v of updates) expect(v).toEqual(updates[0]);
    expect((await rowsOf(input.id))[0]).toMatchObject({ revision: 2, data: update.data });
  });

  it('lets exactly one of two concurrent writes from the same revision win', async () => {
    const item = await createItem(alice);
    const write = () => alice.m('items.update', { id: item.id, baseRevision: 1, data: cipher(), keyVersion: 1, idempotencyKey: randomUUID() });
    const answers = await Promise.all([write(), write(), write()]);
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409)).toHaveLength(2);
    expect((await rowsOf(item.id))[0]!.revision).toBe(2);
  });

  it('refuses an id already taken and a stale key version', async () => {
    const item = await createItem(alice);
    expect(refused(await alice.m('items.create', { ...newItem(alice.vaultId), id: item.id }))).toMatchObject({ status: 409, reason: 'vault.idTaken' });
    expect(refused(await alice.m('items.create', newItem(alice.vaultId, 2)))).toMatchObject({ status: 409, reason: 'vault.rekeyStale' });
    expect(refused(await alice.m('items.update', { id: item.id, baseRevision: 1, data: cipher(), keyVersion: 2, idempotencyKey: randomUUID() }))).toMatchObject({ reason: 'vault.rekeyStale' });
  });

  it('imports many items at once, or none of them', async () => {
    const items = Array.from({ length: 50 }, () => ({ id: randomUUID(), data: cipher() }));
    const key = randomUUID();
    const imported = ok<ItemView[]>(await alice.m('items.import', { vaultId: alice.vaultId, keyVersion: 1, items, idempotencyKey: key }));
    expect(imported.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(ok<ItemView[]>(await alice.m('items.import', { vaultId: alice.vaultId, keyVersion: 1, items, idempotencyKey: key }))).toEqual(imported);

    const clash = [{ id: randomUUID(), data: cipher() }, { id: items[0]!.id, data: cipher() }];
    expect(refused(await alice.m('items.import', { vaultId: alice.vaultId, keyVersion: 1, items: clash, idempotencyKey: randomUUID() }))).toMatchObject({ reason: 'vault.idTaken' });
    expect(await rowsOf(clash[0]!.id)).toHaveLength(0);
  });

  it('moves an item to another vault with the target’s key, given write access to both', async () => {
    const second = ok<VaultView>(await alice.m('vaults.create', { id: randomUUID(), name: cipher(), sealedKey: sealed() }));
    const item = await createItem(alice);
    const moved = ok<ItemView>(await alice.m('items.update', { id: item.id, baseRevision: 1, data: cipher(), keyVersion: 1, vaultId: second.id, idempotencyKey: randomUUID() }));
    expect(moved).toMatchObject({ vaultId: second.id, revision: 2 });
    expect(ok<ItemView[]>(await alice.q('items.list', { vaultId: alice.vaultId })).map((i) => i.id)).not.toContain(item.id);

    // Into a vault shared read-only with the mover: refused; into one the mover is no member of: not found.
    const bob = await vaultUser(t, 'bob');
    await share(bob, alice, 'read');
    const toReadOnly = await alice.m('items.update', { id: item.id, baseRevision: 2, data: cipher(), keyVersion: 1, vaultId: bob.vaultId, idempotencyKey: randomUUID() });
    expect(refused(toReadOnly)).toMatchObject({ status: 403, reason: 'vault.readOnly' });
    const carol = await vaultUser(t, 'carol');
    const toStranger = await alice.m('items.update', { id: item.id, baseRevision: 2, data: cipher(), keyVersion: 1, vaultId: carol.vaultId, idempotencyKey: randomUUID() });
    expect(refused(toStranger)).toMatchObject({ status: 404, reason: 'vault.notFound' });
    expect((await rowsOf(item.id))[0]).toMatchObject({ vault_id: second.id, revision: 2 });
  });

  it('stores, serves and deletes encrypted attachments; they go with their item', async () => {
    const item = await createItem(alice);
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256));
    const id = randomUUID();
    expect(ok(await alice.m('attachments.put', { id, itemId: item.id, data: bytes.toString('base64') }))).toEqual({ id, size: 3000 });
    expect(ok(await alice.q('attachments.get', { id }))).toEqual({ id, itemId: item.id, data: bytes.toString('base64') });
    // A retry replaces it; the same id on another item is taken.
    expect(ok(await alice.m('attachments.put', { id, itemId: item.id, data: bytes.toString('base64') }))).toEqual({ id, size: 3000 });
    const other = await createItem(alice);
    expect(refused(await alice.m('attachments.put', { id, itemId: other.id, data: 'AAAA' }))).toMatchObject({ reason: 'vault.idTaken' });

    expect(ok(await alice.m('attachments.delete', { id }))).toEqual({ ok: true });
    expect(refused(await alice.q('attachments.get', { id }))).toMatchObject({ status: 404, reason: 'vault.notFound' });

    const kept = randomUUID();
    ok(await alice.m('attachments.put', { id: kept, itemId: other.id, data: 'AAECAw==' }));
    ok(await alice.m('items.delete', { id: other.id, baseRevision: 1 }));
    expect((await t.db.pool.query('SELECT 1 FROM vault_attachments WHERE id = $1', [kept])).rows).toHaveLength(0);
    expect(refused(await alice.m('attachments.put', { id: randomUUID(), itemId: randomUUID(), data: 'AAAA' }))).toMatchObject({ status: 404, reason: 'vault.notFound' });
  });

  it('tells every member of the vault which items changed, after the change', async () => {
    const dave = await vaultUser(t, 'dave');
    const erin = await vaultUser(t, 'erin');
    await share(dave, erin, 'write');
    const rec = recordEvents(t);
    try {
      const item = await createItem(erin, dave.vaultId);
      ok(await dave.m('items.trash', { id: item.id, baseRevision: 1, idempotencyKey: randomUUID() }));
      const expected = { vaultId: dave.vaultId, itemIds: [item.id] };
      expect(rec.to(dave.id)).toEqual([expected, expected]);
      expect(rec.to(erin.id)).toEqual([expected, expected]);
      expect(rec.to(alice.id)).toEqual([]);
    } finally {
      rec.stop();
    }
  });
});
