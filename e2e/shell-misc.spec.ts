// The rest of the shell in a real browser: the lock screen (kept on the server session), notifications and mutes (also over long-polling),
// the error boundary around a crashing app, and an app full-page at /app/<id>.
import { expect, test, type Page } from './fixtures';
import { focusedWindow, freshDesktop, openFromDock, win } from './support/desktop';

/** Calls notifications.test as the signed-in page (the context's cookies) and returns whether the server pushed it. */
async function sendTestNotification(page: Page, origin: string, title?: string): Promise<boolean> {
  const res = await page.request.post(`${origin}/trpc/notifications.test`, {
    data: title ? { title } : {},
    headers: { origin, 'x-olares-request': '1', 'content-type': 'application/json' },
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { result: { data: { pushed: boolean } } };
  return body.result.data.pushed;
}

/** Types the password on the lock screen and submits it. */
async function unlockWith(page: Page, password: string): Promise<void> {
  const lock = page.getByTestId('lock-screen');
  await lock.locator('input[name=password]').fill(password);
  await lock.getByTestId('unlock-submit').click();
}

test('Alt+L locks; a wrong password is refused, the right one unlocks with the windows as they were', async ({ page, desktop, shot }) => {
  const account = await freshDesktop(page, desktop, 'lock');
  await openFromDock(page, 'vault');
  await page.keyboard.press('Alt+KeyL');
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible();
  await expect(lock.locator('input[name=password]')).toBeFocused();
  await shot('01-locked');

  await unlockWith(page, `${account.password}-nope`);
  await expect(lock.getByTestId('form-error')).toHaveText('The password is not correct.');
  await expect(lock).toBeVisible();
  await shot('02-wrong-password');

  await unlockWith(page, account.password);
  await expect(lock).toHaveCount(0);
  await expect(page.getByTestId('window')).toHaveCount(2);
  await expect(win(page, 'vault')).toBeVisible();
  await expect(win(page, 'profile')).toBeVisible();
  await expect(focusedWindow(page)).toHaveAttribute('data-app', 'vault');
  await shot('03-unlocked');
});

test('the lock is on the server session: a reload stays locked', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'lock-reload');
  await openFromDock(page, 'vault');
  await page.keyboard.press('Alt+KeyL');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByTestId('lock-screen').locator('input[name=password]')).toBeVisible();
  await shot('04-locked-after-reload');
});

test('unlocking after a reload while locked brings the windows and the dock back', async ({ page, desktop }) => {
  const account = await freshDesktop(page, desktop, 'lock-back');
  await openFromDock(page, 'vault');
  await page.keyboard.press('Alt+KeyL');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await unlockWith(page, account.password);
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await expect(page.getByTestId('dock')).toBeVisible({ timeout: 3000 });
  await expect(page.getByTestId('window')).toHaveCount(2, { timeout: 3000 });
});

test('notifications: a toast and an unread count; mark all read; a muted app only lands in the centre', async ({ page, desktop, shot }) => {
  await freshDesktop(page, desktop, 'notify');
  const { origin } = desktop.server;
  const bell = page.getByTestId('notifications');
  const unread = page.getByTestId('notifications-unread');
  await expect(bell).toHaveAttribute('aria-label', 'Notifications (0 unread)');
  // Pushes reach the desktop once its socket is connected (after the page is idle).
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');

  expect(await sendTestNotification(page, origin)).toBe(true);
  const toast = page.locator('.q-notification').filter({ hasText: 'Test notification' });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('Settings');
  await expect(unread).toHaveText('1');
  await expect(bell).toHaveAttribute('aria-label', 'Notifications (1 unread)');
  await shot('05-toast');

  await bell.click();
  const centre = page.getByTestId('notification-centre');
  await expect(centre).toBeVisible();
  await expect(centre.getByTestId('notification')).toHaveCount(1);
  await expect(centre.getByTestId('notification')).toContainText('Test notification');
  await centre.getByTestId('notifications-read-all').click();
  await expect(unread).toHaveCount(0);
  await expect(centre.getByTestId('notifications-read-all')).toBeDisabled();

  // Mute Settings from its notification.
  const mute = centre.getByTestId('notification-mute');
  await expect(mute).toHaveAttribute('aria-label', 'Mute Settings');
  await mute.click();
  await expect(mute).toHaveAttribute('aria-label', 'Unmute Settings');
  await shot('06-centre-muted');
  await page.keyboard.press('Escape');
  await expect(centre).toHaveCount(0);

  // Muted: stored (the centre lists it, unread again) but not pushed, so no toast.
  expect(await sendTestNotification(page, origin, 'Muted one')).toBe(false);
  await bell.click();
  await expect(centre.getByTestId('notification')).toHaveCount(2);
  await expect(centre.getByTestId('notification').first()).toContainText('Muted one');
  await expect(unread).toHaveText('1');
  await page.waitForTimeout(1000);
  await expect(page.locator('.q-notification').filter({ hasText: 'Muted one' })).toHaveCount(0);
  await shot('07-muted-in-centre');
});

test('behind a proxy that refuses WebSockets the socket falls back to long-polling and pushes still arrive', async ({ page, desktop }) => {
  // Every WebSocket fails its handshake as a browser reports it (error, then close 1006), as behind a proxy
  // without upgrade support.
  await page.addInitScript(() => {
    const w = window as unknown as { __refused: number; WebSocket: unknown };
    w.__refused = 0;
    w.WebSocket = class RefusedSocket extends EventTarget {
      static readonly CONNECTING = 0;
      static readonly OPEN = 1;
      static readonly CLOSING = 2;
      static readonly CLOSED = 3;
      readyState = 0;
      binaryType = 'blob';
      onopen: ((e: Event) => void) | null = null;
      onerror: ((e: Event) => void) | null = null;
      onclose: ((e: CloseEvent) => void) | null = null;
      onmessage: ((e: MessageEvent) => void) | null = null;
      constructor(readonly url: string) {
        super();
        w.__refused++;
        setTimeout(() => {
          this.readyState = 3;
          const error = new Event('error');
          this.onerror?.(error);
          this.dispatchEvent(error);
          const close = new CloseEvent('close', { code: 1006, wasClean: false });
          this.onclose?.(close);
          this.dispatchEvent(close);
        }, 5);
      }
      send(): void {}
      close(): void {}
    };
  });
  const polls: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/socket.io/') && req.url().includes('transport=polling')) polls.push(req.url());
  });
  await freshDesktop(page, desktop, 'polling');
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
  expect(await page.evaluate(() => (window as unknown as { __refused: number }).__refused)).toBeGreaterThan(0);
  expect(polls.length).toBeGreaterThan(0);
  expect(await sendTestNotification(page, desktop.server.origin, 'Over long-polling')).toBe(true);
  await expect(page.locator('.q-notification').filter({ hasText: 'Over long-polling' })).toBeVisible();
});

test('behind a proxy that drops WebSockets after the upgrade the socket reconnects over long-polling', async ({ page, desktop }) => {
  // The upgrade succeeds (the page sees the WebSocket open) and the connection is closed straight away.
  let dropped = 0;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    dropped++;
    void ws.close({ code: 1001 });
  });
  await freshDesktop(page, desktop, 'dropped');
  // The dropped attempt ends at the socket's connect timeout (8 s); the next starts with long-polling.
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true', { timeout: 30_000 });
  expect(dropped).toBeGreaterThan(0);
  expect(await sendTestNotification(page, desktop.server.origin, 'After the drop')).toBe(true);
  await expect(page.locator('.q-notification').filter({ hasText: 'After the drop' })).toBeVisible();
});

test.describe('the error boundary', () => {
  // The service worker would serve the app chunks itself, out of page.route's sight.
  test.use({ serviceWorkers: 'block' });

  test('a crashing app shows an error in its window and the rest of the desktop keeps working', async ({ page, desktop, shot }) => {
    await freshDesktop(page, desktop, 'crash');
    // DevBox's UI chunk (an App-*.js that renders <NotBuiltYet app-id="devbox">) is answered with a component that throws.
    let replaced = 0;
    await page.route('**/assets/App-*.js', async (route) => {
      const res = await route.fetch();
      const body = await res.text();
      if (!/app-id["'`]?\s*:\s*["'`]devbox["'`]/.test(body)) return route.fulfill({ response: res, body });
      replaced++;
      return route.fulfill({ contentType: 'text/javascript', body: "export default { setup() { throw new Error('boom for the test') } }" });
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    const devbox = await openFromDock(page, 'devbox');
    const failure = devbox.getByTestId('window-error');
    await expect(failure).toBeVisible();
    expect(replaced, 'the DevBox chunk was requested and replaced').toBe(1);
    await expect(failure).toContainText('boom for the test');
    await expect(failure.getByRole('button')).toBeVisible();
    await shot('08-window-error');

    // The rest: the other window, the dock, the spotlight.
    await expect(win(page, 'profile').getByTestId('whoami')).toBeVisible();
    // An app that is not built yet (Wise and the Dashboard now are): its placeholder still opens.
    const controlHub = await openFromDock(page, 'control-hub');
    await expect(controlHub.getByTestId('not-built-yet')).toBeVisible();
    await page.keyboard.press('Control+KeyK');
    await expect(page.getByTestId('spotlight-input')).toBeFocused();
    await page.keyboard.type('files');
    await page.keyboard.press('Enter');
    await expect(win(page, 'files')).toBeVisible();
    await expect(devbox.getByTestId('window-error')).toBeVisible();
    expect(errors, 'no uncaught error reached the page').toEqual([]);
    await shot('09-desktop-still-works');
  });
});

test('/app/profile shows the Profile app full-page', async ({ page, desktop, shot }) => {
  const account = await freshDesktop(page, desktop, 'apppage');
  await page.goto(`${desktop.server.origin}/app/profile`);
  const appPage = page.getByTestId('app-page');
  await expect(appPage).toBeVisible();
  await expect(appPage.getByRole('heading', { level: 1 })).toHaveText('Profile');
  await expect(appPage.getByTestId('whoami-name')).toContainText(account.name);
  await expect(page.getByTestId('desktop')).toHaveCount(0);
  await expect(page).toHaveTitle(/^Profile · /);
  await shot('10-app-page');
});

test('the inline start-up script runs under the CSP, the desktop asks for its layout and notifications once, the preloads are used', async ({ page, desktop }) => {
  await freshDesktop(page, desktop, 'early');
  // The shell deletes the script's hand-over once it takes it: note that it was set.
  await page.addInitScript(() => {
    Object.defineProperty(window, '__olaresEarly', {
      configurable: true,
      set(value: unknown) {
        (window as unknown as { __earlySet: boolean }).__earlySet = true;
        Object.defineProperty(window, '__olaresEarly', { value, writable: true, configurable: true });
      },
    });
  });
  const refused: string[] = [];
  page.on('console', (m) => /Content Security Policy|preloaded using link preload but not used/i.test(m.text()) && refused.push(m.text()));
  // The page's Link header preloads its scripts and styles: each is fetched once (the tags take the preloads).
  const assets: string[] = [];
  page.on('request', (r) => new URL(r.url()).pathname.startsWith('/assets/index-') && assets.push(new URL(r.url()).pathname));
  // Every tRPC request that asks for the layout, the sign-in status or the notification centre's list.
  const firstBatch: string[] = [];
  page.on('request', (r) => /^\/trpc\/.*(desktop\.layout\.get|auth\.status|notifications\.list)/.test(new URL(r.url()).pathname) && firstBatch.push(r.url()));
  await page.reload();
  await expect(page.getByTestId('dock')).toBeVisible();
  await expect(page.getByTestId('notifications')).toHaveAttribute('aria-label', /notification/i);
  // The script ran (it leaves its request for the tRPC client), and the client took its answers instead of asking again.
  expect(await page.evaluate(() => (window as unknown as { __earlySet?: boolean }).__earlySet)).toBe(true);
  expect(await page.evaluate(() => '__olaresEarly' in window)).toBe(false);
  expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(1);
  await page.waitForTimeout(500); // a second request for any of them would be under way by now
  expect(assets.filter((a) => a.endsWith('.js'))).toHaveLength(1);
  expect(assets.filter((a) => a.endsWith('.css'))).toHaveLength(1);
  expect(firstBatch).toEqual([`${desktop.server.origin}/trpc/desktop.layout.get,auth.status,notifications.list?batch=1&input=%7B%222%22%3A%7B%22limit%22%3A50%7D%7D`]);
  expect(refused).toEqual([]);
});
