// discoverFeeds: <link rel="alternate"> feeds of every type, made absolute (with <base>), titled, deduplicated; guesses only when a page names none.
import { describe, expect, it } from 'vitest';
import { discoverFeeds, guessFeeds } from './discover';

describe('discoverFeeds', () => {
  it('finds RSS, Atom and JSON feed links, absolute and titled, comment feeds last', () => {
    const html = `<!doctype html><html><head>
      <link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments/feed/">
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title=" Blog  RSS " href="/feed/">
      <link rel="alternate" type="application/atom+xml" href="atom.xml">
      <link rel="alternate" type="application/feed+json" title="JSON" href="https://cdn.example/feed.json">
      <link rel="alternate" type="application/json" title="oEmbed" href="/oembed.json">
      <link rel="alternate" type="application/json" title="JSON Feed" href="/feed.json">
      <link rel="alternate" type="application/rss+xml" href="/feed/">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" hreflang="de" href="/de/">
    </head><body></body></html>`;
    expect(discoverFeeds(html, 'https://blog.example/posts/hello')).toEqual([
      { url: 'https://blog.example/feed/', title: 'Blog RSS', type: 'application/rss+xml' },
      { url: 'https://blog.example/posts/atom.xml', title: null, type: 'application/atom+xml' },
      { url: 'https://cdn.example/feed.json', title: 'JSON', type: 'application/feed+json' },
      { url: 'https://blog.example/feed.json', title: 'JSON Feed', type: 'application/json' },
      { url: 'https://blog.example/comments/feed/', title: 'Comments Feed', type: 'application/rss+xml' },
    ]);
  });

  it('honours <base href> and case in rel/type', () => {
    const html = '<html><head><base href="https://static.example/sub/"><LINK REL="Alternate" TYPE="Application/RSS+XML" HREF="rss"></head></html>';
    expect(discoverFeeds(html, 'https://www.example/page')).toEqual([{ url: 'https://static.example/sub/rss', title: null, type: 'application/rss+xml' }]);
  });

  it('offers marked guesses when the page names no feed', () => {
    const guesses = discoverFeeds('<html><head><title>No feeds</title></head><body><a href="/feed">feed</a></body></html>', 'https://site.example/a/b?c=d');
    expect(guesses.map((g) => g.url)).toEqual([
      'https://site.example/feed',
      'https://site.example/rss.xml',
      'https://site.example/atom.xml',
      'https://site.example/feed.xml',
      'https://site.example/index.xml',
      'https://site.example/feed.json',
    ]);
    expect(guesses.every((g) => g.guess === true && g.title === null)).toBe(true);
    expect(guessFeeds('not a url')).toEqual([]);
  });
});
