// Reads the searchable text of a file: plain text, Markdown and code as they are, PDFs through pdf.js; nothing else.
import fs from 'node:fs/promises';
import path from 'node:path';

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
const MAX_PDF_FILE = 64 * 1024 * 1024;
const MAX_PDF_PAGES = 200;

export function extensionOf(name: string): string {
  const base = name.toLowerCase();
  if (base === 'dockerfile' || base === 'makefile') return base;
  const i = base.lastIndexOf('.');
  return i > 0 ? base.slice(i + 1) : '';
}

/** Whether the indexer reads this file's content at all. */
export function hasText(name: string, size: number): boolean {
  const ext = extensionOf(name);
  if (ext === 'pdf') return size <= MAX_PDF_FILE;
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

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

async function readPdf(file: string): Promise<string | null> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument, VerbosityLevel } = await pdfjs;
  const data = new Uint8Array(await fs.readFile(file));
  const task = getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: VerbosityLevel.ERRORS });
  try {
    const doc = await task.promise;
    let text = '';
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PDF_PAGES) && text.length < MAX_TEXT; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      text += content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('') + '\n';
      page.cleanup();
    }
    return text.slice(0, MAX_TEXT);
  } finally {
    await task.destroy();
  }
}

/** The file's text for the index, or null (not a text kind, binary, unreadable or a broken PDF). */
export async function extractText(file: string, size: number): Promise<string | null> {
  const name = path.basename(file);
  if (!hasText(name, size)) return null;
  try {
    const text = extensionOf(name) === 'pdf' ? await readPdf(file) : await readText(file);
    // PostgreSQL text cannot hold NUL characters.
    return text === null ? null : text.replace(/\u0000/g, '');
  } catch {
    return null;
  }
}
