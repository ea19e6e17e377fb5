// Vault's browser half: every key lives in this closure, every secret is encrypted here before it goes to the `vault` router.
import type { AccountView, ItemView, VaultView } from '../../shared/wire';
import { reasonOf, errorData, type VaultApi } from './api';
import { decrypted, IMPORT_CHUNK, mapSliced, MAX_ATTACHMENT_BYTES, plain, retrying, type Session, type VaultClientOptions, type VaultKey } from './client-support';
import { importBackup, createBackup } from './backup';
import { AD, aesKey, decrypt, decryptJson, decryptText, encrypt, encryptText, newAesKey, openBytes, sealBytes } from './cipher';
import { fromB64, randomBytes, toB64, utf8, uuid } from './encoding';
import { exportBitwarden } from './importers/export-bitwarden';
import { normalizeItem, withPasswordHistory } from './items';
import { deriveKeys, KdfRefused, newKdf } from './kdf';
import { fingerprint, newKeyPair, sealKey, unsealKey, unwrapPrivateKey, unwrapUserKey, unwrapUserKeyRaw, wrapUserKey } from './keys';
import { VaultError, type AttachmentRef, type DamagedItem, type DecryptedItem, type PlainItem, type VaultClientApi, type VaultInfo } from './types';

export type { VaultApi } from './api';
export { IMPORT_CHUNK, MAX_ATTACHMENT_BYTES, type VaultClientOptions } from './client-support';

const DEFAULT_AUTO_LOCK = 15;

export function createVaultClient(api: VaultApi, options: VaultClientOptions = {}): VaultClientApi {
  const write = retrying(options.retryDelaysMs ?? [300, 1_000]);
  let session: Session | null = null;
  /** Bumped by lock(): an unlock still deriving keys when the user locks does not unlock afterwards. */
  let epoch = 0;

  function need(): Session {
    if (!session) throw new VaultError('locked', 'Vault is locked.');
    return session;
  }

  async function account(): Promise<Extract<AccountView, { setUp: true }>> {
    const acc = await api.account.get.query();
    if (!acc.setUp) throw new VaultError('notSetUp', 'Vault is not set up yet.');
    return acc;
  }

  /** The password's keys for this account; parameters outside floor and ceiling are refused here too. */
  async function keysFor(password: string, acc: Extract<AccountView, { setUp: true }>) {
    try {
      return await deriveKeys(password, acc.kdf);
    } catch (e) {
      if (e instanceof KdfRefused) throw new VaultError('tampered', `The account's key derivation settings are outside what Vault allows (${e.problem}); they were not set by Vault.`);
      throw e;
    }
  }

  const wrongPassword = () => new VaultError('wrongPassword', 'The master password is not correct.');

  /** Takes in the vault list: opens the sealed keys that are new or changed, forgets vaults that are gone. */
  async function takeVaults(s: Session, views: VaultView[]): Promise<void> {
    const seen = new Set<string>();
    for (const v of views) {
      seen.add(v.id);
      const have = s.vaults.get(v.id);
      if (have && have.keyVersion === v.keyVersion && have.sealedKey === v.sealedKey) continue;
      try {
        const raw = await unsealKey(s.privateKey, v.sealedKey);
        s.vaults.set(v.id, { keyVersion: v.keyVersion, sealedKey: v.sealedKey, key: await aesKey(raw) });
        raw.fill(0);
      } catch (_e) {
        s.vaults.set(v.id, null);
      }
    }
    for (const id of [...s.vaults.keys()]) if (!seen.has(id)) s.vaults.delete(id);
  }

  async function loadVaults(s: Session): Promise<VaultView[]> {
    const views = await api.vaults.list.query();
    await takeVaults(s, views);
    return views;
  }

  async function vaultKey(s: Session, vaultId: string): Promise<VaultKey> {
    if (!s.vaults.get(vaultId)) await loadVaults(s);
    const vk = s.vaults.get(vaultId);
    if (vk === undefined) throw new VaultError('tampered', 'This vault is not among yours any more.');
    if (vk === null) throw new VaultError('tampered', 'This vault’s key cannot be opened with your key.');
    return vk;
  }

  /** Runs a write under the vault's current key; if someone re-keyed the vault meanwhile, once more under the new key. */
  async function onCurrentKey<T>(s: Session, vaultId: string, run: (vk: VaultKey) => Promise<T>): Promise<T> {
    try {
      return await run(await vaultKey(s, vaultId));
    } catch (e) {
      if (reasonOf(e) !== 'vault.rekeyStale') throw e;
      await loadVaults(s);
      return run(await vaultKey(s, vaultId));
    }
  }

  async function vaultInfo(s: Session, v: VaultView): Promise<VaultInfo> {
    let name = '';
    const vk = s.vaults.get(v.id);
    if (vk) name = await decryptText(vk.key, v.name, AD.vaultName(v.id)).catch(() => '');
    return { id: v.id, name, role: v.role, keyVersion: v.keyVersion, owner: v.owner, memberCount: v.memberCount, createdAt: v.createdAt };
  }

  /** Decrypts one item view; any failure (no key, bad tag, not an item) → VaultError('tampered'). */
  async function open(s: Session, v: ItemView): Promise<DecryptedItem> {
    const vk = s.vaults.get(v.vaultId);
    if (!vk) throw new VaultError('tampered', 'The item’s vault key cannot be opened.');
    const body = await decryptJson(vk.key, v.data, AD.item(v.id));
    try {
      return decrypted(v, normalizeItem(body));
    } catch (_e) {
      throw new VaultError('tampered', 'The item’s contents are not a Vault item.');
    }
  }

  async function openOrRefresh(s: Session, v: ItemView): Promise<DecryptedItem> {
    const vk = s.vaults.get(v.vaultId);
    if (!vk || vk.keyVersion !== v.keyVersion) await loadVaults(s);
    return open(s, v);
  }

  /** Turns the server's refusals into VaultErrors where the UI acts on them; a conflict comes with the current item, decrypted. */
  async function translate(s: Session, e: unknown): Promise<never> {
    const reason = reasonOf(e);
    if (reason === 'vault.conflict') {
      const details = errorData(e)?.details as ItemView | null | undefined;
      const current = details ? await openOrRefresh(s, details).catch(() => null) : null;
      throw new VaultError('conflict', 'Someone changed this item since you opened it.', current);
    }
    if (reason === 'vault.wrongMasterPassword') throw wrongPassword();
    throw e;
  }

  async function itemWrite(s: Session, run: () => Promise<ItemView>, item: PlainItem): Promise<DecryptedItem> {
    const view = await run().catch((e: unknown) => translate(s, e));
    return decrypted(view, item);
  }

  async function liveItems(): Promise<PlainItem[]> {
    const { items } = await client.items();
    return items.filter((i) => i.deletedAt === null).map((i) => i.item);
  }

  async function checkPassword(masterPassword: string): Promise<void> {
    if (!(await client.verifyPassword(masterPassword))) throw wrongPassword();
  }

  const client: VaultClientApi = {
    get unlocked() {
      return session !== null;
    },

    async status() {
      const acc = await api.account.get.query();
      return { setUp: acc.setUp, autoLockMinutes: acc.setUp ? acc.autoLockMinutes : DEFAULT_AUTO_LOCK };
    },

    async setup(masterPassword, firstVaultName) {
      const kdf = newKdf();
      const { encKey, authKey } = await deriveKeys(masterPassword, kdf);
      const userRaw = randomBytes(32);
      const wrappedUserKey = await wrapUserKey(encKey, userRaw);
      const userKey = await aesKey(userRaw);
      userRaw.fill(0);
      const pair = await newKeyPair(userKey);
      const vaultId = uuid();
      const vault = await newAesKey();
      const input = {
        kdf,
        authKey,
        wrappedUserKey,
        publicKey: pair.publicKey,
        wrappedPrivateKey: pair.wrappedPrivateKey,
        vault: { id: vaultId, name: await encryptText(vault.key, firstVaultName, AD.vaultName(vaultId)), sealedKey: await sealKey(pair.publicKey, vault.raw) },
      };
      vault.raw.fill(0);
      const at = epoch;
      await write(
        () => api.account.setup.mutate(input),
        async () => {
          const acc = await api.account.get.query();
          return acc.setUp && acc.wrappedUserKey === wrappedUserKey ? acc : undefined;
        },
      );
      const s: Session = { privateKey: pair.privateKey, publicKey: pair.publicKey, vaults: new Map() };
      await loadVaults(s);
      if (at === epoch) session = s;
    },

    async unlock(masterPassword) {
      const at = epoch;
      const acc = await account();
      const { encKey } = await keysFor(masterPassword, acc);
      const userKey = await unwrapUserKey(encKey, acc.wrappedUserKey);
      const privateKey = await unwrapPrivateKey(userKey, acc.wrappedPrivateKey);
      const s: Session = { privateKey, publicKey: acc.publicKey, vaults: new Map() };
      await loadVaults(s);
      if (at !== epoch) throw new VaultError('locked', 'Vault was locked while it was unlocking.');
      session = s;
    },

    lock() {
      session = null;
      epoch++;
    },

    async changePassword(oldPassword, newPassword) {
      const acc = await account();
      const old = await keysFor(oldPassword, acc);
      const raw = await unwrapUserKeyRaw(old.encKey, acc.wrappedUserKey);
      const kdf = newKdf();
      const next = await deriveKeys(newPassword, kdf);
      const wrappedUserKey = await wrapUserKey(next.encKey, raw);
      raw.fill(0);
      await write(
        () => api.account.changePassword.mutate({ oldAuthKey: old.authKey, kdf, authKey: next.authKey, wrappedUserKey }),
        async () => {
          const now = await api.account.get.query();
          return now.setUp && now.wrappedUserKey === wrappedUserKey ? now : undefined;
        },
      ).catch((e: unknown) => {
        throw reasonOf(e) === 'vault.wrongMasterPassword' ? wrongPassword() : e;
      });
    },

    async verifyPassword(masterPassword) {
      const acc = await account();
      const { encKey, authKey } = await keysFor(masterPassword, acc);
      try {
        await unwrapUserKey(encKey, acc.wrappedUserKey);
      } catch (e) {
        if (e instanceof VaultError && e.code === 'wrongPassword') return false;
        throw e;
      }
      try {
        return (await api.account.verify.mutate({ authKey })).ok === true;
      } catch (e) {
        if (reasonOf(e) === 'vault.wrongMasterPassword') return false;
        throw e;
      }
    },

    async setAutoLock(minutes) {
      await write(() => api.account.settings.mutate({ autoLockMinutes: minutes }));
    },

    async vaults() {
      const s = need();
      const views = await loadVaults(s);
      return Promise.all(views.map((v) => vaultInfo(s, v)));
    },

    async createVault(name) {
      const s = need();
      const id = uuid();
      const k = await newAesKey();
      const input = { id, name: await encryptText(k.key, name, AD.vaultName(id)), sealedKey: await sealKey(s.publicKey, k.raw) };
      k.raw.fill(0);
      const view = await write(
        () => api.vaults.create.mutate(input),
        async () => (await api.vaults.list.query()).find((v) => v.id === id),
      );
      await loadVaults(s);
      return vaultInfo(s, view);
    },

    async renameVault(vaultId, name) {
      const s = need();
      await onCurrentKey(s, vaultId, async (vk) => {
        const input = { vaultId, name: await encryptText(vk.key, name, AD.vaultName(vaultId)), keyVersion: vk.keyVersion };
        return write(() => api.vaults.rename.mutate(input));
      });
    },

    async deleteVault(vaultId) {
      const s = need();
      await write(
        () => api.vaults.delete.mutate({ vaultId }),
        async (e) => (errorData(e)?.code === 'NOT_FOUND' ? { ok: true } : undefined),
      );
      s.vaults.delete(vaultId);
    },

    async items() {
      const s = need();
      const [views, list] = await Promise.all([api.vaults.list.query(), api.items.list.query(undefined)]);
      await takeVaults(s, views);
      const items: DecryptedItem[] = [];
      const damaged: DamagedItem[] = [];
      await mapSliced(list, async (v) => {
        try {
          items.push(await open(s, v));
        } catch (_e) {
          damaged.push({ id: v.id, vaultId: v.vaultId, revision: v.revision, reason: 'tampered' });
        }
      });
      const order = new Map(list.map((v, i) => [v.id, i]));
      items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      return { items, damaged };
    },

    async item(id) {
      const s = need();
      return openOrRefresh(s, await api.items.get.query({ id }));
    },

    async createItem(vaultId, item) {
      const s = need();
      const body = plain(item);
      const id = uuid();
      return onCurrentKey(s, vaultId, async (vk) => {
        const input = { id, vaultId, data: await encryptJson(vk, body, id), keyVersion: vk.keyVersion, idempotencyKey: uuid() };
        return itemWrite(s, () => write(() => api.items.create.mutate(input)), body);
      });
    },

    async updateItem(base, item, toVaultId) {
      const s = need();
      const body = plain(withPasswordHistory(base.item, item));
      const target = toVaultId ?? base.vaultId;
      return onCurrentKey(s, target, async (vk) => {
        const input = {
          id: base.id,
          baseRevision: base.revision,
          data: await encryptJson(vk, body, base.id),
          keyVersion: vk.keyVersion,
          ...(target !== base.vaultId ? { vaultId: target } : {}),
          idempotencyKey: uuid(),
        };
        return itemWrite(s, () => write(() => api.items.update.mutate(input)), body);
      });
    },

    async trashItem(base) {
      const s = need();
      const input = { id: base.id, baseRevision: base.revision, idempotencyKey: uuid() };
      return itemWrite(s, () => write(() => api.items.trash.mutate(input)), plain(base.item));
    },

    async restoreItem(base) {
      const s = need();
      const input = { id: base.id, baseRevision: base.revision, idempotencyKey: uuid() };
      return itemWrite(s, () => write(() => api.items.restore.mutate(input)), plain(base.item));
    },

    async deleteItem(base) {
      const s = need();
      await write(
        () => api.items.delete.mutate({ id: base.id, baseRevision: base.revision }),
        // After a lost answer, "gone" means the first attempt went through.
        async (e) => (errorData(e)?.code === 'NOT_FOUND' || (reasonOf(e) === 'vault.conflict' && errorData(e)?.details == null) ? { ok: true } : undefined),
      ).catch((e: unknown) => translate(s, e));
    },

    async importItems(vaultId, items) {
      const s = need();
      const bodies = items.map((i) => ({ id: uuid(), body: plain(i) }));
      const out: DecryptedItem[] = [];
      for (let at = 0; at < bodies.length; at += IMPORT_CHUNK) {
        const chunk = bodies.slice(at, at + IMPORT_CHUNK);
        const views = await onCurrentKey(s, vaultId, async (vk) => {
          const enc = await mapSliced(chunk, async (c) => ({ id: c.id, data: await encryptJson(vk, c.body, c.id) }));
          const input = { vaultId, keyVersion: vk.keyVersion, items: enc, idempotencyKey: uuid() };
          return write(() => api.items.import.mutate(input));
        });
        const byId = new Map(chunk.map((c) => [c.id, c.body]));
        for (const v of views) out.push(decrypted(v, byId.get(v.id) ?? (await open(s, v)).item));
      }
      return out;
    },

    async addAttachment(base, file) {
      need();
      if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw new Error('The file is larger than 10 MiB.');
      const id = uuid();
      const k = await newAesKey();
      const data = toB64(await sealBytes(k.key, file.bytes, AD.attachment(id)));
      await write(() => api.attachments.put.mutate({ id, itemId: base.id, data }));
      const ref: AttachmentRef = { id, name: file.name, size: file.bytes.length, mime: file.mime || 'application/octet-stream', key: toB64(k.raw) };
      k.raw.fill(0);
      try {
        return await client.updateItem(base, { ...base.item, attachments: [...base.item.attachments, ref] });
      } catch (e) {
        await api.attachments.delete.mutate({ id }).catch(() => undefined);
        throw e;
      }
    },

    async openAttachment(ref) {
      need();
      const got = await api.attachments.get.query({ id: ref.id });
      let key: CryptoKey;
      let sealed: Uint8Array;
      try {
        key = await aesKey(fromB64(ref.key));
        sealed = fromB64(got.data);
      } catch (_e) {
        throw new VaultError('tampered', 'The attachment cannot be read.');
      }
      return openBytes(key, sealed, AD.attachment(ref.id));
    },

    async removeAttachment(base, attachmentId) {
      const saved = await client.updateItem(base, { ...base.item, attachments: base.item.attachments.filter((a) => a.id !== attachmentId) });
      await api.attachments.delete.mutate({ id: attachmentId }).catch(() => undefined);
      return saved;
    },

    async people() {
      need();
      return api.members.people.query();
    },

    async members(vaultId) {
      need();
      return api.members.list.query({ vaultId });
    },

    async share(vaultId, person, role) {
      const s = need();
      await onCurrentKey(s, vaultId, async (vk) => {
        const raw = await unsealKey(s.privateKey, vk.sealedKey);
        const sealedKey = await sealKey(person.publicKey, raw);
        raw.fill(0);
        return write(() => api.members.add.mutate({ vaultId, userId: person.userId, role, sealedKey, keyVersion: vk.keyVersion }));
      });
    },

    async setMemberRole(vaultId, userId, role) {
      need();
      await write(() => api.members.setRole.mutate({ vaultId, userId, role }));
    },

    async removeMembers(vaultId, userIds) {
      const s = need();
      const rekey = async () => {
        const views = await loadVaults(s);
        const view = views.find((v) => v.id === vaultId);
        const old = s.vaults.get(vaultId);
        if (!view || !old) throw new VaultError('tampered', 'This vault’s key cannot be opened with your key.');
        const [members, list] = await Promise.all([api.members.list.query({ vaultId }), api.items.list.query({ vaultId })]);
        const next = await newAesKey();
        const name = await encrypt(next.key, await decrypt(old.key, view.name, AD.vaultName(vaultId)), AD.vaultName(vaultId));
        const items = await mapSliced(
          list.filter((v) => v.vaultId === vaultId),
          async (v) => {
            const body = await decrypt(old.key, v.data, AD.item(v.id)).catch(() => {
              throw new VaultError('tampered', 'An item of this vault is damaged; delete it before removing members.');
            });
            return { id: v.id, revision: v.revision, data: await encrypt(next.key, body, AD.item(v.id)) };
          },
        );
        const stay = members.filter((m) => !userIds.includes(m.userId));
        const sealed = await mapSliced(stay, async (m) => ({ userId: m.userId, sealedKey: await sealKey(m.publicKey, next.raw) }));
        next.raw.fill(0);
        const input = { vaultId, fromKeyVersion: view.keyVersion, name, removeUserIds: userIds, members: sealed, items, idempotencyKey: uuid() };
        const done = await write(() => api.vaults.rekey.mutate(input));
        s.vaults.set(vaultId, { keyVersion: done.keyVersion, sealedKey: done.sealedKey, key: next.key });
      };
      try {
        await rekey();
      } catch (e) {
        if (reasonOf(e) !== 'vault.rekeyStale') throw e;
        await rekey();
      }
    },

    async leaveVault(vaultId) {
      const s = need();
      await write(() => api.members.leave.mutate({ vaultId }));
      s.vaults.delete(vaultId);
    },

    fingerprint,

    async exportEncrypted(masterPassword) {
      await checkPassword(masterPassword);
      return createBackup(await liveItems(), masterPassword);
    },

    async exportBitwarden(masterPassword) {
      await checkPassword(masterPassword);
      return exportBitwarden(await liveItems());
    },

    readBackup: importBackup,
  };

  async function encryptJson(vk: VaultKey, body: PlainItem, itemId: string): Promise<string> {
    return encrypt(vk.key, utf8(JSON.stringify(body)), AD.item(itemId));
  }

  return client;
}
