import { describe, expect, it } from 'vitest';
import { shouldRetryUpload, uploadErrorReason } from './upload-error';

const failed = (status: number, body: string) => ({ originalResponse: { getStatus: () => status, getBody: () => body } });

describe('uploadErrorReason', () => {
  it('reads the reason from the server JSON body', () => {
    expect(uploadErrorReason(failed(413, JSON.stringify({ statusCode: 413, reason: 'files.quota.exceeded', message: 'x' })))).toBe('files.quota.exceeded');
    expect(uploadErrorReason(failed(507, JSON.stringify({ error: { reason: 'files.disk.full' } })))).toBe('files.disk.full');
  });
  it('finds a key in a text body, else falls back on the status', () => {
    expect(uploadErrorReason(failed(400, 'refused: files.path.escapes'))).toBe('files.path.escapes');
    expect(uploadErrorReason(failed(403, ''))).toBe('files.upload.denied');
    expect(uploadErrorReason(failed(410, ''))).toBe('files.upload.gone');
    expect(uploadErrorReason(failed(507, ''))).toBe('files.disk.full');
    expect(uploadErrorReason(failed(500, '<html>'))).toBe('files.upload.failed');
  });
  it('calls an error without a response a network error', () => {
    expect(uploadErrorReason(new Error('tus: failed to upload chunk'))).toBe('files.upload.network');
  });
});

describe('shouldRetryUpload', () => {
  it('retries network drops, server errors and locks; not refusals', () => {
    expect(shouldRetryUpload(new Error('offline'))).toBe(true);
    expect(shouldRetryUpload(failed(502, ''))).toBe(true);
    expect(shouldRetryUpload(failed(423, ''))).toBe(true);
    expect(shouldRetryUpload(failed(409, ''))).toBe(true);
    expect(shouldRetryUpload(failed(413, ''))).toBe(false);
    expect(shouldRetryUpload(failed(403, ''))).toBe(false);
  });
});
