// The Vault client against an in-memory server: locking, items and their conflicts, retries with the same idempotency key, damage, sharing and re-keying, backups.
import { describe, expect, it } from 'vitest';
import { importBitwardenJson } from './importers/bitwarden-json';
import { createVaultClient } from './client';
import { FakeVaultServer } from './fake-vault-api';
import { newItem } from './items';
import { fromB64, toB64 } from './encoding';
import { VaultError, type PlainItem, type VaultClientApi } from './types';

const PW = 'Correct horse battery staple 42!';
const opts = { retryDelaysMs: [0, 0] };

async function started(server = new FakeVaultServer(), user = 'alice', vaultName = 'Personal'): Promise<{ server: FakeVaultServer; client: VaultClientApi }> {
  const client = createVaultClient(server.apiFor(user), opts);
  await client.setup(PW, vaultName);
  return { server, client };
}

function login(name: string, password = `${name}-password`): PlainItem {
  const item = newItem('login');
  item.name = name;
  item.login.username = `${name}-user`;
  item.login.password = password;
  return item;
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof VaultError ? e.code : `other: ${String(e)}`));

describe('vault client', () => {
  it('sets up, locks and unlocks; a wrong password is told as such; the server holds no plaintext', async () => {
    const { server, client } = await started(undefined, 'alice', 'Secret-vault-name');
    expect(client.unlocked).toBe(true);
    expect(await client.status()).toEqual({ setUp: true, autoLockMinutes: 15 });
    const [vault] = await client.vaults();
    expect(vault).toMatchObject({ name: 'Secret-vault-name', role: 'owner', keyVersion: 1, memberCount: 1 });
    await client.createItem(vault!.id, login('Bank', 'marker-pw-123'));
    client.lock();
    expect(client.unlocked).toBe(false);
    expect(await codeOf(client.vaults())).toBe('locked');
    expect(await codeOf(client.unlock('not it'))).toBe('wrongPassword');
    expect(client.unlocked).toBe(false);
    await client.unlock(PW);
    expect((await client.items()).items[0]!.item).toMatchObject({ name: 'Bank', login: { password: 'marker-pw-123' } });
    const everything = JSON.stringify([...server.accounts, ...server.vaults, ...server.items, server.calls]);
    for (const secret of ['Secret-vault-name', 'marker-pw-123', 'Bank', PW]) expect(everything).not.toContain(secret);
    await client.setAutoLock(5);
    expect((await client.status()).autoLockMinutes).toBe(5);
  });

  it('stays locked when locked while unlocking', async () => {
    const { client } = await started();
    client.lock();
    const unlocking = client.unlock(PW);
    client.lock();
    expect(await codeOf(unlocking)).toBe('locked');
    expect(client.unlocked).toBe(false);
  });

  it('says when Vault is not set up', async () => {
    const client = createVaultClient(new FakeVaultServer().apiFor('x'), opts);
    expect(await client.status()).toEqual({ setUp: false, autoLockMinutes: 15 });
    expect(await codeOf(client.unlock(PW))).toBe('notSetUp');
  });

  it('creates, updates (keeping password history), moves, trashes, restores and deletes items', async () => {
    const { client } = await started();
    const [personal] = await client.vaults();
    const work = await client.createVault('Work');
    const a = await client.createItem(personal!.id, login('Mail', 'first'));
    expect(a).toMatchObject({ revision: 1, vaultId: personal!.id, deletedAt: null });
    const b = await client.updateItem(a, { ...a.item, login: { ...(a.item as ReturnType<typeof login> & { kind: 'login' }).login, password: 'second' } } as PlainItem);
    expect(b.revision).toBe(2);
    expect(b.item.passwordHistory).toEqual([{ password: 'first', changedAt: expect.any(Number) }]);
    const moved = await client.updateItem(b, b.item, work.id);
    expect(moved.vaultId).toBe(work.id);
    expect((await client.item(a.id)).item).toEqual(moved.item);
    const trashed = await client.trashItem(moved);
    expect(trashed.deletedAt).not.toBeNull();
    const restored = await client.restoreItem(trashed);
    expect(restored.deletedAt).toBeNull();
    await client.deleteItem(restored);
    expect((await client.items()).items).toEqual([]);
    await client.renameVault(work.id, 'Job');
    expect((await client.vaults()).map((v) => v.name).sort()).toEqual(['Job', 'Personal']);
    await client.deleteVault(work.id);
    expect(await client.vaults()).toHaveLength(1);
  });

  it('turns a stale write into a conflict carrying the current item, decrypted (or null when it is gone)', async () => {
    const server = new FakeVaultServer();
    const { client } = await started(server);
    const other = createVaultClient(server.apiFor('alice'), opts);
    await other.unlock(PW);
    const [v] = await client.vaults();
    const base = await client.createItem(v!.id, login('Shop'));
    const theirs = await other.updateItem(base, { ...base.item, name: 'Shop (theirs)' });
    const err = await client.updateItem(base, { ...base.item, name: 'Shop (mine)' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect(err).toMatchObject({ code: 'conflict', current: { id: base.id, revision: 2, item: { name: 'Shop (theirs)' } } });
    expect(await codeOf(client.trashItem(base))).toBe('conflict');
    await other.deleteItem(theirs);
    const gone = await client.updateItem(theirs, theirs.item).catch((e: unknown) => e);
    expect(gone).toMatchObject({ code: 'conflict', current: null });
  });

  it('retries a write that got no answer with the same idempotency key, and it is applied once', async () => {
    const { server, client } = await started();
    const [v] = await client.vaults();
    server.fault('items.create', 'lostResponse', 'serverError');
    const made = await client.createItem(v!.id, login('Once'));
    const creates = server.calls.filter((c) => c.path === 'items.create').map((c) => c.input as { idempotencyKey: string; id: string });
    expect(creates).toHaveLength(3);
    expect(new Set(creates.map((c) => c.idempotencyKey)).size).toBe(1);
    expect([...server.items.values()].filter((i) => i.id === made.id)).toHaveLength(1);
    expect(server.items.size).toBe(1);
    server.fault('items.update', 'lostRequest');
    const next = await client.updateItem(made, { ...made.item, name: 'Twice' });
    expect(next.revision).toBe(2);
    const again = await client.createItem(v!.id, login('Another'));
    expect(server.calls.filter((c) => c.path === 'items.create').map((c) => (c.input as { idempotencyKey: string }).idempotencyKey)).not.toContain(again.id);
    expect(new Set(server.calls.filter((c) => c.path === 'items.create').map((c) => (c.input as { idempotencyKey: string }).idempotencyKey)).size).toBe(2);
    server.fault('items.create', 'lostRequest', 'lostRequest', 'lostRequest');
    expect(await codeOf(client.createItem(v!.id, login('Never')))).toMatch(/^other: TypeError/);
  });

  it('lists an item whose ciphertext was changed or swapped as damaged, and the rest as usual', async () => {
    const { server, client } = await started();
    const [v] = await client.vaults();
    const [a, b, c] = [await client.createItem(v!.id, login('A')), await client.createItem(v!.id, login('B')), await client.createItem(v!.id, login('C'))];
    const flipped = server.items.get(a.id)!;
    const [ver, iv, ct] = flipped.data.split('.') as [string, string, string];
    const bytes = fromB64(ct);
    bytes[3] = bytes[3]! ^ 0x40;
    flipped.data = `${ver}.${iv}.${toB64(bytes)}`;
    let listed = await client.items();
    expect(listed.damaged).toEqual([{ id: a.id, vaultId: v!.id, revision: 1, reason: 'tampered' }]);
    expect(listed.items.map((i) => i.item.name)).toEqual(['B', 'C']);
    const bData = server.items.get(b.id)!.data;
    server.items.get(b.id)!.data = server.items.get(c.id)!.data;
    server.items.get(c.id)!.data = bData;
    listed = await client.items();
    expect(listed.damaged.map((d) => d.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(listed.items).toEqual([]);
    expect(await codeOf(client.item(b.id))).toBe('tampered');
  });

  it('shares a vault, and removing a member re-keys it: every item re-encrypted, the member locked out', async () => {
    const server = new FakeVaultServer();
    const { client: alice } = await started(server, 'alice');
    const { client: bob } = await started(server, 'bob');
    const shared = await alice.createVault('Family');
    const live = await alice.createItem(shared.id, login('Netflix', 'family-pw'));
    const binned = await alice.trashItem(await alice.createItem(shared.id, login('Old')));
    const people = await alice.people();
    expect(people.map((p) => [p.userId, p.name])).toEqual([[server.idOf('bob'), 'bob']]);
    expect(await alice.fingerprint(people[0]!.publicKey)).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    await alice.share(shared.id, people[0]!, 'write');
    expect((await alice.members(shared.id)).map((m) => [m.name, m.role])).toEqual([
      ['alice', 'owner'],
      ['bob', 'write'],
    ]);
    const seen = await bob.items();
    expect(seen.items.map((i) => i.item.name).sort()).toEqual(['Netflix', 'Old']);
    expect((await bob.vaults()).find((v) => v.id === shared.id)).toMatchObject({ name: 'Family', role: 'write', owner: { id: server.idOf('alice'), name: 'alice' } });
    const bobs = await bob.createItem(shared.id, login('Bob’s'));
    await alice.setMemberRole(shared.id, server.idOf('bob'), 'read');
    const before = new Map([...server.items].map(([id, it]) => [id, it.data]));
    await alice.removeMembers(shared.id, [server.idOf('bob')]);
    const after = await alice.items();
    expect(after.damaged).toEqual([]);
    expect(after.items.filter((i) => i.vaultId === shared.id).map((i) => [i.item.name, i.keyVersion, i.deletedAt !== null]).sort()).toEqual([
      ['Bob’s', 2, false],
      ['Netflix', 2, false],
      ['Old', 2, true],
    ]);
    for (const id of [live.id, binned.id, bobs.id]) expect(server.items.get(id)!.data).not.toBe(before.get(id));
    expect((await alice.vaults()).find((v) => v.id === shared.id)).toMatchObject({ name: 'Family', keyVersion: 2, memberCount: 1 });
    expect((await bob.vaults()).map((v) => v.id)).not.toContain(shared.id);
    expect((await bob.items()).items.map((i) => i.vaultId)).not.toContain(shared.id);
    const rekey = server.calls.find((c) => c.path === 'vaults.rekey')!.input as { removeUserIds: string[]; members: { userId: string }[]; items: unknown[] };
    expect(rekey.removeUserIds).toEqual([server.idOf('bob')]);
    expect(rekey.members.map((m) => m.userId)).toEqual([server.idOf('alice')]);
    expect(rekey.items).toHaveLength(3);
  });

  it('writes again under the new key when the vault was re-keyed meanwhile', async () => {
    const server = new FakeVaultServer();
    const { client: alice } = await started(server, 'alice');
    const { client: bob } = await started(server, 'bob');
    await started(server, 'carol');
    const v = await alice.createVault('Team');
    const people = await alice.people();
    const bobP = people.find((p) => p.name === 'bob');
    const carolP = people.find((p) => p.name === 'carol');
    await alice.share(v.id, bobP!, 'write');
    await alice.share(v.id, carolP!, 'read');
    await bob.vaults();
    await alice.removeMembers(v.id, [server.idOf('carol')]);
    const made = await bob.createItem(v.id, login('After rekey'));
    expect(made.keyVersion).toBe(2);
    expect((await alice.item(made.id)).item.name).toBe('After rekey');
    await bob.leaveVault(v.id);
    expect((await bob.vaults()).map((x) => x.id)).not.toContain(v.id);
  });

  it('changes the master password without touching items', async () => {
    const { server, client } = await started();
    const [v] = await client.vaults();
    await client.createItem(v!.id, login('Keep'));
    const itemsBefore = JSON.stringify([...server.items.values()]);
    expect(await codeOf(client.changePassword('wrong', 'new password 1'))).toBe('wrongPassword');
    const kdfBefore = server.accounts.get(server.idOf('alice'))!.kdf!.salt;
    await client.changePassword(PW, 'new password 1');
    expect(server.accounts.get(server.idOf('alice'))!.kdf!.salt).not.toBe(kdfBefore);
    expect(JSON.stringify([...server.items.values()])).toBe(itemsBefore);
    client.lock();
    expect(await codeOf(client.unlock(PW))).toBe('wrongPassword');
    await client.unlock('new password 1');
    expect((await client.items()).items[0]!.item.name).toBe('Keep');
    expect(await client.verifyPassword('new password 1')).toBe(true);
    expect(await client.verifyPassword(PW)).toBe(false);
  });

  it('imports in all-or-none calls of at most 2,000 items', async () => {
    const { server, client } = await started();
    const [v] = await client.vaults();
    const many = Array.from({ length: 2_001 }, (_, i) => login(`Item ${i}`));
    const out = await client.importItems(v!.id, many);
    expect(out).toHaveLength(2_001);
    expect(out[2_000]!.item.name).toBe('Item 2000');
    expect(server.calls.filter((c) => c.path === 'items.import').map((c) => (c.input as { items: unknown[] }).items.length)).toEqual([2_000, 1]);
    expect((await client.items()).items).toHaveLength(2_001);
  });

  it('encrypts attachments with their own key, opens and removes them', async () => {
    const { server, client } = await started();
    const [v] = await client.vaults();
    const base = await client.createItem(v!.id, newItem('note'));
    const bytes = new TextEncoder().encode('attachment-marker-bytes');
    const saved = await client.addAttachment(base, { name: 'scan.txt', mime: 'text/plain', bytes });
    const ref = saved.item.attachments[0]!;
    expect(ref).toMatchObject({ name: 'scan.txt', size: bytes.length, mime: 'text/plain' });
    expect(server.attachments.get(ref.id)!.data).not.toContain(toB64(bytes));
    expect(new TextDecoder().decode(await client.openAttachment(ref))).toBe('attachment-marker-bytes');
    expect(await codeOf(client.openAttachment({ ...ref, key: toB64(new Uint8Array(32)) }))).toBe('tampered');
    const removed = await client.removeAttachment(saved, ref.id);
    expect(removed.item.attachments).toEqual([]);
    expect(server.attachments.has(ref.id)).toBe(false);
  });

  it('exports an encrypted backup and a Bitwarden JSON after the password is given again', async () => {
    const { client } = await started();
    const [v] = await client.vaults();
    await client.createItem(v!.id, login('Live'));
    await client.trashItem(await client.createItem(v!.id, login('Binned')));
    expect(await codeOf(client.exportEncrypted('wrong'))).toBe('wrongPassword');
    const backup = await client.exportEncrypted(PW);
    expect(backup).not.toContain('Live');
    expect((await client.readBackup(backup, PW)).map((i) => i.name)).toEqual(['Live']);
    const bw = await client.exportBitwarden(PW);
    expect(importBitwardenJson(bw).items.map((i) => i.name)).toEqual(['Live']);
  });
});
