import { describe, expect, it } from 'vitest';
import { isUploadRecord, metadataOf, newRecord, recordsFor, withUrl } from './records';

const file = new File(['hello'], 'a.txt', { lastModified: 1_700_000_000_000 });

describe('upload records', () => {
  const rec = newRecord({ id: 'u1', userId: 'alice', target: '/Home/Documents', file, relativePath: 'Notes/a.txt', now: 5 });

  it('keeps what a resume needs, with the file itself', () => {
    expect(rec).toMatchObject({ id: 'u1', userId: 'alice', target: '/Home/Documents', relativePath: 'Notes/a.txt', conflict: 'keepBoth', name: 'a.txt', size: 5, lastModified: 1_700_000_000_000, url: null, createdAt: 5 });
    expect(rec.file).toBe(file);
    expect(isUploadRecord(rec)).toBe(true);
  });

  it('uses the name when there is no relative path', () => {
    expect(newRecord({ id: 'u', userId: 'a', target: '/Home', file, relativePath: '', now: 1 }).relativePath).toBe('a.txt');
  });

  it('sets the tus URL without changing the original', () => {
    const next = withUrl(rec, '/api/files/uploads/abc');
    expect(next.url).toBe('/api/files/uploads/abc');
    expect(rec.url).toBeNull();
  });

  it('makes string metadata (UploadMetadata)', () => {
    expect(metadataOf(rec)).toEqual({ target: '/Home/Documents', relativePath: 'Notes/a.txt', conflict: 'keepBoth', lastModified: '1700000000000', filename: 'a.txt' });
  });

  it('drops damaged records and those of other users', () => {
    expect(isUploadRecord({ ...rec, file: 'not a blob' })).toBe(false);
    expect(isUploadRecord({ ...rec, conflict: 'ask' })).toBe(false);
    expect(isUploadRecord(null)).toBe(false);
    const older = { ...rec, id: 'u0', createdAt: 1 };
    const bob = { ...rec, id: 'b', userId: 'bob' };
    expect(recordsFor([rec, bob, older], 'alice').map((r) => r.id)).toEqual(['u0', 'u1']);
  });
});
