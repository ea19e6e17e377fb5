// Why this file exists: DESIGN.md §5 says every procedure states who may call it; this table is that statement, checked over HTTP for every actor, and it fails when a procedure has no row.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../auth/totp';
import type { Role } from '../auth/types';
import { UsersStore } from '../auth/users.store';
import { createUser, data, mutate, query, signIn, startTestApp, type TestApp } from '../testing/app';
import { testServers } from '../testing/databases';
import { authKey, cipher, kdf, sealed, setupInput } from '../../system-apps/vault/server/testing';
import { appRouter } from './app-router';

// ---------------------------------------------------------------------------------------------
// The actors. `pending` is a member whose password was right and who still owes the second factor:
// it is the only caller pendingProcedure lets in, and every authed procedure must refuse it.
// ---------------------------------------------------------------------------------------------

const ACTORS = ['anonymous', 'pending', 'member', 'anotherMember', 'admin', 'owner'] as const;
type Actor = (typeof ACTORS)[number];
type SignedInActor = Exclude<Actor, 'anonymous'>;

const EVERYONE: readonly Actor[] = ACTORS;
const SIGNED_IN: readonly Actor[] = ['member', 'anotherMember', 'admin', 'owner'];
const ADMINS: readonly Actor[] = ['admin', 'owner'];

const PASSWORD = 'correct horse battery staple';
const ACCOUNTS: Record<SignedInActor, { name: string; role: Role }> = {
  pending: { name: 'two-step', role: 'member' },
  member: { name: 'member', role: 'member' },
  anotherMember: { name: 'another-member', role: 'member' },
  admin: { name: 'admin', role: 'admin' },
  owner: { name: 'owner', role: 'owner' },
};
const CLIENT = { ip: '127.0.0.1', userAgent: 'authorization test' };

interface Account {
  id: string;
  name: string;
}

/** How a caller who may not call a procedure is turned away. */
interface Refusal {
  status: number;
  reason: string;
}

const AUTH_REQUIRED: Refusal = { status: 401, reason: 'auth.required' };
const ADMIN_ONLY: Refusal = { status: 403, reason: 'auth.adminOnly' };
const NO_PENDING_LOGIN: Refusal = { status: 401, reason: 'auth.noPendingLogin' };
const NOT_YOUR_SESSION: Refusal = { status: 404, reason: 'sessions.notFound' };

/** What a row's input and effect functions get for one call. */
interface Call {
  t: TestApp;
  actor: Actor;
  /** The caller's account; null for anonymous. */
  account: Account | null;
  /** The caller's session cookie; undefined for anonymous. */
  cookie: string | undefined;
  accounts: Record<SignedInActor, Account>;
  /** Unused recovery codes of the `pending` actor's account. */
  recoveryCodes: string[];
}

interface Row {
  /** The procedure's dotted path; its kind (query or mutation) comes from the router. */
  path: string;
  /** Who may call it. Everyone else is refused. */
  allow: readonly Actor[];
  /** Why these callers and no others. */
  why: string;
  /** Valid input for this call; may prepare state (it runs after the caller signed in). */
  input?: (call: Call) => unknown;
  /** Business refusals that still prove the caller got past authorisation (the allowed answer when not 200). */
  okReasons?: readonly string[];
  /**
   * How refused callers are answered when it is not the default: 401 auth.required for the signed-out
   * (anonymous, pending) and 403 auth.adminOnly for the signed-in.
   */
  refuse?: { signedOut?: Refusal; signedIn?: Refusal };
  /** The call ends or replaces the caller's session: sign the caller in afresh just before it. */
  fresh?: boolean;
  /** Whether the call's effect happened; checked to be true exactly when the caller is allowed. */
  effect?: (call: Call, input: unknown) => Promise<boolean>;
  /** Undoes what input prepared, so that the next call finds the actor as before. */
  after?: (call: Call) => Promise<void>;
}

const withTotpOn = async (call: Call): Promise<void> => {
  if (!call.account) return;
  const store = new UsersStore(call.t.db.pool);
  await store.setPendingTotpSecret(call.account.id, newTotpSecret());
  await store.enableTotp(call.account.id, 0);
};
const totpOff = async (call: Call): Promise<void> => {
  if (call.account && call.actor !== 'pending') await new UsersStore(call.t.db.pool).disableTotp(call.account.id);
};
let madeUsers = 0;
let madeFiles = 0;
/** The test app's DATA_DIR lives in here (users' Homes), beside folders admins add as roots. */
let filesTmp = '';
const homeOf = (call: Call, ...rel: string[]) => path.join(filesTmp, 'data', 'users', call.account?.name ?? 'nobody', 'Home', ...rel);
const exists = (p: string) => fs.lstat(p).then(() => true, () => false);
const NO_JOB = '00000000-0000-0000-0000-000000000000';
// Vault: the caller's own account and vaults the caller is a member of; another's vault, item or attachment is not found, an item write to one a conflict with nothing current.
const vaultRow = (path: string, okReasons: readonly string[] = [], input?: (call: Call) => unknown): Row => ({ path: `vault.${path}`, allow: SIGNED_IN, why: 'the caller’s own Vault account and the vaults the caller is a member of', okReasons, ...(input ? { input } : {}) });
const [VID, IID, NF, GONE, SET_UP] = [{ vaultId: NO_JOB }, { id: NO_JOB }, ['vault.notFound'], ['vault.conflict'], ['vault.notSetUp', 'vault.wrongMasterPassword']];
const once = () => ({ idempotencyKey: randomUUID() });
/** An item in a vault of member's (Vault set up for member on first use). */
async function membersItem(t: TestApp, memberId: string): Promise<string> {
  const vault = t.app.services.vault;
  if (!(await vault.account(memberId)).setUp) await vault.setup(memberId, setupInput());
  const [first] = await vault.listVaults(memberId);
  return (await vault.items.create(memberId, { id: randomUUID(), vaultId: first!.id, data: cipher(), keyVersion: first!.keyVersion, ...once() })).id;
}

// Wise: the caller's own subscriptions, folders, reading state and library; ids of others' (or none) are not found. Private addresses are refused past authorisation.
const wiseRow = (p: string, okReasons: readonly string[] = [], input?: (call: Call) => unknown): Row => ({ path: `wise.${p}`, allow: SIGNED_IN, why: 'the caller’s own subscriptions, folders, reading state and library; ids of others’ are not found', okReasons, ...(input ? { input } : {}) });
const [WNF, WID, WFEED, WURL] = [['wise.notFound'], () => ({ id: NO_JOB }), () => ({ feedId: NO_JOB }), (p: string) => () => ({ url: `http://127.0.0.1:9/${p}` })];
const membersSaved = async (t: TestApp, memberId: string) => (await t.db.pool.query<{ id: string }>(`INSERT INTO wise_entries (kind, user_id, dedupe_key, title) VALUES ('saved', $1, $2, 'mine') RETURNING id`, [memberId, randomUUID()])).rows[0]!.id;

// ---------------------------------------------------------------------------------------------
// The table: one row per procedure. Adding a procedure without a row fails the first test below.
// ---------------------------------------------------------------------------------------------

const TABLE: readonly Row[] = [
  { path: 'system.info', allow: EVERYONE, why: 'name and version, shown before sign-in' },

  { path: 'auth.status', allow: EVERYONE, why: 'every page load asks where the browser stands' },
  {
    path: 'auth.setup',
    allow: EVERYONE,
    why: 'first run is public; once an owner exists it answers FORBIDDEN auth.alreadySetUp to everyone — a business refusal, past authorisation',
    input: () => ({ name: 'second-owner', password: PASSWORD }),
    okReasons: ['auth.alreadySetUp'],
  },
  {
    path: 'auth.login',
    allow: EVERYONE,
    why: 'public; a signed-in caller logging in again gets a rotated session',
    input: ({ account, accounts }) => ({ name: (account ?? accounts.member).name, password: PASSWORD }),
    fresh: true,
  },
  {
    path: 'auth.verifySecondFactor',
    allow: ['pending'],
    why: 'only a session whose password was right and which owes the second factor; anonymous and fully signed-in callers alike get 401 auth.noPendingLogin',
    input: ({ actor, recoveryCodes }) => ({ code: actor === 'pending' ? recoveryCodes.pop() : '000000' }),
    refuse: { signedOut: NO_PENDING_LOGIN, signedIn: NO_PENDING_LOGIN },
    fresh: true,
  },
  { path: 'auth.logout', allow: EVERYONE, why: 'ends whatever session the caller has, halfway ones included; harmless without one', fresh: true },
  { path: 'auth.me', allow: SIGNED_IN, why: "the caller's own account and session" },
  {
    path: 'auth.lock',
    allow: SIGNED_IN,
    why: "locks the caller's own session; nothing to lock without one",
    after: async ({ t }) => void (await t.db.pool.query('UPDATE sessions SET locked = false')),
  },
  { path: 'auth.unlock', allow: SIGNED_IN, why: "unlocks the caller's own session with the caller's password", input: () => ({ password: PASSWORD }) },

  { path: 'auth.sessions.list', allow: SIGNED_IN, why: "the caller's own sessions" },
  {
    path: 'auth.sessions.revoke',
    allow: ['member'],
    why: "the session belongs to member: only member may end it; anyone else, admins included, is told it does not exist (NOT_FOUND sessions.notFound), so others' session ids cannot be probed",
    input: async ({ t, accounts }) => ({ id: (await t.app.services.sessions.issue(accounts.member.id, 'active', CLIENT)).session.id }),
    refuse: { signedIn: NOT_YOUR_SESSION },
    effect: async ({ t, accounts }, input) => {
      const { id } = input as { id: string };
      return !(await t.app.services.sessions.listActive(accounts.member.id)).some((s) => s.id === id);
    },
  },

  { path: 'security.overview', allow: SIGNED_IN, why: "the caller's own two-step sign-in state" },
  { path: 'security.beginTotp', allow: SIGNED_IN, why: "starts enrolment on the caller's own account" },
  {
    path: 'security.confirmTotp',
    allow: SIGNED_IN,
    why: "turns two-step sign-in on for the caller's own account (and rotates the session)",
    input: async ({ t, actor, cookie }) => {
      if (!SIGNED_IN.includes(actor)) return { code: '000000' };
      const begun = await mutate(t.app, 'security.beginTotp', undefined, cookie);
      expect(begun.statusCode, begun.body).toBe(200);
      return { code: await generate({ secret: data<{ secret: string }>(begun).secret }) };
    },
    fresh: true,
    after: totpOff,
  },
  { path: 'security.disableTotp', allow: SIGNED_IN, why: "the caller's own account, with the caller's password", input: () => ({ password: PASSWORD }) },
  {
    path: 'security.regenerateRecoveryCodes',
    allow: SIGNED_IN,
    why: "the caller's own account, with the caller's password",
    input: async (call) => {
      if (SIGNED_IN.includes(call.actor)) await withTotpOn(call);
      return { password: PASSWORD };
    },
    after: totpOff,
  },

  { path: 'users.list', allow: ADMINS, why: 'the Users page is for the owner and admins' },
  {
    path: 'users.create',
    allow: ADMINS,
    why: 'only the owner and admins make accounts',
    input: () => ({ name: `made-${++madeUsers}`, password: PASSWORD, role: 'member' }),
    effect: async ({ t }, input) => (await t.app.services.users.list()).some((u) => u.name === (input as { name: string }).name),
  },

  { path: 'desktop.layout.get', allow: SIGNED_IN, why: "the caller's own saved desktop; the input names no user" },
  {
    path: 'desktop.layout.save',
    allow: SIGNED_IN,
    why: "writes the caller's own desktop only (the input names no user), from the version the caller loaded",
    input: async ({ t, account, accounts }) => {
      const { layout, version } = await t.app.services.desktop.get((account ?? accounts.member).id);
      return { layout: { ...layout, theme: 'dark' }, baseVersion: version };
    },
    effect: async ({ t, account }) => account !== null && (await t.app.services.desktop.get(account.id)).version > 0,
  },
  { path: 'desktop.wallpapers.list', allow: SIGNED_IN, why: "the built-in wallpapers and the caller's own uploads" },
  {
    path: 'desktop.wallpapers.remove',
    allow: ['member'],
    why: "the upload belongs to member: only member may remove it; anyone else, admins included, is told it does not exist (NOT_FOUND desktop.wallpaperNotFound)",
    input: async ({ t, accounts }) => ({ id: (await t.app.services.wallpapers.upload(accounts.member.id, 'image/png', Buffer.from('89504e470d0a1a0a00', 'hex'))).id }),
    refuse: { signedIn: { status: 404, reason: 'desktop.wallpaperNotFound' } },
    effect: async ({ t, accounts }, input) => (await t.app.services.wallpapers.image(accounts.member.id, (input as { id: string }).id)) === null,
    after: async ({ t, accounts }) => void (await t.db.pool.query('DELETE FROM wallpapers WHERE user_id = $1', [accounts.member.id])),
  },

  { path: 'notifications.list', allow: SIGNED_IN, why: "the caller's own notification centre; the store scopes every query to the caller" },
  {
    path: 'notifications.markRead',
    allow: SIGNED_IN,
    why: "marks the caller's own notifications; ids of others' are silently left alone (notifications.integration.test.ts proves it)",
    input: async ({ t, account, accounts }) => ({
      ids: [(await t.app.services.notifications.notify((account ?? accounts.member).id, { appId: 'files', title: 'to read' })).notification.id],
    }),
    effect: async ({ t }, input) => {
      const { rows } = await t.db.pool.query('SELECT 1 FROM notifications WHERE id = ANY($1::uuid[]) AND read_at IS NOT NULL', [(input as { ids: string[] }).ids]);
      return rows.length > 0;
    },
  },
  {
    path: 'notifications.clear',
    allow: SIGNED_IN,
    why: "deletes the caller's own notifications; ids of others' are silently left alone",
    input: async ({ t, account, accounts }) => ({
      ids: [(await t.app.services.notifications.notify((account ?? accounts.member).id, { appId: 'files', title: 'to clear' })).notification.id],
    }),
    effect: async ({ t }, input) => {
      const { rows } = await t.db.pool.query('SELECT 1 FROM notifications WHERE id = ANY($1::uuid[])', [(input as { ids: string[] }).ids]);
      return rows.length === 0;
    },
  },
  { path: 'notifications.mutes.list', allow: SIGNED_IN, why: 'the apps the caller muted' },
  {
    path: 'notifications.mutes.set',
    allow: SIGNED_IN,
    why: 'mutes an app for the caller only',
    input: () => ({ appId: 'files', muted: true }),
    effect: async ({ t, account, accounts }) => (await t.app.services.notifications.mutes((account ?? accounts.member).id)).some((m) => m.appId === 'files'),
    after: async ({ t, account, accounts }) => void (await t.app.services.notifications.setMuted((account ?? accounts.member).id, 'files', false)),
  },
  {
    path: 'notifications.test',
    allow: SIGNED_IN,
    why: 'sends a test notification to the caller, never to anyone else (the Settings button)',
    input: async ({ t }) => {
      await t.db.pool.query(`DELETE FROM notifications WHERE app_id = 'settings'`);
      return {};
    },
    effect: async ({ t, account, accounts }) => {
      const { rows } = await t.db.pool.query(`SELECT 1 FROM notifications WHERE app_id = 'settings' AND user_id = $1`, [(account ?? accounts.member).id]);
      return rows.length > 0;
    },
  },

  // The Market: every procedure acts for the caller alone (rows scoped by user id; installs are the
  // caller's namespace). Without a cluster (this test app has none) installs are refused past authorisation.
  { path: 'market.catalog.list', allow: SIGNED_IN, why: 'the catalogue, with the caller’s own installed apps marked' },
  { path: 'market.catalog.get', allow: SIGNED_IN, why: 'one app of the catalogue; blockers computed for the caller', input: () => ({ name: 'no-such-app' }), okReasons: ['market.unknownApp'] },
  { path: 'market.cluster.summary', allow: SIGNED_IN, why: 'what the cluster has free, shown against an app’s needs' },
  { path: 'market.apps.list', allow: SIGNED_IN, why: 'the caller’s own apps; the store scopes by user id' },
  { path: 'market.apps.install', allow: SIGNED_IN, why: 'installs for the caller into the caller’s namespace (pre-checks refuse admin-only apps to members)', input: () => ({ name: 'no-such-app', requestId: 'authz-install-1' }), okReasons: ['market.unknownApp'] },
  { path: 'market.apps.cancel', allow: SIGNED_IN, why: 'the caller’s own install only', input: () => ({ name: 'no-such-app' }), okReasons: ['market.notInstalled'] },
  { path: 'market.apps.stop', allow: SIGNED_IN, why: 'the caller’s own app only', input: () => ({ name: 'no-such-app' }), okReasons: ['market.notInstalled'] },
  { path: 'market.apps.resume', allow: SIGNED_IN, why: 'the caller’s own app only', input: () => ({ name: 'no-such-app' }), okReasons: ['market.notInstalled'] },
  { path: 'market.apps.upgrade', allow: SIGNED_IN, why: 'the caller’s own app only', input: () => ({ name: 'no-such-app', requestId: 'authz-upgrade-1' }), okReasons: ['market.notInstalled'] },
  { path: 'market.apps.upgradeAll', allow: SIGNED_IN, why: 'upgrades the caller’s own apps that have updates' },
  { path: 'market.apps.uninstall', allow: SIGNED_IN, why: 'the caller’s own app only', input: () => ({ name: 'no-such-app', removeData: false }), okReasons: ['market.notInstalled'] },
  { path: 'market.apps.operations', allow: SIGNED_IN, why: 'the caller’s own operation log' },
  { path: 'market.apps.status', allow: SIGNED_IN, why: 'the caller’s own app only, read from the cluster as the caller (impersonated)', input: () => ({ name: 'no-such-app' }), okReasons: ['market.notInstalled'] },
  { path: 'market.apps.enter', allow: SIGNED_IN, why: 'a ticket into the caller’s own app entrance only', input: () => ({ name: 'no-such-app' }), okReasons: ['market.notInstalled'] },

  // Files: every procedure but files.admin.* acts on the caller's own roots (Home under the caller's name;
  // paths name no user), jobs and trash rows scoped by user id. Admins add roots and set quotas for anyone.
  { path: 'files.roots', allow: SIGNED_IN, why: 'the caller’s own roots: Home and those an admin added for the caller' },
  { path: 'files.list', allow: SIGNED_IN, why: 'a folder among the caller’s own roots', input: () => ({ path: '/Home' }) },
  { path: 'files.stat', allow: SIGNED_IN, why: 'an entry among the caller’s own roots', input: () => ({ path: '/Home' }) },
  { path: 'files.folderSize', allow: SIGNED_IN, why: 'a folder among the caller’s own roots', input: () => ({ path: '/Home' }) },
  { path: 'files.usage', allow: SIGNED_IN, why: 'the caller’s own used space and quota' },
  { path: 'files.readText', allow: SIGNED_IN, why: 'a file among the caller’s own roots', input: () => ({ path: '/Home/no-such-file.txt' }), okReasons: ['files.notFound'] },
  { path: 'files.writeText', allow: SIGNED_IN, why: 'saves into the caller’s own roots only', input: () => ({ path: `/Home/authz-${++madeFiles}.txt`, text: 'hello', expectedVersion: null }), effect: async (call, input) => call.account !== null && (await exists(homeOf(call, (input as { path: string }).path.slice('/Home/'.length)))) },
  { path: 'files.mkdir', allow: SIGNED_IN, why: 'makes a folder in the caller’s own roots only', input: () => ({ parent: '/Home', name: `authz-folder-${++madeFiles}` }), effect: async (call, input) => call.account !== null && (await exists(homeOf(call, (input as { name: string }).name))) },
  { path: 'files.rename', allow: SIGNED_IN, why: 'renames in the caller’s own roots only', input: () => ({ path: '/Home/no-such-file', name: 'other' }), okReasons: ['files.notFound'] },
  { path: 'files.transfer', allow: SIGNED_IN, why: 'copies and moves between the caller’s own roots only', input: () => ({ op: 'copy', sources: ['/Home/no-such-file'], target: '/Home/Documents', conflict: 'ask', requestId: `authz-transfer-${++madeFiles}` }), okReasons: ['files.notFound'] },
  { path: 'files.jobs.list', allow: SIGNED_IN, why: 'the caller’s own jobs; the store scopes by user id' },
  { path: 'files.jobs.cancel', allow: SIGNED_IN, why: 'the caller’s own jobs only; another’s id is not found', input: () => ({ id: NO_JOB }), okReasons: ['files.job.notFound'] },
  { path: 'files.trash.list', allow: SIGNED_IN, why: 'the caller’s own trash' },
  { path: 'files.trash.move', allow: SIGNED_IN, why: 'moves the caller’s own entries into the caller’s own trash', input: () => ({ paths: ['/Home/no-such-file'], requestId: `authz-trash-${++madeFiles}` }) },
  { path: 'files.trash.restore', allow: SIGNED_IN, why: 'the caller’s own trash items only; another’s id is not found', input: () => ({ ids: [NO_JOB], conflict: 'ask', requestId: `authz-restore-${++madeFiles}` }), okReasons: ['files.trash.notFound'] },
  { path: 'files.trash.empty', allow: SIGNED_IN, why: 'empties the caller’s own trash only', input: () => ({ ids: [NO_JOB], requestId: `authz-empty-${++madeFiles}` }) },
  { path: 'files.favorites.list', allow: SIGNED_IN, why: 'the caller’s own favourites' },
  { path: 'files.favorites.add', allow: SIGNED_IN, why: 'a folder among the caller’s own roots, saved for the caller', input: () => ({ path: '/Home/Documents' }) },
  { path: 'files.favorites.remove', allow: SIGNED_IN, why: 'the caller’s own favourites', input: () => ({ path: '/Home/Documents' }) },
  { path: 'files.admin.roots', allow: ADMINS, why: 'which host folders a user sees is for the owner and admins', input: () => ({ user: 'member' }) },
  {
    path: 'files.admin.addRoot',
    allow: ADMINS,
    why: 'only the owner and admins expose host folders to users',
    input: async () => {
      const dir = path.join(filesTmp, `mount-${++madeFiles}`);
      await fs.mkdir(dir);
      return { user: 'member', name: `Mount ${madeFiles}`, dir };
    },
    effect: async ({ t }, input) => (await t.db.pool.query('SELECT 1 FROM files_roots WHERE name = $1', [(input as { name: string }).name])).rows.length > 0,
  },
  { path: 'files.admin.removeRoot', allow: ADMINS, why: 'only the owner and admins take host folders away', input: () => ({ id: NO_JOB }), okReasons: ['files.root.notFound'] },
  { path: 'files.admin.usage', allow: ADMINS, why: 'another user’s storage use is for the owner and admins', input: () => ({ user: 'member' }) },
  { path: 'files.admin.setQuota', allow: ADMINS, why: 'only the owner and admins set quotas', input: () => ({ user: 'member', bytes: 1024 ** 4 }), effect: async ({ t }) => (await t.db.pool.query('SELECT 1 FROM files_quotas')).rows.length > 0, after: async ({ t }) => void (await t.db.pool.query('DELETE FROM files_quotas')) },
  { path: 'files.search.query', allow: SIGNED_IN, why: 'searches the caller’s own roots; rows are scoped by user id', input: () => ({ q: 'report' }) },
  { path: 'files.search.rescan', allow: SIGNED_IN, why: 'walks the caller’s own roots again' },
  { path: 'files.shares.list', allow: SIGNED_IN, why: 'the caller’s own links and shares' },
  { path: 'files.shares.createLink', allow: SIGNED_IN, why: 'a link to an entry in the caller’s own roots', input: () => ({ path: '/Home/Documents' }), effect: async ({ t, account }) => !!account && (await t.db.pool.query('SELECT 1 FROM files_shares WHERE owner_id = $1', [account.id])).rows.length > 0, after: async ({ t }) => void (await t.db.pool.query('DELETE FROM files_shares')) },
  { path: 'files.shares.shareWith', allow: SIGNED_IN, why: 'shares a folder of the caller’s own; sharing with oneself is refused after authorisation', input: ({ account }) => ({ path: '/Home/Documents', user: account?.name ?? 'member' }), okReasons: ['files.share.self'] },
  { path: 'files.shares.revoke', allow: SIGNED_IN, why: 'revokes the caller’s own shares only; another’s id is not found', input: () => ({ id: NO_JOB }), okReasons: ['files.share.notFound'] },
  { path: 'files.shares.people', allow: SIGNED_IN, why: 'names to share with: every signed-in user may share' },
  { path: 'files.drives.list', allow: SIGNED_IN, why: 'the caller’s own cloud drives' },
  { path: 'files.drives.add', allow: SIGNED_IN, why: 'adds a drive for the caller; a private endpoint is refused after authorisation', input: () => ({ name: 'Cloud', endpoint: 'http://127.0.0.1:9', bucket: 'some-bucket', accessKeyId: 'k', secretAccessKey: 's' }), okReasons: ['files.drive.privateEndpoint'] },
  { path: 'files.drives.remove', allow: SIGNED_IN, why: 'removes the caller’s own drives only; another’s id is not found', input: () => ({ id: NO_JOB }), okReasons: ['files.drive.notFound'] },
  { path: 'files.download', allow: SIGNED_IN, why: 'downloads into the caller’s own folders; a private address is refused in the job', input: () => ({ url: 'http://127.0.0.1:9/x', requestId: `authz-download-${++madeFiles}` }) },

  vaultRow('account.get'), vaultRow('account.setup', ['vault.alreadySetUp'], () => setupInput()), vaultRow('account.settings', ['vault.notSetUp'], () => ({ autoLockMinutes: 15 })),
  vaultRow('account.changePassword', SET_UP, () => ({ oldAuthKey: authKey(), kdf: kdf(), authKey: authKey(), wrappedUserKey: cipher() })), vaultRow('account.verify', SET_UP, () => ({ authKey: authKey() })),
  vaultRow('vaults.list'), vaultRow('vaults.create', ['vault.notSetUp'], () => ({ id: randomUUID(), name: cipher(), sealedKey: sealed() })), vaultRow('vaults.delete', NF, () => VID),
  vaultRow('vaults.rename', NF, () => ({ ...VID, name: cipher(), keyVersion: 1 })), vaultRow('members.list', NF, () => VID), vaultRow('members.people'), vaultRow('members.leave', NF, () => VID),
  vaultRow('vaults.rekey', NF, () => ({ ...VID, fromKeyVersion: 1, name: cipher(), removeUserIds: [], members: [{ userId: NO_JOB, sealedKey: sealed() }], items: [], ...once() })),
  vaultRow('members.add', NF, () => ({ ...VID, userId: NO_JOB, role: 'read', sealedKey: sealed(), keyVersion: 1 })), vaultRow('members.setRole', NF, () => ({ ...VID, userId: NO_JOB, role: 'read' })),
  vaultRow('items.list'), vaultRow('items.create', NF, () => ({ id: randomUUID(), ...VID, data: cipher(), keyVersion: 1, ...once() })), vaultRow('items.delete', GONE, () => ({ ...IID, baseRevision: 1 })),
  vaultRow('items.update', GONE, () => ({ ...IID, baseRevision: 1, data: cipher(), keyVersion: 1, ...once() })), vaultRow('items.trash', GONE, () => ({ ...IID, baseRevision: 1, ...once() })),
  vaultRow('items.restore', GONE, () => ({ ...IID, baseRevision: 1, ...once() })), vaultRow('items.import', NF, () => ({ ...VID, keyVersion: 1, items: [{ id: randomUUID(), data: cipher() }], ...once() })),
  vaultRow('attachments.put', NF, () => ({ id: randomUUID(), itemId: NO_JOB, data: 'AAAA' })), vaultRow('attachments.get', NF, () => IID), vaultRow('attachments.delete', NF, () => IID),
  { path: 'vault.items.get', allow: ['member'], why: 'the item is in a vault of member’s: anyone else, admins included, is told it does not exist (NOT_FOUND vault.notFound)', input: async ({ t, accounts }) => ({ id: await membersItem(t, accounts.member.id) }), refuse: { signedIn: { status: 404, reason: 'vault.notFound' } } },
  wiseRow('feeds.list'), wiseRow('feeds.subscribe', ['wise.feed.blocked'], WURL('feed')), wiseRow('feeds.update', WNF, WFEED), wiseRow('feeds.unsubscribe', WNF, WFEED), wiseRow('feeds.refresh'),
  wiseRow('folders.create', [], () => ({ name: `authz-${++madeFiles}` })), wiseRow('folders.rename', WNF, () => ({ folderId: NO_JOB, name: 'x' })), wiseRow('folders.delete', WNF, () => ({ folderId: NO_JOB })),
  wiseRow('opml.import', [], () => ({ opml: '<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body><outline text="x"/></body></opml>' })), wiseRow('opml.export'),
  wiseRow('entries.list', [], () => ({ view: 'all' })), wiseRow('entries.mark', WNF, () => ({ ids: [NO_JOB], read: true })), wiseRow('entries.markAllRead', [], () => ({ before: Date.now() })),
  wiseRow('entries.progress', WNF, () => ({ id: NO_JOB, progress: 0.5 })), wiseRow('entries.tags', WNF, () => ({ id: NO_JOB, tags: ['a'] })), wiseRow('entries.note', WNF, () => ({ id: NO_JOB, note: 'n' })),
  wiseRow('tags.list'),
  wiseRow('highlights.add', WNF, () => ({ entryId: NO_JOB, quote: 'q' })), wiseRow('highlights.update', WNF, () => ({ id: NO_JOB, note: 'n' })), wiseRow('highlights.remove', WNF, WID),
  wiseRow('library.save', ['wise.save.blocked'], WURL('page')), wiseRow('library.remove', WNF, WID), wiseRow('search.query', [], () => ({ q: 'report' })), wiseRow('recommend.forYou'),
  { path: 'wise.entries.get', allow: ['member'], why: 'the entry is member’s saved article: anyone else, admins included, is told it does not exist (NOT_FOUND wise.notFound)', input: async ({ t, accounts }) => ({ id: await membersSaved(t, accounts.member.id) }), refuse: { signedIn: { status: 404, reason: 'wise.notFound' } } },
  ...([['overview'], ['panel', { panel: 'cpu', range: 'live' }], ['apps', {}], ['quotas'], ['watch', { socketId: 'no-such-socket', on: true }, ['dashboard.socketNotFound']]] as const).map(([p, i, ok]): Row => ({ path: `dashboard.${p}`, allow: SIGNED_IN, why: 'host figures for anyone signed in; apps and quotas scoped to the caller (admins: everyone); watch joins only the caller’s own socket', ...(i ? { input: () => i } : {}), ...(ok ? { okReasons: ok } : {}) })),
  { path: 'gpu.status', allow: SIGNED_IN, why: 'GPUs, modes and bindings read-only for anyone signed in; canManage says who may change them' },
  ...(['setMode', 'bind', 'unbind'] as const).map((p): Row => ({ path: `gpu.${p}`, allow: ADMINS, why: 'GPU modes and bindings restart apps cluster-wide: the owner and admins only', input: () => ({ setMode: { uuid: 'GPU-authz', mode: 'exclusive', confirmRestart: true }, bind: { namespace: 'no-such-app', uuid: 'GPU-authz', confirmRestart: true }, unbind: { namespace: 'no-such-app', confirmRestart: true } })[p], okReasons: ['gpu.noCluster', 'gpu.unknownGpu', 'gpu.unknownApp'] })),
];

// ---------------------------------------------------------------------------------------------

// Typed as the nested router record, but at run time a flat record keyed by dotted path.
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>;

/** Status and reason of an answer, whatever its shape (tRPC error, plain Fastify error, success). */
function outcome(res: LightMyRequestResponse): { status: number; reason?: string } {
  if (res.statusCode === 200) return { status: 200 };
  let body: unknown;
  try {
    body = res.json();
  } catch {
    return { status: res.statusCode, reason: res.body };
  }
  const err = (body as { error?: { data?: { reason?: unknown }; message?: unknown } } | null)?.error;
  const reason = err?.data?.reason ?? err?.message ?? (body as { message?: unknown } | null)?.message;
  return { status: res.statusCode, reason: typeof reason === 'string' ? reason : JSON.stringify(body) };
}

function refusalFor(row: Row, actor: Actor): Refusal {
  const signedOut = actor === 'anonymous' || actor === 'pending';
  return signedOut ? (row.refuse?.signedOut ?? AUTH_REQUIRED) : (row.refuse?.signedIn ?? ADMIN_ONLY);
}

describe('the authorisation table', () => {
  it('has exactly one row for every procedure of the router, and none for a procedure that does not exist', () => {
    const inRouter = Object.keys(procedures).sort();
    const inTable = TABLE.map((r) => r.path).sort();
    expect({
      'rows listed twice': inTable.filter((p, i) => inTable.indexOf(p) !== i),
      'procedures without a row (add one saying who may call them)': inRouter.filter((p) => !inTable.includes(p)),
      'rows for procedures that do not exist': inTable.filter((p) => !inRouter.includes(p)),
    }).toEqual({
      'rows listed twice': [],
      'procedures without a row (add one saying who may call them)': [],
      'rows for procedures that do not exist': [],
    });
  });

  it('gives every row at least one caller and a reason', () => {
    for (const row of TABLE) {
      expect(row.allow.length, row.path).toBeGreaterThan(0);
      expect(row.why.length, row.path).toBeGreaterThan(10);
    }
  });
});

for (const server of testServers()) {
  describe(`who may call what, on the ${server.name} PostgreSQL`, () => {
    let t: TestApp;
    let accounts: Record<SignedInActor, Account>;
    let recoveryCodes: string[] = [];
    /** Each actor's current session; dropped whenever an answer sets or clears the session cookie. */
    const cookies = new Map<Actor, string>();

    beforeAll(async () => {
      filesTmp = await fs.mkdtemp(path.join(os.tmpdir(), 'olares-authz-files-'));
      t = await startTestApp(server, { LOGIN_RATE_PER_MINUTE: '10000', DATA_DIR: path.join(filesTmp, 'data') });
      for (const { name, role } of Object.values(ACCOUNTS)) await createUser(t, name, PASSWORD, role);
      const users = await t.app.services.users.list();
      const idOf = (name: string): string => {
        const user = users.find((u) => u.name === name);
        if (!user) throw new Error(`no user ${name}`);
        return user.id;
      };
      accounts = Object.fromEntries(Object.entries(ACCOUNTS).map(([actor, { name }]) => [actor, { id: idOf(name), name }])) as Record<SignedInActor, Account>;

      // The pending actor's account turns two-step sign-in on, as a person would.
      const cookie = await signIn(t.app, ACCOUNTS.pending.name, PASSWORD);
      const begun = await mutate(t.app, 'security.beginTotp', undefined, cookie);
      expect(begun.statusCode, begun.body).toBe(200);
      const code = await generate({ secret: data<{ secret: string }>(begun).secret });
      const confirmed = await mutate(t.app, 'security.confirmTotp', { code }, cookie);
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      recoveryCodes = data<{ recoveryCodes: string[] }>(confirmed).recoveryCodes;
    });

    afterAll(async () => {
      await t?.close();
      await fs.rm(filesTmp, { recursive: true, force: true });
    });

    async function sessionOf(actor: Actor, fresh: boolean): Promise<string | undefined> {
      if (actor === 'anonymous') return undefined;
      const cached = cookies.get(actor);
      if (cached && !fresh) return cached;
      // For `pending` this is a session that still owes the second factor.
      const cookie = await signIn(t.app, ACCOUNTS[actor].name, PASSWORD);
      cookies.set(actor, cookie);
      return cookie;
    }

    for (const row of TABLE) {
      describe(row.path, () => {
        for (const actor of ACTORS) {
          const allowed = row.allow.includes(actor);
          it(`${actor} ${allowed ? 'may call it' : 'is refused'}`, async () => {
            const type = procedures[row.path]?._def.type;
            expect(type, `${row.path} is not a procedure of the router`).toMatch(/^(query|mutation)$/);

            const cookie = await sessionOf(actor, row.fresh === true);
            const call: Call = { t, actor, account: actor === 'anonymous' ? null : accounts[actor], cookie, accounts, recoveryCodes };
            try {
              const input = await row.input?.(call);
              const res = type === 'query' ? await query(t.app, row.path, input, cookie) : await mutate(t.app, row.path, input, cookie);
              if (res.cookies.some((c) => c.name === 'olares_session')) cookies.delete(actor);

              const got = outcome(res);
              if (!allowed) {
                expect(got, `${row.path} as ${actor} should be refused`).toEqual(refusalFor(row, actor));
              } else if (got.status !== 200) {
                expect(row.okReasons ?? [], `${row.path} as ${actor} should be let through, got ${got.status} ${got.reason}`).toContain(got.reason);
              }
              if (row.effect) expect(await row.effect(call, input), `${row.path} as ${actor}: did the effect happen?`).toBe(allowed);
            } finally {
              await row.after?.(call);
            }
          });
        }
      });
    }
  });
}
