// Sizes, dates and kinds of entries as the browser shows them.
import type { FileEntry } from '../../server/files.types';
import { extensionOf } from './paths';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 0 → "0 B", 1536 → "1.5 KB", 12_000_000 → "11 MB" (binary multiples, at most one decimal under 100). */
export function formatBytes(bytes: number, locale = 'en-US'): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let i = 0;
  let v = bytes;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v)} ${UNITS[i]}`;
}

export function formatDate(ms: number, locale = 'en-US'): string {
  if (!Number.isFinite(ms) || ms <= 0) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export type KindKey = 'folder' | 'image' | 'video' | 'audio' | 'pdf' | 'text' | 'code' | 'archive' | 'document' | 'link' | 'file';

const CODE = new Set(['js', 'ts', 'tsx', 'jsx', 'vue', 'py', 'go', 'rs', 'java', 'c', 'h', 'cpp', 'cs', 'rb', 'php', 'sh', 'json', 'yaml', 'yml', 'toml', 'xml', 'html', 'css', 'sql', 'kt', 'swift']);
const ARCHIVE = new Set(['zip', 'tar', 'gz', 'tgz', 'bz2', 'xz', '7z', 'rar', 'zst']);
const DOCUMENT = new Set(['doc', 'docx', 'odt', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'rtf', 'pages', 'numbers', 'key', 'epub']);

/** The kind of an entry for its icon and the Type column (`files.kinds.<key>`). */
export function kindOf(entry: Pick<FileEntry, 'kind' | 'name' | 'mime'>): KindKey {
  if (entry.kind === 'dir') return 'folder';
  if (entry.kind === 'symlink') return 'link';
  const ext = extensionOf(entry.name);
  if (entry.mime === 'application/pdf' || ext === 'pdf') return 'pdf';
  if (entry.mime.startsWith('image/')) return 'image';
  if (entry.mime.startsWith('video/')) return 'video';
  if (entry.mime.startsWith('audio/')) return 'audio';
  if (CODE.has(ext)) return 'code';
  if (ARCHIVE.has(ext)) return 'archive';
  if (DOCUMENT.has(ext)) return 'document';
  if (entry.mime.startsWith('text/') || ext === 'md' || ext === 'txt') return 'text';
  return 'file';
}
