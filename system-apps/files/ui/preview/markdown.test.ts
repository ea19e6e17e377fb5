import { describe, expect, it } from 'vitest';
import { assetPath, folderOf, linkHref } from './markdown';

describe('markdown assets', () => {
  const doc = '/Home/Notes/readme.md';
  it('finds the folder', () => {
    expect(folderOf(doc)).toBe('/Home/Notes');
  });
  it('allows images beside the document or below it', () => {
    expect(assetPath(doc, 'pic.png')).toBe('/Home/Notes/pic.png');
    expect(assetPath(doc, './img/a%20b.png')).toBe('/Home/Notes/img/a b.png');
  });
  it('refuses anything else', () => {
    for (const src of ['../secret.png', 'img/../../x.png', '/Home/x.png', 'https://evil.example/x.png', 'data:image/png;base64,AA', '//evil/x', 'a\\..\\b.png', '%2e%2e/x.png', '%zz', '']) {
      expect(assetPath(doc, src), src).toBeNull();
    }
  });
  it('keeps web links, sends relative links to the raw file and drops scripts', () => {
    expect(linkHref(doc, 'https://example.com/a')).toBe('https://example.com/a');
    expect(linkHref(doc, 'mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(linkHref(doc, 'other.md')).toBe('/api/files/raw?path=%2FHome%2FNotes%2Fother.md');
    expect(linkHref(doc, 'javascript:alert(1)')).toBeNull();
  });
});
