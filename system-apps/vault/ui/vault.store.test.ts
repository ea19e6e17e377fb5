// The store with a fake client: lock drops every decrypted thing; a conflict asks and each answer does what it says; pushes reload items.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { VaultError, type DecryptedItem, type PlainItem, type VaultClientApi } from './core/types';
import { decrypted, login } from './lib/fixtures';
import { setVaultClient, useVaultStore } from './vault.store';

function fakeClient(server: Map<string, DecryptedItem>) {
  let unlocked = false;
  const created: PlainItem[] = [];
  const c = {
    get unlocked() {
      return unlocked;
    },
    status: async () => ({ setUp: true, autoLockMinutes: 5 }),
    unlock: async (pw: string) => {
      if (pw !== 'right') throw new VaultError('wrongPassword', 'wrong');
      unlocked = true;
    },
    lock: () => void (unlocked = false),
    vaults: async () => [{ id: 'v1', name: 'Personal', role: 'owner' as const, keyVersion: 1, owner: { id: 'u', name: 'u' }, memberCount: 1, createdAt: 0 }],
    items: async () => ({ items: [...server.values()], damaged: [] }),
    item: async (id: string) => {
      const d = server.get(id);
      if (!d) throw new Error('gone');
      return d;
    },
    createItem: async (vaultId: string, item: PlainItem) => {
      created.push(item);
      const d = decrypted(item, { vaultId });
      server.set(d.id, d);
      return d;
    },
    updateItem: async (base: DecryptedItem, item: PlainItem) => {
      const now = server.get(base.id) ?? null;
      if (!now || now.revision !== base.revision) throw new VaultError('conflict', 'changed', now);
      const d = { ...now, revision: now.revision + 1, item };
      server.set(d.id, d);
      return d;
    },
  };
  return { client: c as unknown as VaultClientApi, created };
}

describe('vault store', () => {
  let server: Map<string, DecryptedItem>;
  let fake: ReturnType<typeof fakeClient>;
  const mail = decrypted(login('Mail', { password: 'one' }));
  beforeEach(async () => {
    setActivePinia(createPinia());
    server = new Map([[mail.id, mail]]);
    fake = fakeClient(server);
    setVaultClient(fake.client);
  });

  async function unlocked() {
    const s = useVaultStore();
    await s.start();
    expect(s.phase).toBe('locked');
    await expect(s.unlock('wrong')).rejects.toMatchObject({ code: 'wrongPassword' });
    await s.unlock('right');
    expect(s.phase).toBe('unlocked');
    expect(s.autoLockMinutes).toBe(5);
    return s;
  }

  it('forgets everything on lock', async () => {
    const s = await unlocked();
    s.select(mail.id);
    s.query = 'mail';
    expect(s.selected?.item.name).toBe('Mail');
    s.lock();
    expect([s.phase, s.items, s.vaults, s.selectedId, s.query]).toEqual(['locked', [], [], null, '']);
    expect(fake.client.unlocked).toBe(false);
  });

  it('asks on a conflict: theirs, mine on top, or both', async () => {
    const s = await unlocked();
    const theirs = { ...mail, revision: 2, item: login('Mail', { password: 'theirs' }) };
    server.set(mail.id, theirs);

    const answer = (choice: 'mine' | 'theirs' | 'both' | null) => {
      const saving = s.save(mail, login('Mail', { password: 'mine' }), { copyName: 'Mail (copy)' });
      return { saving, answer: () => s.conflict!.resolve(choice) };
    };

    let run = answer('theirs');
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.conflict?.theirs?.revision).toBe(2);
    run.answer();
    expect(await run.saving).toMatchObject({ revision: 2 });
    expect(server.get(mail.id)!.item).toMatchObject({ login: { password: 'theirs' } });

    run = answer('mine');
    await new Promise((r) => setTimeout(r, 0));
    run.answer();
    expect(await run.saving).toMatchObject({ revision: 3 });
    expect(server.get(mail.id)!.item).toMatchObject({ login: { password: 'mine' } });

    run = answer('both');
    await new Promise((r) => setTimeout(r, 0));
    run.answer();
    const copy = await run.saving;
    expect(copy?.item.name).toBe('Mail (copy)');
    expect(server.get(mail.id)!.revision).toBe(3);
    expect(s.items.map((d) => d.item.name).sort()).toEqual(['Mail', 'Mail (copy)']);

    run = answer(null);
    await new Promise((r) => setTimeout(r, 0));
    run.answer();
    expect(await run.saving).toBeNull();
  });

  it('reloads the items a push names, and drops those gone', async () => {
    const s = await unlocked();
    server.set(mail.id, { ...mail, revision: 2, item: login('Mail 2') });
    await s.changed({ vaultId: 'v1', itemIds: [mail.id] });
    expect(s.items[0]!.item.name).toBe('Mail 2');
    server.delete(mail.id);
    await s.changed({ vaultId: 'v1', itemIds: [mail.id] });
    expect(s.items).toEqual([]);
  });
});
