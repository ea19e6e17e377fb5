// Playwright fixtures: one real desktop per worker (with an owner), fresh desktops on demand, and UI helpers.
import fs from 'node:fs/promises';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import {
  createAccount,
  createDatabase,
  createOwner,
  DesktopServer,
  REPO_ROOT,
  startPostgres,
  type Account,
  type LaunchOptions,
  type PostgresServer,
} from './support/server';

export { expect };
export type { Account, DesktopServer, Page };

const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

/** The worker's shared desktop: its database already has an owner. */
export interface SharedDesktop {
  server: DesktopServer;
  owner: Account;
  /** A new member (or admin) with a unique name, so that tests never share an account. */
  newAccount(prefix: string, role?: 'member' | 'admin'): Promise<Account>;
}

export interface FreshOptions {
  /** Extra environment for the desktop. */
  env?: Record<string, string>;
  /**
   * 'suite' (default): a new database on the worker's PostgreSQL. 'own': when DATABASE_URL is unset,
   * leave it unset so that the desktop starts its own embedded PostgreSQL in DATA_DIR.
   */
  database?: 'suite' | 'own';
}

interface WorkerFixtures {
  postgres: PostgresServer;
  desktop: SharedDesktop;
}

interface TestFixtures {
  /** Starts a desktop on an empty database, for this test only; stopped (and its database dropped) after it. */
  launchDesktop(opts?: FreshOptions): Promise<DesktopServer>;
  /** Saves a full-page screenshot as test-results/screenshots/<spec>-<step>.png. */
  shot(step: string): Promise<void>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  postgres: [
    async ({}, use) => {
      const server = await startPostgres();
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],

  desktop: [
    async ({ postgres }, use) => {
      const db = await createDatabase(postgres);
      const server = await DesktopServer.launch({ databaseUrl: db.url });
      try {
        const { owner, cookie } = await createOwner(server);
        await use({ server, owner, newAccount: (prefix, role) => createAccount(server, cookie, prefix, role) });
      } finally {
        await server.stop();
        await db.drop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],

  launchDesktop: async ({ postgres }, use) => {
    const cleanups: (() => Promise<void>)[] = [];
    await use(async (opts = {}) => {
      const own = opts.database === 'own' && postgres.kind === 'embedded';
      const db = own ? null : await createDatabase(postgres);
      if (db) cleanups.push(() => db.drop());
      const launch: LaunchOptions = { databaseUrl: db?.url ?? null, env: opts.env ?? {} };
      const server = await DesktopServer.launch(launch);
      cleanups.push(async () => void (await server.stop()));
      return server;
    });
    for (const cleanup of cleanups.reverse()) await cleanup();
  },

  shot: async ({ page }, use, testInfo) => {
    const spec = path.basename(testInfo.file).replace(/\.spec\.ts$/, '');
    await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
    await use(async (step) => {
      // Let Quasar's transitions (menus, sliding tab panels, ripples) finish, so the picture shows the settled screen.
      await page
        .evaluate(async () => {
          const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
          await Promise.race([Promise.allSettled(finite.map((a) => a.finished)), new Promise((r) => setTimeout(r, 2000))]);
        })
        .catch(() => undefined);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${spec}-${step}.png`), fullPage: true });
    });
  },
});

/**
 * Fills the sign-in form, submits it and waits for the server's answer, so that an error banner left by an
 * earlier attempt is never mistaken for this attempt's answer.
 */
export async function submitLogin(page: Page, name: string, password: string): Promise<void> {
  const form = page.getByTestId('login-form');
  await form.locator('input[name=name]').fill(name);
  await form.locator('input[name=password]').fill(password);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/trpc/auth.login'));
  await page.getByTestId('login-submit').click();
  await answered;
}

/** Opens /login on `origin` and signs in with a password only; waits for the desktop. */
export async function signIn(page: Page, origin: string, account: Pick<Account, 'name' | 'password'>): Promise<void> {
  await page.goto(`${origin}/login`);
  await submitLogin(page, account.name, account.password);
  await expect(page.getByTestId('desktop')).toBeVisible();
}

/** Signs out through the account menu; waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login\?out=1$/);
}

/** The error banner of the sign-in and first-run forms. */
export function formError(page: Page) {
  return page.getByTestId('form-error');
}
