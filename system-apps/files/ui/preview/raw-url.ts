// The URL of a file's bytes on the server (`/api/files/raw`), inline for previews or as an attachment.

export function rawUrl(path: string, opts: { download?: boolean } = {}): string {
  const q = new URLSearchParams({ path });
  if (opts.download) q.set('download', '1');
  return `/api/files/raw?${q.toString()}`;
}
