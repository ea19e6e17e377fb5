// Which apps open a file: by extension first, then the apps that take any file.
import { describe, expect, it } from 'vitest';
import { appForFile, appsForFile } from './registry';

describe('appsForFile', () => {
  it('lists the apps naming the extension before those taking any file', () => {
    const ids = appsForFile('notes.MD').map((a) => a.id);
    expect(ids).toContain('devbox');
    expect(ids).toContain('files');
    expect(ids.indexOf('devbox')).toBeLessThan(ids.indexOf('files'));
    expect(appForFile('notes.md')?.id).toBe(ids[0]);
  });

  it('gives only the apps taking any file for an unknown or missing extension', () => {
    expect(appsForFile('photo.xyz').every((a) => a.fileTypes?.includes('*'))).toBe(true);
    expect(appsForFile('README').map((a) => a.id)).toEqual(appsForFile('a.xyz').map((a) => a.id));
  });
});
