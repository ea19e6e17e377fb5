// Wise's browser specs share this: a desktop allowed to fetch from loopback (WISE_ALLOW_PRIVATE_NETWORK), a loopback web server with the real feed fixtures and pages made here, and helpers for the Wise window.
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test as base, type Account } from './fixtures';
import { openFromDock, waitForFirstDesktop } from './support/desktop';
import { signIn } from './fixtures';
import { createAccount, createDatabase, createOwner, DesktopServer, REPO_ROOT } from './support/server';

/** The real feeds captured from publishers (never copied or edited: read from the shared folder). */
export const FIXTURES = path.resolve(REPO_ROOT, '../shared/fixtures/feeds');

/** A loopback site: the fixture feeds under /feeds/, pages and feeds made below, and switches to break a feed. */
export interface Site {
  origin: string;
  /** Makes /flaky.rss answer 500 from now on (or work again). */
  breakFlaky(broken: boolean): void;
  /** Adds an item to /grow.rss. */
  grow(): void;
}

const HOUR = 3_600_000;

function rss(title: string, items: { title: string; body: string; ageHours: number }[], base: string): string {
  const now = Date.now();
  const entries = items
    .map(
      (it, i) => `<item><title>${it.title}</title><link>${base}/posts/${i + 1}</link><guid>${base}/posts/${i + 1}</guid><pubDate>${new Date(now - it.ageHours * HOUR).toUTCString()}</pubDate><description><![CDATA[<p>${it.body}</p>]]></description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>${base}/</link><description>${title}</description>${entries}</channel></rss>`;
}

/** Twelve fresh items on three subjects, so that For you can tell what the reader likes. */
export const TECH_ITEMS = [
  { title: 'Kubernetes operators in production', body: 'Running Kubernetes operators for stateful clusters: reconcile loops, kubernetes controllers, pods and custom resources.', ageHours: 1 },
  { title: 'Scaling Kubernetes clusters with autoscalers', body: 'The kubernetes cluster autoscaler adds nodes when pods wait; kubernetes scheduling and cluster capacity explained.', ageHours: 2 },
  { title: 'Debugging Kubernetes networking', body: 'Kubernetes services, pods and cluster networking: how kubernetes routes traffic between nodes.', ageHours: 3 },
  { title: 'Kubernetes storage for databases', body: 'Persistent volumes for kubernetes clusters: running databases on kubernetes pods safely.', ageHours: 4 },
  { title: 'Rust ownership explained', body: 'Rust borrow checker, ownership and lifetimes: why rust programs are memory safe.', ageHours: 5 },
  { title: 'Async Rust with Tokio', body: 'Writing async rust services with tokio; futures and rust executors.', ageHours: 6 },
  { title: 'Rust for embedded devices', body: 'Rust on microcontrollers: no_std rust, embedded hal and rust tooling.', ageHours: 7 },
  { title: 'Error handling in Rust', body: 'Result types and the question mark operator in rust code.', ageHours: 8 },
  { title: 'Growing tomatoes on a balcony', body: 'Tomatoes need sun, water and a deep pot; balcony gardening with tomato plants.', ageHours: 9 },
  { title: 'Composting for small gardens', body: 'Compost bins, worms and garden soil: composting kitchen scraps for the garden.', ageHours: 10 },
  { title: 'Pruning roses in spring', body: 'Garden roses bloom better after pruning; spring gardening with roses.', ageHours: 11 },
  { title: 'Watering the vegetable garden', body: 'Drip irrigation for garden vegetables and when to water the garden.', ageHours: 12 },
];

/** A readable article (Readability wants a real body) with a word found nowhere else: photosynthesis. */
export const ARTICLE_TITLE = 'The quiet science of photosynthesis';
export const ARTICLE_PHRASE = 'chlorophyll molecules capture sunlight';
const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${ARTICLE_TITLE}</title><meta name="author" content="Ada Gardener"></head>
<body><nav><a href="/">Home</a> · <a href="/about">About</a> · <a href="/shop">Shop</a></nav>
<article><h1>${ARTICLE_TITLE}</h1><p class="byline">By Ada Gardener</p>
<p>Every green leaf is a small factory. Inside its cells, ${ARTICLE_PHRASE} and turn it into chemical energy, splitting water and releasing the oxygen we breathe. The process is called photosynthesis, and almost all life on Earth depends on it.</p>
<p>The first stage happens in the thylakoid membranes. Light excites electrons in the reaction centres, and the energy travels along a chain of proteins that pumps protons and builds up a gradient. That gradient drives an enzyme which makes ATP, the currency of energy in every living cell.</p>
<p>The second stage, the Calvin cycle, does not need light directly. It uses the ATP and NADPH made in the first stage to fix carbon dioxide from the air into sugars. One enzyme, RuBisCO, does the fixing; it is slow and sometimes grabs oxygen by mistake, which is why plants make so much of it.</p>
<p>Gardeners see photosynthesis at work every day. A tomato plant in full sun grows faster than one in the shade, and leaves turn towards the window. Understanding the process helps to choose where to plant, when to water, and why a yellowing leaf is a warning sign worth heeding.</p>
<p>Scientists are now trying to make photosynthesis more efficient, by tuning RuBisCO or by adding pathways from algae to crops. If they succeed, the same field could feed more people with less water and fertiliser, a quiet revolution grown from sunlight.</p>
</article><footer>© Garden Science</footer></body></html>`;

/** A page with no feed and no link to one: subscribing to it fails with "not a feed". */
const NOT_A_FEED = '<!doctype html><html><head><title>Just a page</title></head><body><p>No feed here.</p></body></html>';

export { textPdf } from '../bff/text/testing/pdf';

export async function startSite(): Promise<{ site: Site; close(): Promise<void> }> {
  let flakyBroken = false;
  let grown = 1;
  let origin = '';
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (status: number, type: string, body: string | Buffer) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      if (url.pathname.startsWith('/feeds/')) {
        const name = path.basename(url.pathname);
        try {
          const body = await fs.readFile(path.join(FIXTURES, name));
          return send(200, name.endsWith('.atom') ? 'application/atom+xml' : 'application/rss+xml', body);
        } catch {
          return send(404, 'text/plain', 'not found');
        }
      }
      if (url.pathname === '/tech.rss') return send(200, 'application/rss+xml; charset=utf-8', rss('Tech and Garden Weekly', TECH_ITEMS, `${origin}/tech`));
      if (url.pathname === '/flaky.rss') {
        if (flakyBroken) return send(500, 'text/plain', 'server error');
        return send(200, 'application/rss+xml; charset=utf-8', rss('Flaky Feed', [{ title: 'A flaky item', body: 'It works for now.', ageHours: 30 }], `${origin}/flaky`));
      }
      if (url.pathname === '/grow.rss') {
        const items = Array.from({ length: grown }, (_, i) => ({ title: `Growing item ${i + 1}`, body: `Item number ${i + 1}.`, ageHours: 20 - i }));
        return send(200, 'application/rss+xml; charset=utf-8', rss('Growing Feed', items, `${origin}/grow`));
      }
      if (url.pathname === '/article.html') return send(200, 'text/html; charset=utf-8', ARTICLE);
      if (url.pathname === '/not-a-feed.html') return send(200, 'text/html; charset=utf-8', NOT_A_FEED);
      return send(404, 'text/html; charset=utf-8', '<!doctype html><title>Not found</title><p>Not found</p>');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    site: { origin, breakFlaky: (b) => (flakyBroken = b), grow: () => void grown++ },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface WiseDesktop {
  server: DesktopServer;
  site: Site;
  newAccount(prefix: string): Promise<Account>;
}

/** The Wise specs' test: a worker-wide desktop that may fetch from loopback, and the loopback site. */
export const test = base.extend<object, { wise: WiseDesktop }>({
  wise: [
    async ({ postgres }, use) => {
      const { site, close } = await startSite();
      const db = await createDatabase(postgres);
      const server = await DesktopServer.launch({ databaseUrl: db.url, env: { WISE_ALLOW_PRIVATE_NETWORK: 'true' } });
      try {
        const { cookie } = await createOwner(server);
        await use({ server, site, newAccount: (prefix) => createAccount(server, cookie, prefix) });
      } finally {
        await server.stop();
        await db.drop();
        await close();
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});
export { expect };

/** A new account signed in, its first desktop settled. */
export async function signedIn(page: Page, wise: WiseDesktop, prefix: string): Promise<Account> {
  const account = await wise.newAccount(prefix);
  await signIn(page, wise.server.origin, account);
  await waitForFirstDesktop(page);
  return account;
}

/** Opens Wise from the dock (or takes the window a reload restored), maximised, and waits for it. */
export async function openWise(page: Page): Promise<Locator> {
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
  const existing = page.locator('[data-testid=window][data-app="wise"]').first();
  const win = (await existing.isVisible()) ? existing : await openFromDock(page, 'wise');
  await expect(win.getByTestId('wise-app')).toBeVisible();
  if (!/wm-window--(snapped|maximized)/.test((await win.getAttribute('class')) ?? '')) {
    await page.keyboard.press('Alt+Shift+ArrowUp');
  }
  await expect(win).toHaveClass(/wm-window--snapped|wm-window--maximized/);
  return win;
}

export function feedInRail(win: Locator, title: string): Locator {
  return win.locator(`[data-testid=rail-feed][data-title="${title}"]`);
}

export function rowByTitle(win: Locator, title: string): Locator {
  return win.getByTestId('entry-row').filter({ has: win.page().getByRole('heading', { name: title, exact: true }) });
}

/** Subscribes through the Add a feed dialog and waits for the feed in the rail. */
export async function subscribe(win: Locator, url: string, title: string): Promise<void> {
  await win.getByTestId('rail-add-feed').click();
  const dialog = win.page().getByTestId('add-feed-dialog');
  await dialog.getByTestId('url-input').fill(url);
  await dialog.getByTestId('url-submit').click();
  // Subscribing reads the feed at once (a shared, busy machine can be slow with 55 items).
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(feedInRail(win, title)).toBeVisible();
}

/** Waits for Quasar's transitions to settle and saves test-results/screenshots/wise-<step>.png. */
export async function shot(page: Page, step: string): Promise<void> {
  const dir = path.join(REPO_ROOT, 'test-results', 'screenshots');
  await fs.mkdir(dir, { recursive: true });
  await page
    .evaluate(async () => {
      const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
      await Promise.race([Promise.allSettled(finite.map((a) => a.finished)), new Promise((r) => setTimeout(r, 2000))]);
    })
    .catch(() => undefined);
  await page.screenshot({ path: path.join(dir, `wise-${step}.png`) });
}

/** axe-core over a part of the page: no serious or critical violations. */
export async function axe(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 200)} ${n.failureSummary ?? ''}`).join(', ')}`), selector).toEqual([]);
}

/** Selects `phrase` inside the reader's article as a person dragging over it would, and releases the mouse there. */
export async function selectInArticle(page: Page, phrase: string): Promise<void> {
  await page.evaluate((text) => {
    const body = document.querySelector('[data-testid=reader-body]')!;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n.textContent ?? '').indexOf(text);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + text.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error(`"${text}" is not in the article`);
  }, phrase);
}
