// Reads the searchable text of a file: plain text, Markdown and code as they are, PDFs through bff/text/pdf; nothing else.
import fs from 'node:fs/promises';
import path from 'node:path';
import { PDF_MAX_BYTES, PDF_MAX_PAGES, pdfText } from '../../../../bff/text/pdf';

/** Extensions read as text (lower case, no dot). */
export const TEXT_EXTENSIONS = new Set(
  (
    'txt text md markdown rst adoc org csv tsv json jsonl yaml yml toml ini conf cfg env properties xml html htm svg log ' +
    'js mjs cjs ts mts cts tsx jsx vue svelte css scss sass less py rb php pl lua r go rs java kt kts scala swift ' +
    'c h cc cpp cxx hpp hh cs fs m mm sh bash zsh fish ps1 bat sql graphql proto dockerfile makefile gradle tex bib srt vtt'
  ).split(' '),
);

/** The most text kept per file. */
export const MAX_TEXT = 256 * 1024;
const MAX_TEXT_FILE = 4 * 1024 * 1024;

export function extensionOf(name: string): string {
  const base = name.toLowerCase();
  if (base === 'dockerfile' || base === 'makefile') return base;
  const i = base.lastIndexOf('.');
  return i > 0 ? base.slice(i + 1) : '';
}

/** Whether the indexer reads this file's content at all. */
export function hasText(name: string, size: number): boolean {
  const ext = extensionOf(name);
  if (ext === 'pdf') return size <= PDF_MAX_BYTES;
  return TEXT_EXTENSIONS.has(ext) && size <= MAX_TEXT_FILE;
}

function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8192).includes(0);
}

async function readText(file: string): Promise<string | null> {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(MAX_TEXT);
    const { bytesRead } = await handle.read(buf, 0, MAX_TEXT, 0);
    const bytes = buf.subarray(0, bytesRead);
    if (looksBinary(bytes)) return null;
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } finally {
    await handle.close();
  }
}

/** The file's text for the index, or null (not a text kind, binary, unreadable or a broken PDF). */
export async function extractText(file: string, size: number): Promise<string | null> {
  const name = path.basename(file);
  if (!hasText(name, size)) return null;
  try {
    const text = extensionOf(name) === 'pdf' ? await pdfText(await fs.readFile(file), { maxPages: PDF_MAX_PAGES, maxChars: MAX_TEXT }) : await readText(file);
    // PostgreSQL text cannot hold NUL characters.
    return text === null ? null : text.replace(/\u0000/g, '');
  } catch {
    return null;
  }
}
