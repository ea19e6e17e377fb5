// Accounts end to end through HTTP: first run, login, regulation, second factor, sessions and expiry, on every test server.
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../testing/databases';
import { createUser, data, error, mutate, query, sessionCookie, signIn, startTestApp, type TestApp } from '../testing/app';

describe.each(testServers())('accounts on the $name server', (server) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(server, { LOGIN_MAX_FAILURES: '3', LOGIN_BAN_SECONDS: '600', SESSION_IDLE_MINUTES: '30', LOGIN_RATE_PER_MINUTE: '1000' });
  });
  afterAll(() => t.close());

  describe('first run', () => {
    it('asks for set-up until the owner exists, then refuses a second owner', async () => {
      expect(data(await query(t.app, 'auth.status'))).toMatchObject({ setupRequired: true, user: null });

      const bad = await mutate(t.app, 'auth.setup', { name: '9lives', password: 'short' });
      expect(bad.statusCode).toBe(400);
      expect(error(bad).data.fields).toMatchObject({ name: expect.any(String), password: 'use at least 8 characters' });
      expect(error(bad).message).toContain('password: use at least 8 characters');

      const res = await mutate(t.app, 'auth.setup', { name: 'owner', displayName: 'The Owner', password: 'owner-password' });
      expect(res.statusCode).toBe(200);
      expect(data(res)).toEqual({ name: 'owner', role: 'owner' });
      const cookie = sessionCookie(res)!;
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      expect(setCookie).not.toMatch(/Secure/); // http://localhost
      expect(setCookie).not.toMatch(/Domain=/); // host-only

      const status = data<{ setupRequired: boolean; user: { name: string; role: string } }>(await query(t.app, 'auth.status', undefined, cookie));
      expect(status.setupRequired).toBe(false);
      expect(status.user).toMatchObject({ name: 'owner', role: 'owner', displayName: 'The Owner' });

      const again = await mutate(t.app, 'auth.setup', { name: 'mallory', password: 'mallory-password' });
      expect(again.statusCode).toBe(403);
      expect(error(again).data.reason).toBe('auth.alreadySetUp');
    });

    it('lets only one of two racing first-run requests create the owner', async () => {
      const other = await startTestApp(server);
      try {
        const results = await Promise.all(['racer-a', 'racer-b', 'racer-c'].map((name) => mutate(other.app, 'auth.setup', { name, password: 'racing-password' })));
        expect(results.map((r) => r.statusCode).sort()).toEqual([200, 403, 403]);
        const { rows } = await other.db.pool.query(`SELECT count(*)::int AS n FROM users WHERE role = 'owner'`);
        expect(rows[0].n).toBe(1);
      } finally {
        await other.close();
      }
    });
  });

  describe('login and logout', () => {
    it('logs in, names the caller, and logs out', async () => {
      await createUser(t, 'alice', 'alice-password', 'member');
      const res = await mutate(t.app, 'auth.login', { name: 'Alice ', password: 'alice-password' });
      expect(res.statusCode).toBe(200);
      expect(data(res)).toEqual({ status: 'ok' });
      const cookie = sessionCookie(res)!;
      const me = data<{ user: { name: string; role: string } }>(await query(t.app, 'auth.me', undefined, cookie));
      expect(me.user).toMatchObject({ name: 'alice', role: 'member' });

      const out = await mutate(t.app, 'auth.logout', undefined, cookie);
      expect(out.statusCode).toBe(200);
      expect(String(out.headers['set-cookie'])).toMatch(/olares_session=;/);
      const after = await query(t.app, 'auth.me', undefined, cookie);
      expect(after.statusCode).toBe(401);
      expect(error(after).data.reason).toBe('auth.required');
    });

    it('answers a wrong password and an unknown name with the same error', async () => {
      await createUser(t, 'bob', 'bob-password', 'member');
      const wrong = await mutate(t.app, 'auth.login', { name: 'bob', password: 'nope-nope' });
      const unknown = await mutate(t.app, 'auth.login', { name: 'nobody', password: 'nope-nope' });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(error(wrong)).toEqual(error(unknown));
      expect(error(wrong).message).toBe('Wrong name or password.');
      expect(sessionCookie(wrong)).toBeUndefined();
    });

    it('rotates the session at login: the old token stops working', async () => {
      await createUser(t, 'carol', 'carol-password', 'member');
      const first = await signIn(t.app, 'carol', 'carol-password');
      const res = await mutate(t.app, 'auth.login', { name: 'carol', password: 'carol-password' }, first);
      const second = sessionCookie(res)!;
      expect(second).not.toBe(first);
      expect((await query(t.app, 'auth.me', undefined, first)).statusCode).toBe(401);
      expect((await query(t.app, 'auth.me', undefined, second)).statusCode).toBe(200);
    });

    it('bans an account after repeated failures with the same message, even for the right password', async () => {
      await createUser(t, 'dave', 'dave-password', 'member');
      for (let i = 0; i < 3; i++) expect((await mutate(t.app, 'auth.login', { name: 'dave', password: `wrong-${i}` })).statusCode).toBe(401);
      const banned = await mutate(t.app, 'auth.login', { name: 'dave', password: 'dave-password' });
      expect(banned.statusCode).toBe(401);
      expect(error(banned).message).toBe('Wrong name or password.');
      // Lifting the ban lets the right password in again.
      await t.db.pool.query(`UPDATE login_regulation SET banned_until = now() - interval '1 second' WHERE key = 'dave'`);
      expect((await mutate(t.app, 'auth.login', { name: 'dave', password: 'dave-password' })).statusCode).toBe(200);
    });

    it('bans a client address that fails across many account names', async () => {
      const other = await startTestApp(server, { LOGIN_MAX_FAILURES: '2' });
      try {
        await createUser(other, 'erin', 'erin-password', 'member');
        // An address may fail 4× as often as an account: 8 failures over different names.
        for (let i = 0; i < 8; i++) await mutate(other.app, 'auth.login', { name: `guess-${i}`, password: 'x' });
        const res = await mutate(other.app, 'auth.login', { name: 'erin', password: 'erin-password' });
        expect(res.statusCode).toBe(401);
        expect(error(res).data.reason).toBe('auth.wrongCredentials');
      } finally {
        await other.close();
      }
    });

    it('limits login attempts per address per minute', async () => {
      const other = await startTestApp(server, { LOGIN_RATE_PER_MINUTE: '3' });
      try {
        const codes = [];
        for (let i = 0; i < 5; i++) codes.push((await mutate(other.app, 'auth.login', { name: 'x', password: 'y' })).statusCode);
        expect(codes).toEqual([401, 401, 401, 429, 429]);
      } finally {
        await other.close();
      }
    });
  });

  describe('sessions', () => {
    it('expires a session that stayed idle too long', async () => {
      await createUser(t, 'frank', 'frank-password', 'member');
      const cookie = await signIn(t.app, 'frank', 'frank-password');
      await t.db.pool.query(`UPDATE sessions s SET last_seen_at = now() - interval '31 minutes' FROM users u WHERE u.id = s.user_id AND u.name = 'frank'`);
      const res = await query(t.app, 'auth.me', undefined, cookie);
      expect(res.statusCode).toBe(401);
      expect(error(res).message).toMatch(/session has ended or expired/);
    });

    it('expires a session past its absolute lifetime even when active', async () => {
      await createUser(t, 'gina', 'gina-password', 'member');
      const cookie = await signIn(t.app, 'gina', 'gina-password');
      await t.db.pool.query(`UPDATE sessions s SET expires_at = now() - interval '1 second' FROM users u WHERE u.id = s.user_id AND u.name = 'gina'`);
      expect((await query(t.app, 'auth.me', undefined, cookie)).statusCode).toBe(401);
    });

    it('lists the caller’s sessions and revokes one of them, but not someone else’s', async () => {
      await createUser(t, 'hank', 'hank-password', 'member');
      await createUser(t, 'ivy', 'ivy-password', 'member');
      const laptop = await signIn(t.app, 'hank', 'hank-password');
      const phone = await signIn(t.app, 'hank', 'hank-password');
      const ivy = await signIn(t.app, 'ivy', 'ivy-password');
      const list = data<{ id: string; current: boolean }[]>(await query(t.app, 'auth.sessions.list', undefined, laptop));
      expect(list).toHaveLength(2);
      const phoneSession = list.find((s) => !s.current)!;

      const stolen = await mutate(t.app, 'auth.sessions.revoke', { id: phoneSession.id }, ivy);
      expect(stolen.statusCode).toBe(404);
      expect((await query(t.app, 'auth.me', undefined, phone)).statusCode).toBe(200);

      expect((await mutate(t.app, 'auth.sessions.revoke', { id: phoneSession.id }, laptop)).statusCode).toBe(200);
      expect((await query(t.app, 'auth.me', undefined, phone)).statusCode).toBe(401);
      expect((await query(t.app, 'auth.me', undefined, laptop)).statusCode).toBe(200);

      const garbage = await mutate(t.app, 'auth.sessions.revoke', { id: 'not-a-uuid' }, laptop);
      expect(garbage.statusCode).toBe(400);
      expect(error(garbage).data.fields).toEqual({ id: 'not a session id' });
    });

    it('locks a session: only unlocking with the password or signing out works until then', async () => {
      await createUser(t, 'lara', 'lara-password', 'member');
      const cookie = await signIn(t.app, 'lara', 'lara-password');
      expect((await mutate(t.app, 'auth.lock', undefined, cookie)).statusCode).toBe(200);
      expect(data(await query(t.app, 'auth.status', undefined, cookie))).toMatchObject({ locked: true, user: { name: 'lara' } });
      const refused = await query(t.app, 'auth.me', undefined, cookie);
      expect(refused.statusCode).toBe(403);
      expect(error(refused).data.reason).toBe('auth.locked');
      const wrong = await mutate(t.app, 'auth.unlock', { password: 'not-it' }, cookie);
      expect(wrong.statusCode).toBe(401);
      expect(error(wrong).data.reason).toBe('auth.wrongPassword');
      expect((await mutate(t.app, 'auth.unlock', { password: 'lara-password' }, cookie)).statusCode).toBe(200);
      expect((await query(t.app, 'auth.me', undefined, cookie)).statusCode).toBe(200);
      // Another session of the same user was never locked.
      const other = await signIn(t.app, 'lara', 'lara-password');
      await mutate(t.app, 'auth.lock', undefined, cookie);
      expect((await query(t.app, 'auth.me', undefined, other)).statusCode).toBe(200);
    });

    it('treats a forged cookie as signed out', async () => {
      expect((await query(t.app, 'auth.me', undefined, 'olares_session=forged-token')).statusCode).toBe(401);
      expect(data(await query(t.app, 'auth.status', undefined, 'olares_session=forged-token'))).toMatchObject({ user: null });
    });
  });

  describe('two-step sign-in', () => {
    async function enrol(cookie: string) {
      const begin = data<{ secret: string; uri: string; qr: string }>(await mutate(t.app, 'security.beginTotp', undefined, cookie));
      expect(begin.uri).toMatch(/^otpauth:\/\/totp\/Olares%20Desktop:/);
      expect(begin.qr).toMatch(/^data:image\/svg\+xml;base64,/);
      const wrong = await mutate(t.app, 'security.confirmTotp', { code: '000000' }, cookie);
      expect(wrong.statusCode).toBe(400);
      const confirm = await mutate(t.app, 'security.confirmTotp', { code: await generate({ secret: begin.secret }) }, cookie);
      expect(confirm.statusCode).toBe(200);
      const { recoveryCodes } = data<{ recoveryCodes: string[] }>(confirm);
      // Step-up rotates the session.
      const rotated = sessionCookie(confirm)!;
      expect(rotated).not.toBe(cookie);
      expect((await query(t.app, 'auth.me', undefined, cookie)).statusCode).toBe(401);
      return { secret: begin.secret, recoveryCodes, cookie: rotated };
    }

    it('enrols, then needs a code at login; refuses a reused code; accepts each recovery code once', async () => {
      await createUser(t, 'jill', 'jill-password', 'member');
      const { secret, recoveryCodes, cookie } = await enrol(await signIn(t.app, 'jill', 'jill-password'));
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      expect(data(await query(t.app, 'security.overview', undefined, cookie))).toEqual({ totpEnabled: true, recoveryCodesLeft: 10 });

      // Password right: a pending session that cannot do anything yet.
      const login = await mutate(t.app, 'auth.login', { name: 'jill', password: 'jill-password' });
      expect(data(login)).toEqual({ status: 'second_factor' });
      const pending = sessionCookie(login)!;
      expect((await query(t.app, 'auth.me', undefined, pending)).statusCode).toBe(401);
      expect(data(await query(t.app, 'auth.status', undefined, pending))).toMatchObject({ secondFactorPending: true, user: null });

      // The code from enrolment's time step was used already: a code for the next step works.
      const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
      const ok = await mutate(t.app, 'auth.verifySecondFactor', { code: next }, pending);
      expect(ok.statusCode).toBe(200);
      const active = sessionCookie(ok)!;
      expect((await query(t.app, 'auth.me', undefined, active)).statusCode).toBe(200);
      expect((await query(t.app, 'auth.me', undefined, pending)).statusCode).toBe(401);

      // The same code again is a replay.
      const pending2 = sessionCookie(await mutate(t.app, 'auth.login', { name: 'jill', password: 'jill-password' }))!;
      const replay = await mutate(t.app, 'auth.verifySecondFactor', { code: next }, pending2);
      expect(replay.statusCode).toBe(401);
      expect(error(replay).data.reason).toBe('auth.wrongCode');

      // A recovery code works once, typed in any case with spaces.
      const code = recoveryCodes[0]!;
      const rec = await mutate(t.app, 'auth.verifySecondFactor', { code: ` ${code.toUpperCase()} ` }, pending2);
      expect(rec.statusCode).toBe(200);
      const pending3 = sessionCookie(await mutate(t.app, 'auth.login', { name: 'jill', password: 'jill-password' }))!;
      expect((await mutate(t.app, 'auth.verifySecondFactor', { code }, pending3)).statusCode).toBe(401);
      expect(data(await query(t.app, 'security.overview', undefined, sessionCookie(rec)!))).toMatchObject({ recoveryCodesLeft: 9 });
    });

    it('turns off only with the password', async () => {
      await createUser(t, 'kate', 'kate-password', 'member');
      const { cookie } = await enrol(await signIn(t.app, 'kate', 'kate-password'));
      const wrong = await mutate(t.app, 'security.disableTotp', { password: 'guess' }, cookie);
      expect(wrong.statusCode).toBe(403);
      expect(error(wrong).data.reason).toBe('security.wrongPassword');
      expect((await mutate(t.app, 'security.disableTotp', { password: 'kate-password' }, cookie)).statusCode).toBe(200);
      expect(data(await mutate(t.app, 'auth.login', { name: 'kate', password: 'kate-password' }))).toEqual({ status: 'ok' });
    });

    it('refuses a second factor without a pending login', async () => {
      const res = await mutate(t.app, 'auth.verifySecondFactor', { code: '123456' });
      expect(res.statusCode).toBe(401);
      expect(error(res).data.reason).toBe('auth.noPendingLogin');
    });
  });

  describe('users', () => {
    it('lets the owner create members and admins, and refuses taken names', async () => {
      const owner = await signIn(t.app, 'owner', 'owner-password');
      const res = await mutate(t.app, 'users.create', { name: 'lena', displayName: 'Lena', password: 'lena-password', role: 'admin' }, owner);
      expect(res.statusCode).toBe(200);
      expect(data(res)).toMatchObject({ name: 'lena', role: 'admin', displayName: 'Lena' });
      const taken = await mutate(t.app, 'users.create', { name: 'lena', password: 'lena-password', role: 'member' }, owner);
      expect(taken.statusCode).toBe(409);
      expect(error(taken).data.reason).toBe('users.nameTaken');
      const asOwner = await mutate(t.app, 'users.create', { name: 'otto', password: 'otto-password', role: 'owner' }, owner);
      expect(asOwner.statusCode).toBe(400);
      expect(error(asOwner).data.fields?.role).toBeDefined();
      // The new admin can sign in and create a member.
      const admin = await signIn(t.app, 'lena', 'lena-password');
      expect((await mutate(t.app, 'users.create', { name: 'max', password: 'max-password', role: 'member' }, admin)).statusCode).toBe(200);
      const list = data<{ name: string }[]>(await query(t.app, 'users.list', undefined, admin));
      expect(list.map((u) => u.name)).toEqual(expect.arrayContaining(['owner', 'lena', 'max']));
    });
  });

  it('never logs passwords, codes or session tokens', async () => {
    const joined = t.logs.join('');
    for (const secret of ['owner-password', 'alice-password', 'jill-password', 'olares_session=']) expect(joined).not.toContain(secret);
    expect(joined).toContain('owner created at first run');
  });
});
