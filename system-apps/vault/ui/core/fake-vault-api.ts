// An in-memory stand-in for the `vault` router, for core's unit tests: same inputs (checked with the wire schemas), same refusals, and faults on demand.
import { Inputs, kdfProblem, type AccountView, type ItemView, type MemberView, type VaultRole, type VaultView } from '../../shared/wire';
import type { VaultApi } from './api';

interface Account {
  name: string;
  setUp: boolean;
  kdf?: Extract<AccountView, { setUp: true }>['kdf'];
  authKey?: string;
  wrappedUserKey?: string;
  publicKey?: string;
  wrappedPrivateKey?: string;
  autoLockMinutes: number;
}

interface Vault {
  id: string;
  name: string;
  keyVersion: number;
  ownerId: string;
  createdAt: number;
  members: Map<string, { role: VaultRole; sealedKey: string }>;
}

type Fault = 'lostRequest' | 'lostResponse' | 'serverError';

export class FakeError extends Error {
  constructor(
    message: string,
    readonly data: { code: string; httpStatus: number; reason: string; details?: unknown },
  ) {
    super(message);
    this.name = 'TRPCClientError';
  }
}

const STATUS: Record<string, number> = { BAD_REQUEST: 400, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };
const fail = (code: string, reason: string, message: string, details?: unknown) => new FakeError(message, { code, httpStatus: STATUS[code] ?? 500, reason, ...(details !== undefined ? { details } : {}) });
const notFound = () => fail('NOT_FOUND', 'vault.notFound', 'No such vault or item.');

export class FakeVaultServer {
  readonly accounts = new Map<string, Account>();
  readonly vaults = new Map<string, Vault>();
  readonly items = new Map<string, ItemView>();
  readonly attachments = new Map<string, { itemId: string; data: string }>();
  readonly calls: { user: string; path: string; input: unknown }[] = [];
  private readonly idem = new Map<string, unknown>();
  private readonly faults = new Map<string, Fault[]>();
  private clock = 1_000;

  /** The next calls of `path` fail this way, in order. */
  fault(path: string, ...faults: Fault[]): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), ...faults]);
  }

  private readonly ids = new Map<string, string>();

  /** The user id (a UUID) of the user called `name`. */
  idOf(name: string): string {
    let id = this.ids.get(name);
    if (!id) {
      id = crypto.randomUUID();
      this.ids.set(name, id);
      this.accounts.set(id, { name, setUp: false, autoLockMinutes: 15 });
    }
    return id;
  }

  /** The `vault` router as the user called `name` sees it (a new user on first use). */
  apiFor(name: string): VaultApi {
    const userId = this.idOf(name);
    const call =
      <I, O>(path: string, fn: (input: I) => O) =>
      async (input: I): Promise<O> => {
        this.calls.push({ user: userId, path, input });
        const f = this.faults.get(path)?.shift();
        if (f === 'lostRequest') throw new TypeError('fetch failed');
        if (f === 'serverError') throw new FakeError('server', { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, reason: 'server.error' });
        const out = structuredClone(fn(structuredClone(input)));
        if (f === 'lostResponse') throw new TypeError('fetch failed');
        return out;
      };
    const q = <I, O>(path: string, fn: (input: I) => O) => ({ query: call(path, fn) });
    const m = <I, O>(path: string, fn: (input: I) => O) => ({ mutate: call(path, fn) });
    const q0 = <O>(path: string, fn: () => O) => ({ query: () => call<undefined, O>(path, fn)(undefined) });
    const u = userId;
    return {
      account: {
        get: q0('account.get', () => this.accountView(u)),
        setup: m('account.setup', (i) => this.setup(u, Inputs.setup.parse(i))),
        changePassword: m('account.changePassword', (i) => this.changePassword(u, Inputs.changePassword.parse(i))),
        verify: m('account.verify', (i) => {
          if (Inputs.verify.parse(i).authKey !== this.account(u).authKey) throw fail('BAD_REQUEST', 'vault.wrongMasterPassword', 'wrong');
          return { ok: true as const };
        }),
        settings: m('account.settings', (i) => {
          this.account(u).autoLockMinutes = Inputs.settings.parse(i).autoLockMinutes;
          return this.accountView(u);
        }),
      },
      vaults: {
        list: q0('vaults.list', () => [...this.vaults.values()].filter((v) => v.members.has(u)).map((v) => this.vaultView(u, v))),
        create: m('vaults.create', (i) => {
          const x = Inputs.createVault.parse(i);
          if (this.vaults.has(x.id)) throw fail('CONFLICT', 'vault.exists', 'exists');
          return this.vaultView(u, this.addVault(u, x.id, x.name, x.sealedKey));
        }),
        rename: m('vaults.rename', (i) => {
          const x = Inputs.renameVault.parse(i);
          const v = this.owned(u, x.vaultId);
          if (x.keyVersion !== v.keyVersion) throw fail('CONFLICT', 'vault.rekeyStale', 'stale');
          v.name = x.name;
          return this.vaultView(u, v);
        }),
        delete: m('vaults.delete', (i) => {
          const v = this.owned(u, Inputs.vaultId.parse(i).vaultId);
          this.vaults.delete(v.id);
          for (const it of [...this.items.values()]) if (it.vaultId === v.id) this.items.delete(it.id);
          return { ok: true as const };
        }),
        rekey: m('vaults.rekey', (i) => this.once(u, Inputs.rekey.parse(i).idempotencyKey, () => this.rekey(u, Inputs.rekey.parse(i)))),
      },
      members: {
        list: q('members.list', (i) => this.memberViews(this.member(u, Inputs.vaultId.parse(i).vaultId))),
        people: q0('members.people', () => [...this.accounts].filter(([id, a]) => id !== u && a.setUp).map(([id, a]) => ({ userId: id, name: a.name, publicKey: a.publicKey! }))),
        add: m('members.add', (i) => {
          const x = Inputs.addMember.parse(i);
          const v = this.owned(u, x.vaultId);
          if (x.keyVersion !== v.keyVersion) throw fail('CONFLICT', 'vault.rekeyStale', 'stale');
          if (!this.accounts.get(x.userId)?.setUp) throw fail('NOT_FOUND', 'vault.noSuchPerson', 'no such person');
          v.members.set(x.userId, { role: x.role, sealedKey: x.sealedKey });
          return this.memberViews(v);
        }),
        setRole: m('members.setRole', (i) => {
          const x = Inputs.setMemberRole.parse(i);
          const v = this.owned(u, x.vaultId);
          const mem = v.members.get(x.userId);
          if (!mem || x.userId === v.ownerId) throw notFound();
          mem.role = x.role;
          return this.memberViews(v);
        }),
        leave: m('members.leave', (i) => {
          const v = this.member(u, Inputs.vaultId.parse(i).vaultId);
          v.members.delete(u);
          return { ok: true as const };
        }),
      },
      items: {
        list: q('items.list', (i) => {
          const x = Inputs.listItems.parse(i);
          return [...this.items.values()].filter((it) => this.vaults.get(it.vaultId)?.members.has(u) && (!x?.vaultId || it.vaultId === x.vaultId));
        }),
        get: q('items.get', (i) => this.item(u, Inputs.getItem.parse(i).id)),
        create: m('items.create', (i) => {
          const x = Inputs.createItem.parse(i);
          return this.once(u, x.idempotencyKey, () => {
            const v = this.writable(u, x.vaultId, x.keyVersion);
            if (this.items.has(x.id)) throw fail('CONFLICT', 'vault.exists', 'exists');
            const now = this.tick();
            const it: ItemView = { id: x.id, vaultId: v.id, revision: 1, keyVersion: v.keyVersion, data: x.data, createdAt: now, updatedAt: now, deletedAt: null };
            this.items.set(it.id, it);
            return it;
          });
        }),
        update: m('items.update', (i) => {
          const x = Inputs.updateItem.parse(i);
          return this.once(u, x.idempotencyKey, () => {
            const it = this.current(u, x.id, x.baseRevision);
            const v = this.writable(u, x.vaultId ?? it.vaultId, x.keyVersion);
            Object.assign(it, { vaultId: v.id, data: x.data, keyVersion: v.keyVersion, revision: it.revision + 1, updatedAt: this.tick() });
            return it;
          });
        }),
        trash: m('items.trash', (i) => this.setDeleted(u, Inputs.trashItem.parse(i), true)),
        restore: m('items.restore', (i) => this.setDeleted(u, Inputs.restoreItem.parse(i), false)),
        delete: m('items.delete', (i) => {
          const x = Inputs.deleteItem.parse(i);
          this.current(u, x.id, x.baseRevision);
          this.items.delete(x.id);
          return { ok: true as const };
        }),
        import: m('items.import', (i) => {
          const x = Inputs.importItems.parse(i);
          return this.once(u, x.idempotencyKey, () => {
            const v = this.writable(u, x.vaultId, x.keyVersion);
            const now = this.tick();
            return x.items.map((n) => {
              const it: ItemView = { id: n.id, vaultId: v.id, revision: 1, keyVersion: v.keyVersion, data: n.data, createdAt: now, updatedAt: now, deletedAt: null };
              this.items.set(it.id, it);
              return it;
            });
          });
        }),
      },
      attachments: {
        put: m('attachments.put', (i) => {
          const x = Inputs.putAttachment.parse(i);
          const it = this.item(u, x.itemId);
          this.writable(u, it.vaultId, this.vaults.get(it.vaultId)!.keyVersion);
          this.attachments.set(x.id, { itemId: x.itemId, data: x.data });
          return { id: x.id, size: x.data.length };
        }),
        get: q('attachments.get', (i) => {
          const id = Inputs.attachmentId.parse(i).id;
          const a = this.attachments.get(id);
          if (!a) throw notFound();
          this.item(u, a.itemId);
          return { id, itemId: a.itemId, data: a.data };
        }),
        delete: m('attachments.delete', (i) => {
          this.attachments.delete(Inputs.attachmentId.parse(i).id);
          return { ok: true as const };
        }),
      },
    };
  }

  private tick(): number {
    return ++this.clock;
  }

  private once<T>(user: string, key: string, fn: () => T): T {
    const k = `${user}:${key}`;
    if (this.idem.has(k)) return this.idem.get(k) as T;
    const out = fn();
    this.idem.set(k, structuredClone(out));
    return out;
  }

  private account(u: string): Account {
    return this.accounts.get(u)!;
  }

  private accountView(u: string): AccountView {
    const a = this.account(u);
    if (!a.setUp) return { setUp: false };
    return { setUp: true, kdf: a.kdf!, wrappedUserKey: a.wrappedUserKey!, publicKey: a.publicKey!, wrappedPrivateKey: a.wrappedPrivateKey!, autoLockMinutes: a.autoLockMinutes };
  }

  private checkKdf(kdf: Parameters<typeof kdfProblem>[0]): void {
    const p = kdfProblem(kdf);
    if (p === 'tooWeak') throw fail('BAD_REQUEST', 'vault.kdfTooWeak', 'too weak');
    if (p === 'tooCostly') throw fail('BAD_REQUEST', 'vault.kdfTooCostly', 'too costly');
  }

  private setup(u: string, x: ReturnType<typeof Inputs.setup.parse>): AccountView {
    const a = this.account(u);
    if (a.setUp) throw fail('CONFLICT', 'vault.alreadySetUp', 'already set up');
    this.checkKdf(x.kdf);
    Object.assign(a, { setUp: true, kdf: x.kdf, authKey: x.authKey, wrappedUserKey: x.wrappedUserKey, publicKey: x.publicKey, wrappedPrivateKey: x.wrappedPrivateKey });
    this.addVault(u, x.vault.id, x.vault.name, x.vault.sealedKey);
    return this.accountView(u);
  }

  private changePassword(u: string, x: ReturnType<typeof Inputs.changePassword.parse>): AccountView {
    const a = this.account(u);
    if (!a.setUp || x.oldAuthKey !== a.authKey) throw fail('BAD_REQUEST', 'vault.wrongMasterPassword', 'wrong');
    this.checkKdf(x.kdf);
    Object.assign(a, { kdf: x.kdf, authKey: x.authKey, wrappedUserKey: x.wrappedUserKey });
    return this.accountView(u);
  }

  private addVault(u: string, id: string, name: string, sealedKey: string): Vault {
    const v: Vault = { id, name, keyVersion: 1, ownerId: u, createdAt: this.tick(), members: new Map([[u, { role: 'owner', sealedKey }]]) };
    this.vaults.set(id, v);
    return v;
  }

  private vaultView(u: string, v: Vault): VaultView {
    const me = v.members.get(u)!;
    return { id: v.id, name: v.name, role: me.role, sealedKey: me.sealedKey, keyVersion: v.keyVersion, owner: { id: v.ownerId, name: this.account(v.ownerId).name }, memberCount: v.members.size, createdAt: v.createdAt };
  }

  private memberViews(v: Vault): MemberView[] {
    return [...v.members].map(([userId, m]) => ({ userId, name: this.account(userId).name, role: m.role, publicKey: this.account(userId).publicKey! }));
  }

  private member(u: string, vaultId: string): Vault {
    const v = this.vaults.get(vaultId);
    if (!v || !v.members.has(u)) throw notFound();
    return v;
  }

  private owned(u: string, vaultId: string): Vault {
    const v = this.member(u, vaultId);
    if (v.ownerId !== u) throw fail('FORBIDDEN', 'vault.notOwner', 'owner only');
    return v;
  }

  private writable(u: string, vaultId: string, keyVersion: number): Vault {
    const v = this.member(u, vaultId);
    if (v.members.get(u)!.role === 'read') throw fail('FORBIDDEN', 'vault.readOnly', 'read only');
    if (keyVersion !== v.keyVersion) throw fail('CONFLICT', 'vault.rekeyStale', 'stale');
    return v;
  }

  private item(u: string, id: string): ItemView {
    const it = this.items.get(id);
    if (!it) throw notFound();
    this.member(u, it.vaultId);
    return it;
  }

  private current(u: string, id: string, baseRevision: number): ItemView {
    const it = this.items.get(id);
    if (!it || !this.vaults.get(it.vaultId)?.members.has(u)) throw fail('CONFLICT', 'vault.conflict', 'gone', null);
    if (it.revision !== baseRevision) throw fail('CONFLICT', 'vault.conflict', 'changed', structuredClone(it));
    if (this.vaults.get(it.vaultId)!.members.get(u)!.role === 'read') throw fail('FORBIDDEN', 'vault.readOnly', 'read only');
    return it;
  }

  private setDeleted(u: string, x: { id: string; baseRevision: number; idempotencyKey: string }, trash: boolean): ItemView {
    return this.once(u, x.idempotencyKey, () => {
      const it = this.current(u, x.id, x.baseRevision);
      Object.assign(it, { deletedAt: trash ? this.tick() : null, revision: it.revision + 1 });
      return it;
    });
  }

  private rekey(u: string, x: ReturnType<typeof Inputs.rekey.parse>): VaultView {
    const v = this.owned(u, x.vaultId);
    const mine = [...this.items.values()].filter((it) => it.vaultId === v.id);
    const stale = x.fromKeyVersion !== v.keyVersion || mine.length !== x.items.length || x.items.some((n) => this.items.get(n.id)?.revision !== n.revision);
    if (stale) throw fail('CONFLICT', 'vault.rekeyStale', 'stale');
    v.keyVersion++;
    v.name = x.name;
    for (const id of x.removeUserIds) v.members.delete(id);
    for (const m of x.members) {
      const mem = v.members.get(m.userId);
      if (mem) mem.sealedKey = m.sealedKey;
    }
    for (const n of x.items) Object.assign(this.items.get(n.id)!, { data: n.data, keyVersion: v.keyVersion, revision: n.revision + 1 });
    return this.vaultView(u, v);
  }
}
