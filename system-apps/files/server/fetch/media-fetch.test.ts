// yt-dlp through a stand-in on PATH: the file it writes, progress, failure, and the plain message when it is not installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMedia, findCommand } from './media-fetch';

let dir: string;
let bin: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-media-'));
  bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  // Writes the file named by -o (with the template filled in) and reports progress the way --progress-template asks.
  fs.writeFileSync(
    path.join(bin, 'fake-yt-dlp'),
    `#!/bin/sh
out=""; url=""
while [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift 2;; --) url="$2"; shift 2;; *) shift;; esac; done
case "$url" in *fail*) echo "ERROR: unsupported URL" >&2; exit 1;; esac
file=$(printf '%s' "$out" | sed 's/%(title).150B/Pelican dance/; s/%(id)s/abc123/; s/%(ext)s/mp4/')
echo "olares-progress 5 10"
printf 'video-bytes' > "$file"
echo "olares-progress 10 10"
`,
    { mode: 0o755 },
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('fetchMedia', () => {
  it('runs yt-dlp and returns the one file it wrote, with progress', async () => {
    const seen: number[] = [];
    const workDir = path.join(dir, 'work1');
    const r = await fetchMedia({ url: 'https://video.example/watch?v=abc123', workDir, maxBytes: 1000, signal: new AbortController().signal, command: path.join(bin, 'fake-yt-dlp'), progress: (d) => seen.push(d) });
    expect(r.name).toBe('Pelican dance [abc123].mp4');
    expect(fs.readFileSync(r.file, 'utf8')).toBe('video-bytes');
    expect(seen).toEqual([5, 10]);
  });

  it('says when yt-dlp fails', async () => {
    await expect(
      fetchMedia({ url: 'https://video.example/fail', workDir: path.join(dir, 'work2'), maxBytes: 1000, signal: new AbortController().signal, command: path.join(bin, 'fake-yt-dlp') }),
    ).rejects.toMatchObject({ reason: 'files.fetch.media' });
  });

  it('says plainly when yt-dlp is not installed', async () => {
    expect(await findCommand('surely-not-installed-olares', bin)).toBeNull();
    await expect(
      fetchMedia({ url: 'https://video.example/x', workDir: path.join(dir, 'work3'), maxBytes: 1000, signal: new AbortController().signal, command: 'surely-not-installed-olares' }),
    ).rejects.toMatchObject({ reason: 'files.fetch.noYtDlp' });
  });
});
