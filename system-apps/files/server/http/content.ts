// Response headers that depend on a file's name: its Content-Type by extension, Content-Disposition with RFC 5987 names, and whether zipping it is worth it.
import path from 'node:path';

const TYPES: Record<string, string> = {
  txt: 'text/plain', log: 'text/plain', md: 'text/markdown', markdown: 'text/markdown', csv: 'text/csv', tsv: 'text/tab-separated-values',
  html: 'text/html', htm: 'text/html', css: 'text/css', xml: 'text/xml', ics: 'text/calendar', vtt: 'text/vtt', srt: 'text/plain',
  js: 'text/javascript', mjs: 'text/javascript', cjs: 'text/javascript', ts: 'text/plain', tsx: 'text/plain', jsx: 'text/plain', vue: 'text/plain',
  json: 'application/json', yaml: 'text/yaml', yml: 'text/yaml', toml: 'text/plain', ini: 'text/plain', conf: 'text/plain', env: 'text/plain',
  sh: 'text/plain', py: 'text/plain', rb: 'text/plain', go: 'text/plain', rs: 'text/plain', java: 'text/plain', c: 'text/plain', h: 'text/plain',
  cpp: 'text/plain', hpp: 'text/plain', cs: 'text/plain', php: 'text/plain', sql: 'text/plain', kt: 'text/plain', swift: 'text/plain',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', bmp: 'image/bmp',
  ico: 'image/x-icon', svg: 'image/svg+xml', tif: 'image/tiff', tiff: 'image/tiff', heic: 'image/heic', heif: 'image/heif',
  mp4: 'video/mp4', m4v: 'video/mp4', webm: 'video/webm', mkv: 'video/x-matroska', mov: 'video/quicktime', avi: 'video/x-msvideo', ogv: 'video/ogg',
  mp3: 'audio/mpeg', m4a: 'audio/mp4', aac: 'audio/aac', wav: 'audio/wav', flac: 'audio/flac', ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/ogg',
  pdf: 'application/pdf', zip: 'application/zip', gz: 'application/gzip', tgz: 'application/gzip', tar: 'application/x-tar', '7z': 'application/x-7z-compressed',
  rar: 'application/vnd.rar', bz2: 'application/x-bzip2', xz: 'application/x-xz', zst: 'application/zstd', epub: 'application/epub+zip',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text', ods: 'application/vnd.oasis.opendocument.spreadsheet', odp: 'application/vnd.oasis.opendocument.presentation',
  woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf', otf: 'font/otf', wasm: 'application/wasm',
};

/** Already compressed: stored in zips as they are (compressing them again costs time and saves nothing). */
const COMPRESSED = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'heic', 'heif', 'mp4', 'm4v', 'webm', 'mkv', 'mov', 'avi', 'ogv', 'mp3', 'm4a', 'aac', 'flac', 'ogg',
  'oga', 'opus', 'zip', 'gz', 'tgz', '7z', 'rar', 'bz2', 'xz', 'zst', 'epub', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'woff', 'woff2', 'pdf',
]);

function extension(name: string): string {
  return path.extname(name).slice(1).toLowerCase();
}

/** The Content-Type for a file name; text types carry `; charset=utf-8`. */
export function contentTypeFor(name: string): string {
  const type = TYPES[extension(name)] ?? 'application/octet-stream';
  return type.startsWith('text/') || type === 'application/json' || type === 'image/svg+xml' ? `${type}; charset=utf-8` : type;
}

export function isCompressed(name: string): boolean {
  return COMPRESSED.has(extension(name));
}

/** RFC 5987 / 8187 value: UTF-8, percent-encoded beyond attr-char. */
function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment` or `inline`, with an ASCII fallback `filename` and the exact name as `filename*`. */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_') || 'download';
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
