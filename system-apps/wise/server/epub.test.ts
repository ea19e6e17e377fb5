// EPUB to HTML: metadata, spine order, inlined images, and refusals of what is not a book.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { epubToHtml, EpubError, looksLikeEpub } from './epub';
import { tinyEpub } from './test-files';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('epubToHtml', () => {
  it('reads the title, author and chapters in spine order, images inlined', () => {
    const bytes = tinyEpub();
    expect(looksLikeEpub(bytes)).toBe(true);
    const book = epubToHtml(bytes);
    expect(book.title).toBe('A Tiny Book');
    expect(book.author).toBe('Ann Author');
    expect(book.html.indexOf('Chapter One')).toBeLessThan(book.html.indexOf('Chapter Two'));
    expect(book.html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(book.html).not.toContain('<head>');
  });

  it('refuses what is not an EPUB', () => {
    expect(looksLikeEpub(strToU8('%PDF-1.4'))).toBe(false);
    expect(() => epubToHtml(strToU8('not a zip'))).toThrow(EpubError);
    expect(() => epubToHtml(zipSync({ mimetype: strToU8('application/epub+zip') }))).toThrow(EpubError);
  });
});
