import { describe, expect, it } from 'vitest';
import { canEdit, extensionOf, previewKind } from './kinds';

const e = (name: string, mime = 'application/octet-stream', kind: 'file' | 'dir' = 'file', size = 10) => ({ name, mime, kind, size });

describe('previewKind', () => {
  it('picks the viewer by extension', () => {
    expect(previewKind(e('a.JPG'))).toBe('image');
    expect(previewKind(e('logo.svg'))).toBe('image');
    expect(previewKind(e('clip.mp4'))).toBe('video');
    expect(previewKind(e('song.flac'))).toBe('audio');
    expect(previewKind(e('paper.pdf'))).toBe('pdf');
    expect(previewKind(e('README.md'))).toBe('markdown');
    expect(previewKind(e('main.ts'))).toBe('text');
    expect(previewKind(e('Dockerfile'))).toBe('text');
    expect(previewKind(e('.bashrc'))).toBe('text');
  });
  it('falls back on the MIME type', () => {
    expect(previewKind(e('noext', 'text/plain'))).toBe('text');
    expect(previewKind(e('pic', 'image/png'))).toBe('image');
  });
  it('has none for folders and unknown binaries', () => {
    expect(previewKind(e('Photos.jpg', 'inode/directory', 'dir'))).toBeNull();
    expect(previewKind(e('archive.zip', 'application/zip'))).toBeNull();
    expect(previewKind(e('tool.exe'))).toBeNull();
  });
  it('reads extensions', () => {
    expect(extensionOf('a.tar.GZ')).toBe('gz');
    expect(extensionOf('Makefile')).toBe('');
    expect(extensionOf('trailing.')).toBe('');
  });
});

describe('canEdit', () => {
  it('edits text, code and Markdown up to 5 MiB', () => {
    expect(canEdit(e('notes.md'))).toBe(true);
    expect(canEdit(e('app.py'))).toBe(true);
    expect(canEdit(e('big.log', 'text/plain', 'file', 6 * 1024 * 1024))).toBe(false);
    expect(canEdit(e('a.png'))).toBe(false);
    expect(canEdit(e('doc.pdf'))).toBe(false);
  });
});
