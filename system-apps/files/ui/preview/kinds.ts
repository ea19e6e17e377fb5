// Which viewer shows a file (by extension and MIME type), and which files the text editor may open.
import type { FileEntry } from '../../server/files.types';

export type PreviewKind = 'image' | 'video' | 'audio' | 'pdf' | 'markdown' | 'text';

const IMAGE = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp', 'ico', 'svg']);
// What Chromium plays natively.
const VIDEO = new Set(['mp4', 'm4v', 'webm', 'ogv', 'mov']);
const AUDIO = new Set(['mp3', 'm4a', 'aac', 'wav', 'ogg', 'oga', 'opus', 'flac', 'weba']);
const MARKDOWN = new Set(['md', 'markdown', 'mdown', 'mkd']);
const TEXT = new Set([
  'txt', 'text', 'log', 'csv', 'tsv', 'json', 'jsonc', 'json5', 'xml', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'env', 'properties',
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'vue', 'svelte', 'html', 'htm', 'css', 'scss', 'sass', 'less',
  'py', 'rb', 'go', 'rs', 'java', 'kt', 'kts', 'scala', 'c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'cs', 'swift', 'm', 'php', 'pl', 'lua', 'r',
  'sh', 'bash', 'zsh', 'fish', 'ps1', 'bat', 'cmd', 'sql', 'graphql', 'gql', 'proto', 'dockerfile', 'makefile', 'mk', 'gradle', 'tf', 'hcl',
  'diff', 'patch', 'srt', 'vtt', 'tex', 'rst', 'adoc', 'org', 'gitignore', 'gitattributes', 'editorconfig', 'lock',
  'bashrc', 'zshrc', 'profile', 'npmrc', 'nvmrc', 'prettierrc', 'eslintrc', 'dockerignore',
]);
/** Names without a telling extension that are text all the same. */
const TEXT_NAMES = new Set(['dockerfile', 'makefile', 'readme', 'license', 'licence', 'changelog', 'authors', 'copying', 'notice', 'procfile', 'gemfile', 'rakefile']);

/** The extension in lower case (`a.tar.GZ` → `gz`; `.bashrc` → `bashrc`; `Makefile` → ''). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 || dot === name.length - 1 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The viewer for `entry`, or null when there is none (folders, archives, unknown binaries). */
export function previewKind(entry: Pick<FileEntry, 'name' | 'kind' | 'mime'>): PreviewKind | null {
  if (entry.kind === 'dir') return null;
  const ext = extensionOf(entry.name);
  const mime = (entry.mime || '').toLowerCase();
  if (IMAGE.has(ext)) return 'image';
  if (VIDEO.has(ext)) return 'video';
  if (AUDIO.has(ext)) return 'audio';
  if (ext === 'pdf' || mime === 'application/pdf') return 'pdf';
  if (MARKDOWN.has(ext) || mime === 'text/markdown') return 'markdown';
  if (TEXT.has(ext) || TEXT_NAMES.has(entry.name.toLowerCase())) return 'text';
  if (mime.startsWith('text/') || mime === 'application/json' || mime === 'application/xml' || mime === 'application/javascript') return 'text';
  if (mime.startsWith('image/') && mime !== 'image/tiff') return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return null;
}

/** The largest file the editor opens (the server's readText limit). */
export const EDIT_LIMIT = 5 * 1024 * 1024;

/** Text, Markdown and code up to 5 MiB open in the editor. */
export function canEdit(entry: Pick<FileEntry, 'name' | 'kind' | 'mime' | 'size'>): boolean {
  const kind = previewKind(entry);
  return (kind === 'text' || kind === 'markdown') && entry.size <= EDIT_LIMIT;
}
