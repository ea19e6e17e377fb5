// OPML: nested folders flattened on the way in, folders kept on the way out, and what goes out comes back in.
import { describe, expect, it } from 'vitest';
import { readOpml, writeOpml } from './opml';

const NESTED = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Mine</title></head><body>
  <outline text="Top" type="rss" xmlUrl="https://top.example/feed" htmlUrl="https://top.example/"/>
  <outline text="Tech">
    <outline text="A &amp; B" type="rss" xmlUrl="https://a.example/rss?x=1&amp;y=2"/>
    <outline title="Deep">
      <outline text="C" xmlUrl="https://c.example/atom"/>
    </outline>
  </outline>
  <outline text="Empty"/>
</body></opml>`;

describe('readOpml', () => {
  it('lists every feed with its folder path', () => {
    expect(readOpml(NESTED)).toEqual([
      { url: 'https://top.example/feed', title: 'Top', folder: null },
      { url: 'https://a.example/rss?x=1&y=2', title: 'A & B', folder: 'Tech' },
      { url: 'https://c.example/atom', title: 'C', folder: 'Tech / Deep' },
    ]);
  });

  it('refuses what is not OPML', () => {
    expect(() => readOpml('<rss><channel></channel></rss>')).toThrow();
    expect(() => readOpml('not xml at all')).toThrow();
  });
});

describe('writeOpml', () => {
  it('round-trips feeds and folders', () => {
    const feeds = [
      { url: 'https://a.example/rss?x=1&y=2', title: 'A & B', siteUrl: 'https://a.example/', folder: 'Tech' },
      { url: 'https://c.example/atom', title: 'C', siteUrl: null, folder: 'Tech / Deep' },
      { url: 'https://top.example/feed', title: 'Top', siteUrl: null, folder: null },
    ];
    const text = writeOpml(feeds, ['Tech', 'Tech / Deep', 'Unused']);
    expect(text).toContain('<opml version="2.0">');
    expect(readOpml(text).sort((a, b) => a.url.localeCompare(b.url))).toEqual(feeds.map(({ url, title, folder }) => ({ url, title, folder })));
  });
});
