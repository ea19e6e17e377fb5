// Content extraction for the index: text kinds, binary refusal, size limits and PDFs.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, hasText } from './extract';
import { textPdf as minimalPdf } from '../../../../bff/text/testing/pdf';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'files-extract-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function write(name: string, data: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, data);
  return file;
}

describe('extractText', () => {
  it('reads text, Markdown and code, in UTF-8 with CJK', async () => {
    expect(await extractText(await write('notes.md', '# 年度报告\nThe pelican report'), 30)).toContain('The pelican report');
    expect(await extractText(await write('main.go', 'package main // 文件'), 22)).toContain('文件');
  });

  it('reads the text of every page of a PDF', async () => {
    const file = await write('report.pdf', minimalPdf(['Quarterly pelican report', 'Second page (with parentheses)']));
    const text = await extractText(file, (await fs.stat(file)).size);
    expect(text).toContain('Quarterly pelican report');
    expect(text).toContain('Second page (with parentheses)');
  });

  it('gives null for binaries, unknown kinds, broken PDFs and files too large', async () => {
    expect(await extractText(await write('blob.txt', Buffer.from([1, 2, 0, 3])), 4)).toBeNull();
    expect(await extractText(await write('photo.jpg', 'not read'), 8)).toBeNull();
    expect(await extractText(await write('broken.pdf', '%PDF-1.4 garbage'), 16)).toBeNull();
    expect(hasText('huge.txt', 5 * 1024 * 1024)).toBe(false);
    expect(hasText('Dockerfile', 10)).toBe(true);
  });
});
