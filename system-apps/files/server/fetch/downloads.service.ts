// Downloads into the user's folders from a URL (or a media page through yt-dlp), as jobs with progress and cancel; the file appears whole under a free name.
import fs from 'node:fs/promises';
import path from 'node:path';
import { appError } from '../../../../bff/trpc/app-error';
import { guarded } from '../errors';
import type { Caller } from '../files.api';
import type { FilesService } from '../files.service';
import type { JobContext } from '../jobs';
import { placeUpload } from '../http/place';
import { checkName, joinVirtual, resolveSafe } from '../paths';
import { fetchMedia } from './media-fetch';
import { FetchError, fetchUrl } from './url-fetch';

export interface DownloadInput {
  url: string;
  /** The folder it goes into; the caller's Downloads by default. */
  target?: string;
  /** A media page (a video site) downloaded through yt-dlp. */
  media: boolean;
  requestId: string;
}

export interface DownloadsDeps {
  files: Pick<FilesService, 'rootsFor' | 'checkSpace' | 'stagingDir' | 'startJob'>;
  maxBytes: number;
  allowPrivate: boolean;
  /** yt-dlp's command (PATH is searched). */
  ytDlp?: string;
}

const asAppError = (err: unknown) => (err instanceof FetchError ? appError('BAD_REQUEST', err.reason, err.message) : err);

/** A usable file name from what the server suggested. */
export function fileNameFrom(suggested: string | null): string {
  const cleaned = (suggested ?? '').replace(/[/\\\0]/g, '_').trim().slice(0, 200);
  try {
    return checkName(cleaned);
  } catch {
    return 'download';
  }
}

export class UrlDownloads {
  constructor(private readonly deps: DownloadsDeps) {}

  async start(caller: Caller, input: DownloadInput): Promise<{ jobId: string }> {
    return guarded(async () => {
      const roots = await this.deps.files.rootsFor(caller);
      const target = await resolveSafe(roots, input.target ?? '/Home/Downloads', { write: true });
      if (!(await fs.stat(target.real)).isDirectory()) throw appError('BAD_REQUEST', 'files.notFolder', 'Downloads go into a folder.');
      const job = await this.deps.files.startJob(caller, input.requestId, 'download', (ctx) => this.run(caller, input, target.virtual, target.real, ctx));
      return { jobId: job.id };
    });
  }

  private async run(caller: Caller, input: DownloadInput, virtual: string, dir: string, ctx: JobContext): Promise<void> {
    const staging = path.join(await this.deps.files.stagingDir(caller), `download-${ctx.job.id}`);
    ctx.progress({ itemsTotal: 1 });
    const progress = (done: number, total: number | null) => ctx.progress({ bytesDone: done, bytesTotal: total ?? 0 });
    try {
      let file: string;
      let name: string;
      if (input.media) {
        const r = await fetchMedia({ url: input.url, workDir: staging, maxBytes: this.deps.maxBytes, signal: ctx.signal, progress, ...(this.deps.ytDlp ? { command: this.deps.ytDlp } : {}) });
        file = r.file;
        name = fileNameFrom(r.name);
      } else {
        // The size limit holds while the body is read; the quota and free space once its size is known.
        await this.deps.files.checkSpace(caller, 0);
        file = `${staging}.part`;
        const r = await fetchUrl({ url: input.url, dest: file, maxBytes: this.deps.maxBytes, signal: ctx.signal, allowPrivate: this.deps.allowPrivate, progress });
        name = fileNameFrom(r.suggestedName);
      }
      await this.deps.files.checkSpace(caller, (await fs.stat(file)).size);
      ctx.progress({ current: joinVirtual(virtual, name) });
      const placed = await placeUpload({ staging: file, dir, name, conflict: 'keepBoth', lastModified: null });
      ctx.progress({ itemsDone: 1, current: joinVirtual(virtual, placed) });
      ctx.touch(virtual);
    } catch (err) {
      throw asAppError(err);
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
      await fs.rm(`${staging}.part`, { force: true });
    }
  }
}
