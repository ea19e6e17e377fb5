// Subscriptions and the refresher against feeds served from loopback: discovery, shared feed rows, dedupe, conditional GETs, errors and backoff, events, and bounded concurrency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../../bff/testing/databases';
import type { EntryPage, FeedView, OpmlImportResult } from '../shared/wire';
import { fixture, items, pageLinkingTo, rss, startFeedServer, startWise, type FeedServer, type WiseTestApp } from './testing';

for (const server of testServers()) {
  describe(`Wise feeds and the refresher, on the ${server.name} PostgreSQL`, () => {
    let w: WiseTestApp;
    let feeds: FeedServer;
    const events: { userId: string; event: string; payload: unknown }[] = [];
    const refreshDue = () => w.t.app.services.wise.refresher.refreshDue();
    const subscribe = (who: string, url: string) => w.call<FeedView>(who, 'mutate', 'feeds.subscribe', { url });
    const list = (who: string, input: object) => w.call<EntryPage>(who, 'query', 'entries.list', { limit: 200, ...input });
    const feedOf = async (who: string, id: string) => (await w.call<{ feeds: FeedView[] }>(who, 'query', 'feeds.list')).feeds.find((f) => f.id === id);
    const makeDue = (id: string) => w.t.db.pool.query('UPDATE wise_feeds SET next_fetch_at = now() WHERE id = $1', [id]);
    /** Minutes from now to the feed's next fetch, by the database's clock. */
    const minutesToNext = async (id: string) =>
      Number((await w.t.db.pool.query<{ m: string }>(`SELECT extract(epoch FROM next_fetch_at - now()) / 60 AS m FROM wise_feeds WHERE id = $1`, [id])).rows[0]!.m);

    beforeAll(async () => {
      feeds = await startFeedServer();
      w = await startWise(server, { WISE_FETCH_CONCURRENCY: '4' });
      w.t.app.bus.on('user.event', (e) => void (e.event.startsWith('wise.') && events.push(e)));
    });
    afterAll(async () => {
      await w?.close();
      await feeds?.close();
    });

    it('subscribes to real feeds directly and keeps every item', async () => {
      feeds.routes.set('/guardian.rss', { body: await fixture('guardian.rss') });
      feeds.routes.set('/heise.atom', { body: await fixture('heise.atom'), type: 'application/atom+xml' });
      const guardian = await subscribe(w.alice, feeds.url('/guardian.rss'));
      expect(guardian).toMatchObject({ title: 'The Guardian', url: feeds.url('/guardian.rss'), total: 55, unread: 55, error: null, folderId: null });
      expect(guardian.lastFetchedAt).not.toBeNull();
      const heise = await subscribe(w.alice, feeds.url('/heise.atom'));
      expect(heise).toMatchObject({ title: 'heise developer neueste Meldungen', total: 15 });
      const page = await list(w.alice, { view: 'feed', feedId: heise.id });
      expect(page.items).toHaveLength(15);
      expect(page.items[0]).toMatchObject({ title: 'Java-Anwendungsserver: Red Hat gibt WildFly 10 frei', source: heise.title, read: false, kind: 'feed' });
      // Newest first.
      const dates = page.items.map((i) => i.publishedAt!);
      expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    });

    it('follows a web page to the feed it links to, and shares one feed row between subscribers', async () => {
      feeds.routes.set('/blog/feed.xml', { body: rss('Loopback Blog', items(3)) });
      feeds.routes.set('/blog/', { type: 'text/html; charset=utf-8', body: pageLinkingTo('/blog/feed.xml') });
      const viaPage = await subscribe(w.alice, feeds.url('/blog/'));
      expect(viaPage).toMatchObject({ url: feeds.url('/blog/feed.xml'), title: 'Loopback Blog', total: 3 });
      // Again: the same feed, nothing new.
      expect((await subscribe(w.alice, feeds.url('/blog/feed.xml'))).id).toBe(viaPage.id);
      const before = feeds.hits.get('/blog/feed.xml');
      const bobs = await subscribe(w.bob, feeds.url('/blog/feed.xml'));
      expect(bobs.id).toBe(viaPage.id);
      expect(bobs.total).toBe(3);
      // The shared row is reused: no second fetch.
      expect(feeds.hits.get('/blog/feed.xml')).toBe(before);
      const { rows } = await w.t.db.pool.query('SELECT count(*)::int AS n FROM wise_feeds WHERE url = $1', [feeds.url('/blog/feed.xml')]);
      expect(rows[0].n).toBe(1);
    });

    it('refuses what is not a feed, with the reason', async () => {
      feeds.routes.set('/nofeed', { type: 'text/html', body: '<html><head><title>x</title></head><body>no feed here</body></html>' });
      feeds.routes.set('/gone', { status: 410, body: 'gone' });
      expect(await w.refused(w.alice, 'mutate', 'feeds.subscribe', { url: feeds.url('/nofeed') })).toEqual({ status: 400, reason: 'wise.feed.notAFeed' });
      expect(await w.refused(w.alice, 'mutate', 'feeds.subscribe', { url: feeds.url('/gone') })).toEqual({ status: 400, reason: 'wise.feed.http' });
    });

    it('adds new items once, however often the feed repeats them, and tells every subscriber', async () => {
      feeds.routes.set('/grow.xml', { body: rss('Growing', items(2)) });
      const feed = await subscribe(w.alice, feeds.url('/grow.xml'));
      await subscribe(w.bob, feeds.url('/grow.xml'));
      feeds.routes.set('/grow.xml', { body: rss('Growing', items(4)) });
      events.length = 0;
      expect((await w.call<{ queued: number }>(w.alice, 'mutate', 'feeds.refresh', { feedId: feed.id })).queued).toBe(1);
      const first = await refreshDue();
      expect(first).toMatchObject({ fetched: 1, added: 2, failed: 0 });
      const added = events.filter((e) => e.event === 'wise.entries');
      expect(added.map((e) => e.userId).sort()).toEqual([w.ids.alice, w.ids.bob].sort());
      expect(added[0]!.payload).toEqual({ feedId: feed.id, added: 2 });
      await makeDue(feed.id);
      expect(await refreshDue()).toMatchObject({ fetched: 1, added: 0 });
      expect((await list(w.alice, { view: 'feed', feedId: feed.id })).items.map((i) => i.title)).toEqual([4, 3, 2, 1].map((n) => `Growing item ${n}`));
      // Nothing due: nothing fetched.
      expect(await refreshDue()).toMatchObject({ fetched: 0 });
    });

    it('asks conditionally and stores nothing on 304 Not Modified', async () => {
      feeds.routes.set('/etag.xml', { body: rss('Tagged', items(2)), etag: '"v1"' });
      const feed = await subscribe(w.alice, feeds.url('/etag.xml'));
      await makeDue(feed.id);
      expect(await refreshDue()).toMatchObject({ fetched: 1, notModified: 1, added: 0 });
      expect(feeds.conditional).toContain('/etag.xml');
      // The next fetch is an interval away, not at once.
      expect(await minutesToNext(feed.id)).toBeGreaterThan(55);
      feeds.routes.set('/etag.xml', { body: rss('Tagged', items(3)), etag: '"v2"' });
      await makeDue(feed.id);
      expect(await refreshDue()).toMatchObject({ notModified: 0, added: 1 });
    });

    it('records a broken feed’s error on that feed, refreshes the others, backs off, and clears the error when it recovers', async () => {
      feeds.routes.set('/flaky.xml', { body: rss('Flaky', items(1)) });
      feeds.routes.set('/steady.xml', { body: rss('Steady', items(1)) });
      const flaky = await subscribe(w.alice, feeds.url('/flaky.xml'));
      const steady = await subscribe(w.alice, feeds.url('/steady.xml'));
      feeds.routes.set('/flaky.xml', { status: 500, body: 'oops' });
      feeds.routes.set('/steady.xml', { body: rss('Steady', items(2)) });
      await makeDue(flaky.id);
      await makeDue(steady.id);
      events.length = 0;
      expect(await refreshDue()).toMatchObject({ fetched: 2, failed: 1, added: 1 });
      const broken = (await feedOf(w.alice, flaky.id))!;
      expect(broken.error).toMatchObject({ kind: 'http', attempts: 1 });
      expect(broken.error!.message).toContain('500');
      expect((await feedOf(w.alice, steady.id))!.error).toBeNull();
      expect(events.some((e) => e.event === 'wise.feeds' && (e.payload as { feedId: string }).feedId === flaky.id)).toBe(true);
      // Backoff: the hourly interval doubled per failure in a row (2 h, 4 h, 8 h…), capped at a day.
      expect(await minutesToNext(flaky.id)).toBeGreaterThan(115);
      expect(await minutesToNext(flaky.id)).toBeLessThanOrEqual(120);
      await makeDue(flaky.id);
      await refreshDue();
      expect((await feedOf(w.alice, flaky.id))!.error).toMatchObject({ kind: 'http', attempts: 2, since: broken.error!.since });
      expect(await minutesToNext(flaky.id)).toBeGreaterThan(235);
      await w.t.db.pool.query('UPDATE wise_feeds SET error_attempts = 12, next_fetch_at = now() WHERE id = $1', [flaky.id]);
      await refreshDue();
      expect(await minutesToNext(flaky.id)).toBeGreaterThan(24 * 60 - 5);
      expect(await minutesToNext(flaky.id)).toBeLessThanOrEqual(24 * 60);
      // Retry-After asks for longer: honoured.
      feeds.routes.set('/flaky.xml', { status: 503, body: 'busy', headers: { 'retry-after': String(2 * 24 * 3600) } });
      await makeDue(flaky.id);
      await refreshDue();
      expect(await minutesToNext(flaky.id)).toBeGreaterThan(2 * 24 * 60 - 5);
      // Recovered: the error goes, the schedule is the interval again.
      feeds.routes.set('/flaky.xml', { body: rss('Flaky', items(2)) });
      await makeDue(flaky.id);
      expect(await refreshDue()).toMatchObject({ failed: 0, added: 1 });
      expect((await feedOf(w.alice, flaky.id))!.error).toBeNull();
      expect(await minutesToNext(flaky.id)).toBeLessThanOrEqual(60);
    });

    it('stops fetching a feed when its last subscriber leaves, and fetches it again for a new one', async () => {
      feeds.routes.set('/lonely.xml', { body: rss('Lonely', items(1)) });
      const feed = await subscribe(w.bob, feeds.url('/lonely.xml'));
      expect(await w.call(w.bob, 'mutate', 'feeds.unsubscribe', { feedId: feed.id })).toEqual({ ok: true });
      const { rows } = await w.t.db.pool.query('SELECT next_fetch_at FROM wise_feeds WHERE id = $1', [feed.id]);
      expect(rows[0].next_fetch_at).toBeNull();
      expect(await refreshDue()).toMatchObject({ fetched: 0 });
      expect(await w.refused(w.bob, 'query', 'entries.list', { view: 'feed', feedId: feed.id })).toEqual({ status: 404, reason: 'wise.notFound' });
      await w.t.db.pool.query('UPDATE wise_feeds SET next_fetch_at = now() WHERE id = $1', [feed.id]);
      expect(await refreshDue()).toMatchObject({ fetched: 0 });
      const again = await subscribe(w.alice, feeds.url('/lonely.xml'));
      expect(again.id).toBe(feed.id);
      expect(await refreshDue()).toMatchObject({ fetched: 1 });
    });

    it('changes a feed’s settings for its subscriber only', async () => {
      feeds.routes.set('/settings.xml', { body: rss('Settings', items(1)) });
      const feed = await subscribe(w.alice, feeds.url('/settings.xml'));
      await subscribe(w.bob, feeds.url('/settings.xml'));
      const changed = await w.call<FeedView>(w.alice, 'mutate', 'feeds.update', { feedId: feed.id, title: 'My name', intervalMinutes: 15, fullText: true });
      expect(changed).toMatchObject({ title: 'My name', intervalMinutes: 15, fullText: true });
      expect(await minutesToNext(feed.id)).toBeLessThanOrEqual(15);
      expect((await feedOf(w.bob, feed.id))!).toMatchObject({ title: 'Settings', intervalMinutes: 60, fullText: false });
      expect((await w.call<FeedView>(w.alice, 'mutate', 'feeds.update', { feedId: feed.id, title: null })).title).toBe('Settings');
    });

    it('fetches the full article of new items for a subscriber who asks', async () => {
      const article = `<!doctype html><html><head><title>Full</title></head><body><article><h1>Full story</h1>${'<p>The whole story is much longer than its excerpt, and reads on and on with detail.</p>'.repeat(8)}<p>A cormorant appears only here.</p></article></body></html>`;
      feeds.routes.set('/full/1', { type: 'text/html', body: article });
      feeds.routes.set('/full.xml', { body: rss('Full', [{ n: 1, link: feeds.url('/full/1'), body: 'Just an excerpt.' }]) });
      const feed = await subscribe(w.alice, feeds.url('/full.xml'));
      await w.call(w.alice, 'mutate', 'feeds.update', { feedId: feed.id, fullText: true });
      feeds.routes.set('/full.xml', { body: rss('Full', [{ n: 2, link: feeds.url('/full/1'), body: 'Just an excerpt.' }, { n: 1, link: feeds.url('/full/1') }]) });
      await makeDue(feed.id);
      await refreshDue();
      const [newest] = (await list(w.alice, { view: 'feed', feedId: feed.id })).items;
      expect((await w.call<{ html: string }>(w.alice, 'query', 'entries.get', { id: newest!.id })).html).toContain('The whole story is much longer');
      await subscribe(w.bob, feeds.url('/full.xml'));
      expect((await w.call<{ html: string }>(w.bob, 'query', 'entries.get', { id: newest!.id })).html).toContain('Just an excerpt.');
      // Search finds it by words of the full article, and of the feed's excerpt still.
      const found = async (q: string) => (await w.call<{ id: string }[]>(w.alice, 'query', 'search.query', { q })).map((h) => h.id);
      expect(await found('cormorant')).toEqual([newest!.id]);
      expect(await found('excerpt')).toContain(newest!.id);
    });

    it('fetches no more feeds at once than WISE_FETCH_CONCURRENCY', async () => {
      const outlines = Array.from({ length: 30 }, (_, i) => {
        feeds.routes.set(`/slow/${i}.xml`, { body: rss(`Slow ${i}`, items(2)), delayMs: 150 });
        return `<outline text="Slow ${i}" type="rss" xmlUrl="${feeds.url(`/slow/${i}.xml`)}"/>`;
      });
      const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>slow</title></head><body><outline text="Slow">${outlines.join('')}</outline></body></opml>`;
      expect(await w.call<OpmlImportResult>(w.bob, 'mutate', 'opml.import', { opml })).toEqual({ added: 30, alreadySubscribed: 0, folders: 1, failed: [] });
      feeds.resetPeak();
      const summary = await refreshDue();
      expect(summary).toMatchObject({ fetched: 30, failed: 0, added: 60 });
      expect(feeds.peak()).toBeLessThanOrEqual(4);
      expect(feeds.peak()).toBeGreaterThan(1);
    });
  });
}
