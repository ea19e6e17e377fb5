// Vault's server half: accounts (KDF floor, the authentication key's hash), vaults, members and re-keys; items live in vault.items.ts. It only ever holds ciphertext.
import { hashPassword, verifyPassword } from '../../../bff/auth/passwords';
import type { Queryable } from '../../../bff/db/pool';
import { FixedWindowLimiter } from '../../../bff/trpc/rate-limit';
import { kdfProblem, type AccountView, type Inputs, type KdfParams, type MemberView, type PersonView, type VaultView } from '../shared/wire';
import type { z } from 'zod';
import {
  alreadyOwner,
  alreadySetUp,
  idTaken,
  kdfTooCostly,
  kdfTooWeak,
  notFound,
  notMember,
  notSetUp,
  noSuchPerson,
  ownerCannotLeave,
  rekeyStale,
  tooManyAttempts,
  wrongMasterPassword,
} from './vault.errors';
import { VaultItemsService } from './vault.items';
import type { AccountRow } from './vault.store';
import { listChanged, VaultWrites, type VaultDeps } from './vault.writes';

type In<K extends keyof typeof Inputs> = z.infer<(typeof Inputs)[K]>;

function checkKdf(kdf: KdfParams): void {
  const problem = kdfProblem(kdf);
  if (problem === 'tooWeak') throw kdfTooWeak();
  if (problem === 'tooCostly') throw kdfTooCostly();
}

const accountView = (a: AccountRow | null): AccountView =>
  a
    ? { setUp: true, kdf: a.kdf, wrappedUserKey: a.wrappedUserKey, publicKey: a.publicKey, wrappedPrivateKey: a.wrappedPrivateKey, autoLockMinutes: a.autoLockMinutes }
    : { setUp: false };

export class VaultService {
  private readonly w: VaultWrites;
  readonly items: VaultItemsService;
  /** Master-password checks per user: each costs an Argon2 hash here, and guesses should stay slow. */
  private readonly attempts = new FixedWindowLimiter(20, 60_000);

  constructor(deps: VaultDeps) {
    this.w = new VaultWrites(deps);
    this.items = new VaultItemsService(this.w);
  }

  private get store() {
    return this.w.store;
  }

  private get db() {
    return this.w.deps.db;
  }

  // ---- account ----

  async account(userId: string): Promise<AccountView> {
    return accountView(await this.store.account(this.db, userId));
  }

  async setup(userId: string, input: In<'setup'>): Promise<AccountView> {
    checkKdf(input.kdf);
    if (await this.store.account(this.db, userId)) throw alreadySetUp();
    const authHash = await hashPassword(input.authKey);
    return this.w.write(async (c) => {
      const account = { kdf: input.kdf, authHash, wrappedUserKey: input.wrappedUserKey, publicKey: input.publicKey, wrappedPrivateKey: input.wrappedPrivateKey };
      if (!(await this.store.insertAccount(c, userId, account))) throw alreadySetUp();
      if (!(await this.store.insertVault(c, { id: input.vault.id, ownerId: userId, name: input.vault.name, sealedKey: input.vault.sealedKey }))) throw idTaken();
      return { result: accountView(await this.store.account(c, userId)), notices: [listChanged([userId])] };
    });
  }

  /** The account, once `authKey` is shown to be the one derived from the master password. */
  private async checkAuthKey(userId: string, authKey: string): Promise<AccountRow> {
    const account = await this.store.account(this.db, userId);
    if (!account) throw notSetUp();
    if (!this.attempts.hit(userId)) throw tooManyAttempts();
    if (!(await verifyPassword(account.authHash, authKey))) throw wrongMasterPassword();
    return account;
  }

  async changePassword(userId: string, input: In<'changePassword'>): Promise<AccountView> {
    checkKdf(input.kdf);
    const old = await this.checkAuthKey(userId, input.oldAuthKey);
    const authHash = await hashPassword(input.authKey);
    return this.w.write(async (c) => {
      // Only over the hash just checked: a concurrent change makes the old key wrong.
      if (!(await this.store.changePassword(c, userId, old.authHash, { kdf: input.kdf, authHash, wrappedUserKey: input.wrappedUserKey }))) throw wrongMasterPassword();
      return { result: accountView(await this.store.account(c, userId)), notices: [listChanged([userId])] };
    });
  }

  async verify(userId: string, input: In<'verify'>): Promise<{ ok: true }> {
    await this.checkAuthKey(userId, input.authKey);
    return { ok: true };
  }

  async settings(userId: string, input: In<'settings'>): Promise<AccountView> {
    if (!(await this.store.setAutoLock(this.db, userId, input.autoLockMinutes))) throw notSetUp();
    return this.account(userId);
  }

  // ---- vaults ----

  listVaults(userId: string): Promise<VaultView[]> {
    return this.store.vaultsOf(this.db, userId);
  }

  private async vaultView(q: Queryable, userId: string, vaultId: string): Promise<VaultView> {
    const [view] = await this.store.vaultsOf(q, userId, vaultId);
    if (!view) throw notFound();
    return view;
  }

  /** A new vault owned by the caller; sent again with the same id (a retry), the caller's vault as it is. */
  createVault(userId: string, input: In<'createVault'>): Promise<VaultView> {
    return this.w.write(async (c) => {
      if (!(await this.store.account(c, userId))) throw notSetUp();
      if (!(await this.store.insertVault(c, { id: input.id, ownerId: userId, name: input.name, sealedKey: input.sealedKey }))) {
        const [mine] = await this.store.vaultsOf(c, userId, input.id);
        if (mine?.role === 'owner') return { result: mine, notices: [] };
        throw idTaken();
      }
      return { result: await this.vaultView(c, userId, input.id), notices: [listChanged([userId])] };
    });
  }

  renameVault(userId: string, input: In<'renameVault'>): Promise<VaultView> {
    return this.w.write(async (c) => {
      const vault = await this.w.access(c, userId, input.vaultId, 'update', 'owner');
      if (input.keyVersion !== vault.keyVersion) throw rekeyStale();
      await this.store.renameVault(c, vault.id, input.name);
      return { result: await this.vaultView(c, userId, vault.id), notices: [listChanged(await this.store.memberIds(c, vault.id))] };
    });
  }

  deleteVault(userId: string, vaultId: string): Promise<{ ok: true }> {
    return this.w.write(async (c) => {
      const vault = await this.w.access(c, userId, vaultId, 'update', 'owner');
      const members = await this.store.memberIds(c, vault.id);
      await this.store.deleteVault(c, vault.id);
      return { result: { ok: true as const }, notices: [listChanged(members)] };
    });
  }

  /**
   * A new vault key, all in one transaction: the caller must have re-encrypted every item (live and trashed) at
   * its current revision and sealed the key for exactly the members who stay. Anything else is stale.
   */
  rekey(userId: string, input: In<'rekey'>): Promise<VaultView> {
    return this.w.once(userId, input.idempotencyKey, 'vaults.rekey', async (c) => {
      const vault = await this.w.access(c, userId, input.vaultId, 'update', 'owner');
      if (input.removeUserIds.includes(vault.ownerId)) throw ownerCannotLeave();
      if (input.fromKeyVersion !== vault.keyVersion) throw rekeyStale();

      const before = await this.store.memberIds(c, vault.id);
      const removed = before.filter((id) => input.removeUserIds.includes(id));
      const staying = new Set(before.filter((id) => !removed.includes(id)));
      const sealedFor = new Set(input.members.map((m) => m.userId));
      if (sealedFor.size !== input.members.length || sealedFor.size !== staying.size || [...staying].some((id) => !sealedFor.has(id))) throw rekeyStale();

      const current = await this.store.lockRevisions(c, vault.id);
      const given = new Map(input.items.map((i) => [i.id, i.revision]));
      if (given.size !== input.items.length || given.size !== current.size || [...current].some(([id, rev]) => given.get(id) !== rev)) throw rekeyStale();

      await this.store.removeMembers(c, vault.id, removed);
      await this.store.rekeyVault(c, vault.id, input.name, input.members);
      await this.store.rekeyItems(c, vault.id, vault.keyVersion + 1, input.items);
      return { result: await this.vaultView(c, userId, vault.id), notices: [listChanged(before)] };
    });
  }

  // ---- members ----

  async members(userId: string, vaultId: string): Promise<MemberView[]> {
    if (!(await this.store.role(this.db, vaultId, userId))) throw notFound();
    return this.store.members(this.db, vaultId);
  }

  people(userId: string): Promise<PersonView[]> {
    return this.store.people(this.db, userId);
  }

  /** Shares the vault with a person who has set up Vault (again: a new role and sealed key). */
  addMember(userId: string, input: In<'addMember'>): Promise<MemberView[]> {
    return this.w.write(async (c) => {
      const vault = await this.w.access(c, userId, input.vaultId, 'update', 'owner');
      if (input.keyVersion !== vault.keyVersion) throw rekeyStale();
      if (input.userId === vault.ownerId) throw alreadyOwner();
      if (!(await this.store.account(c, input.userId))) throw noSuchPerson();
      await this.store.upsertMember(c, vault.id, input.userId, input.role, input.sealedKey);
      return { result: await this.store.members(c, vault.id), notices: [listChanged(await this.store.memberIds(c, vault.id))] };
    });
  }

  setMemberRole(userId: string, input: In<'setMemberRole'>): Promise<MemberView[]> {
    return this.w.write(async (c) => {
      const vault = await this.w.access(c, userId, input.vaultId, 'update', 'owner');
      if (!(await this.store.setRole(c, vault.id, input.userId, input.role))) throw notMember();
      return { result: await this.store.members(c, vault.id), notices: [listChanged(await this.store.memberIds(c, vault.id))] };
    });
  }

  /** A member other than the owner leaves; the vault's key stays (the owner may re-key it). */
  leave(userId: string, vaultId: string): Promise<{ ok: true }> {
    return this.w.write(async (c) => {
      const vault = await this.w.access(c, userId, vaultId, 'update', 'read');
      if (vault.role === 'owner') throw ownerCannotLeave();
      const before = await this.store.memberIds(c, vault.id);
      await this.store.removeMembers(c, vault.id, [userId]);
      return { result: { ok: true as const }, notices: [listChanged(before)] };
    });
  }
}
