// Vault's window state: which screen (setup, locked, unlocked) and, while unlocked only, the decrypted items and vaults; the client (keys inside) lives outside reactive state.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { VaultChanged } from '../shared/wire';
import { VaultError, type DamagedItem, type DecryptedItem, type PlainItem, type VaultClientApi, type VaultInfo } from './core/types';
import { visibleItems, type RailFilter } from './lib/filter';

/** The one client of this page: a module variable, never reactive, so its keys never reach devtools or a proxy. */
let client: VaultClientApi | null = null;

export function setVaultClient(c: VaultClientApi | null): void {
  client = c;
}

export function hasVaultClient(): boolean {
  return client !== null;
}

export function vaultClient(): VaultClientApi {
  if (!client) throw new Error('the vault client is not set');
  return client;
}

export type Phase = 'loading' | 'error' | 'setup' | 'locked' | 'unlocked';
export type ConflictChoice = 'mine' | 'theirs' | 'both' | null;

export interface ConflictRequest {
  base: DecryptedItem;
  mine: PlainItem;
  theirs: DecryptedItem | null;
  resolve(choice: ConflictChoice): void;
}

export function isVaultError(err: unknown, code?: VaultError['code']): err is VaultError {
  return (err instanceof VaultError || (err as { name?: string } | null)?.name === 'VaultError') && (!code || (err as VaultError).code === code);
}

export const useVaultStore = defineStore('vault', () => {
  const phase = ref<Phase>('loading');
  const loadError = ref<unknown>(null);
  const autoLockMinutes = ref(15);
  const vaults = shallowRef<VaultInfo[]>([]);
  const items = shallowRef<DecryptedItem[]>([]);
  const damaged = shallowRef<DamagedItem[]>([]);
  const filter = ref<RailFilter>({ kind: 'all' });
  const view = ref<'items' | 'health'>('items');
  const query = ref('');
  const selectedId = ref<string | null>(null);
  const conflict = shallowRef<ConflictRequest | null>(null);
  /** Bumped on each lock, so that answers of calls begun before it are dropped. */
  let epoch = 0;

  const visible = computed(() => visibleItems(items.value, filter.value, query.value));
  const selected = computed(() => items.value.find((d) => d.id === selectedId.value) ?? null);
  const vaultById = computed(() => new Map(vaults.value.map((v) => [v.id, v])));
  const writableVaults = computed(() => vaults.value.filter((v) => v.role !== 'read'));
  const canWrite = (vaultId: string) => vaultById.value.get(vaultId)?.role !== 'read';

  async function start(): Promise<void> {
    phase.value = 'loading';
    loadError.value = null;
    try {
      const s = await vaultClient().status();
      autoLockMinutes.value = s.autoLockMinutes;
      if (!s.setUp) phase.value = 'setup';
      else if (vaultClient().unlocked) await opened();
      else phase.value = 'locked';
    } catch (err) {
      loadError.value = err;
      phase.value = 'error';
    }
  }

  async function opened(): Promise<void> {
    await load();
    phase.value = 'unlocked';
  }

  async function setup(password: string, firstVaultName: string): Promise<void> {
    await vaultClient().setup(password, firstVaultName);
    await opened();
  }

  /** Throws VaultError('wrongPassword') for the form to show. */
  async function unlock(password: string): Promise<void> {
    await vaultClient().unlock(password);
    const s = await vaultClient().status();
    autoLockMinutes.value = s.autoLockMinutes;
    await opened();
  }

  /** Forgets the keys and every decrypted thing. */
  function lock(): void {
    epoch++;
    client?.lock();
    vaults.value = [];
    items.value = [];
    damaged.value = [];
    selectedId.value = null;
    query.value = '';
    filter.value = { kind: 'all' };
    view.value = 'items';
    conflict.value?.resolve(null);
    conflict.value = null;
    if (phase.value === 'unlocked') phase.value = 'locked';
  }

  async function load(): Promise<void> {
    const at = epoch;
    const [vs, all] = await Promise.all([vaultClient().vaults(), vaultClient().items()]);
    if (at !== epoch) return;
    vaults.value = vs;
    items.value = all.items;
    damaged.value = all.damaged;
  }

  async function reloadVaults(): Promise<void> {
    const at = epoch;
    const vs = await vaultClient().vaults();
    if (at === epoch) vaults.value = vs;
  }

  function upsert(d: DecryptedItem): void {
    const i = items.value.findIndex((x) => x.id === d.id);
    if (i >= 0 && items.value[i]!.revision > d.revision) return; // a later version is already here
    items.value = i >= 0 ? items.value.map((x, j) => (j === i ? d : x)) : [...items.value, d];
    if (damaged.value.some((x) => x.id === d.id)) damaged.value = damaged.value.filter((x) => x.id !== d.id);
  }

  function drop(id: string): void {
    items.value = items.value.filter((x) => x.id !== id);
    if (selectedId.value === id) selectedId.value = null;
  }

  /** A push from the server: fetch the items it names (or everything after a vault-wide change). */
  async function changed(change: VaultChanged): Promise<void> {
    if (phase.value !== 'unlocked') return;
    const at = epoch;
    const knownVault = change.vaultId !== null && vaultById.value.has(change.vaultId);
    if (change.vaultId === null || !knownVault || !change.itemIds.length || change.itemIds.length > 25) {
      await load();
      return;
    }
    await reloadVaults();
    for (const id of change.itemIds) {
      try {
        const d = await vaultClient().item(id);
        if (at !== epoch) return;
        upsert(d);
      } catch (err) {
        if (at !== epoch) return;
        if (isVaultError(err, 'tampered')) {
          drop(id);
          damaged.value = [...damaged.value.filter((x) => x.id !== id), { id, vaultId: change.vaultId, revision: 0, reason: 'tampered' }];
        } else drop(id); // gone, or no longer ours
      }
    }
  }

  async function create(vaultId: string, item: PlainItem): Promise<DecryptedItem> {
    const d = await vaultClient().createItem(vaultId, item);
    upsert(d);
    return d;
  }

  function askConflict(req: Omit<ConflictRequest, 'resolve'>): Promise<ConflictChoice> {
    return new Promise((resolve) => {
      conflict.value = {
        ...req,
        resolve: (choice) => {
          conflict.value = null;
          resolve(choice);
        },
      };
    });
  }

  /**
   * Saves a change; when someone else saved first, asks (never overwrites silently). Resolves with what is
   * now shown (theirs, mine, or the copy of mine), or null when the user went back to editing.
   */
  async function save(base: DecryptedItem, mine: PlainItem, opts: { toVaultId?: string; copyName: string }): Promise<DecryptedItem | null> {
    try {
      const d = await vaultClient().updateItem(base, mine, opts.toVaultId);
      upsert(d);
      return d;
    } catch (err) {
      if (!isVaultError(err, 'conflict')) throw err;
      const theirs = err.current ?? null;
      const choice = await askConflict({ base, mine, theirs });
      if (choice === null) return null;
      if (theirs) upsert(theirs);
      else drop(base.id);
      if (choice === 'theirs') return theirs;
      if (choice === 'both') return create(opts.toVaultId ?? theirs?.vaultId ?? base.vaultId, { ...mine, name: opts.copyName });
      // Keep mine: saved on top of theirs (which may conflict again, and ask again).
      return theirs ? save(theirs, mine, opts) : create(opts.toVaultId ?? base.vaultId, mine);
    }
  }

  /** Imports items into a vault (all or none); returns how many arrived. */
  async function importInto(vaultId: string, plain: PlainItem[]): Promise<number> {
    const added = await vaultClient().importItems(vaultId, plain);
    const known = new Set(added.map((d) => d.id));
    items.value = [...items.value.filter((d) => !known.has(d.id)), ...added];
    return added.length;
  }

  async function trash(d: DecryptedItem): Promise<void> {
    upsert(await vaultClient().trashItem(d));
  }
  async function restore(d: DecryptedItem): Promise<void> {
    upsert(await vaultClient().restoreItem(d));
  }
  async function remove(d: DecryptedItem): Promise<void> {
    await vaultClient().deleteItem(d);
    drop(d.id);
  }

  async function setAutoLock(minutes: number): Promise<void> {
    await vaultClient().setAutoLock(minutes);
    autoLockMinutes.value = minutes;
  }

  function select(id: string | null): void {
    selectedId.value = id;
    if (id) view.value = 'items';
  }

  function show(f: RailFilter): void {
    filter.value = f;
    view.value = 'items';
  }

  return {
    phase,
    loadError,
    autoLockMinutes,
    vaults,
    items,
    damaged,
    filter,
    view,
    query,
    selectedId,
    conflict,
    visible,
    selected,
    vaultById,
    writableVaults,
    canWrite,
    start,
    setup,
    unlock,
    lock,
    load,
    reloadVaults,
    upsert,
    changed,
    create,
    importInto,
    save,
    trash,
    restore,
    remove,
    setAutoLock,
    select,
    show,
  };
});
