// OPML in and out (feedsmith): an import flattened into (folder, feed) pairs — nested folders named "Parent / Child" — and an export with one outline per folder.
import { generateOpml, parseOpml } from 'feedsmith';

export interface OpmlFeed {
  url: string;
  title: string | null;
  /** The folder path joined with " / "; null at the top level. */
  folder: string | null;
}

type Outline = { text?: string; title?: string; xmlUrl?: string; outlines?: Outline[] };

const FOLDER_SEPARATOR = ' / ';

/** Every feed of an OPML document with its folder; throws when the text is not OPML. */
export function readOpml(text: string): OpmlFeed[] {
  const doc = parseOpml(text) as { body?: { outlines?: Outline[] } };
  if (!doc?.body) throw new Error('not OPML');
  const out: OpmlFeed[] = [];
  const walk = (outlines: Outline[], path: string[]) => {
    for (const o of outlines) {
      const name = (o.title ?? o.text ?? '').trim();
      if (o.xmlUrl?.trim()) out.push({ url: o.xmlUrl.trim(), title: name || null, folder: path.length ? path.join(FOLDER_SEPARATOR) : null });
      // An outline with children is a folder (a feed outline with children is rare: its children go in the same folder).
      if (o.outlines?.length) walk(o.outlines, o.xmlUrl ? path : name ? [...path, name] : path);
    }
  };
  walk(doc.body.outlines ?? [], []);
  return out;
}

export interface ExportFeed {
  url: string;
  title: string;
  siteUrl: string | null;
  folder: string | null;
}

/** OPML 2.0 of the user's feeds, each folder one outline holding its feeds. */
export function writeOpml(feeds: ExportFeed[], folders: string[], now = new Date()): string {
  const outline = (f: ExportFeed) => ({ text: f.title, title: f.title, type: 'rss', xmlUrl: f.url, ...(f.siteUrl ? { htmlUrl: f.siteUrl } : {}) });
  const outlines = [
    ...folders.map((name) => ({ text: name, title: name, outlines: feeds.filter((f) => f.folder === name).map(outline) })),
    ...feeds.filter((f) => f.folder === null).map(outline),
  ];
  return generateOpml({ head: { title: 'Wise subscriptions', dateCreated: now }, body: { outlines } });
}
