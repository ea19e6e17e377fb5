// readFeedAt end to end over loopback: GBK, Big5 and Windows-1252 feeds, redirects, 304s, slow and oversized answers, the private-network refusal, and discovery from a web page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeedAt } from './read';
import { serve, startServer, type TestServer } from './test-server';
import { FeedError } from './types';

const hex = (h: string) => Buffer.from(h, 'hex');
const ascii = (s: string) => Buffer.from(s, 'latin1');
// 中文新闻 / 科技 / 头条：测试 in GBK; 中文新聞 / 科技 / 頭條：測試 in Big5; "Zürich café – naïve €" in Windows-1252.
const GBK = { title: hex('d6d0cec4d0c2cec5'), item: hex('bfc6bcbc'), body: hex('cdb7ccf5a3bab2e2cad4') };
const BIG5 = { title: hex('a4a4a4e5b773bb44'), item: hex('aceca7de'), body: hex('c059b1f8a147b4fab8d5') };
const CP1252 = hex('5afc7269636820636166e92096206e61ef76652080');

function rss(encoding: string, title: Buffer, item: Buffer, body: Buffer): Buffer {
  return Buffer.concat([
    ascii(`<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><title>`),
    title,
    ascii('</title><link>https://cn.example/</link><item><title>'),
    item,
    ascii('</title><link>/news/1</link><description>&lt;p&gt;'),
    body,
    ascii('&lt;/p&gt;</description><pubDate>Mon, 01 Jan 2024 08:00:00 +0800</pubDate></item></channel></rss>'),
  ]);
}

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Plain</title><link>https://plain.example/</link><item><title>One</title><guid>1</guid></item></channel></rss>';
const proxyImage = (u: string) => `/img/${encodeURIComponent(u)}`;
let srv: TestServer;
const opts = () => ({ allowPrivateNetwork: true, proxyImage });

beforeAll(async () => {
  srv = await startServer({
    '/gbk.xml': serve(rss('gb2312', GBK.title, GBK.item, GBK.body), 'application/rss+xml'),
    '/gbk-header.xml': serve(rss('utf-8', GBK.title, GBK.item, GBK.body), 'text/xml; charset=GBK'),
    '/big5.xml': serve(rss('big5', BIG5.title, BIG5.item, BIG5.body), 'application/rss+xml'),
    '/cp1252.xml': serve(rss('windows-1252', CP1252, CP1252, CP1252), 'application/xml'),
    '/latin1-mislabelled.xml': serve(rss('iso-8859-1', CP1252, CP1252, CP1252), 'application/xml; charset=utf-8'),
    '/feed.xml': serve(FEED, 'application/rss+xml', { etag: '"e1"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' }),
    '/old-feed': (_req, res) => res.writeHead(301, { location: '/feed.xml' }).end(),
    '/loop': (_req, res) => res.writeHead(302, { location: '/loop2' }).end(),
    '/loop2': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
    '/cond.xml': (req, res) => {
      if (req.headers['if-none-match'] === '"e1"') return res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"e1"' }).end(FEED);
    },
    '/slow.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss version="2.0"><channel>');
    },
    '/huge.xml': serve(`<rss version="2.0"><channel><title>Huge</title>${'<item><title>x</title></item>'.repeat(50_000)}</channel></rss>`, 'application/rss+xml'),
    '/page': serve(
      '<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/atom+xml" title="Atom" href="/atom.xml"></head><body>Hi</body></html>',
      'text/html; charset=utf-8',
    ),
    '/atom.xml': serve('<feed xmlns="http://www.w3.org/2005/Atom"><title>Found by discovery</title><id>x</id><entry><id>e</id><title>E</title></entry></feed>', 'application/atom+xml'),
    '/broken-page': serve('<html><head><link rel="alternate" type="application/rss+xml" href="/page"></head></html>', 'text/html'),
    '/site/': serve('<html><head><title>No feed links</title></head><body></body></html>', 'text/html'),
    '/rss.xml': serve(FEED, 'application/rss+xml'),
    '/feed-as-html': serve(FEED, 'text/html'),
    '/tracked.xml': serve(
      '<rss version="2.0"><channel><title>T</title><item><title>x</title><description><![CDATA[<p>Text</p><script>alert(1)</script><img src="http://feeds.feedburner.com/~r/T/~4/abc" height="1" width="1"><img src="/photo.jpg">]]></description></item></channel></rss>',
      'application/rss+xml',
    ),
  });
});
afterAll(() => srv.close());

async function failure(p: Promise<unknown>): Promise<FeedError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(FeedError);
  return err as FeedError;
}

describe('readFeedAt', () => {
  it('reads GBK (labelled gb2312 in the prolog, or GBK in the header) and Big5', async () => {
    for (const path of ['/gbk.xml', '/gbk-header.xml']) {
      const { feed } = await readFeedAt(`${srv.base}${path}`, opts());
      expect(feed).toMatchObject({ title: '中文新闻', siteUrl: 'https://cn.example/' });
      expect(feed!.entries[0]).toMatchObject({ title: '科技', link: 'https://cn.example/news/1', html: '<p>头条：测试</p>', text: '头条：测试', publishedAt: Date.UTC(2024, 0, 1) });
    }
    const { feed } = await readFeedAt(`${srv.base}/big5.xml`, opts());
    expect(feed).toMatchObject({ title: '中文新聞' });
    expect(feed!.entries[0]).toMatchObject({ title: '科技', text: '頭條：測試' });
  });

  it('reads Windows-1252, and ISO-8859-1 served as UTF-8 by a misconfigured server', async () => {
    for (const path of ['/cp1252.xml', '/latin1-mislabelled.xml']) {
      const { feed } = await readFeedAt(`${srv.base}${path}`, opts());
      expect(feed!.title).toBe('Zürich café – naïve €');
      expect(feed!.entries[0]).toMatchObject({ title: 'Zürich café – naïve €', text: 'Zürich café – naïve €' });
    }
  });

  it('follows a permanent redirect and says where the feed now lives', async () => {
    const r = await readFeedAt(`${srv.base}/old-feed`, opts());
    expect(r.feedUrl).toBe(`${srv.base}/feed.xml`);
    expect(r.fetch).toMatchObject({ status: 'ok', permanentUrl: `${srv.base}/feed.xml`, etag: '"e1"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(r.feed!.title).toBe('Plain');
  });

  it('reports a redirect loop', async () => {
    expect((await failure(readFeedAt(`${srv.base}/loop`, opts()))).kind).toBe('tooManyRedirects');
  });

  it('returns feed null on 304 when the validators match', async () => {
    const r = await readFeedAt(`${srv.base}/cond.xml`, { ...opts(), etag: '"e1"' });
    expect(r).toEqual({ feedUrl: `${srv.base}/cond.xml`, feed: null, fetch: { status: 'notModified', finalUrl: `${srv.base}/cond.xml`, permanentUrl: null } });
    expect((await readFeedAt(`${srv.base}/cond.xml`, { ...opts(), etag: '"old"' })).feed!.title).toBe('Plain');
  });

  it('times out a slow server and refuses an oversized body', async () => {
    expect((await failure(readFeedAt(`${srv.base}/slow.xml`, { ...opts(), timeoutMs: 300 }))).kind).toBe('timeout');
    expect((await failure(readFeedAt(`${srv.base}/huge.xml`, { ...opts(), maxBytes: 200_000 }))).kind).toBe('tooLarge');
  });

  it('refuses private addresses unless private networks are allowed', async () => {
    const err = await failure(readFeedAt(`${srv.base}/feed.xml`, { proxyImage }));
    expect(err.kind).toBe('blocked');
  });

  it('follows the feed link of a web page (discovery)', async () => {
    const r = await readFeedAt(`${srv.base}/page`, opts());
    expect(r.feedUrl).toBe(`${srv.base}/atom.xml`);
    expect(r.feed).toMatchObject({ format: 'atom', title: 'Found by discovery' });
    expect(r.fetch).toMatchObject({ status: 'ok', finalUrl: `${srv.base}/atom.xml` });
  });

  it('follows discovery only once, and tries common paths when a page names no feed', async () => {
    const once = await failure(readFeedAt(`${srv.base}/broken-page`, opts()));
    expect(once.kind).toBe('notAFeed');
    const guessed = await readFeedAt(`${srv.base}/site/`, opts());
    expect(guessed.feedUrl).toBe(`${srv.base}/rss.xml`);
    expect(guessed.feed!.title).toBe('Plain');
  });

  it('reads a feed served as text/html', async () => {
    expect((await readFeedAt(`${srv.base}/feed-as-html`, opts())).feed!.title).toBe('Plain');
  });

  it('strips scripts and tracking pixels, proxying the images it keeps', async () => {
    const { feed } = await readFeedAt(`${srv.base}/tracked.xml`, opts());
    expect(feed!.entries[0]).toMatchObject({
      html: `<p>Text</p><img src="/img/${encodeURIComponent(`${srv.base}/photo.jpg`)}" loading="lazy" decoding="async" referrerpolicy="no-referrer">`,
      imageUrl: `${srv.base}/photo.jpg`,
    });
  });
});
