// `npm run feeds:check -- <file or URL>...`: reads each feed with Wise's own engine (as the fetcher does) and prints its title, item count and newest date, or why it cannot be read.
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeBody, FeedError, parseFeed, readFeedAt, type ParsedFeed } from '../system-apps/wise/server/feeds';
import { runWhenMain } from './run-cli';

export interface CheckOptions {
  /** Let URLs reach private and loopback addresses (as WISE_ALLOW_PRIVATE_NETWORK does for the server). */
  allowPrivateNetwork: boolean;
  timeoutMs?: number;
}

/** Images stay as they are: nothing is proxied on the command line. */
const proxyImage = (url: string) => url;

const isUrl = (source: string) => /^https?:\/\//i.test(source);

async function read(source: string, opts: CheckOptions): Promise<{ feed: ParsedFeed; feedUrl: string | null }> {
  if (isUrl(source)) {
    const r = await readFeedAt(source, { allowPrivateNetwork: opts.allowPrivateNetwork, timeoutMs: opts.timeoutMs, proxyImage });
    if (!r.feed) throw new FeedError('http', 'The server answered 304 without a feed.');
    return { feed: r.feed, feedUrl: r.feedUrl === source ? null : r.feedUrl };
  }
  const file = path.resolve(source);
  const body = await fs.readFile(file);
  return { feed: parseFeed(decodeBody(new Uint8Array(body), null), pathToFileURL(file).href, { proxyImage }), feedUrl: null };
}

function reason(err: unknown): string {
  if (err instanceof FeedError) return `${err.kind}: ${err.message}`;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file: there is no such file';
  if (code === 'EISDIR') return 'file: that is a folder';
  if (code === 'EACCES') return 'file: it cannot be read (permissions)';
  return `error: ${(err as Error).message ?? String(err)}`;
}

/** One line per source (`ok  …` or `FAIL …`), then `N passed, M failed`. */
export async function checkFeeds(sources: string[], opts: CheckOptions): Promise<{ lines: string[]; passed: number; failed: number }> {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const source of sources) {
    try {
      const { feed, feedUrl } = await read(source, opts);
      const dates = feed.entries.map((e) => e.publishedAt).filter((d): d is number => d !== null);
      const newest = dates.length ? new Date(Math.max(...dates)).toISOString() : 'no dates';
      const items = `${feed.entries.length} ${feed.entries.length === 1 ? 'item' : 'items'}`;
      const via = feedUrl ? ` (feed at ${feedUrl})` : '';
      lines.push(`ok  ${source}${via}: ${JSON.stringify(feed.title)} (${feed.format}), ${items}, newest ${newest}`);
      passed += 1;
    } catch (err) {
      lines.push(`FAIL ${source}: ${reason(err)}`);
      failed += 1;
    }
  }
  lines.push(`${passed} passed, ${failed} failed`);
  return { lines, passed, failed };
}

const truthy = (v: string | undefined) => /^(?:1|true|yes|on)$/i.test(v ?? '');

async function main(argv: string[]): Promise<number> {
  const usage = 'usage: npm run feeds:check -- [--allow-private] <feed file or http(s) URL>...';
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const sources = argv.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => f !== '--allow-private');
  if (!sources.length || unknown.length) {
    process.stderr.write(`${unknown.length ? `feeds:check: unknown option ${unknown.join(', ')}\n` : ''}${usage}\n`);
    return 2;
  }
  const allowPrivateNetwork = flags.has('--allow-private') || truthy(process.env.WISE_ALLOW_PRIVATE_NETWORK);
  const { lines, failed } = await checkFeeds(sources, { allowPrivateNetwork });
  process.stdout.write(`${lines.join('\n')}\n`);
  return failed > 0 ? 1 : 0;
}

runWhenMain(import.meta.url, 'feeds:check', main);
