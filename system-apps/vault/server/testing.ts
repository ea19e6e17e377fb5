// Helpers for Vault's integration tests: fake ciphertexts of the right shape (the server cannot tell), users with Vault set up, and calls that expect success or a refusal.
import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createUser, data, mutate, query, signIn, type TestApp } from '../../../bff/testing/app';
import type { BusEvents } from '../../../bff/realtime/bus';
import type { AccountView, ItemView, KdfParams, VaultChanged, VaultView } from '../shared/wire';

export const PASSWORD = 'correct horse battery staple';

const b64 = (n: number) => randomBytes(n).toString('base64');
/** AES-GCM ciphertext as the browser would send it: `v1.<iv>.<ciphertext+tag>`. */
export const cipher = (bytes = 48) => `v1.${b64(12)}.${b64(bytes)}`;
export const sealed = () => `rsa1.${b64(384)}`;
export const authKey = () => b64(32);
export const kdf = (over: Partial<Extract<KdfParams, { alg: 'argon2id' }>> = {}): KdfParams => ({ alg: 'argon2id', memoryKiB: 65_536, iterations: 3, parallelism: 1, salt: b64(16), ...over });
export const pbkdf2 = (iterations: number): KdfParams => ({ alg: 'pbkdf2-sha256', iterations, salt: b64(16) });

export const setupInput = (key = authKey(), vaultId: string = randomUUID()) => ({
  kdf: kdf(),
  authKey: key,
  wrappedUserKey: cipher(),
  publicKey: b64(422),
  wrappedPrivateKey: cipher(1800),
  vault: { id: vaultId, name: cipher(), sealedKey: sealed() },
});

export interface VaultUser {
  id: string;
  name: string;
  cookie: string;
  authKey: string;
  /** The first vault, made at setup. */
  vaultId: string;
  m(path: string, input?: unknown): Promise<LightMyRequestResponse>;
  q(path: string, input?: unknown): Promise<LightMyRequestResponse>;
}

/** A user of this Olares, signed in; with Vault set up unless `setUp: false`. */
export async function vaultUser(t: TestApp, name: string, opts: { setUp?: boolean } = {}): Promise<VaultUser> {
  await createUser(t, name, PASSWORD, 'member');
  const cookie = await signIn(t.app, name, PASSWORD);
  const { rows } = await t.db.pool.query<{ id: string }>('SELECT id FROM users WHERE name = $1', [name]);
  const user: VaultUser = {
    id: rows[0]!.id,
    name,
    cookie,
    authKey: authKey(),
    vaultId: randomUUID(),
    m: (path, input) => mutate(t.app, `vault.${path}`, input, cookie),
    q: (path, input) => query(t.app, `vault.${path}`, input, cookie),
  };
  if (opts.setUp !== false) ok<AccountView>(await user.m('account.setup', setupInput(user.authKey, user.vaultId)));
  return user;
}

export function ok<T = unknown>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return data<T>(res);
}

export interface Refusal {
  status: number;
  reason: string | undefined;
  details?: unknown;
}

/** The status, reason and details of a refused call (fails the test on success). */
export function refused(res: LightMyRequestResponse): Refusal {
  expect(res.statusCode, res.body).not.toBe(200);
  const err = (res.json() as { error: { data: { reason?: string; details?: unknown } } }).error;
  return { status: res.statusCode, reason: err.data.reason, ...(err.data.details !== undefined ? { details: err.data.details } : {}) };
}

export const newItem = (vaultId: string, keyVersion = 1) => ({ id: randomUUID(), vaultId, data: cipher(), keyVersion, idempotencyKey: randomUUID() });

export async function createItem(u: VaultUser, vaultId = u.vaultId, keyVersion = 1): Promise<ItemView> {
  return ok<ItemView>(await u.m('items.create', newItem(vaultId, keyVersion)));
}

export async function vaultOf(u: VaultUser, vaultId: string): Promise<VaultView | undefined> {
  return ok<VaultView[]>(await u.q('vaults.list')).find((v) => v.id === vaultId);
}

/** Shares `vaultId` of `owner` with `member`. */
export async function share(owner: VaultUser, member: VaultUser, role: 'read' | 'write', vaultId = owner.vaultId): Promise<void> {
  const keyVersion = (await vaultOf(owner, vaultId))!.keyVersion;
  ok(await owner.m('members.add', { vaultId, userId: member.id, role, sealedKey: sealed(), keyVersion }));
}

/** Records the vault.changed events the bus carries until `stop()`. */
export function recordEvents(t: TestApp): { events: { userId: string; payload: VaultChanged }[]; stop(): void; to(userId: string): VaultChanged[] } {
  const events: { userId: string; payload: VaultChanged }[] = [];
  const stop = t.app.bus.on('user.event', (e: BusEvents['user.event']) => {
    if (e.event === 'vault.changed') events.push({ userId: e.userId, payload: e.payload as VaultChanged });
  });
  return { events, stop, to: (userId) => events.filter((e) => e.userId === userId).map((e) => e.payload) };
}
