// Downloads a media page (a video site) through yt-dlp when it is installed; says so plainly when it is not.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { FetchError } from './url-fetch';

export interface MediaFetchOptions {
  url: string;
  /** An empty folder of the user's staging area; the one file yt-dlp writes lands here. */
  workDir: string;
  maxBytes: number;
  signal: AbortSignal;
  /** The command (PATH is searched); `yt-dlp` by default. */
  command?: string;
  progress?(done: number, total: number | null): void;
}

const PROGRESS = /^olares-progress (\d+|NA) (\d+|NA)$/;

/** Finds the command on PATH; null when it is not installed. */
export async function findCommand(name: string, envPath = process.env.PATH ?? ''): Promise<string | null> {
  const candidates = name.includes('/') ? [name] : envPath.split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name));
  for (const candidate of candidates) {
    try {
      await fs.access(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** Runs yt-dlp for one URL (no playlists) and returns the file it wrote. */
export async function fetchMedia(opts: MediaFetchOptions): Promise<{ file: string; name: string; bytes: number }> {
  const command = await findCommand(opts.command ?? 'yt-dlp');
  if (!command) throw new FetchError('files.fetch.noYtDlp', 'Downloading from media pages needs yt-dlp, which is not installed on this server.');
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new FetchError('files.fetch.badUrl', 'That is not a web address.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('files.fetch.scheme', 'Only http and https addresses can be downloaded.');
  await fs.mkdir(opts.workDir, { recursive: true });
  const args = [
    '--no-playlist',
    '--newline',
    '--no-part',
    '--no-mtime',
    '--max-filesize',
    String(opts.maxBytes),
    '--progress-template',
    'download:olares-progress %(progress.downloaded_bytes)s %(progress.total_bytes)s',
    '-o',
    path.join(opts.workDir, '%(title).150B [%(id)s].%(ext)s'),
    '--',
    url.toString(),
  ];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = PROGRESS.exec(line.trim());
        if (m && m[1] !== 'NA') opts.progress?.(Number(m[1]), m[2] === 'NA' ? null : Number(m[2]));
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new FetchError('files.fetch.media', 'yt-dlp could not download from that page.');
  const files = (await fs.readdir(opts.workDir)).filter((n) => !n.startsWith('.'));
  if (files.length !== 1) throw new FetchError('files.fetch.media', 'yt-dlp did not write one file.');
  const file = path.join(opts.workDir, files[0]!);
  const { size } = await fs.stat(file);
  if (size > opts.maxBytes) throw new FetchError('files.fetch.tooLarge', 'The file is larger than downloads may be.');
  return { file, name: files[0]!, bytes: size };
}
