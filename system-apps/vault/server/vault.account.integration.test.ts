// Vault accounts through the real app: setup, the KDF floor and ceiling, the master-password checks, settings, people, large bodies, and what deleting a user takes along.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../../bff/http/security';
import { mutate, ORIGIN, startTestApp, type TestApp } from '../../../bff/testing/app';
import { testServers } from '../../../bff/testing/databases';
import type { AccountView, ItemView, PersonView, VaultView } from '../shared/wire';
import { authKey, cipher, createItem, kdf, ok, pbkdf2, refused, sealed, setupInput, share, vaultUser, type VaultUser } from './testing';

describe.each(testServers())('vault accounts on $name PostgreSQL', (server) => {
  let t: TestApp;
  let alice: VaultUser;

  beforeAll(async () => {
    t = await startTestApp(server);
    alice = await vaultUser(t, 'alice');
  });
  afterAll(() => t?.close());

  it('says a new user has not set up Vault, and sets it up with a first vault', async () => {
    const bob = await vaultUser(t, 'bob', { setUp: false });
    expect(ok<AccountView>(await bob.q('account.get'))).toEqual({ setUp: false });
    expect(ok(await bob.q('vaults.list'))).toEqual([]);
    const input = setupInput(bob.authKey, bob.vaultId);
    const account = ok<AccountView>(await bob.m('account.setup', input));
    expect(account).toEqual({
      setUp: true,
      kdf: input.kdf,
      wrappedUserKey: input.wrappedUserKey,
      publicKey: input.publicKey,
      wrappedPrivateKey: input.wrappedPrivateKey,
      autoLockMinutes: 15,
    });
    expect(ok<AccountView>(await bob.q('account.get'))).toEqual(account);
    const [vault] = ok<VaultView[]>(await bob.q('vaults.list'));
    expect(vault).toMatchObject({ id: bob.vaultId, name: input.vault.name, role: 'owner', sealedKey: input.vault.sealedKey, keyVersion: 1, owner: { id: bob.id, name: 'bob' }, memberCount: 1 });
    // The authentication key is stored only as a hash.
    const { rows } = await t.db.pool.query<{ auth_hash: string }>('SELECT auth_hash FROM vault_accounts WHERE user_id = $1', [bob.id]);
    expect(rows[0]!.auth_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.auth_hash).not.toContain(bob.authKey);
  });

  it('refuses a second setup', async () => {
    expect(refused(await alice.m('account.setup', setupInput()))).toMatchObject({ status: 409, reason: 'vault.alreadySetUp' });
  });

  it('refuses a KDF below the floor for both algorithms, and above the ceiling', async () => {
    const carol = await vaultUser(t, 'carol', { setUp: false });
    const attempt = (k: unknown) => carol.m('account.setup', { ...setupInput(), kdf: k });
    for (const weak of [kdf({ memoryKiB: 65_535 }), kdf({ iterations: 2 }), pbkdf2(599_999)]) {
      expect(refused(await attempt(weak))).toMatchObject({ status: 400, reason: 'vault.kdfTooWeak' });
    }
    for (const costly of [kdf({ memoryKiB: 2_097_152 }), kdf({ iterations: 21 }), pbkdf2(10_000_001)]) {
      expect(refused(await attempt(costly))).toMatchObject({ status: 400, reason: 'vault.kdfTooCostly' });
    }
    expect(ok<AccountView>(await carol.q('account.get'))).toEqual({ setUp: false });
    ok(await attempt(pbkdf2(600_000)));
    // The same floor holds when the password changes.
    const weakChange = await carol.m('account.changePassword', { oldAuthKey: authKey(), kdf: kdf({ memoryKiB: 1024 }), authKey: authKey(), wrappedUserKey: cipher() });
    expect(refused(weakChange)).toMatchObject({ status: 400, reason: 'vault.kdfTooWeak' });
  });

  it('refuses ciphertext that is not Vault ciphertext', async () => {
    const res = await alice.m('items.create', { id: randomUUID(), vaultId: alice.vaultId, data: 'my password is hunter2', keyVersion: 1, idempotencyKey: randomUUID() });
    expect(res.statusCode).toBe(400);
  });

  it('changes the master password only with the old authentication key, and verifies the new one', async () => {
    const dave = await vaultUser(t, 'dave');
    const next = { kdf: kdf(), authKey: authKey(), wrappedUserKey: cipher() };
    expect(refused(await dave.m('account.changePassword', { ...next, oldAuthKey: authKey() }))).toMatchObject({ status: 400, reason: 'vault.wrongMasterPassword' });
    expect((await dave.m('account.verify', { authKey: dave.authKey })).statusCode).toBe(200);

    const changed = ok<AccountView & { setUp: true }>(await dave.m('account.changePassword', { ...next, oldAuthKey: dave.authKey }));
    expect(changed).toMatchObject({ kdf: next.kdf, wrappedUserKey: next.wrappedUserKey });
    expect(ok(await dave.m('account.verify', { authKey: next.authKey }))).toEqual({ ok: true });
    expect(refused(await dave.m('account.verify', { authKey: dave.authKey }))).toMatchObject({ status: 400, reason: 'vault.wrongMasterPassword' });
    // The vaults and their keys are untouched.
    expect(ok<VaultView[]>(await dave.q('vaults.list'))).toHaveLength(1);
  });

  it('asks for setup before checks and settings', async () => {
    const erin = await vaultUser(t, 'erin', { setUp: false });
    expect(refused(await erin.m('account.verify', { authKey: authKey() }))).toMatchObject({ reason: 'vault.notSetUp' });
    expect(refused(await erin.m('account.settings', { autoLockMinutes: 5 }))).toMatchObject({ reason: 'vault.notSetUp' });
    expect(refused(await erin.m('vaults.create', { id: randomUUID(), name: cipher(), sealedKey: sealed() }))).toMatchObject({ status: 412, reason: 'vault.notSetUp' });
  });

  it('keeps the auto-lock setting', async () => {
    expect(ok<AccountView>(await alice.m('account.settings', { autoLockMinutes: 0 }))).toMatchObject({ autoLockMinutes: 0 });
    expect(ok<AccountView>(await alice.q('account.get'))).toMatchObject({ autoLockMinutes: 0 });
    expect((await alice.m('account.settings', { autoLockMinutes: 1441 })).statusCode).toBe(400);
  });

  it('lists the other people who set up Vault, with their public keys', async () => {
    const people = ok<PersonView[]>(await alice.q('members.people'));
    expect(people.map((p) => p.name)).toEqual(expect.arrayContaining(['bob', 'carol', 'dave']));
    expect(people.map((p) => p.name)).not.toContain('alice');
    expect(people.map((p) => p.name)).not.toContain('erin');
    const bob = people.find((p) => p.name === 'bob')!;
    expect(bob.publicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('creates further vaults; a retry with the same id gets the same vault, another user’s id is taken', async () => {
    const input = { id: randomUUID(), name: cipher(), sealedKey: sealed() };
    const made = ok<VaultView>(await alice.m('vaults.create', input));
    expect(made).toMatchObject({ id: input.id, role: 'owner', keyVersion: 1, memberCount: 1 });
    expect(ok<VaultView>(await alice.m('vaults.create', input))).toEqual(made);
    const bob = await vaultUser(t, 'bob-two');
    expect(refused(await bob.m('vaults.create', { ...input, sealedKey: sealed() }))).toMatchObject({ status: 409, reason: 'vault.idTaken' });
    expect(ok<VaultView[]>(await alice.q('vaults.list')).filter((v) => v.id === input.id)).toHaveLength(1);
  });

  it('takes bodies up to 64 MiB for vault procedures only, batches included', async () => {
    const big = 'x'.repeat(1_200_000);
    // A 1.6 MB import of ciphertext passes the body limit (and is imported).
    const items = Array.from({ length: 8 }, () => ({ id: randomUUID(), data: `v1.${Buffer.alloc(12, 1).toString('base64')}.${Buffer.alloc(150_000, 2).toString('base64')}` }));
    const imported = ok<ItemView[]>(await alice.m('items.import', { vaultId: alice.vaultId, keyVersion: 1, items, idempotencyKey: randomUUID() }));
    expect(imported).toHaveLength(8);
    // Anything else over the server's limit is refused before it is parsed.
    const other = await mutate(t.app, 'desktop.layout.save', { layout: { big }, baseVersion: 0 }, alice.cookie);
    expect(other.statusCode).toBe(413);
    expect(other.json().message).toMatch(/only calls to vault\. may be larger/);
    const mixed = await t.app.inject({
      method: 'POST',
      url: '/trpc/vault.account.settings,desktop.layout.save?batch=1',
      headers: { origin: ORIGIN, [CSRF_HEADER]: '1', 'content-type': 'application/json', cookie: alice.cookie },
      payload: JSON.stringify({ 0: { autoLockMinutes: 5 }, 1: { layout: { big }, baseVersion: 0 } }),
    });
    expect(mixed.statusCode).toBe(413);
  });

  it('removes a deleted user’s account, vaults and memberships', async () => {
    const frank = await vaultUser(t, 'frank');
    await share(alice, frank, 'write');
    await share(frank, alice, 'read', frank.vaultId);
    const item = await createItem(frank);
    await t.db.pool.query('DELETE FROM users WHERE id = $1', [frank.id]);
    expect((await t.db.pool.query('SELECT 1 FROM vault_accounts WHERE user_id = $1', [frank.id])).rows).toHaveLength(0);
    expect((await t.db.pool.query('SELECT 1 FROM vault_members WHERE user_id = $1', [frank.id])).rows).toHaveLength(0);
    expect((await t.db.pool.query('SELECT 1 FROM vaults WHERE id = $1', [frank.vaultId])).rows).toHaveLength(0);
    expect((await t.db.pool.query('SELECT 1 FROM vault_items WHERE id = $1', [item.id])).rows).toHaveLength(0);
    expect(ok<VaultView[]>(await alice.q('vaults.list')).map((v) => v.id)).not.toContain(frank.vaultId);
  });

  it('never writes a secret it was sent into the log', async () => {
    const logs = t.logs.join('\n');
    expect(logs).not.toContain(alice.authKey);
    expect(logs).not.toMatch(/v1\.[A-Za-z0-9+/]{16}\./);
  });
});
