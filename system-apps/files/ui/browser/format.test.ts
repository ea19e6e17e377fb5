import { describe, expect, it } from 'vitest';
import { formatBytes, kindOf } from './format';

describe('format', () => {
  it('writes sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(500 * 1024 * 1024)).toBe('500 MB');
  });
  it('tells kinds apart', () => {
    expect(kindOf({ kind: 'dir', name: 'a', mime: 'inode/directory' })).toBe('folder');
    expect(kindOf({ kind: 'file', name: 'a.png', mime: 'image/png' })).toBe('image');
    expect(kindOf({ kind: 'file', name: 'a.ts', mime: 'application/octet-stream' })).toBe('code');
    expect(kindOf({ kind: 'file', name: 'notes.md', mime: 'text/markdown' })).toBe('text');
    expect(kindOf({ kind: 'file', name: 'x.bin', mime: 'application/octet-stream' })).toBe('file');
  });
});
