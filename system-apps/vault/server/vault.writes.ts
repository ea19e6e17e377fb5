// What every Vault write shares: one transaction, the caller's access to a vault under a row lock, idempotency keys, and vault.changed events after commit.
import type pg from 'pg';
import { withTransaction, type Queryable } from '../../../bff/db/pool';
import type { EventBus } from '../../../bff/realtime/bus';
import type { VaultChanged, VaultRole } from '../shared/wire';
import { keyReused, notFound, ownerOnly, readOnly } from './vault.errors';
import type { VaultRow, VaultStore } from './vault.store';

export const VAULT_CHANGED = 'vault.changed';

export interface VaultDeps {
  db: pg.Pool;
  bus: EventBus;
  store: VaultStore;
}

/** Who hears about a write, and what: `itemIds` for item changes; `vaultId: null` when a vault itself (or the list) changed. */
export interface Notice {
  userIds: string[];
  payload: VaultChanged;
}

export const itemsChanged = (userIds: string[], vaultId: string, itemIds: string[]): Notice => ({ userIds, payload: { vaultId, itemIds } });
export const listChanged = (userIds: string[]): Notice => ({ userIds, payload: { vaultId: null, itemIds: [] } });

export interface Written<T> {
  result: T;
  notices: Notice[];
}

const SWEEP_EVERY_MS = 10 * 60_000;

export class VaultWrites {
  private lastSweep = 0;
  constructor(readonly deps: VaultDeps) {}

  get store(): VaultStore {
    return this.deps.store;
  }

  /** Runs `fn` in one transaction; its notices go out only after the commit. */
  async write<T>(fn: (c: pg.PoolClient) => Promise<Written<T>>): Promise<T> {
    const done = await withTransaction(this.deps.db, fn);
    this.emit(done.notices);
    return done.result;
  }

  /**
   * A write applied once per (user, key): the key is claimed in the write's own transaction, so the result is
   * stored with the change or not at all; a concurrent duplicate waits on the claim and then gets the stored result.
   */
  async once<T>(userId: string, key: string, op: string, fn: (c: pg.PoolClient) => Promise<Written<T>>): Promise<T> {
    await this.sweep();
    return this.write(async (c) => {
      if (!(await this.store.claimRequest(c, userId, key, op))) {
        const prior = await this.store.request(c, userId, key);
        if (!prior || prior.op !== op) throw keyReused();
        return { result: prior.result as T, notices: [] };
      }
      const done = await fn(c);
      await this.store.finishRequest(c, userId, key, done.result);
      return done;
    });
  }

  /**
   * The vault, locked (`share` for item writes, `update` for the vault's own), if the user is a member with
   * at least `need`; NOT_FOUND for a non-member, whatever exists.
   */
  async access(q: Queryable, userId: string, vaultId: string, mode: 'share' | 'update', need: 'read' | 'write' | 'owner'): Promise<VaultRow & { role: VaultRole }> {
    const vault = await this.store.lockVault(q, vaultId, mode);
    const role = vault ? await this.store.role(q, vaultId, userId) : null;
    if (!vault || !role) throw notFound();
    if (need === 'owner' && role !== 'owner') throw ownerOnly();
    if (need === 'write' && role === 'read') throw readOnly();
    return { ...vault, role };
  }

  private emit(notices: Notice[]): void {
    for (const n of notices) for (const userId of new Set(n.userIds)) this.deps.bus.emit('user.event', { userId, event: VAULT_CHANGED, payload: n.payload });
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    await this.store.sweepRequests(this.deps.db);
  }
}
