// The library: pages saved by URL (fetched, made readable, sanitised) and uploaded or saved documents — PDFs kept as files and served to their owner (their text extracted for search), EPUBs turned into HTML.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import type { Logger } from 'pino';
import { pdfFileText } from '../../../bff/text/pdf';
import { appError } from '../../../bff/trpc/app-error';
import type { EntryView } from '../shared/wire';
import type { EntriesStore } from './entries.store';
import { EpubError, epubToHtml, looksLikeEpub } from './epub';
import { FeedError } from './feeds/types';
import type { ImageSigner } from './image-proxy';
import { normaliseUrl, savedKey } from './refresh-rules';
import type { FeedEngine, WiseHooks } from './wise.deps';
import { isFeedError, notInLibrary, saveRefused } from './wise.errors';

/** The largest document an upload or a saved URL may bring. */
export const DOCUMENT_MAX_BYTES = 100 * 1024 * 1024;
/** The largest web page a save reads. */
const PAGE_MAX_BYTES = 10 * 1024 * 1024;
/** Relative links and images inside an EPUB resolve against this (they are inlined or dropped). */
const EPUB_BASE = 'https://epub.invalid/';

export const unsupportedDocument = () =>
  appError('UNSUPPORTED_MEDIA_TYPE', 'wise.document.unsupported', 'Only PDF and EPUB documents can be added to the library.');
export const unreadableDocument = (why: string) => appError('BAD_REQUEST', 'wise.document.unreadable', `The document could not be read: ${why}.`);

export interface LibraryDeps {
  db: pg.Pool;
  entries: EntriesStore;
  engine: Pick<FeedEngine, 'fetchUrl' | 'decodeBody' | 'extractArticle' | 'sanitizeHtml'>;
  images: ImageSigner;
  hooks: Pick<WiseHooks, 'onEntriesAdded'>;
  /** The entry as its owner reads it. */
  view(userId: string, id: string): Promise<EntryView>;
  dataDir: string;
  allowPrivateNetwork: boolean;
  log: Logger;
}

const isPdf = (head: Uint8Array) => Buffer.from(head.subarray(0, 5)).toString('latin1') === '%PDF-';
const baseName = (name: string) => name.replace(/\.(pdf|epub)$/i, '').trim() || name;

export class LibraryService {
  constructor(private readonly d: LibraryDeps) {}

  /** Where documents' files live (several replicas share the data folder). */
  get documentsDir(): string {
    return path.join(this.d.dataDir, 'wise', 'documents');
  }

  pdfPath(id: string): string {
    return path.join(this.documentsDir, `${id}.pdf`);
  }

  /** A temporary file beside the documents, for an upload on its way in (renamed into place, so never half there). */
  async tempPath(): Promise<string> {
    await fs.mkdir(this.documentsDir, { recursive: true });
    return path.join(this.documentsDir, `.upload-${randomBytes(8).toString('hex')}`);
  }

  /** Saves the page at `url` (or the PDF/EPUB it serves) to the user's library; saved before: that entry. */
  async save(userId: string, input: { url: string }): Promise<EntryView> {
    const url = normaliseUrl(input.url);
    let res;
    try {
      res = await this.d.engine.fetchUrl(url, {
        allowPrivateNetwork: this.d.allowPrivateNetwork,
        maxBytes: DOCUMENT_MAX_BYTES,
        accept: 'text/html,application/xhtml+xml,application/pdf,application/epub+zip;q=0.9,*/*;q=0.5',
      });
    } catch (err) {
      if (isFeedError(err)) throw saveRefused(err);
      throw err;
    }
    if (res.status !== 'ok') throw new Error('an unconditional fetch answered Not Modified');
    const type = (res.contentType ?? '').toLowerCase();
    const name = decodeURIComponent(new URL(res.finalUrl).pathname.split('/').pop() || new URL(res.finalUrl).hostname);
    if (isPdf(res.body) || looksLikeEpub(res.body) || /application\/(pdf|epub)/.test(type)) {
      const temp = await this.tempPath();
      await fs.writeFile(temp, res.body);
      const { id } = await this.addDocument(userId, temp, name, { url: res.finalUrl, dedupeKey: savedKey(url) });
      return this.d.view(userId, id);
    }
    if (res.body.length > PAGE_MAX_BYTES) throw saveRefused(new FeedError('tooLarge', 'the page is larger than 10 MB'));
    let article;
    try {
      article = this.d.engine.extractArticle(this.d.engine.decodeBody(res.body, res.contentType), res.finalUrl, { proxyImage: this.d.images.proxy });
    } catch (err) {
      if (isFeedError(err)) throw saveRefused(err);
      throw err;
    }
    const host = new URL(res.finalUrl).hostname;
    const saved = await this.d.entries.insertOwn(this.d.db, userId, 'saved', {
      dedupeKey: savedKey(url),
      url: res.finalUrl,
      title: article.title.trim() || host,
      author: article.byline,
      siteName: article.siteName?.trim() || host,
      publishedAt: article.publishedAt,
      html: article.html,
      text: article.text,
      imageUrl: article.imageUrl,
      enclosure: null,
    });
    if (saved.created) await this.added(saved.id);
    return this.d.view(userId, saved.id);
  }

  /**
   * Adds the document in the temporary file `temp` (moved or removed either way): a PDF is kept as a file, an
   * EPUB becomes sanitised HTML; anything else is refused. A document saved from a URL before: that entry.
   */
  async addDocument(userId: string, temp: string, name: string, from: { url: string; dedupeKey: string } | null = null): Promise<{ id: string }> {
    try {
      const handle = await fs.open(temp, 'r');
      const head = new Uint8Array(64);
      try {
        await handle.read(head, 0, 64, 0);
      } finally {
        await handle.close();
      }
      const id = randomUUID();
      const title = baseName(name).slice(0, 300);
      const common = { dedupeKey: from?.dedupeKey ?? `d:${id}`, url: from?.url ?? null, siteName: name.slice(0, 300), publishedAt: null, imageUrl: null, enclosure: null, id };
      if (isPdf(head)) {
        // The file is in place before the row that names it; a failed insert takes the file away again.
        await fs.rename(temp, this.pdfPath(id));
        let stored;
        try {
          stored = await this.d.entries.insertOwn(this.d.db, userId, 'document', { ...common, title, author: null, html: '', text: '', documentType: 'pdf' });
        } catch (err) {
          await fs.rm(this.pdfPath(id), { force: true });
          throw err;
        }
        if (!stored.created) {
          await fs.rm(this.pdfPath(id), { force: true });
          return { id: stored.id };
        }
        // Its text (bounded in pages and time) is what search finds it by, and its summary.
        const text = await pdfFileText(this.pdfPath(id));
        if (text?.trim()) await this.d.entries.setText(this.d.db, id, text);
      } else if (looksLikeEpub(head)) {
        let book;
        try {
          book = epubToHtml(await fs.readFile(temp));
        } catch (err) {
          if (err instanceof EpubError) throw unreadableDocument(err.message);
          throw err;
        }
        // data: images were inlined by epubToHtml; anything on the web goes through the proxy.
        const clean = this.d.engine.sanitizeHtml(book.html, EPUB_BASE, { proxyImage: this.d.images.proxy });
        const stored = await this.d.entries.insertOwn(this.d.db, userId, 'document', {
          ...common,
          title: (book.title ?? title).slice(0, 300),
          author: book.author,
          html: clean.html,
          text: clean.text,
          documentType: 'epub',
        });
        if (!stored.created) return { id: stored.id };
      } else {
        throw unsupportedDocument();
      }
      await this.added(id);
      return { id };
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  /** The owner's PDF: its path and title; null when there is none for this user. */
  async pdf(userId: string, id: string): Promise<{ path: string; title: string } | null> {
    const doc = await this.d.entries.document(this.d.db, userId, id);
    return doc?.documentType === 'pdf' ? { path: this.pdfPath(id), title: doc.title } : null;
  }

  /** Removes a saved article or document of the user's (a PDF's file too). */
  async remove(userId: string, id: string): Promise<{ ok: true }> {
    const gone = await this.d.entries.deleteOwn(this.d.db, userId, id);
    if (!gone) throw notInLibrary();
    if (gone.documentType === 'pdf') await fs.rm(this.pdfPath(id), { force: true });
    return { ok: true };
  }

  private async added(id: string): Promise<void> {
    try {
      await this.d.hooks.onEntriesAdded([id]);
    } catch (err) {
      this.d.log.warn({ err: { message: (err as Error).message } }, 'wise: indexing a library entry failed');
    }
  }
}
