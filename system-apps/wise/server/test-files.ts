// What Wise's tests serve and upload: small generated feeds, pages that link to feeds, readable articles, a tiny EPUB, a tiny PDF and a one-pixel PNG.
import { strToU8, zipSync } from 'fflate';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A small RSS 2.0 feed; items newest first, each with a guid `<prefix>-<n>` and a date n days after 2024-01-01 (or `at`). */
export function rss(title: string, items: { n: number; title?: string; body?: string; link?: string; image?: string; at?: number }[], prefix = title): string {
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toUTCString();
  const entries = items
    .map(
      (i) => `<item><title>${esc(i.title ?? `${title} item ${i.n}`)}</title><guid isPermaLink="false">${esc(prefix)}-${i.n}</guid>
      <link>${esc(i.link ?? `https://example.invalid/${encodeURIComponent(prefix)}/${i.n}`)}</link><pubDate>${i.at ? new Date(i.at).toUTCString() : day(i.n)}</pubDate>
      <description>${esc(`${i.body ?? `Body of ${title} item ${i.n}.`}${i.image ? `<img src="${i.image}">` : ''}`)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(title)}</title><link>https://example.invalid/</link><description>d</description>${entries}</channel></rss>`;
}

/** Items 1..n, newest first. */
export const items = (n: number, from = 1) => Array.from({ length: n }, (_, i) => ({ n: from + n - 1 - i }));

/** A page that names its feed in <link rel="alternate">. */
export const pageLinkingTo = (feedPath: string) =>
  `<!doctype html><html><head><title>A site</title><link rel="alternate" type="application/rss+xml" title="Feed" href="${feedPath}"></head><body><p>Hello</p></body></html>`;

/** An article page Readability can read. */
export function articlePage(title: string, paragraphs = 8): string {
  const p = Array.from({ length: paragraphs }, (_, i) => `<p>Paragraph ${i + 1} of ${esc(title)}: a reasonably long sentence about reading, writing and the patience both need, repeated so that the page reads as an article.</p>`).join('\n');
  return `<!doctype html><html><head><title>${esc(title)}</title><meta property="og:site_name" content="Loopback Times"></head><body><nav>Menu</nav><article><h1>${esc(title)}</h1>${p}<script>alert(1)</script></article><footer>Footer</footer></body></html>`;
}

/** A tiny EPUB: two chapters (listed in the spine, not the manifest, order) and a PNG. */
export function tinyEpub(title = 'A Tiny Book'): Uint8Array {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  return zipSync({
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(
      `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`,
    ),
    'OEBPS/content.opf': strToU8(`<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${esc(title)}</dc:title><dc:creator>Ann Author</dc:creator></metadata>
      <manifest><item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/><item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/><item id="img" href="img/dot.png" media-type="image/png"/></manifest>
      <spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>`),
    'OEBPS/text/one.xhtml': strToU8(
      `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>1</title></head><body><h1>Chapter One</h1><p>It was a dark night.</p><img src="../img/dot.png" alt="dot"/><script>alert(1)</script></body></html>`,
    ),
    'OEBPS/text/two.xhtml': strToU8(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>2</title></head><body><h1>Chapter Two</h1><p>Morning came &amp; went.</p></body></html>`),
    'OEBPS/img/dot.png': png,
  });
}

/** A one-page PDF without text. */
export { blankPdf as tinyPdf } from '../../../bff/text/testing/pdf';

export const PNG_1PX = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b1c0e70000000049454e44ae426082',
  'hex',
);
