import { describe, expect, it } from 'vitest';
import { downloadUrl } from './download';

describe('downloadUrl', () => {
  it('downloads one file raw as an attachment', () => {
    expect(downloadUrl(['/Home/a b/ü.txt'])).toBe('/api/files/raw?path=%2FHome%2Fa+b%2F%C3%BC.txt&download=1');
  });
  it('zips a folder or several paths', () => {
    expect(downloadUrl(['/Home/Photos'], { folder: true, name: 'Photos.zip' })).toBe('/api/files/zip?p=%2FHome%2FPhotos&name=Photos.zip');
    expect(downloadUrl(['/Home/a', '/Home/b&c'])).toBe('/api/files/zip?p=%2FHome%2Fa&p=%2FHome%2Fb%26c');
  });
});
