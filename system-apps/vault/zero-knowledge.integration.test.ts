// Vault end to end through the real app and the real tRPC client: after every kind of item, a share, a password change and a re-key, no table, log line or HTTP body holds a secret; tampering, a weak KDF, conflicts and lost answers are handled.
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, ORIGIN, signIn, startTestApp, type TestApp } from '../../bff/testing/app';
import { testServers } from '../../bff/testing/databases';
import type { AppRouter } from '../../bff/trpc/app-router';
import { aesKey } from './ui/core/cipher';
import { createVaultClient } from './ui/core/client';
import { fromB64, toB64, toHex, utf8 } from './ui/core/encoding';
import { deriveKeys } from './ui/core/kdf';
import { newItem } from './ui/core/items';
import { unsealKey, unwrapPrivateKey, unwrapUserKeyRaw } from './ui/core/keys';
import { VaultError, type DecryptedItem, type PlainItem, type VaultClientApi } from './ui/core/types';

const LOGIN_PASSWORD = 'login password for olares';

interface Exchange {
  method: string;
  url: string;
  request: string;
  response: string;
}

interface Browser {
  trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  vault: VaultClientApi;
}

/**
 * A browser for `name`: the stock tRPC client whose fetch goes through app.inject, recording every
 * exchange. `rewrite` plays a modified client (it may change a request body); `drop` loses the answer
 * to a request after the server has handled it.
 */
async function browser(
  t: TestApp,
  name: string,
  log: Exchange[],
  hooks: { rewrite?: (url: string, body: string) => string; drop?: (url: string) => boolean } = {},
): Promise<Browser> {
  const cookie = await signIn(t.app, name, LOGIN_PASSWORD);
  const fetchViaInject = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    let body = typeof init?.body === 'string' ? init.body : '';
    if (hooks.rewrite) body = hooks.rewrite(url.pathname, body);
    const headers: Record<string, string> = { ...Object.fromEntries(new Headers(init?.headers).entries()), cookie, origin: ORIGIN };
    const res = await t.app.inject({ method: method as 'GET' | 'POST', url: url.pathname + url.search, headers, ...(method === 'GET' ? {} : { payload: body }) });
    log.push({ method, url: url.pathname + url.search, request: body, response: res.body });
    if (hooks.drop?.(url.pathname)) throw new TypeError('fetch failed (answer lost on purpose)');
    const outHeaders = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') outHeaders.set(k, v);
    return new Response(res.body, { status: res.statusCode, headers: outHeaders });
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${ORIGIN}/trpc`, maxURLLength: 4000, headers: () => ({ 'x-olares-request': '1' }), fetch: fetchViaInject })],
  });
  return { trpc, vault: createVaultClient(trpc.vault, { retryDelaysMs: [0, 0] }) };
}

const rand = () => toHex(crypto.getRandomValues(new Uint8Array(6)));

/** Needles for a secret: itself, its hex, and base64 of it at each of the three byte alignments. */
function forms(secret: string): string[] {
  const bytes = utf8(secret);
  const out = [secret, toHex(bytes)];
  for (let k = 0; k < 3; k++) {
    const padded = new Uint8Array(k + bytes.length);
    padded.set(bytes, k);
    const enc = toB64(padded);
    out.push(enc.slice([0, 2, 3][k], Math.floor(padded.length / 3) * 4));
  }
  return out;
}

interface Hit {
  where: string;
  secret: string;
}

function findLeaks(haystacks: { where: string; text: string }[], secrets: Record<string, string>): Hit[] {
  const needles = Object.entries(secrets).flatMap(([label, s]) => forms(s).map((f) => ({ label, f })));
  const hits: Hit[] = [];
  for (const h of haystacks) for (const n of needles) if (h.text.includes(n.f)) hits.push({ where: h.where, secret: n.label });
  return hits;
}

/** Every row of every public table as text, and every bytea value as UTF-8 and as base64. */
async function databaseText(t: TestApp): Promise<{ where: string; text: string }[]> {
  const out: { where: string; text: string }[] = [];
  const { rows: tables } = await t.db.pool.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
  for (const { tablename } of tables) {
    // ROW(alias.*), not alias::text: a column with the alias's name would be read instead of the row.
    const { rows } = await t.db.pool.query<{ row: string }>(`SELECT ROW(zk_row.*)::text AS row FROM "${tablename}" zk_row`);
    rows.forEach((r, i) => out.push({ where: `${tablename}[${i}]`, text: r.row }));
  }
  const { rows: cols } = await t.db.pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'bytea'`,
  );
  for (const c of cols) {
    const { rows } = await t.db.pool.query<{ v: Buffer | null }>(`SELECT "${c.column_name}" AS v FROM "${c.table_name}"`);
    for (const r of rows) {
      if (!r.v) continue;
      out.push({ where: `${c.table_name}.${c.column_name} (utf8)`, text: r.v.toString('utf8') });
      out.push({ where: `${c.table_name}.${c.column_name} (base64)`, text: r.v.toString('base64') });
    }
  }
  return out;
}

function trafficText(log: Exchange[]): { where: string; text: string }[] {
  return log.flatMap((x, i) => [
    { where: `http[${i}] ${x.method} url`, text: `${x.url}\n${safeDecode(x.url)}` },
    { where: `http[${i}] request`, text: x.request },
    { where: `http[${i}] response`, text: x.response },
  ]);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch (_e) {
    return s;
  }
}

/** One item of each kind, every field holding its own marker; markers are recorded in `secrets` as `<tag>.<kind>.<field>`. */
function markedItems(tag: string, secrets: Record<string, string>): PlainItem[] {
  const marker = (kind: string, field: string) => (secrets[`${tag}.${kind}.${field}`] = `zk${tag}${kind}${field.replace(/\W/g, '')}${rand()}`);
  const base = <T extends PlainItem>(item: T): T => {
    const m = (field: string) => marker(item.kind, field);
    item.name = m('name');
    item.notes = m('notes');
    item.folder = m('folder');
    item.tags = [m('tag')];
    item.fields = [
      { name: m('fieldName'), value: m('fieldText'), type: 'text' },
      { name: m('hiddenName'), value: m('fieldHidden'), type: 'hidden' },
      { name: m('boolName'), value: 'true', type: 'boolean' },
    ];
    return item;
  };
  const login = base(newItem('login'));
  const totp = (secrets[`${tag}.login.totp`] = `ZKTOTP${rand().toUpperCase().replace(/[^A-Z2-7]/g, 'Q')}`);
  login.login = { username: marker('login', 'username'), password: marker('login', 'password'), uris: [`https://${marker('login', 'uri')}.example.com/login`], totp: `otpauth://totp/Acme:me?secret=${totp}&issuer=Acme` };
  const note = base(newItem('note'));
  const card = base(newItem('card'));
  card.card = { cardholder: marker('card', 'cardholder'), brand: marker('card', 'brand'), number: marker('card', 'number'), expMonth: marker('card', 'expMonth'), expYear: marker('card', 'expYear'), code: marker('card', 'code') };
  const identity = base(newItem('identity'));
  for (const k of Object.keys(identity.identity) as (keyof typeof identity.identity)[]) identity.identity[k] = marker('identity', k);
  const ssh = base(newItem('sshKey'));
  ssh.sshKey = { privateKey: marker('sshKey', 'privateKey'), publicKey: marker('sshKey', 'publicKey'), fingerprint: marker('sshKey', 'fingerprint') };
  return [login, note, card, identity, ssh];
}

/** The user's raw user key, vault keys and private key, opened with the master password (test-side only). */
async function keyMaterial(b: Browser, password: string, label: string): Promise<Record<string, string>> {
  const acc = await b.trpc.vault.account.get.query();
  if (!acc.setUp) throw new Error('not set up');
  const { encKey } = await deriveKeys(password, acc.kdf);
  const userRaw = await unwrapUserKeyRaw(encKey, acc.wrappedUserKey);
  const privateKey = await unwrapPrivateKey(await aesKey(userRaw), acc.wrappedPrivateKey);
  const out: Record<string, string> = { [`${label} user key`]: toB64(userRaw), [`${label} user key hex`]: toHex(userRaw) };
  for (const v of await b.trpc.vault.vaults.list.query()) out[`${label} vault key ${v.id} v${v.keyVersion}`] = toB64(await unsealKey(privateKey, v.sealedKey));
  return out;
}

describe.each(testServers())('Vault zero knowledge on $name PostgreSQL', (server) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(server);
    for (const name of ['alice', 'bob', 'carol', 'dave']) await createUser(t, name, LOGIN_PASSWORD, 'member');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps every plaintext, master password and key off the server, its logs and the wire', { timeout: 240_000 }, async () => {
    const log: Exchange[] = [];
    const secrets: Record<string, string> = {
      'alice master 1': `Alice master ZK-1 ${rand()} passphrase`,
      'alice master 2': `Alice master ZK-2 ${rand()} passphrase`,
      'bob master': `Bob master ZK-3 ${rand()} passphrase`,
      'personal vault name': `zkVaultPersonal${rand()}`,
      'shared vault name': `zkVaultShared${rand()}`,
      'shared vault new name': `zkVaultRenamed${rand()}`,
      'attachment bytes': `zkAttachment${rand()} file body`,
      'attachment name': `zkAttachName${rand()}.txt`,
      'old password': `zkOldPassword${rand()}`,
    };
    const alice = await browser(t, 'alice', log);
    const bob = await browser(t, 'bob', log);
    const keys: Record<string, string> = {};

    await alice.vault.setup(secrets['alice master 1']!, secrets['personal vault name']!);
    const [personal] = await alice.vault.vaults();
    expect(personal!.name).toBe(secrets['personal vault name']);
    const created: DecryptedItem[] = [];
    for (const item of markedItems('p', secrets)) created.push(await alice.vault.createItem(personal!.id, item));
    // A password change leaves the old one in the history; an attachment; a trashed item.
    const login = created[0]!;
    const withOld = await alice.vault.updateItem(login, { ...login.item, login: { ...(login.item as Extract<PlainItem, { kind: 'login' }>).login, password: secrets['old password']! } } as PlainItem);
    const changed = await alice.vault.updateItem(withOld, { ...withOld.item, login: { ...(withOld.item as Extract<PlainItem, { kind: 'login' }>).login, password: secrets['p.login.password']! } } as PlainItem);
    expect(changed.item.passwordHistory.map((h) => h.password)).toEqual([secrets['old password'], secrets['p.login.password']]);
    const withFile = await alice.vault.addAttachment(changed, { name: secrets['attachment name']!, mime: 'text/plain', bytes: utf8(secrets['attachment bytes']!) });
    expect(new TextDecoder().decode(await alice.vault.openAttachment(withFile.item.attachments[0]!))).toBe(secrets['attachment bytes']);
    await alice.vault.trashItem(created[1]!);

    await bob.vault.setup(secrets['bob master']!, `zkBobVault${rand()}`);
    const shared = await alice.vault.createVault(secrets['shared vault name']!);
    const sharedItems: DecryptedItem[] = [];
    for (const item of markedItems('s', secrets)) sharedItems.push(await alice.vault.createItem(shared.id, item));
    const [bobPerson] = (await alice.vault.people()).filter((p) => p.name === 'bob');
    await alice.vault.share(shared.id, bobPerson!, 'write');
    const bobSees = await bob.vault.items();
    expect(bobSees.damaged).toEqual([]);
    expect(bobSees.items.filter((i) => i.vaultId === shared.id).map((i) => i.item.name).sort()).toEqual(sharedItems.map((i) => i.item.name).sort());
    const bobLogin = bobSees.items.find((i) => i.id === sharedItems[0]!.id)!;
    expect(bobLogin.item).toEqual(sharedItems[0]!.item);
    secrets['bob item'] = `zkBobItem${rand()}`;
    await bob.vault.createItem(shared.id, { ...newItem('note'), name: secrets['bob item']! });
    await alice.vault.renameVault(shared.id, secrets['shared vault new name']!);
    Object.assign(keys, await keyMaterial(alice, secrets['alice master 1']!, 'alice (before)'));

    await alice.vault.changePassword(secrets['alice master 1']!, secrets['alice master 2']!);
    await alice.vault.removeMembers(shared.id, [bobPerson!.userId]);
    expect((await bob.vault.vaults()).map((v) => v.id)).not.toContain(shared.id);
    alice.vault.lock();
    await expect(alice.vault.unlock(secrets['alice master 1']!)).rejects.toMatchObject({ code: 'wrongPassword' });
    await alice.vault.unlock(secrets['alice master 2']!);
    const after = await alice.vault.items();
    expect(after.damaged).toEqual([]);
    expect(after.items.filter((i) => i.vaultId === shared.id).map((i) => [i.item.name, i.keyVersion]).sort()).toEqual(
      [...sharedItems.map((i) => i.item.name), secrets['bob item']].sort().map((n) => [n, 2]),
    );
    expect((await alice.vault.vaults()).find((v) => v.id === shared.id)?.name).toBe(secrets['shared vault new name']);
    Object.assign(keys, await keyMaterial(alice, secrets['alice master 2']!, 'alice (after)'), await keyMaterial(bob, secrets['bob master']!, 'bob'));
    expect(keys['alice (before) user key']).toBe(keys['alice (after) user key']);

    // The scanner finds a planted secret in a table (as text, as bytes, as base64), in the traffic and in the logs: it cannot pass by looking nowhere.
    const planted = { 'planted text': `zkPlanted${rand()}`, 'planted bytes': `zkPlantedBytes${rand()}`, 'planted base64': `zkPlantedB64${rand()}` };
    await t.db.pool.query('CREATE TABLE zk_scratch (t text, b bytea, j jsonb)');
    await t.db.pool.query('INSERT INTO zk_scratch VALUES ($1, $2, $3)', [`x ${planted['planted text']} y`, Buffer.from(`..${planted['planted bytes']}..`), JSON.stringify({ v: Buffer.from(`!${planted['planted base64']}`).toString('base64') })]);
    const control = findLeaks(
      [...(await databaseText(t)), ...trafficText([{ method: 'POST', url: '/trpc/x', request: `{"a":"${planted['planted text']}"}`, response: '' }]), { where: 'logs', text: `{"msg":"${planted['planted bytes']}"}` }],
      planted,
    );
    expect(new Set(control.map((h) => `${h.where.split('[')[0]}:${h.secret}`))).toEqual(
      new Set([
        'zk_scratch:planted text',
        'zk_scratch:planted bytes',
        'zk_scratch:planted base64',
        'zk_scratch.b (utf8):planted bytes',
        'zk_scratch.b (base64):planted bytes',
        'http:planted text',
        'logs:planted bytes',
      ]),
    );
    await t.db.pool.query('DROP TABLE zk_scratch');

    expect(Object.keys(secrets).length).toBeGreaterThan(100);
    expect(log.length).toBeGreaterThan(30);
    const everything = { ...secrets, ...keys };
    const leaks = findLeaks([...(await databaseText(t)), ...trafficText(log), ...t.logs.map((l, i) => ({ where: `log[${i}]`, text: l }))], everything);
    expect(leaks).toEqual([]);
    // The ciphertexts really are there (the scan read the rows it should have).
    const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM vault_items');
    expect(Number(rows[0]!.n)).toBe(11);
  });

  it('tells a wrong master password, and reports a changed or swapped ciphertext as damaged while the rest open', { timeout: 120_000 }, async () => {
    const carol = await browser(t, 'carol', []);
    await carol.vault.setup('Carol master password 7', 'Carol');
    const [v] = await carol.vault.vaults();
    const [a, b, c] = [await carol.vault.createItem(v!.id, { ...newItem('note'), name: 'A' }), await carol.vault.createItem(v!.id, { ...newItem('note'), name: 'B' }), await carol.vault.createItem(v!.id, { ...newItem('note'), name: 'C' })];
    carol.vault.lock();
    const wrong = await carol.vault.unlock('Carol master password 8').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(VaultError);
    expect(wrong).toMatchObject({ code: 'wrongPassword' });
    await carol.vault.unlock('Carol master password 7');

    const { rows } = await t.db.pool.query<{ data: string }>('SELECT data FROM vault_items WHERE id = $1', [a!.id]);
    const [ver, iv, ct] = rows[0]!.data.split('.') as [string, string, string];
    const bytes = fromB64(ct);
    bytes[5] = bytes[5]! ^ 0x01;
    await t.db.pool.query('UPDATE vault_items SET data = $2 WHERE id = $1', [a!.id, `${ver}.${iv}.${toB64(bytes)}`]);
    let listed = await carol.vault.items();
    expect(listed.damaged).toEqual([{ id: a!.id, vaultId: v!.id, revision: 1, reason: 'tampered' }]);
    expect(listed.items.map((i) => i.item.name).sort()).toEqual(['B', 'C']);

    await t.db.pool.query('UPDATE vault_items x SET data = y.data FROM vault_items y WHERE (x.id, y.id) IN (($1::uuid, $2::uuid), ($2::uuid, $1::uuid))', [b!.id, c!.id]);
    listed = await carol.vault.items();
    expect(listed.damaged.map((d) => d.id).sort()).toEqual([a!.id, b!.id, c!.id].sort());
    expect(listed.items).toEqual([]);
    await expect(carol.vault.item(b!.id)).rejects.toMatchObject({ code: 'tampered' });
  });

  it('has the server refuse a KDF below the floor from a modified client', { timeout: 120_000 }, async () => {
    const weaken = (_url: string, body: string) => {
      if (!body) return body;
      const batch = JSON.parse(body) as Record<string, { kdf?: { salt: string } }>;
      for (const call of Object.values(batch)) if (call?.kdf) call.kdf = { alg: 'pbkdf2-sha256', iterations: 100_000, salt: call.kdf.salt } as never;
      return JSON.stringify(batch);
    };
    const modified = await browser(t, 'dave', [], { rewrite: weaken });
    const refused = await modified.vault.setup('Dave master password 1', 'Dave').catch((e: unknown) => e);
    expect(refused).toMatchObject({ data: { code: 'BAD_REQUEST', reason: 'vault.kdfTooWeak' } });
    expect(await modified.trpc.vault.account.get.query()).toEqual({ setUp: false });

    const dave = await browser(t, 'dave', []);
    await dave.vault.setup('Dave master password 1', 'Dave');
    const refusedChange = await modified.vault.changePassword('Dave master password 1', 'Dave master password 2').catch((e: unknown) => e);
    expect(refusedChange).toMatchObject({ data: { reason: 'vault.kdfTooWeak' } });
    dave.vault.lock();
    await dave.vault.unlock('Dave master password 1');
  });

  it('resolves a stale write as a conflict with the current item, and applies a write whose answer was lost once', { timeout: 120_000 }, async () => {
    let lose = 0;
    const log: Exchange[] = [];
    const one = await browser(t, 'carol', log, { drop: (url) => url.includes('vault.items.create') && lose-- > 0 });
    const two = await browser(t, 'carol', []);
    await one.vault.unlock('Carol master password 7');
    await two.vault.unlock('Carol master password 7');
    const [v] = await one.vault.vaults();

    lose = 1;
    const made = await one.vault.createItem(v!.id, { ...newItem('login'), name: 'Once' });
    const creates = log.filter((x) => x.url.includes('vault.items.create')).map((x) => JSON.parse(x.request)['0'] as { id: string; idempotencyKey: string });
    expect(creates).toHaveLength(2);
    expect(creates[0]).toEqual(creates[1]);
    const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM vault_items WHERE id = $1', [made.id]);
    expect(rows[0]!.n).toBe('1');

    const theirs = await two.vault.updateItem(made, { ...made.item, name: 'Theirs' });
    const err = await one.vault.updateItem(made, { ...made.item, name: 'Mine' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect(err).toMatchObject({ code: 'conflict', current: { id: made.id, revision: theirs.revision, item: { name: 'Theirs' } } });
    const resolved = await one.vault.updateItem((err as VaultError).current!, { ...made.item, name: 'Mine, after seeing theirs' });
    expect((await two.vault.item(made.id)).item.name).toBe('Mine, after seeing theirs');
    await two.vault.deleteItem(resolved);
    await expect(one.vault.updateItem(resolved, resolved.item)).rejects.toMatchObject({ code: 'conflict', current: null });
  });
});
