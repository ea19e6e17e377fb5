// EPUB to one HTML document (fflate): the spine's chapters in order, images inlined as data: URIs; the caller sanitises the result.
import { strFromU8, unzipSync } from 'fflate';
import path from 'node:path/posix';

export class EpubError extends Error {}

export interface EpubBook {
  title: string | null;
  author: string | null;
  /** The chapters' bodies, each in a <section>, not yet sanitised. */
  html: string;
}

/** What a book may unpack to, all files together (a zip bomb stops here). */
const MAX_UNPACKED_BYTES = 300 * 1024 * 1024;
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const MAX_IMAGES_BYTES = 30 * 1024 * 1024;
const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? '') : null;
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    const l = e.toLowerCase();
    if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
    if (l.startsWith('#')) return String.fromCodePoint(Number(l.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[l]!;
  });
}

/** The text of the first element named `name` (any namespace prefix). */
function elementText(xml: string, name: string): string | null {
  const m = new RegExp(`<(?:[\\w-]+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`, 'i').exec(xml);
  const text = m ? decodeEntities(m[1]!.replace(/<[^>]*>/g, '')).trim() : '';
  return text || null;
}

const tags = (xml: string, name: string) => xml.match(new RegExp(`<(?:[\\w-]+:)?${name}\\b[^>]*>`, 'gi')) ?? [];

/** True when the bytes are a zip whose `mimetype` says EPUB. */
export function looksLikeEpub(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && strFromU8(bytes.subarray(30, 30 + 60)).includes('application/epub+zip');
}

export function epubToHtml(bytes: Uint8Array): EpubBook {
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        unpacked += f.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES) throw new EpubError('the book unpacks to more than 300 MB');
        return !/\.(mp3|mp4|m4a|ogg|webm|ttf|otf|woff2?)$/i.test(f.name);
      },
    });
  } catch (err) {
    if (err instanceof EpubError) throw err;
    throw new EpubError('the file is not a readable EPUB (zip)');
  }
  const read = (name: string) => (files[name] ? strFromU8(files[name]!) : null);
  const container = read('META-INF/container.xml');
  const opfPath = container ? tags(container, 'rootfile').map((t) => attr(t, 'full-path')).find(Boolean) : null;
  const opf = opfPath ? read(opfPath) : null;
  if (!opfPath || !opf) throw new EpubError('the EPUB has no package document');
  const dir = path.dirname(opfPath);
  const resolve = (from: string, href: string) => path.normalize(path.join(from === '.' ? '' : from, decodeURIComponent(href.split('#')[0]!)));

  const manifest = new Map<string, { href: string; type: string }>();
  for (const t of tags(opf, 'item')) {
    const id = attr(t, 'id');
    const href = attr(t, 'href');
    if (id && href) manifest.set(id, { href: resolve(dir, href), type: attr(t, 'media-type') ?? '' });
  }
  const spine = tags(opf, 'itemref')
    .filter((t) => attr(t, 'linear') !== 'no')
    .map((t) => manifest.get(attr(t, 'idref') ?? ''))
    .filter((i): i is { href: string; type: string } => !!i && /html/i.test(i.type));
  if (!spine.length) throw new EpubError('the EPUB has no chapters');

  let imageBytes = 0;
  const inlineImage = (chapter: string, src: string): string | null => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return src;
    const file = files[resolve(path.dirname(chapter), src)];
    const type = IMAGE_TYPES[path.extname(src.split(/[?#]/)[0]!).toLowerCase()];
    if (!file || !type || file.length > MAX_IMAGE_BYTES || imageBytes + file.length > MAX_IMAGES_BYTES) return null;
    imageBytes += file.length;
    return `data:${type};base64,${Buffer.from(file).toString('base64')}`;
  };

  const sections = spine.map((item) => {
    const xhtml = read(item.href) ?? '';
    const body = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(xhtml)?.[1] ?? xhtml;
    const withImages = body.replace(/(<(?:img|image)\b[^>]*?\s(?:src|xlink:href|href)\s*=\s*)("([^"]*)"|'([^']*)')/gi, (all, head: string, _q, dq?: string, sq?: string) => {
      const inlined = inlineImage(item.href, decodeEntities(dq ?? sq ?? ''));
      return inlined ? `${head}"${inlined}"` : all;
    });
    // <svg><image> wrappers (cover pages) become plain images.
    const plain = withImages.replace(/<svg\b[\s\S]*?<image\b[^>]*?(?:xlink:href|href)\s*=\s*"([^"]*)"[\s\S]*?<\/svg>/gi, '<img src="$1" alt="">');
    return `<section>${plain}</section>`;
  });
  return { title: elementText(opf, 'title'), author: elementText(opf, 'creator'), html: sections.join('\n') };
}
