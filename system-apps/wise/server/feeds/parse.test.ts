// parseFeed on small hand-written feeds: RDF, JSON Feed, Atom 0.3, RSS 0.91, xml:base, missing guids and dates, entities, podcasts, broken XML and a 10,000-item feed.
import { describe, expect, it } from 'vitest';
import { parseFeed } from './parse';
import { FeedError } from './types';

const proxyImage = (u: string) => `/img?u=${encodeURIComponent(u)}`;
const parse = (text: string, url = 'https://example.com/feed.xml') => parseFeed(text, url, { proxyImage });

describe('parseFeed', () => {
  it('reads RSS 1.0 (RDF) with dc: fields and content:encoded', () => {
    const f = parse(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel rdf:about="https://rdf.example/rss"><title>RDF &amp; Co</title><link>https://rdf.example/</link><description>An RDF feed</description></channel>
  <image rdf:about="https://rdf.example/logo.png"><url>https://rdf.example/logo.png</url><title>x</title><link>https://rdf.example/</link></image>
  <item rdf:about="https://rdf.example/2"><title>Second</title><link>https://rdf.example/2</link><dc:date>2020-01-02T03:04:05+01:00</dc:date><dc:creator>Ann</dc:creator>
    <description>Short</description><content:encoded><![CDATA[<p>The <em>full</em> text.</p>]]></content:encoded></item>
  <item rdf:about="https://rdf.example/1"><title>First</title><link>/1</link></item>
</rdf:RDF>`);
    expect(f).toMatchObject({ format: 'rdf', title: 'RDF & Co', siteUrl: 'https://rdf.example/', description: 'An RDF feed', iconUrl: 'https://rdf.example/logo.png' });
    expect(f.entries).toEqual([
      { guid: 'https://rdf.example/2', link: 'https://rdf.example/2', title: 'Second', author: 'Ann', publishedAt: Date.UTC(2020, 0, 2, 2, 4, 5), html: '<p>The <em>full</em> text.</p>', text: 'The full text.', imageUrl: null, enclosure: null },
      { guid: 'https://rdf.example/1', link: 'https://rdf.example/1', title: 'First', author: null, publishedAt: null, html: '', text: '', imageUrl: null, enclosure: null },
    ]);
  });

  it('reads JSON Feed 1.1 and 1.0 (author, attachments, content_text, relative URLs)', () => {
    const f = parse(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON <Blog>',
        home_page_url: 'https://json.example/',
        feed_url: 'https://json.example/feed.json',
        description: 'Notes',
        icon: '/icon.png',
        authors: [{ name: 'Feed Author' }],
        items: [
          { id: 'a1', url: '/posts/a1', title: 'HTML item', content_html: '<p>Hi <img src="/i.png"></p>', date_published: '2021-05-06T07:08:09Z', authors: [{ name: 'Bea' }] },
          { id: 'a2', title: 'Text item', content_text: 'Line 1\n\nLine <2>', summary: 'S', date_modified: '2021-05-07T00:00:00-05:00', attachments: [{ url: 'https://cdn.example/ep.mp3', mime_type: 'audio/mpeg', size_in_bytes: 1234 }] },
          { id: 3, content_html: '<p>An untitled note that is long enough to need a short title made from its text, which gets cut</p>' },
        ],
      }),
      'https://json.example/feed.json',
    );
    expect(f).toMatchObject({ format: 'json', title: 'JSON <Blog>', siteUrl: 'https://json.example/', description: 'Notes', iconUrl: 'https://json.example/icon.png' });
    expect(f.entries[0]).toEqual({
      guid: 'a1',
      link: 'https://json.example/posts/a1',
      title: 'HTML item',
      author: 'Bea',
      publishedAt: Date.UTC(2021, 4, 6, 7, 8, 9),
      html: '<p>Hi <img src="/img?u=https%3A%2F%2Fjson.example%2Fi.png" loading="lazy" decoding="async" referrerpolicy="no-referrer"></p>',
      text: 'Hi',
      imageUrl: 'https://json.example/i.png',
      enclosure: null,
    });
    expect(f.entries[1]).toMatchObject({ guid: 'a2', link: null, author: 'Feed Author', html: '<p>Line 1</p><p>Line &lt;2&gt;</p>', text: 'Line 1 Line <2>', enclosure: { url: 'https://cdn.example/ep.mp3', type: 'audio/mpeg', length: 1234 } });
    expect(f.entries[1]!.publishedAt).toBe(Date.UTC(2021, 4, 7, 5));
    expect(f.entries[2]!.guid).toBe('3');
    expect(f.entries[2]!.title).toBe('An untitled note that is long enough to need a short title made from its text,…');

    const v1 = parse('{"version":"https://jsonfeed.org/version/1","title":"Old JSON","items":[{"id":"x","title":"T","author":{"name":"Al"},"content_text":"hello"}]}');
    expect(v1.entries[0]).toMatchObject({ title: 'T', author: 'Al', text: 'hello' });
  });

  it('resolves relative links against xml:base (entry, then feed), then the feed link, then the feed URL', () => {
    const atom = parse(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/blog/"><title>Based</title><id>x</id><updated>2020-01-01T00:00:00Z</updated>
      <link href="/home"/>
      <entry xml:base="posts/"><id>1</id><title>One</title><updated>2020-01-01T00:00:00Z</updated><link href="one.html"/><content type="html">&lt;a href="two.html"&gt;next&lt;/a&gt; &lt;img src="../img/a.png"&gt;</content></entry>
      <entry><id>2</id><title>Two</title><updated>2020-01-01T00:00:00Z</updated><link href="two.html"/></entry>
    </feed>`);
    expect(atom.siteUrl).toBe('https://base.example/home');
    expect(atom.entries[0]!.link).toBe('https://base.example/blog/posts/one.html');
    expect(atom.entries[0]!.html).toContain('href="https://base.example/blog/posts/two.html"');
    expect(atom.entries[0]!.imageUrl).toBe('https://base.example/blog/img/a.png');
    expect(atom.entries[1]!.link).toBe('https://base.example/blog/two.html');

    const rss = parse('<rss version="2.0"><channel><title>R</title><link>https://site.example/news/</link><item><title>A</title><link>a/1</link></item></channel></rss>', 'https://feeds.example/r.xml');
    expect(rss.entries[0]!.link).toBe('https://site.example/news/a/1');
    const bare = parse('<rss version="2.0"><channel><title>R</title><item><title>A</title><link>/a/1</link></item></channel></rss>', 'https://feeds.example/r.xml');
    expect(bare.entries[0]!.link).toBe('https://feeds.example/a/1');
  });

  it('leaves guid and date null when missing, and never guesses a date from garbage', () => {
    const f = parse(`<rss version="2.0"><channel><title>Sparse</title>
      <item><title>No guid</title><link>https://s.example/1</link></item>
      <item><title>Bad date</title><pubDate>sometime last week</pubDate></item>
      <item><description>Only a body, no title at all</description></item>
      <item><guid isPermaLink="true">https://s.example/permalink</guid><title>Permalink guid</title></item>
    </channel></rss>`);
    expect(f.entries.map((e) => [e.guid, e.link, e.title, e.publishedAt])).toEqual([
      [null, 'https://s.example/1', 'No guid', null],
      [null, null, 'Bad date', null],
      [null, null, 'Only a body, no title at all', null],
      ['https://s.example/permalink', 'https://s.example/permalink', 'Permalink guid', null],
    ]);
  });

  it('turns titles with entities and markup into text', () => {
    const f = parse(`<rss version="2.0"><channel><title>Tom &amp;amp; Jerry&#8217;s</title>
      <item><title><![CDATA[Price &#x0024;10 &eacute;t&eacute; <b>bold</b> 1930ft<sup>2</sup>]]></title></item>
      <item><title>A &lt;b&gt;tag&lt;/b&gt; &amp;hellip;</title></item>
    </channel></rss>`);
    expect(f.title).toBe('Tom & Jerry’s');
    expect(f.entries.map((e) => e.title)).toEqual(['Price $10 été bold 1930ft2', 'A tag …']);
  });

  it('keeps Atom type="text" titles literally, and reads Atom 0.3 and RSS 0.91', () => {
    const atom = parse(`<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">1 &lt; 2 &amp; &lt;b&gt;</title><id>x</id><updated>2020-01-01T00:00:00Z</updated>
      <entry><id>e</id><title type="html">Fish &amp;amp; &lt;i&gt;Chips&lt;/i&gt;</title><updated>2020-02-03T04:05:06Z</updated><summary type="text">Plain &lt;not a tag&gt;</summary></entry></feed>`);
    expect(atom.title).toBe('1 < 2 & <b>');
    expect(atom.entries[0]).toMatchObject({ title: 'Fish & Chips', html: '<p>Plain &lt;not a tag&gt;</p>', text: 'Plain <not a tag>', publishedAt: Date.UTC(2020, 1, 3, 4, 5, 6) });

    const old = parse(`<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title><link rel="alternate" type="text/html" href="http://old.example/"/>
      <entry><title>E1</title><link rel="alternate" href="http://old.example/1"/><id>x1</id><issued>2004-01-01T00:00:00Z</issued><content type="text/html" mode="escaped">&lt;p&gt;hi&lt;/p&gt;</content></entry></feed>`);
    expect(old).toMatchObject({ format: 'atom', title: 'Old Atom', siteUrl: 'http://old.example/' });
    expect(old.entries[0]).toMatchObject({ title: 'E1', link: 'http://old.example/1', html: '<p>hi</p>', publishedAt: Date.UTC(2004, 0, 1) });

    const rss091 = parse('<rss version="0.91"><channel><title>R091</title><link>http://b.example/</link><description>d</description><item><title>I1</title><link>http://b.example/1</link><description>x</description></item></channel></rss>');
    expect(rss091.entries[0]).toMatchObject({ title: 'I1', link: 'http://b.example/1', html: '<p>x</p>', text: 'x' });
  });

  it('reads podcasts: enclosures, iTunes author, summary and image', () => {
    const f = parse(`<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Pod</title><itunes:image href="https://pod.example/cover.jpg"/>
      <item><title>Ep 1</title><guid isPermaLink="false">ep1</guid><itunes:author>Host</itunes:author><itunes:summary>Show notes</itunes:summary><itunes:image href="https://pod.example/ep1.jpg"/>
      <enclosure url="/media/ep1.mp3" length="12345" type="audio/mpeg"/><pubDate>Tue, 10 Jun 2003 04:00:00 -0700</pubDate></item></channel></rss>`, 'https://pod.example/rss');
    expect(f.iconUrl).toBe('https://pod.example/cover.jpg');
    expect(f.entries[0]).toEqual({
      guid: 'ep1',
      link: null,
      title: 'Ep 1',
      author: 'Host',
      publishedAt: Date.UTC(2003, 5, 10, 11),
      html: '<p>Show notes</p>',
      text: 'Show notes',
      imageUrl: 'https://pod.example/ep1.jpg',
      enclosure: { url: 'https://pod.example/media/ep1.mp3', type: 'audio/mpeg', length: 12345 },
    });
  });

  it('strips scripts and tracking pixels from bodies', () => {
    const f = parse(`<rss version="2.0"><channel><title>T</title><item><title>x</title><description><![CDATA[<p onmouseover="x()">Text</p><script>alert(1)</script><img src="http://feeds.feedburner.com/~r/Blog/~4/abc" width="1" height="1"><img src="https://pixel.wp.com/g.gif?x=1">]]></description></item></channel></rss>`);
    expect(f.entries[0]).toMatchObject({ html: '<p>Text</p>', text: 'Text', imageUrl: null });
  });

  it('repairs slightly broken XML: junk before the prolog, control characters, bare ampersands, a cut-off end', () => {
    const junk = parse('Warning: deprecated in /var/www/feed.php\n<?xml version="1.0"?><rss version="2.0"><channel><title>Junk\u0001</title><item><title>a\u0008b</title></item></channel></rss>');
    expect(junk.title).toBe('Junk');
    expect(junk.entries[0]!.title).toBe('ab');
    const amp = parse('<rss version="2.0"><channel><title>Tom & Jerry</title><item><title>A & B</title><link>http://e.example/?a=1&b=2</link></item></channel></rss>');
    expect(amp.title).toBe('Tom & Jerry');
    expect(amp.entries[0]).toMatchObject({ title: 'A & B', link: 'http://e.example/?a=1&b=2' });
    const cut = parse('<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title><item><title>one</title></item><item><title>two</title></item><item><title>thr');
    expect(cut.entries.map((e) => e.title)).toEqual(['one', 'two']);
    const cutAtom = parse('<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>1</id><title>one</title></entry><entry><id>2</ti');
    expect(cutAtom.entries.map((e) => e.title)).toEqual(['one']);
    const json = parse('{"version":"https://jsonfeed.org/version/1.1","title":"Loose","items":[{"id":"1","title":"x",},]}');
    expect(json.entries[0]!.title).toBe('x');
  });

  it('refuses what is no feed with FeedError(notAFeed)', () => {
    for (const text of ['', '   ', 'just text', '<!doctype html><html><body>Hi</body></html>', '{"hello":"world"}', '{broken', '<note><to>x</to></note>']) {
      let err: unknown;
      try {
        parse(text);
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(FeedError);
      expect((err as FeedError).kind).toBe('notAFeed');
    }
    expect(() => parse('<!doctype html><html><body>Hi</body></html>')).toThrow('This is a web page, not a feed.');
  });

  it('reads a 10,000-item feed', () => {
    const items = Array.from(
      { length: 10_000 },
      (_, i) =>
        `<item><title>Episode ${i}</title><link>/ep/${i}</link><guid isPermaLink="false">ep-${i}</guid><pubDate>${new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString()}</pubDate>` +
        `<description>&lt;p&gt;Notes for &lt;b&gt;episode&lt;/b&gt; ${i}&lt;/p&gt;</description><enclosure url="/a/${i}.mp3" type="audio/mpeg" length="${1000 + i}"/></item>`,
    ).join('\n');
    const f = parse(`<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title><link>https://big.example/</link>${items}</channel></rss>`);
    expect(f.entries).toHaveLength(10_000);
    expect(f.entries[9_999]).toEqual({
      guid: 'ep-9999',
      link: 'https://big.example/ep/9999',
      title: 'Episode 9999',
      author: null,
      publishedAt: Date.UTC(2024, 0, 1) + 9_999 * 60_000,
      html: '<p>Notes for <b>episode</b> 9999</p>',
      text: 'Notes for episode 9999',
      imageUrl: null,
      enclosure: { url: 'https://big.example/a/9999.mp3', type: 'audio/mpeg', length: 10_999 },
    });
    expect(new Set(f.entries.map((e) => e.guid)).size).toBe(10_000);
  }, 120_000);
});
