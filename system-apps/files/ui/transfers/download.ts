// Starts downloads the browser's own way (an `<a download>` click): one file raw, several or a folder as a streamed zip; nothing is read into memory.
import { rawUrl } from '../preview/raw-url';

/** The URL that downloads `paths`: one file → `raw?download=1`; several, or a folder → `zip`. */
export function downloadUrl(paths: string[], opts: { folder?: boolean; name?: string } = {}): string {
  if (paths.length === 1 && !opts.folder) return rawUrl(paths[0]!, { download: true });
  const q = new URLSearchParams();
  for (const p of paths) q.append('p', p);
  if (opts.name) q.set('name', opts.name);
  return `/api/files/zip?${q.toString()}`;
}

function click(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

type Target = string | { path: string; kind: string };

/**
 * Downloads `paths`: strings are taken for files; pass entries (`{ path, kind }`) so a single folder
 * comes as a zip named after it. Several paths always come as one zip.
 */
export function downloadPaths(paths: Target[]): void {
  if (paths.length === 0) return;
  const list = paths.map((p) => (typeof p === 'string' ? p : p.path));
  const first = paths[0]!;
  const folder = paths.length === 1 && typeof first !== 'string' && first.kind === 'dir';
  const name = folder ? `${list[0]!.split('/').pop()}.zip` : undefined;
  click(downloadUrl(list, { folder, name }));
}
