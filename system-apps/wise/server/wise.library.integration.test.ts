// The library and Wise's HTTP routes: saving a page, uploading EPUB and PDF documents, PDFs served to their owner only, and the signed image proxy.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN } from '../../../bff/testing/app';
import { CSRF_HEADER } from '../../../bff/http/security';
import { testServers } from '../../../bff/testing/databases';
import type { EntryPage, EntryView, FeedView, SearchHit } from '../shared/wire';
import { textPdf } from '../../../bff/text/testing/pdf';
import { articlePage, PNG_1PX, rss, startFeedServer, startWise, tinyEpub, tinyPdf, type FeedServer, type WiseTestApp } from './testing';

for (const server of testServers()) {
  describe(`Wise's library and HTTP routes, on the ${server.name} PostgreSQL`, () => {
    let w: WiseTestApp;
    let feeds: FeedServer;
    const upload = (cookie: string | undefined, name: string, body: Uint8Array, type = 'application/octet-stream'): Promise<LightMyRequestResponse> =>
      w.t.app.inject({
        method: 'POST',
        url: `/api/wise/documents?name=${encodeURIComponent(name)}`,
        headers: { origin: ORIGIN, [CSRF_HEADER]: '1', 'content-type': type, ...(cookie ? { cookie } : {}) },
        payload: Buffer.from(body),
      });
    const get = (url: string, cookie?: string) => w.t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    const reason = (res: LightMyRequestResponse) => (res.json() as { reason?: string }).reason;

    beforeAll(async () => {
      feeds = await startFeedServer();
      w = await startWise(server);
    });
    afterAll(async () => {
      await w?.close();
      await feeds?.close();
    });

    it('saves a page as a readable, sanitised article, once per URL', async () => {
      feeds.routes.set('/story.html', { type: 'text/html; charset=utf-8', body: articlePage('The Loopback Story') });
      const saved = await w.call<EntryView>(w.alice, 'mutate', 'library.save', { url: feeds.url('/story.html') });
      expect(saved).toMatchObject({ kind: 'saved', feedId: null, title: 'The Loopback Story', url: feeds.url('/story.html'), read: false, documentType: null });
      expect(saved.html).toContain('Paragraph 3 of The Loopback Story');
      expect(saved.html).not.toContain('<script');
      expect(saved.summary.length).toBeGreaterThan(20);
      expect((await w.call<EntryView>(w.alice, 'mutate', 'library.save', { url: `${feeds.url('/story.html')}#again` })).id).toBe(saved.id);
      const lib = await w.call<EntryPage>(w.alice, 'query', 'entries.list', { view: 'saved' });
      expect(lib.items.map((i) => i.id)).toEqual([saved.id]);
      expect((await w.call<EntryPage>(w.alice, 'query', 'entries.list', { view: 'all' })).items.map((i) => i.id)).toContain(saved.id);
      // Another's saved article is not found; an unreachable page says why.
      expect(await w.refused(w.bob, 'query', 'entries.get', { id: saved.id })).toEqual({ status: 404, reason: 'wise.notFound' });
      expect(await w.refused(w.bob, 'mutate', 'library.remove', { id: saved.id })).toEqual({ status: 404, reason: 'wise.notFound' });
      expect(await w.refused(w.alice, 'mutate', 'library.save', { url: feeds.url('/missing.html') })).toEqual({ status: 400, reason: 'wise.save.http' });
      expect(await w.call(w.alice, 'mutate', 'library.remove', { id: saved.id })).toEqual({ ok: true });
      expect(await w.refused(w.alice, 'query', 'entries.get', { id: saved.id })).toEqual({ status: 404, reason: 'wise.notFound' });
    });

    it('turns an uploaded EPUB into sanitised chapters', async () => {
      const res = await upload(w.alice, 'tiny.epub', tinyEpub('Tiny Tales'), 'application/epub+zip');
      expect(res.statusCode, res.body).toBe(200);
      const { id } = res.json() as { id: string };
      const book = await w.call<EntryView>(w.alice, 'query', 'entries.get', { id });
      expect(book).toMatchObject({ kind: 'document', documentType: 'epub', title: 'Tiny Tales', author: 'Ann Author', documentUrl: null, source: 'tiny.epub' });
      expect(book.html.indexOf('Chapter One')).toBeLessThan(book.html.indexOf('Chapter Two'));
      expect(book.html).toContain('data:image/png;base64,');
      expect(book.html).not.toContain('<script');
      expect(await w.refused(w.bob, 'query', 'entries.get', { id })).toEqual({ status: 404, reason: 'wise.notFound' });
    });

    it('keeps an uploaded PDF as a file and serves it to its owner only', async () => {
      const pdf = tinyPdf();
      const res = await upload(w.alice, 'paper.pdf', pdf, 'application/pdf');
      expect(res.statusCode, res.body).toBe(200);
      const { id } = res.json() as { id: string };
      const doc = await w.call<EntryView>(w.alice, 'query', 'entries.get', { id });
      expect(doc).toMatchObject({ documentType: 'pdf', html: '', title: 'paper', documentUrl: `/api/wise/documents/${id}` });
      const served = await get(doc.documentUrl!, w.alice);
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('application/pdf');
      expect(served.rawPayload.equals(pdf)).toBe(true);
      expect((await get(doc.documentUrl!, w.bob)).statusCode).toBe(404);
      expect((await get(doc.documentUrl!)).statusCode).toBe(401);
      // Larger than the server's usual body limit: documents may be up to 100 MB.
      const big = Buffer.concat([pdf, Buffer.alloc(3 * 1024 * 1024, 0x25)]);
      const bigRes = await upload(w.alice, 'big.pdf', big, 'application/pdf');
      expect(bigRes.statusCode, bigRes.body).toBe(200);
      expect((await get(`/api/wise/documents/${(bigRes.json() as { id: string }).id}`, w.alice)).rawPayload.length).toBe(big.length);
      await w.call(w.alice, 'mutate', 'library.remove', (bigRes.json() as { id: string }));
      // Removed: the row and the file.
      expect(await w.call(w.alice, 'mutate', 'library.remove', { id })).toEqual({ ok: true });
      expect((await get(doc.documentUrl!, w.alice)).statusCode).toBe(404);
    });

    it("finds an uploaded PDF and EPUB by words in their text, for their owner only", async () => {
      const pdf = textPdf(['Migratory flamingo census', 'Second page about the wetlands (estuary)']);
      const res = await upload(w.alice, 'birds.pdf', pdf, 'application/pdf');
      expect(res.statusCode, res.body).toBe(200);
      const { id } = res.json() as { id: string };
      const find = (who: string, q: string) => w.call<SearchHit[]>(who, 'query', 'search.query', { q });
      // Words only in the body, on either page; the summary is the text's start.
      expect((await find(w.alice, 'flamingo')).map((h) => h.id)).toEqual([id]);
      const [hit] = await find(w.alice, 'estuary');
      expect(hit).toMatchObject({ id, kind: 'document' });
      expect(hit!.snippetHtml).toContain('<mark>estuary</mark>');
      expect((await w.call<EntryView>(w.alice, 'query', 'entries.get', { id })).summary).toContain('Migratory flamingo census');
      expect(await find(w.bob, 'flamingo')).toEqual([]);
      const book = await upload(w.alice, 'night.epub', tinyEpub('Nocturne'));
      expect((await find(w.alice, 'morning')).map((h) => h.id)).toContain((book.json() as { id: string }).id);
      // A PDF with no text (or none readable) is still added, found by its name.
      const blank = await upload(w.alice, 'blank-scan.pdf', tinyPdf(), 'application/pdf');
      expect((await find(w.alice, 'blank')).map((h) => h.id)).toEqual([(blank.json() as { id: string }).id]);
      for (const doc of [res, book, blank]) await w.call(w.alice, 'mutate', 'library.remove', { id: (doc.json() as { id: string }).id });
      expect(await find(w.alice, 'flamingo')).toEqual([]);
    });

    it('saves a PDF served at a URL as a document', async () => {
      feeds.routes.set('/files/report.pdf', { type: 'application/pdf', body: tinyPdf() });
      const doc = await w.call<EntryView>(w.alice, 'mutate', 'library.save', { url: feeds.url('/files/report.pdf') });
      expect(doc).toMatchObject({ kind: 'document', documentType: 'pdf', title: 'report', url: feeds.url('/files/report.pdf') });
      expect((await w.call<EntryView>(w.alice, 'mutate', 'library.save', { url: feeds.url('/files/report.pdf') })).id).toBe(doc.id);
      expect((await get(doc.documentUrl!, w.alice)).statusCode).toBe(200);
    });

    it('refuses uploads that are not PDF or EPUB, are empty, or come from no one', async () => {
      const text = await upload(w.alice, 'notes.txt', Buffer.from('just text'));
      expect([text.statusCode, reason(text)]).toEqual([415, 'wise.document.unsupported']);
      const empty = await upload(w.alice, 'empty.pdf', new Uint8Array());
      expect([empty.statusCode, reason(empty)]).toEqual([400, 'wise.document.empty']);
      const anonymous = await upload(undefined, 'paper.pdf', tinyPdf());
      expect(anonymous.statusCode).toBe(401);
      const { rows } = await w.t.db.pool.query(`SELECT count(*)::int AS n FROM wise_entries WHERE kind = 'document'`);
      expect(rows[0].n).toBe(2);
    });

    it('proxies images through signed URLs only, and only images', async () => {
      feeds.routes.set('/pic.png', { type: 'image/png', body: PNG_1PX });
      feeds.routes.set('/page.html', { type: 'text/html', body: '<p>not an image</p>' });
      feeds.routes.set('/pics.xml', { body: rss('Pics', [{ n: 1, image: feeds.url('/pic.png') }]) });
      await w.call<FeedView>(w.alice, 'mutate', 'feeds.subscribe', { url: feeds.url('/pics.xml') });
      const [item] = (await w.call<EntryPage>(w.alice, 'query', 'entries.list', { view: 'all' })).items.filter((i) => i.source === 'Pics');
      // The thumbnail and the body's image both go through the proxy, signed.
      expect(item!.imageUrl).toMatch(/^\/api\/wise\/img\?u=.+&s=.+/);
      const body = (await w.call<EntryView>(w.alice, 'query', 'entries.get', { id: item!.id })).html;
      expect(body).toContain('/api/wise/img?u=');
      expect(body).not.toContain(`src="${feeds.url('/pic.png')}"`);
      const ok = await get(item!.imageUrl!, w.alice);
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['content-type']).toBe('image/png');
      expect(ok.headers['cache-control']).toContain('max-age');
      expect(ok.rawPayload.equals(PNG_1PX)).toBe(true);

      const signer = w.t.app.services.wise.images;
      const u = encodeURIComponent(feeds.url('/pic.png'));
      expect((await get(`/api/wise/img?u=${u}`, w.alice)).statusCode).toBe(403);
      expect((await get(`/api/wise/img?u=${u}&s=${'A'.repeat(32)}`, w.alice)).statusCode).toBe(403);
      // A signature for one URL does not open another.
      const other = encodeURIComponent(feeds.url('/page.html'));
      expect((await get(`/api/wise/img?u=${other}&s=${signer.sign(feeds.url('/pic.png'))}`, w.alice)).statusCode).toBe(403);
      const notImage = await get(signer.proxy(feeds.url('/page.html')), w.alice);
      expect([notImage.statusCode, reason(notImage)]).toEqual([415, 'wise.img.notImage']);
      expect((await get(item!.imageUrl!)).statusCode).toBe(401);
      expect(signer.proxy('javascript:alert(1)')).toBe('');
    });
  });
}
