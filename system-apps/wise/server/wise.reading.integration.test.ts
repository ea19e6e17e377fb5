// Reading through the router: folders, OPML round trip, lists with keyset pages, entries, marks, mark-all-read with its bound, progress, tags and the tag list, notes, highlights — and one user never reaching another's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../../bff/testing/databases';
import type { EntryListItem, EntryPage, EntryView, FeedView, FolderView, ForYouItem, HighlightView, OpmlImportResult, SearchHit, TagCount } from '../shared/wire';
import { items, rss, startFeedServer, startWise, type FeedServer, type WiseTestApp } from './testing';

const NO_ID = '00000000-0000-4000-8000-000000000000';

for (const server of testServers()) {
  describe(`Wise reading, on the ${server.name} PostgreSQL`, () => {
    let w: WiseTestApp;
    let feeds: FeedServer;
    let news: FeedView;
    let blog: FeedView;
    const list = (who: string, input: object) => w.call<EntryPage>(who, 'query', 'entries.list', { limit: 200, ...input });
    const titles = (page: EntryPage) => page.items.map((i) => i.title);
    const get = (who: string, id: string) => w.call<EntryView>(who, 'query', 'entries.get', { id });
    const feedList = (who: string) => w.call<{ feeds: FeedView[]; folders: FolderView[] }>(who, 'query', 'feeds.list');

    beforeAll(async () => {
      feeds = await startFeedServer();
      w = await startWise(server);
      feeds.routes.set('/news.xml', { body: rss('News', items(12)) });
      feeds.routes.set('/blog.xml', { body: rss('Blog', items(3)) });
      news = await w.call<FeedView>(w.alice, 'mutate', 'feeds.subscribe', { url: feeds.url('/news.xml') });
      blog = await w.call<FeedView>(w.alice, 'mutate', 'feeds.subscribe', { url: feeds.url('/blog.xml') });
    });
    afterAll(async () => {
      await w?.close();
      await feeds?.close();
    });

    it('makes, renames and deletes folders; feeds move between them and fall out of a deleted one', async () => {
      const tech = await w.call<FolderView>(w.alice, 'mutate', 'folders.create', { name: 'Tech' });
      expect(await w.refused(w.alice, 'mutate', 'folders.create', { name: 'tech' })).toEqual({ status: 409, reason: 'wise.folderExists' });
      const other = await w.call<FolderView>(w.alice, 'mutate', 'folders.create', { name: 'Other' });
      expect(await w.refused(w.alice, 'mutate', 'folders.rename', { folderId: other.id, name: 'TECH' })).toEqual({ status: 409, reason: 'wise.folderExists' });
      expect(await w.call(w.alice, 'mutate', 'folders.rename', { folderId: tech.id, name: 'Technology' })).toEqual({ id: tech.id, name: 'Technology' });
      expect((await w.call<FeedView>(w.alice, 'mutate', 'feeds.update', { feedId: news.id, folderId: tech.id })).folderId).toBe(tech.id);
      expect(titles(await list(w.alice, { view: 'folder', folderId: tech.id }))).toHaveLength(12);
      expect(await w.call(w.alice, 'mutate', 'folders.delete', { folderId: other.id })).toEqual({ ok: true });
      await w.call(w.alice, 'mutate', 'feeds.update', { feedId: blog.id, folderId: tech.id });
      await w.call(w.alice, 'mutate', 'feeds.update', { feedId: blog.id, folderId: null });
      const { feeds: mine, folders } = await feedList(w.alice);
      expect(folders).toEqual([{ id: tech.id, name: 'Technology' }]);
      expect(mine.find((f) => f.id === blog.id)!.folderId).toBeNull();
      // Bob sees none of it and may touch none of it.
      expect((await feedList(w.bob)).folders).toEqual([]);
      expect(await w.refused(w.bob, 'mutate', 'folders.rename', { folderId: tech.id, name: 'Mine' })).toEqual({ status: 404, reason: 'wise.notFound' });
      expect(await w.refused(w.bob, 'mutate', 'feeds.subscribe', { url: feeds.url('/blog.xml'), folderId: tech.id })).toEqual({ status: 404, reason: 'wise.notFound' });
    });

    it('imports an OPML file with nested folders and exports what it imported', async () => {
      feeds.routes.set('/a.xml', { body: rss('A', items(1)) });
      feeds.routes.set('/b.xml', { body: rss('B', items(1)) });
      const opml = `<?xml version="1.0" encoding="UTF-8"?><opml version="1.0"><head><title>Mine</title></head><body>
        <outline text="Top level" type="rss" xmlUrl="${feeds.url('/a.xml')}"/>
        <outline text="Reading"><outline text="Inner"><outline text="B feed" type="rss" xmlUrl="${feeds.url('/b.xml')}"/></outline>
          <outline text="Blog again" type="rss" xmlUrl="${feeds.url('/blog.xml')}"/></outline>
        <outline text="Broken" type="rss" xmlUrl="ftp://example.invalid/feed"/></body></opml>`;
      const result = await w.call<OpmlImportResult>(w.bob, 'mutate', 'opml.import', { opml });
      expect(result).toEqual({ added: 3, alreadySubscribed: 0, folders: 2, failed: [{ url: 'ftp://example.invalid/feed', reason: 'not an http or https address' }] });
      expect(await w.call<OpmlImportResult>(w.bob, 'mutate', 'opml.import', { opml })).toMatchObject({ added: 0, alreadySubscribed: 3, folders: 0 });
      expect(await w.refused(w.bob, 'mutate', 'opml.import', { opml: 'no opml here' })).toEqual({ status: 400, reason: 'wise.opml.invalid' });
      // The new feeds are fetched by the refresher; the shared blog was fetched already.
      expect(await w.t.app.services.wise.refresher.refreshDue()).toMatchObject({ fetched: 2, failed: 0 });
      const { feeds: bobs, folders } = await feedList(w.bob);
      expect(folders.map((f) => f.name)).toEqual(['Reading', 'Reading / Inner']);
      expect(bobs.map((f) => [f.title, folders.find((x) => x.id === f.folderId)?.name ?? null])).toEqual([
        ['A', null],
        ['B', 'Reading / Inner'],
        ['Blog', 'Reading'],
      ]);
      const { opml: exported } = await w.call<{ opml: string }>(w.bob, 'query', 'opml.export');
      expect(exported).toContain(`xmlUrl="${feeds.url('/b.xml')}"`);
      // Into a fresh account: the same feeds in the same folders.
      await w.t.db.pool.query('DELETE FROM wise_subscriptions WHERE user_id = $1', [w.ids.bob]);
      await w.t.db.pool.query('DELETE FROM wise_folders WHERE user_id = $1', [w.ids.bob]);
      expect(await w.call<OpmlImportResult>(w.bob, 'mutate', 'opml.import', { opml: exported })).toEqual({ added: 3, alreadySubscribed: 0, folders: 2, failed: [] });
      const again = await feedList(w.bob);
      expect(again.feeds.map((f) => [f.title, again.folders.find((x) => x.id === f.folderId)?.name ?? null])).toEqual([
        ['A', null],
        ['B', 'Reading / Inner'],
        ['Blog', 'Reading'],
      ]);
    });

    it('pages through entries newest first with a cursor, without gaps or repeats', async () => {
      const seen: EntryListItem[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await list(w.alice, { view: 'feed', feedId: news.id, limit: 5, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen.map((i) => i.title)).toEqual(items(12).map((i) => `News item ${i.n}`));
      expect((await list(w.alice, { view: 'all', limit: 1 })).nextCursor).not.toBeNull();
      expect(await list(w.alice, { view: 'all', cursor: 'garbage' })).toEqual({ items: [], nextCursor: null });
    });

    it('marks read, starred and dismissed; lists by view; keeps progress, tags and notes per user', async () => {
      const [first, second] = (await list(w.alice, { view: 'feed', feedId: blog.id })).items;
      await w.call(w.alice, 'mutate', 'entries.mark', { ids: [first!.id], read: true, starred: true });
      await w.call(w.alice, 'mutate', 'entries.mark', { ids: [second!.id], dismissed: true });
      expect(titles(await list(w.alice, { view: 'starred' }))).toEqual([first!.title]);
      expect(titles(await list(w.alice, { view: 'feed', feedId: blog.id, unreadOnly: true }))).toEqual(['Blog item 2', 'Blog item 1']);
      expect((await feedList(w.alice)).feeds.find((f) => f.id === blog.id)).toMatchObject({ unread: 2, total: 3 });
      await w.call(w.alice, 'mutate', 'entries.progress', { id: first!.id, progress: 0.4 });
      await w.call(w.alice, 'mutate', 'entries.tags', { id: first!.id, tags: ['later', ' Later ', 'work'] });
      await w.call(w.alice, 'mutate', 'entries.note', { id: first!.id, note: 'worth a second look' });
      const view = await get(w.alice, first!.id);
      expect(view).toMatchObject({ read: true, starred: true, progress: expect.closeTo(0.4, 5), tags: ['later', 'work'], note: 'worth a second look', documentType: null, documentUrl: null });
      expect(view.html).toContain('Body of Blog item 3.');
      expect(titles(await list(w.alice, { view: 'tag', tag: 'work' }))).toEqual([first!.title]);
      // Bob subscribes to the same blog: his state is his own.
      await w.call(w.bob, 'mutate', 'feeds.subscribe', { url: feeds.url('/blog.xml') });
      expect(await get(w.bob, first!.id)).toMatchObject({ read: false, starred: false, progress: 0, tags: [], note: '' });
      await w.call(w.alice, 'mutate', 'entries.mark', { ids: [first!.id], starred: false });
      expect(titles(await list(w.alice, { view: 'starred' }))).toEqual([]);
    });

    it('lists the caller’s tags with how many entries carry each, by name; another user sees none of them', async () => {
      const tagList = (who: string) => w.call<TagCount[]>(who, 'query', 'tags.list');
      const [, second] = (await list(w.alice, { view: 'feed', feedId: blog.id })).items;
      const [newsItem] = (await list(w.alice, { view: 'feed', feedId: news.id })).items;
      // The first blog item carries ['later', 'work'] from the test before.
      await w.call(w.alice, 'mutate', 'entries.tags', { id: second!.id, tags: ['work', 'Alpha'] });
      await w.call(w.alice, 'mutate', 'entries.tags', { id: newsItem!.id, tags: ['Alpha'] });
      expect(await tagList(w.alice)).toEqual([
        { tag: 'Alpha', count: 2 },
        { tag: 'later', count: 1 },
        { tag: 'work', count: 2 },
      ]);
      // Bob follows the same blog but tagged nothing.
      expect(await tagList(w.bob)).toEqual([]);
      // Untagging drops the counts; a tag on no entry is gone.
      await w.call(w.alice, 'mutate', 'entries.tags', { id: second!.id, tags: [] });
      await w.call(w.alice, 'mutate', 'entries.tags', { id: newsItem!.id, tags: [] });
      expect(await tagList(w.alice)).toEqual([
        { tag: 'later', count: 1 },
        { tag: 'work', count: 1 },
      ]);
    });

    it('searches and recommends among the caller’s own entries, fed by the hooks', async () => {
      const hits = await w.call<SearchHit[]>(w.alice, 'query', 'search.query', { q: 'News item 7' });
      expect(hits[0]).toMatchObject({ title: 'News item 7', feedId: news.id });
      expect(hits[0]!.titleHtml).toContain('<mark>');
      // Bob follows the blog, not the news.
      expect((await w.call<SearchHit[]>(w.bob, 'query', 'search.query', { q: 'News item 7' })).some((h) => h.feedId === news.id)).toBe(false);
      const [some] = (await list(w.alice, { view: 'feed', feedId: news.id })).items;
      await w.call(w.alice, 'mutate', 'entries.mark', { ids: [some!.id], read: true, starred: true });
      const { rows } = await w.t.db.pool.query('SELECT events FROM wise_profiles WHERE user_id = $1', [w.ids.alice]);
      expect(rows[0]?.events).toBeGreaterThan(0);
      // For you ranks recent unread items: a feed of today's news (Bob follows nothing recent: nothing for him).
      const hour = 3_600_000;
      feeds.routes.set('/today.xml', { body: rss('Today', [1, 2, 3].map((n) => ({ n, title: `News item fresh ${n}`, at: Date.now() - n * hour }))) });
      const today = await w.call<FeedView>(w.alice, 'mutate', 'feeds.subscribe', { url: feeds.url('/today.xml') });
      const forYou = await w.call<ForYouItem[]>(w.alice, 'query', 'recommend.forYou', { limit: 50 });
      expect(forYou.map((i) => i.title).sort()).toEqual(['News item fresh 1', 'News item fresh 2', 'News item fresh 3']);
      expect(forYou[0]!.reasons.length).toBeGreaterThan(0);
      expect(await w.call<ForYouItem[]>(w.bob, 'query', 'recommend.forYou', {})).toEqual([]);
      await w.call(w.alice, 'mutate', 'feeds.unsubscribe', { feedId: today.id });
      await w.call(w.alice, 'mutate', 'entries.mark', { ids: [some!.id], read: false, starred: false });
    });

    it('marks all read up to its bound: items arriving later stay unread', async () => {
      const before = Date.now();
      await new Promise((r) => setTimeout(r, 20));
      feeds.routes.set('/news.xml', { body: rss('News', items(14)) });
      await w.call(w.alice, 'mutate', 'feeds.refresh', { feedId: news.id });
      expect(await w.t.app.services.wise.refresher.refreshDue()).toMatchObject({ added: 2 });
      const { count } = await w.call<{ count: number }>(w.alice, 'mutate', 'entries.markAllRead', { feedId: news.id, before });
      expect(count).toBe(12);
      expect(titles(await list(w.alice, { view: 'unread', feedId: news.id }))).toEqual(expect.arrayContaining(['News item 14', 'News item 13']));
      expect(titles(await list(w.alice, { view: 'feed', feedId: news.id, unreadOnly: true }))).toEqual(['News item 14', 'News item 13']);
      expect((await w.call<{ count: number }>(w.alice, 'mutate', 'entries.markAllRead', { feedId: news.id, before })).count).toBe(0);
      // By folder, and everything.
      const tech = (await feedList(w.alice)).folders[0]!;
      expect((await w.call<{ count: number }>(w.alice, 'mutate', 'entries.markAllRead', { folderId: tech.id, before: Date.now() + 1000 })).count).toBe(2);
      expect((await w.call<{ count: number }>(w.alice, 'mutate', 'entries.markAllRead', { before: Date.now() + 1000 })).count).toBe(2);
      expect((await list(w.alice, { view: 'unread' })).items).toEqual([]);
      // Bob's are untouched.
      expect((await list(w.bob, { view: 'unread' })).items.length).toBeGreaterThan(0);
    });

    it('adds, changes and removes highlights, each the highlighter’s own', async () => {
      const [entry] = (await list(w.alice, { view: 'feed', feedId: blog.id })).items;
      const h = await w.call<HighlightView>(w.alice, 'mutate', 'highlights.add', { entryId: entry!.id, quote: 'Body of', suffix: ' Blog', color: 'green' });
      expect(h).toMatchObject({ quote: 'Body of', prefix: '', suffix: ' Blog', color: 'green', note: '' });
      expect(await w.call<HighlightView>(w.alice, 'mutate', 'highlights.update', { id: h.id, note: 'good', color: 'pink' })).toMatchObject({ id: h.id, note: 'good', color: 'pink' });
      expect((await get(w.alice, entry!.id)).highlights).toEqual([expect.objectContaining({ id: h.id, note: 'good' })]);
      expect((await get(w.bob, entry!.id)).highlights).toEqual([]);
      expect(await w.refused(w.bob, 'mutate', 'highlights.update', { id: h.id, note: 'mine now' })).toEqual({ status: 404, reason: 'wise.notFound' });
      expect(await w.refused(w.bob, 'mutate', 'highlights.remove', { id: h.id })).toEqual({ status: 404, reason: 'wise.notFound' });
      expect(await w.call(w.alice, 'mutate', 'highlights.remove', { id: h.id })).toEqual({ ok: true });
      expect((await get(w.alice, entry!.id)).highlights).toEqual([]);
    });

    it('never lets a user reach entries of feeds they do not follow', async () => {
      const [secret] = (await list(w.alice, { view: 'feed', feedId: news.id })).items;
      const refusals = [
        await w.refused(w.bob, 'query', 'entries.get', { id: secret!.id }),
        await w.refused(w.bob, 'query', 'entries.list', { view: 'feed', feedId: news.id }),
        await w.refused(w.bob, 'mutate', 'entries.mark', { ids: [secret!.id], starred: true }),
        await w.refused(w.bob, 'mutate', 'entries.progress', { id: secret!.id, progress: 1 }),
        await w.refused(w.bob, 'mutate', 'entries.tags', { id: secret!.id, tags: ['x'] }),
        await w.refused(w.bob, 'mutate', 'entries.note', { id: secret!.id, note: 'x' }),
        await w.refused(w.bob, 'mutate', 'highlights.add', { entryId: secret!.id, quote: 'x' }),
        await w.refused(w.bob, 'mutate', 'entries.markAllRead', { feedId: news.id, before: Date.now() }),
        await w.refused(w.bob, 'mutate', 'feeds.update', { feedId: news.id, title: 'x' }),
        await w.refused(w.bob, 'mutate', 'feeds.unsubscribe', { feedId: news.id }),
        await w.refused(w.bob, 'mutate', 'feeds.refresh', { feedId: news.id }),
        await w.refused(w.bob, 'mutate', 'library.remove', { id: secret!.id }),
        await w.refused(w.alice, 'query', 'entries.get', { id: NO_ID }),
      ];
      expect(refusals.every((r) => r.status === 404 && r.reason === 'wise.notFound')).toBe(true);
      // A mark naming one entry Bob may see and one he may not changes neither.
      const [his] = (await list(w.bob, { view: 'feed', feedId: blog.id })).items;
      expect(await w.refused(w.bob, 'mutate', 'entries.mark', { ids: [his!.id, secret!.id], starred: true })).toEqual({ status: 404, reason: 'wise.notFound' });
      expect((await get(w.bob, his!.id)).starred).toBe(false);
      const bobsAll = await list(w.bob, { view: 'all' });
      expect(bobsAll.items.some((i) => i.feedId === news.id)).toBe(false);
      expect((await get(w.alice, secret!.id)).starred).toBe(false);
    });
  });
}
