// The installable PWA: a valid manifest with its icons, the service worker's precache of the shell, and the
// offline page (the SPA's and public/offline.html) once the server is gone, in English and Chinese, with no CSP refusal.
import { expect, test, type Page } from './fixtures';

/** The pathnames in each of the origin's caches (Cache Storage), read in the page. */
async function cachedPaths(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    return out;
  });
}

const TEXT = {
  'en-US': { title: 'The server is unreachable', retry: 'Try again', pageTitle: 'Server unreachable · Olares Desktop' },
  'zh-CN': { title: '无法连接服务器', retry: '重试', pageTitle: '无法连接服务器 · Olares 桌面' },
} as const;

for (const locale of ['en-US', 'zh-CN'] as const) {
  test.describe(locale, () => {
    test.use({ locale });

    test(`installable, precaches the shell, and says the server is unreachable when it is gone (${locale})`, async ({ page, launchDesktop, shot }) => {
      const text = TEXT[locale];
      const cspViolations: string[] = [];
      page.on('console', (msg) => {
        if (msg.text().includes('Content Security Policy')) cspViolations.push(msg.text());
      });
      const server = await launchDesktop();
      const { origin } = server;
      await page.goto(`${origin}/`);
      // A fresh desktop: the first-run page.
      await expect(page.getByTestId('first-run-form')).toBeVisible();

      // One inline script, the start-up script (the CSP allows it by its hash, no other), and no script the plugin
      // would inject to register the worker.
      const inline = page.locator('script:not([src])');
      await expect(inline).toHaveCount(1);
      expect(await inline.textContent()).toContain('__olaresEarly');
      expect(await page.locator('script[src*="registerSW"]').count()).toBe(0);

      // The manifest: served, valid JSON, and with the icons an install needs.
      const href = await page.locator('link[rel=manifest]').getAttribute('href');
      expect(href).toBeTruthy();
      const res = await page.request.get(new URL(href!, origin).href);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain('manifest+json');
      const manifest = (await res.json()) as {
        name: string;
        short_name: string;
        start_url: string;
        scope: string;
        display: string;
        icons: { src: string; sizes: string; type: string; purpose?: string }[];
      };
      expect(manifest).toMatchObject({ name: 'Olares Desktop', short_name: 'Olares', start_url: '/', scope: '/', display: 'standalone' });
      for (const [sizes, purpose] of [['192x192', 'any'], ['512x512', 'any'], ['512x512', 'maskable']] as const) {
        const icon = manifest.icons.find((i) => i.sizes === sizes && (i.purpose ?? 'any').split(' ').includes(purpose));
        expect(icon, `a ${sizes} ${purpose} icon`).toBeTruthy();
        expect(icon!.type).toBe('image/png');
        // The file is there and really has that size.
        const size = await page.evaluate(async (src) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          return `${img.naturalWidth}x${img.naturalHeight}`;
        }, icon!.src);
        expect(size).toBe(sizes);
      }

      // The service worker: active, controlling the page, and the shell precached (but nothing of the API).
      // `ready` resolves once a worker is active, possibly still activating.
      await page.evaluate(() => navigator.serviceWorker.ready);
      await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state)).toBe('activated');
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      const shell = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[rel=stylesheet], link[rel=modulepreload]')].map(
          (el) => new URL(el instanceof HTMLScriptElement ? el.src : el.href).pathname,
        ),
      );
      expect(shell.length).toBeGreaterThan(0);
      const caches = await cachedPaths(page);
      const precache = Object.entries(caches).find(([name]) => name.startsWith('workbox-precache'))?.[1] ?? [];
      expect(precache).toEqual(expect.arrayContaining(['/index.html', '/offline.html', '/offline.js', '/icons/icon-192.png', ...shell]));
      expect(Object.values(caches).flat().filter((p) => /^\/(trpc|api|socket\.io|healthz|readyz)(\/|$)/.test(p))).toEqual([]);
      await shot(`${locale}-01-online`);

      // The server goes away: a reload comes from the cache and says so, in the visitor's language.
      await server.stop();
      await page.reload();
      await expect(page).toHaveURL(/\/offline(\?|$)/);
      const offline = page.getByTestId('offline-page');
      await expect(offline).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.title);
      await expect(page.getByTestId('offline-retry')).toHaveText(text.retry);
      await shot(`${locale}-02-offline`);
      // Trying again while it is still down keeps the page (not a blank one).
      await page.getByTestId('offline-retry').click();
      await page.waitForLoadState('load');
      await expect(offline).toBeVisible();

      // A navigation that the SPA fallback leaves to the server gets public/offline.html from the precache.
      await page.goto(`${origin}/api/unreachable`);
      await expect(page).toHaveTitle(text.pageTitle);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.title);
      await expect(page.getByTestId('offline-retry')).toHaveText(text.retry);
      await shot(`${locale}-03-offline-html`);
      await page.getByTestId('offline-retry').click();
      await expect(page).toHaveTitle(text.pageTitle);

      expect(cspViolations).toEqual([]);
    });
  });
}
