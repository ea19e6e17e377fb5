// Raw uploads to the library (POST /api/wise/documents?name=…, a PDF or EPUB as the body) and reading a file from Files' raw route, same-origin with the CSRF header.

/** The header the BFF asks for on every request that changes something (the tRPC client sends the same). */
export const CSRF_HEADERS = { 'x-olares-request': '1' } as const;

/** What the library takes as documents (a web page is saved by its address instead). */
export const DOCUMENT_TYPES = ['pdf', 'epub'] as const;
export const MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

/** A refused upload: the server's reason (`wise.document.…`) when it gave one, else an HTTP status. */
export class UploadError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const MIME: Record<string, string> = { pdf: 'application/pdf', epub: 'application/epub+zip', html: 'text/html', htm: 'text/html' };

async function refusal(res: Response): Promise<UploadError> {
  let reason = '';
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { reason?: string; message?: string; error?: string };
    reason = body.reason ?? '';
    message = body.message ?? body.error ?? message;
  } catch {
    // not JSON
  }
  if (!reason) reason = res.status === 413 ? 'wise.document.tooLarge' : res.status === 415 ? 'wise.document.unsupported' : 'wise.document.failed';
  return new UploadError(reason, message, res.status);
}

/** Sends a PDF or EPUB to the library; answers the new entry's id. */
export async function postDocument(body: Blob, name: string, fetchImpl: typeof fetch = (i, o) => fetch(i, o)): Promise<{ id: string }> {
  const ext = extensionOf(name);
  if (!(DOCUMENT_TYPES as readonly string[]).includes(ext)) throw new UploadError('wise.document.unsupported', `${name} is not a PDF or EPUB file`);
  if (body.size > MAX_DOCUMENT_BYTES) throw new UploadError('wise.document.tooLarge', `${name} is larger than 100 MB`);
  let res: Response;
  try {
    res = await fetchImpl(`/api/wise/documents?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { ...CSRF_HEADERS, 'content-type': body.type || MIME[ext] || 'application/octet-stream' },
      body,
    });
  } catch {
    throw new UploadError('wise.document.network', 'the upload did not reach the server');
  }
  if (!res.ok) throw await refusal(res);
  return (await res.json()) as { id: string };
}

/** A file of the user's from Files (its raw route), as a Blob. */
export async function readFromFiles(path: string, fetchImpl: typeof fetch = (i, o) => fetch(i, o)): Promise<Blob> {
  let res: Response;
  try {
    res = await fetchImpl(`/api/files/raw?${new URLSearchParams({ path }).toString()}`, { credentials: 'same-origin' });
  } catch {
    throw new UploadError('wise.document.network', 'the file could not be read');
  }
  if (!res.ok) throw new UploadError('wise.document.notInFiles', `the file could not be read (HTTP ${res.status})`, res.status);
  return res.blob();
}
