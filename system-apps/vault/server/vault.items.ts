// Vault items and attachments: revisioned, idempotent writes of ciphertext the server cannot read, by members allowed to write.
import type pg from 'pg';
import type { z } from 'zod';
import type { Inputs, ItemView } from '../shared/wire';
import { conflict, idTaken, notFound, readOnly, rekeyStale } from './vault.errors';
import { itemsChanged, type VaultWrites, type Written } from './vault.writes';

type In<K extends keyof typeof Inputs> = z.infer<(typeof Inputs)[K]>;

/** An attachment's ciphertext, base64, for a member of its item's vault. */
export interface AttachmentView {
  id: string;
  itemId: string;
  data: string;
}

export class VaultItemsService {
  constructor(private readonly w: VaultWrites) {}

  private get store() {
    return this.w.store;
  }

  list(userId: string, input: In<'listItems'>): Promise<ItemView[]> {
    const vaultId = input?.vaultId;
    return this.w.write(async (c) => {
      if (vaultId && !(await this.store.role(c, vaultId, userId))) throw notFound();
      return { result: await this.store.itemsOf(c, userId, vaultId), notices: [] };
    });
  }

  async get(userId: string, id: string): Promise<ItemView> {
    const item = await this.store.visibleItem(this.w.deps.db, userId, id);
    if (!item) throw notFound();
    return item;
  }

  create(userId: string, input: In<'createItem'>): Promise<ItemView> {
    return this.w.once(userId, input.idempotencyKey, 'items.create', async (c) => {
      const vault = await this.w.access(c, userId, input.vaultId, 'share', 'write');
      if (input.keyVersion !== vault.keyVersion) throw rekeyStale();
      const { inserted } = await this.store.insertItems(c, vault.id, vault.keyVersion, [{ id: input.id, data: input.data }]);
      if (!inserted[0]) throw idTaken();
      return { result: inserted[0], notices: [itemsChanged(await this.store.memberIds(c, vault.id), vault.id, [input.id])] };
    });
  }

  import(userId: string, input: In<'importItems'>): Promise<ItemView[]> {
    return this.w.once(userId, input.idempotencyKey, 'items.import', async (c) => {
      const vault = await this.w.access(c, userId, input.vaultId, 'share', 'write');
      if (input.keyVersion !== vault.keyVersion) throw rekeyStale();
      const { inserted, taken } = await this.store.insertItems(c, vault.id, vault.keyVersion, input.items);
      if (taken) throw idTaken();
      const byId = new Map(inserted.map((i) => [i.id, i]));
      const result = input.items.map((i) => byId.get(i.id)!);
      return { result, notices: [itemsChanged(await this.store.memberIds(c, vault.id), vault.id, result.map((i) => i.id))] };
    });
  }

  /**
   * The item locked for a write from `baseRevision`, with the caller's write access to its vault (held under a
   * share lock, so a re-key waits). An item that is gone, or in a vault the caller is not a member of, is a
   * conflict with nothing current: the caller cannot tell the two apart.
   */
  private async lockForWrite(c: pg.PoolClient, userId: string, id: string, baseRevision: number, alsoVault?: string): Promise<ItemView> {
    for (;;) {
      const peek = await this.store.item(c, id);
      if (!peek) throw conflict(null);
      // Vaults before items, in id order, as the re-key takes them: no deadlock.
      const vaultIds = [...new Set([peek.vaultId, alsoVault ?? peek.vaultId])].sort();
      const roles = new Map<string, string | null>();
      for (const vid of vaultIds) {
        const vault = await this.store.lockVault(c, vid, 'share');
        roles.set(vid, vault ? await this.store.role(c, vid, userId) : null);
      }
      const role = roles.get(peek.vaultId);
      if (!role) throw conflict(null);
      const item = await this.store.item(c, id, true);
      if (item && item.vaultId !== peek.vaultId) continue; // moved meanwhile: take the right vault's lock
      if (!item) throw conflict(null);
      if (role === 'read') throw readOnly();
      if (alsoVault && alsoVault !== peek.vaultId) {
        const target = roles.get(alsoVault);
        if (!target) throw notFound();
        if (target === 'read') throw readOnly();
      }
      if (item.revision !== baseRevision) throw conflict(item);
      return item;
    }
  }

  update(userId: string, input: In<'updateItem'>): Promise<ItemView> {
    return this.w.once(userId, input.idempotencyKey, 'items.update', async (c): Promise<Written<ItemView>> => {
      const item = await this.lockForWrite(c, userId, input.id, input.baseRevision, input.vaultId);
      const vaultId = input.vaultId ?? item.vaultId;
      const vault = await this.store.lockVault(c, vaultId, 'share');
      if (!vault) throw notFound();
      if (input.keyVersion !== vault.keyVersion) throw rekeyStale();
      const result = await this.store.writeItem(c, item.id, { data: input.data, keyVersion: vault.keyVersion, vaultId });
      const notices = [itemsChanged(await this.store.memberIds(c, vaultId), vaultId, [item.id])];
      if (vaultId !== item.vaultId) notices.push(itemsChanged(await this.store.memberIds(c, item.vaultId), item.vaultId, [item.id]));
      return { result, notices };
    });
  }

  private setTrashed(userId: string, input: In<'trashItem'>, trashed: boolean): Promise<ItemView> {
    return this.w.once(userId, input.idempotencyKey, trashed ? 'items.trash' : 'items.restore', async (c) => {
      const item = await this.lockForWrite(c, userId, input.id, input.baseRevision);
      if ((item.deletedAt !== null) === trashed) return { result: item, notices: [] };
      const result = await this.store.setTrashed(c, item.id, trashed);
      return { result, notices: [itemsChanged(await this.store.memberIds(c, item.vaultId), item.vaultId, [item.id])] };
    });
  }

  trash(userId: string, input: In<'trashItem'>): Promise<ItemView> {
    return this.setTrashed(userId, input, true);
  }

  restore(userId: string, input: In<'restoreItem'>): Promise<ItemView> {
    return this.setTrashed(userId, input, false);
  }

  delete(userId: string, input: In<'deleteItem'>): Promise<{ ok: true }> {
    return this.w.write(async (c) => {
      const item = await this.lockForWrite(c, userId, input.id, input.baseRevision);
      await this.store.deleteItem(c, item.id);
      return { result: { ok: true as const }, notices: [itemsChanged(await this.store.memberIds(c, item.vaultId), item.vaultId, [item.id])] };
    });
  }

  // ---- attachments ----

  /** Stores an encrypted attachment of an item the caller may write; a retry with the same id replaces it. */
  putAttachment(userId: string, input: In<'putAttachment'>): Promise<{ id: string; size: number }> {
    const data = Buffer.from(input.data, 'base64');
    return this.w.write(async (c) => {
      const peek = await this.store.item(c, input.itemId);
      if (!peek) throw notFound();
      await this.w.access(c, userId, peek.vaultId, 'share', 'write');
      const item = await this.store.item(c, input.itemId, true);
      if (!item || item.vaultId !== peek.vaultId) throw notFound();
      if (!(await this.store.putAttachment(c, { id: input.id, itemId: item.id, data }))) throw idTaken();
      return { result: { id: input.id, size: data.length }, notices: [itemsChanged(await this.store.memberIds(c, item.vaultId), item.vaultId, [item.id])] };
    });
  }

  async getAttachment(userId: string, id: string): Promise<AttachmentView> {
    const db = this.w.deps.db;
    const place = await this.store.attachmentPlace(db, userId, id);
    const data = place ? await this.store.attachmentData(db, id) : null;
    if (!place || !data) throw notFound();
    return { id, itemId: place.itemId, data: data.toString('base64') };
  }

  deleteAttachment(userId: string, id: string): Promise<{ ok: true }> {
    return this.w.write(async (c) => {
      const peek = await this.store.attachmentPlace(c, userId, id);
      if (!peek) throw notFound();
      await this.w.access(c, userId, peek.vaultId, 'share', 'write');
      const place = await this.store.attachmentPlace(c, userId, id);
      if (!place) throw notFound();
      await this.store.deleteAttachment(c, id);
      return { result: { ok: true as const }, notices: [itemsChanged(await this.store.memberIds(c, place.vaultId), place.vaultId, [place.itemId])] };
    });
  }
}
