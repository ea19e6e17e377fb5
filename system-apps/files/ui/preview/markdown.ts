// Markdown to safe HTML: markdown-it without raw HTML, then DOMPurify; links open in a new tab (noopener), images only from the document's own folder through the raw URL.
import MarkdownIt from 'markdown-it';
import DOMPurify from 'dompurify';
import { rawUrl } from './raw-url';

/** The folder of a virtual path (`/Home/a/b.md` → `/Home/a`). */
export function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/**
 * The virtual path an image `src` in the document at `docPath` names, or null when it is not allowed:
 * only relative paths that stay inside the document's folder (no scheme, no `//host`, no `/abs`, no climbing out).
 */
export function assetPath(docPath: string, src: string): string | null {
  const raw = src.trim();
  if (!raw || /^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('/') || raw.startsWith('\\')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.split(/[?#]/)[0]!);
  } catch {
    return null;
  }
  const parts: string[] = [];
  for (const seg of decoded.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' || seg.includes('\\') || seg.includes('\0')) return null;
    parts.push(seg);
  }
  if (parts.length === 0) return null;
  return `${folderOf(docPath)}/${parts.join('/')}`;
}

/** What a link's href becomes: web and mail links as they are; a relative link to a file beside it → its raw URL; anything else dropped. */
export function linkHref(docPath: string, href: string): string | null {
  const h = href.trim();
  if (/^(https?:|mailto:)/i.test(h)) return h;
  if (h.startsWith('#')) return null;
  const p = assetPath(docPath, h);
  return p ? rawUrl(p) : null;
}

let md: InstanceType<typeof MarkdownIt> | null = null;

/** Renders `source` (the file at `docPath`) as sanitised HTML. */
export function renderMarkdown(source: string, docPath: string): string {
  md ??= new MarkdownIt({ html: false, linkify: true, typographer: false });
  const html = md.render(source);
  const purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = linkHref(docPath, node.getAttribute('href') ?? '');
      if (href) {
        node.setAttribute('href', href);
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      } else {
        node.removeAttribute('href');
      }
    } else if (node.tagName === 'IMG') {
      const p = assetPath(docPath, node.getAttribute('src') ?? '');
      if (p) node.setAttribute('src', rawUrl(p));
      else {
        node.removeAttribute('src');
        node.setAttribute('data-blocked', '1');
      }
      node.removeAttribute('srcset');
    }
  });
  return purify.sanitize(html, { ADD_ATTR: ['target'], FORBID_TAGS: ['style', 'form', 'input', 'button'] });
}
