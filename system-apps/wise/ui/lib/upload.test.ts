// Library uploads: the request (same-origin, CSRF header, name, type), refusals by reason, and the checks made before sending.
import { describe, expect, it, vi } from 'vitest';
import { baseName, postDocument, readFromFiles, UploadError } from './upload';

function answer(status: number, body: unknown): typeof fetch {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
}

describe('postDocument', () => {
  it('posts the bytes with the CSRF header and the name', async () => {
    const f = answer(200, { id: 'e1' });
    await expect(postDocument(new Blob(['%PDF-1.4']), 'My book.pdf', f)).resolves.toEqual({ id: 'e1' });
    const [url, init] = (f as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls[0]!;
    expect(url).toBe('/api/wise/documents?name=My%20book.pdf');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'x-olares-request': '1', 'content-type': 'application/pdf' });
  });
  it('gives the server’s reason, or one from the status', async () => {
    await expect(postDocument(new Blob(['x']), 'a.epub', answer(400, { reason: 'wise.document.badEpub', message: 'not an EPUB' }))).rejects.toMatchObject({ reason: 'wise.document.badEpub', message: 'not an EPUB' });
    await expect(postDocument(new Blob(['x']), 'a.pdf', answer(413, {}))).rejects.toMatchObject({ reason: 'wise.document.tooLarge', status: 413 });
  });
  it('refuses other types before sending', async () => {
    const f = answer(200, {});
    await expect(postDocument(new Blob(['x']), 'notes.txt', f)).rejects.toBeInstanceOf(UploadError);
    expect(f).not.toHaveBeenCalled();
  });
});

describe('readFromFiles', () => {
  it('reads the raw route and names failures', async () => {
    const ok = vi.fn(async () => new Response('bytes')) as unknown as typeof fetch;
    expect(await (await readFromFiles('/Home/a b.pdf', ok)).text()).toBe('bytes');
    expect((ok as unknown as { mock: { calls: [string][] } }).mock.calls[0]![0]).toBe('/api/files/raw?path=%2FHome%2Fa+b.pdf');
    await expect(readFromFiles('/x', answer(404, {}))).rejects.toMatchObject({ reason: 'wise.document.notInFiles' });
    expect(baseName('/Home/Docs/book.epub')).toBe('book.epub');
  });
});
