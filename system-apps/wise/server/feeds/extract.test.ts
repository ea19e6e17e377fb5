// extractArticle: Readability on a page at its URL, then the sanitiser; title, byline, site, language, date and lead image from the page's meta tags.
import { describe, expect, it } from 'vitest';
import { extractArticle } from './extract';
import { FeedError } from './types';

const proxyImage = (u: string) => `/img?u=${encodeURIComponent(u)}`;
const paragraph = (n: number) =>
  `<p>Paragraph ${n} of the story explains, at some length and with enough words to look like real prose, why readers care about clean pages, quiet layouts and text that is easy on the eyes.</p>`;

const PAGE = `<!doctype html><html lang="en_US"><head>
  <title>A Long Story | The Example Times</title>
  <meta property="og:title" content="A Long Story">
  <meta property="og:site_name" content="The Example Times">
  <meta property="og:image" content="/images/lead.jpg">
  <meta name="description" content="Why clean pages matter.">
  <meta name="author" content="Jane Writer">
  <meta property="article:published_time" content="2024-03-05T06:07:08+01:00">
  <script>window.tracking = true;</script>
</head><body>
  <nav><a href="/">Home</a> <a href="/about">About</a></nav>
  <article>
    <h1>A Long Story</h1>
    ${[1, 2, 3, 4, 5, 6].map(paragraph).join('\n')}
    <p><a href="related/1">A related piece</a> and <img src="figure.png" alt="Figure"> <img src="https://pixel.wp.com/g.gif"></p>
    <script>alert(1)</script>
  </article>
  <footer>© Example</footer>
</body></html>`;

describe('extractArticle', () => {
  it('extracts the article with its metadata, links absolute and images proxied', () => {
    const a = extractArticle(PAGE, 'https://news.example/2024/story', { proxyImage });
    expect(a).toMatchObject({
      title: 'A Long Story',
      byline: 'Jane Writer',
      siteName: 'The Example Times',
      publishedAt: Date.UTC(2024, 2, 5, 5, 7, 8),
      excerpt: 'Why clean pages matter.',
      imageUrl: 'https://news.example/images/lead.jpg',
      lang: 'en-US',
    });
    expect(a.text.startsWith('Paragraph 1 of the story explains')).toBe(true);
    expect(a.text).toContain('Paragraph 6 of the story');
    expect(a.text).not.toContain('Home About');
    expect(a.html).toContain('<a href="https://news.example/2024/related/1" target="_blank" rel="noopener noreferrer">A related piece</a>');
    expect(a.html).toContain(`src="${proxyImage('https://news.example/2024/figure.png')}"`);
    expect(a.html).not.toMatch(/<script|pixel\.wp\.com|tracking/);
  });

  it('falls back to the first image and the page title when meta tags are missing', () => {
    const page = PAGE.replace(/<meta[^>]*>/g, '').replace('lang="en_US"', '');
    const a = extractArticle(page, 'https://news.example/2024/story', { proxyImage });
    expect(a.imageUrl).toBe('https://news.example/2024/figure.png');
    expect(a.title).toBe('A Long Story');
    expect(a.byline).toBeNull();
    expect(a.publishedAt).toBeNull();
    expect(a.lang).toBeNull();
  });

  it('throws notAFeed when nothing readable is found', () => {
    expect(() => extractArticle('<html><body></body></html>', 'https://x.example/', { proxyImage })).toThrow(FeedError);
  });
});
