// PDF text for search indexes: every page's text, the page and character limits, and null for what is not a readable PDF.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfFileText, pdfText } from './pdf';
import { textPdf } from './testing/pdf';

describe('pdfText', () => {
  it('reads the text of every page', async () => {
    const text = await pdfText(textPdf(['Quarterly pelican report', 'Second page (with parentheses)']));
    expect(text).toContain('Quarterly pelican report');
    expect(text).toContain('Second page (with parentheses)');
  });

  it('stops at the page and character limits', async () => {
    const pdf = textPdf(['First page words', 'Second page words', 'Third page words']);
    const two = await pdfText(pdf, { maxPages: 2 });
    expect(two).toContain('Second page words');
    expect(two).not.toContain('Third');
    expect(await pdfText(pdf, { maxChars: 5 })).toBe('First');
  });

  it('gives null for what is not a readable PDF', async () => {
    expect(await pdfText(Buffer.from('%PDF-1.4 garbage'))).toBeNull();
    expect(await pdfText(Buffer.from('plain text'))).toBeNull();
  });

  it('reads a file, and gives null for a missing one', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pdf-text-'));
    try {
      const file = path.join(dir, 'a.pdf');
      await fs.writeFile(file, textPdf(['Heron notes']));
      expect(await pdfFileText(file)).toContain('Heron notes');
      expect(await pdfFileText(path.join(dir, 'missing.pdf'))).toBeNull();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
