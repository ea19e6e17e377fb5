// Turns a saved web page into a readable article: Readability on a jsdom document at the page's URL, then Wise's sanitiser; metadata from meta tags.
import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import { parseFeedDate } from './dates';
import { htmlToPlainText } from './dom';
import { isTrackerUrl, sanitizeHtml } from './sanitize';
import { FeedError, type ExtractedArticle, type ProxyImage } from './types';

/** Pages bigger than this are cut before parsing (Readability is slow on huge DOMs). */
const MAX_HTML_CHARS = 5_000_000;

function meta(doc: Document, ...names: string[]): string | null {
  for (const name of names) {
    const el = doc.querySelector(`meta[property="${name}" i], meta[name="${name}" i], meta[itemprop="${name}" i]`);
    const content = el?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return null;
}

function absoluteWeb(url: string | null, base: string): string | null {
  if (!url) return null;
  try {
    const abs = new URL(url, base);
    return abs.protocol === 'http:' || abs.protocol === 'https:' ? abs.href : null;
  } catch {
    return null;
  }
}

/** A BCP 47 tag from `en_US`, `en-us` or `zh-Hans-CN`; null when it is not one. */
function langTag(value: string | null | undefined): string | null {
  if (!value) return null;
  const tag = value.trim().replace(/_/g, '-');
  if (!/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/.test(tag)) return null;
  const [primary, ...rest] = tag.split('-');
  return [primary!.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p))].join('-');
}

/** An author given as a profile URL ("https://facebook.com/x") is no byline. */
const notUrl = (v: string | null) => (v && !/^https?:\/\//i.test(v) ? v : null);

/**
 * The readable article of a page at `pageUrl` (relative links resolve against it). Title, byline, site name,
 * language and date come from the page's meta tags (Open Graph, article:*, JSON-LD via Readability), the lead image
 * from og:image or the first image in the article. Throws FeedError('notAFeed') when nothing readable is found.
 */
export function extractArticle(html: string, pageUrl: string, opts: { proxyImage: ProxyImage }): ExtractedArticle {
  const dom = new JSDOM(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html, { url: pageUrl });
  try {
    const doc = dom.window.document;
    const ogTitle = meta(doc, 'og:title', 'twitter:title');
    const metaByline = notUrl(meta(doc, 'author', 'article:author', 'byl', 'parsely-author', 'dc.creator'));
    const siteName = meta(doc, 'og:site_name', 'application-name', 'twitter:site');
    const published = meta(doc, 'article:published_time', 'datePublished', 'date', 'pubdate', 'dc.date', 'dcterms.created', 'parsely-pub-date', 'og:updated_time');
    const leadImage = absoluteWeb(meta(doc, 'og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src'), doc.baseURI);
    const lang = langTag(doc.documentElement.getAttribute('lang')) ?? langTag(meta(doc, 'og:locale', 'content-language', 'language', 'dc.language'));
    const timeEl = doc.querySelector('article time[datetime], time[pubdate][datetime], time[itemprop="datePublished"][datetime]')?.getAttribute('datetime') ?? null;
    const docTitle = doc.title;
    const headings = doc.querySelectorAll('h1');
    const h1 = headings.length === 1 ? (headings[0]!.textContent ?? '').replace(/\s+/g, ' ').trim() : '';
    const metaExcerpt = meta(doc, 'og:description', 'description', 'twitter:description');

    const article = new Readability(doc, { charThreshold: 300 }).parse();
    if (!article?.content) throw new FeedError('notAFeed', 'No readable article was found on this page.');
    const body = sanitizeHtml(article.content, pageUrl, { proxyImage: opts.proxyImage });
    if (!body.text) throw new FeedError('notAFeed', 'No readable article was found on this page.');

    let title = htmlToPlainText(article.title || ogTitle || docTitle || '') || new URL(pageUrl).hostname;
    // "Story | Site" when the page's one heading says just "Story".
    if (h1.length >= 3 && title !== h1 && title.startsWith(h1) && /^\s*[|\-–—:·»]/.test(title.slice(h1.length))) title = h1;
    const imageUrl = leadImage && !isTrackerUrl(leadImage) ? leadImage : body.firstImage;
    const excerpt = htmlToPlainText(metaExcerpt ?? article.excerpt ?? '') || null;
    return {
      title,
      byline: htmlToPlainText(article.byline || metaByline || '') || null,
      siteName: htmlToPlainText(article.siteName || siteName || '') || null,
      publishedAt: parseFeedDate(published ?? article.publishedTime ?? timeEl),
      html: body.html,
      text: body.text,
      excerpt,
      imageUrl,
      lang: langTag(article.lang) ?? lang,
    };
  } finally {
    dom.window.close();
  }
}
