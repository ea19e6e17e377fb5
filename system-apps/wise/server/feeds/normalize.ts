// Maps what feedsmith read (RSS, RDF, Atom, JSON Feed, each with its namespaces) onto one raw shape: still unresolved URLs and unsanitised bodies.
import type { AnyFeed, AtomFeed, JsonFeed, MediaNs, RdfFeed, RssFeed } from 'feedsmith';

/** A candidate body: HTML, or plain text to be escaped. */
export interface RawBody {
  value: string;
  text: boolean;
}

export interface RawEntry {
  guid: string | null;
  link: string | null;
  title: string | null;
  /** Atom's type="text" titles are already text; everything else may carry entities or tags. */
  titleIsText: boolean;
  author: string | null;
  date: string | null;
  bodies: RawBody[];
  /** xml:base of the entry, relative to the feed's base. */
  base: string | null;
  images: string[];
  enclosure: { url: string; type: string | null; length: number | null } | null;
}

export interface RawFeed {
  format: AnyFeed['format'];
  title: string | null;
  titleIsText: boolean;
  siteUrl: string | null;
  description: string | null;
  iconUrl: string | null;
  base: string | null;
  entries: RawEntry[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : null);

/** Images named by Media RSS: thumbnails, then image contents (widest first). */
function mediaImages(media: MediaNs.ItemOrFeed | undefined): string[] {
  if (!media) return [];
  const out: string[] = [];
  for (const t of media.thumbnails ?? []) if (t.url) out.push(t.url);
  const contents = [...(media.contents ?? []), ...(media.groups ?? []).flatMap((g) => g.contents ?? [])]
    .filter((c) => c.url && (c.medium === 'image' || c.type?.startsWith('image/') || (!c.medium && !c.type && /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i.test(c.url))))
    .sort((a, b) => (b.width ?? 0) - (a.width ?? 0));
  for (const c of contents) out.push(c.url!);
  return out;
}

function atomText(t: AtomFeed.Text | undefined): RawBody | null {
  const value = str(t?.value);
  if (!value) return null;
  return { value, text: !t?.type || t.type === 'text' || t.type === 'text/plain' };
}

function atomContent(c: AtomFeed.Content | undefined): RawBody | null {
  const value = str(c?.value);
  if (!value) return null;
  const type = (c?.type ?? 'text').toLowerCase();
  if (type === 'text' || type === 'text/plain') return { value, text: true };
  if (type === 'html' || type === 'xhtml' || type === 'text/html' || type === 'application/xhtml+xml') return { value, text: false };
  return null; // base64 or another media type: nothing to read
}

function atomLink(links: AtomFeed.Link<string>[] | undefined): string | null {
  const list = links ?? [];
  const alternate = list.filter((l) => !l.rel || l.rel === 'alternate');
  return str((alternate.find((l) => !l.type || /html/i.test(l.type)) ?? alternate[0])?.href) ?? null;
}

function rssItem(item: RssFeed.Item<string>): RawEntry {
  const guid = str(item.guid?.value);
  const link = str(item.link) ?? atomLink(item.atom?.links) ?? (guid && item.guid?.isPermaLink !== false && /^https?:\/\//i.test(guid) ? guid : null);
  const enclosure = item.enclosures?.find((e) => str(e.url));
  const author = item.authors?.map((a) => str(a.name) ?? str(a.email)).find(Boolean) ?? str(item.dc?.creators?.[0]) ?? str(item.itunes?.author);
  const bodies: RawBody[] = [];
  if (str(item.content?.encoded)) bodies.push({ value: item.content!.encoded!, text: false });
  if (str(item.description)) bodies.push({ value: item.description!, text: false });
  if (str(item.itunes?.summary)) bodies.push({ value: item.itunes!.summary!, text: true });
  const atomBody = atomContent(item.atom?.content) ?? atomText(item.atom?.summary);
  if (atomBody) bodies.push(atomBody);
  return {
    guid,
    link,
    title: str(item.title) ?? str(item.dc?.titles?.[0]) ?? str(item.itunes?.title),
    titleIsText: false,
    author,
    date: str(item.pubDate) ?? str(item.dc?.dates?.[0]) ?? str(item.atom?.published) ?? str(item.atom?.updated) ?? str(item.dcterms?.issued) ?? str(item.dcterms?.modified),
    bodies,
    base: str(item.xml?.base),
    images: [...mediaImages(item.media), ...(str(item.itunes?.image) ? [item.itunes!.image!] : [])],
    enclosure: enclosure ? { url: enclosure.url!, type: str(enclosure.type), length: num(enclosure.length) } : null,
  };
}

function rdfItem(item: RdfFeed.Item<string>): RawEntry {
  const bodies: RawBody[] = [];
  if (str(item.content?.encoded)) bodies.push({ value: item.content!.encoded!, text: false });
  if (str(item.description)) bodies.push({ value: item.description!, text: false });
  if (str(item.dc?.descriptions?.[0])) bodies.push({ value: item.dc!.descriptions![0]!, text: false });
  return {
    guid: str(item.rdf?.about),
    link: str(item.link) ?? (str(item.rdf?.about) && /^https?:\/\//i.test(item.rdf!.about!) ? item.rdf!.about! : null),
    title: str(item.title) ?? str(item.dc?.titles?.[0]),
    titleIsText: false,
    author: str(item.dc?.creators?.[0]),
    date: str(item.dc?.dates?.[0]) ?? str(item.dcterms?.issued) ?? str(item.dcterms?.modified) ?? str(item.dcterms?.created),
    bodies,
    base: str(item.xml?.base),
    images: mediaImages(item.media),
    enclosure: null,
  };
}

function atomEntry(entry: AtomFeed.Entry<string>, feedAuthor: string | null): RawEntry {
  const bodies = [atomContent(entry.content), atomText(entry.summary)].filter((b): b is RawBody => !!b);
  const enclosure = entry.links?.find((l) => l.rel === 'enclosure' && str(l.href));
  const title = atomText(entry.title);
  return {
    guid: str(entry.id),
    link: atomLink(entry.links),
    title: title?.value ?? str(entry.dc?.titles?.[0]),
    titleIsText: title?.text ?? false,
    author: str(entry.authors?.[0]?.name) ?? str(entry.dc?.creators?.[0]) ?? feedAuthor,
    date: str(entry.published) ?? str(entry.updated) ?? str(entry.dc?.dates?.[0]),
    bodies,
    base: str(entry.xml?.base),
    images: [...mediaImages(entry.media), ...(str(entry.itunes?.image) ? [entry.itunes!.image!] : [])],
    enclosure: enclosure ? { url: enclosure.href!, type: str(enclosure.type), length: num(enclosure.length) } : null,
  };
}

function jsonItem(item: JsonFeed.Item<string>, feedAuthor: string | null): RawEntry {
  const bodies: RawBody[] = [];
  if (str(item.content_html)) bodies.push({ value: item.content_html!, text: false });
  if (str(item.content_text)) bodies.push({ value: item.content_text!, text: true });
  if (str(item.summary)) bodies.push({ value: item.summary!, text: true });
  const attachment = item.attachments?.find((a) => str(a.url));
  return {
    guid: str(item.id),
    link: str(item.url) ?? str(item.external_url),
    title: str(item.title),
    titleIsText: true,
    author: str(item.authors?.[0]?.name) ?? feedAuthor,
    date: str(item.date_published) ?? str(item.date_modified),
    bodies,
    base: null,
    images: [item.image, item.banner_image].filter((u): u is string => !!str(u)),
    enclosure: attachment ? { url: attachment.url!, type: str(attachment.mime_type), length: num(attachment.size_in_bytes) } : null,
  };
}

/** One raw shape for every format feedsmith knows. */
export function normalize(parsed: AnyFeed): RawFeed {
  switch (parsed.format) {
    case 'rss': {
      const f = parsed.feed;
      return {
        format: 'rss',
        title: str(f.title) ?? str(f.itunes?.title) ?? str(f.dc?.titles?.[0]),
        titleIsText: false,
        siteUrl: str(f.link) ?? atomLink(f.atom?.links),
        description: str(f.description) ?? str(f.itunes?.summary),
        iconUrl: str(f.image?.url) ?? str(f.itunes?.image),
        base: str(f.xml?.base),
        entries: (f.items ?? []).map(rssItem),
      };
    }
    case 'rdf': {
      const f = parsed.feed;
      return {
        format: 'rdf',
        title: str(f.title) ?? str(f.dc?.titles?.[0]),
        titleIsText: false,
        siteUrl: str(f.link),
        description: str(f.description),
        iconUrl: str(f.image?.url),
        base: str(f.xml?.base),
        entries: (f.items ?? []).map(rdfItem),
      };
    }
    case 'atom': {
      const f = parsed.feed;
      const author = str(f.authors?.[0]?.name);
      const title = atomText(f.title);
      return {
        format: 'atom',
        title: title?.value ?? null,
        titleIsText: title?.text ?? false,
        siteUrl: atomLink(f.links),
        description: str(f.subtitle?.value),
        iconUrl: str(f.icon) ?? str(f.logo) ?? str(f.itunes?.image),
        base: str(f.xml?.base),
        entries: (f.entries ?? []).map((e) => atomEntry(e, author)),
      };
    }
    case 'json': {
      const f = parsed.feed;
      const author = str(f.authors?.[0]?.name);
      return {
        format: 'json',
        title: str(f.title),
        titleIsText: true,
        siteUrl: str(f.home_page_url),
        description: str(f.description),
        iconUrl: str(f.icon) ?? str(f.favicon),
        base: null,
        entries: (f.items ?? []).map((i) => jsonItem(i, author)),
      };
    }
  }
}
