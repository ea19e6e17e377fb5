// The text of a PDF through pdf.js, bounded (bytes, pages, characters, time), for search indexes (Files, Wise).
import fs from 'node:fs/promises';

/** Files larger than this are not read at all. */
export const PDF_MAX_BYTES = 64 * 1024 * 1024;
/** Pages read, at most (a book's opening says what it is about). */
export const PDF_MAX_PAGES = 200;
/** Characters kept, at most. */
export const PDF_MAX_CHARS = 256 * 1024;
/** Time spent on one document, at most; what was read by then is kept. */
export const PDF_TIMEOUT_MS = 20_000;

export interface PdfTextOptions {
  maxPages?: number;
  maxChars?: number;
  timeoutMs?: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/**
 * The text of the PDF in `data`, page by page (a line break after each), NUL characters removed (PostgreSQL text
 * cannot hold them). Null when it is not a readable PDF. Past the time limit the pages read so far are kept
 * (null when there were none).
 */
export async function pdfText(data: Uint8Array, opts: PdfTextOptions = {}): Promise<string | null> {
  const maxPages = opts.maxPages ?? PDF_MAX_PAGES;
  const maxChars = opts.maxChars ?? PDF_MAX_CHARS;
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument, VerbosityLevel } = await pdfjs;
  // pdf.js may take the buffer over: it gets a copy.
  const task = getDocument({ data: new Uint8Array(data), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: VerbosityLevel.ERRORS });
  let text = '';
  let pages = 0;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), opts.timeoutMs ?? PDF_TIMEOUT_MS);
  });
  const read = async () => {
    const doc = await task.promise;
    for (let n = 1; n <= Math.min(doc.numPages, maxPages) && text.length < maxChars; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      text += content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('') + '\n';
      pages++;
      page.cleanup();
    }
    return 'done' as const;
  };
  try {
    const outcome = await Promise.race([read(), timedOut]);
    if (outcome === 'timeout' && pages === 0) return null;
    return text.slice(0, maxChars).replace(/\u0000/g, '');
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

/** The text of the PDF file at `path` (null past PDF_MAX_BYTES, or when unreadable). */
export async function pdfFileText(path: string, opts: PdfTextOptions = {}): Promise<string | null> {
  try {
    const stat = await fs.stat(path);
    if (stat.size > PDF_MAX_BYTES) return null;
    return await pdfText(await fs.readFile(path), opts);
  } catch {
    return null;
  }
}
