// Why this exists: the Files half of `npm run bench` — the first page of a 100,000-entry folder through the real BFF over HTTP, against a raw fs.readdir of it.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, createOwner, DesktopServer, type TestDatabase } from '../e2e/support/server';
import { atMost, median, type BenchPart } from './row';

const ENTRIES = 100_000;
/** Made once and kept between runs (making it takes a while); one entry in ten is a folder. */
const BIG_DIR = path.join(os.tmpdir(), 'olares-bench-100k');
const WARMUP = 3;
const ROUNDS = 15;
const PAGE = 200;

async function bigFolder(): Promise<string> {
  await fsp.mkdir(BIG_DIR, { recursive: true });
  const have = (await fsp.readdir(BIG_DIR)).length;
  if (have === ENTRIES) return BIG_DIR;
  process.stderr.write(`making ${ENTRIES} entries in ${BIG_DIR} (once)…\n`);
  await fsp.rm(BIG_DIR, { recursive: true, force: true });
  await fsp.mkdir(BIG_DIR);
  for (let i = 0; i < ENTRIES; i++) {
    // Shuffled numbers, so that neither the disk's order nor creation order is the sorted order.
    const n = (i * 7919) % 100_003;
    if (i % 10 === 0) fs.mkdirSync(path.join(BIG_DIR, `Folder ${n}`));
    else fs.writeFileSync(path.join(BIG_DIR, `file ${n}${['.txt', '.jpg', '.md', ''][i % 4]}`), 'x'.repeat(i % 64));
  }
  return BIG_DIR;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function runFiles(): Promise<BenchPart> {
  const dir = await bigFolder();
  const admin = process.env.DATABASE_URL;
  let db: TestDatabase | null = null;
  let server: DesktopServer | null = null;
  try {
    db = admin ? await createDatabase({ kind: 'external', adminUrl: admin, stop: async () => undefined }) : null;
    server = await DesktopServer.launch({ databaseUrl: db?.url ?? null, env: { STATIC_DIR: '/nonexistent-olares-static' } });
    const { owner, cookie } = await createOwner(server, 'bench-files');
    await server.trpc('files.admin.addRoot', { user: owner.name, name: 'Big', dir, readOnly: true }, cookie);

    const listUrl = (offset: number) =>
      `http://127.0.0.1:${server!.port}/trpc/files.list?input=${encodeURIComponent(JSON.stringify({ path: '/Big', offset, limit: PAGE, sort: 'name', desc: false, showHidden: false }))}`;
    const list = async (offset = 0): Promise<number> => {
      const t0 = performance.now();
      const res = await fetch(listUrl(offset), { headers: { cookie } });
      const body = (await res.json()) as { result?: { data: { total: number; entries: unknown[] } } };
      const took = performance.now() - t0;
      if (!res.ok || body.result?.data.total !== ENTRIES || body.result.data.entries.length !== PAGE) throw new Error(`files.list answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return took;
    };
    const readdir = async (): Promise<number> => {
      const t0 = performance.now();
      const names = await fsp.readdir(dir);
      const took = performance.now() - t0;
      if (names.length !== ENTRIES) throw new Error(`readdir saw ${names.length} entries`);
      return took;
    };
    // A new mtime for the folder (contents unchanged): the server's cached listing no longer counts, as after a change.
    let bumps = 0;
    const forget = async () => {
      const t = new Date(Date.now() - 3_600_000 - ++bumps * 1000);
      await fsp.utimes(dir, t, t);
    };

    const cold: number[] = [];
    const cached: number[] = [];
    const next: number[] = [];
    const raw: number[] = [];
    for (let round = -WARMUP; round < ROUNDS; round++) {
      // Interleaved, so that machine noise hits each alike.
      await forget();
      const r = await readdir();
      const c = await list();
      const w = await list();
      const n = await list(PAGE * 10);
      if (round < 0) continue;
      raw.push(r);
      cold.push(c);
      cached.push(w);
      next.push(n);
    }
    const base = median(raw);
    const rows = [
      atMost('files-first-page-100k-vs-readdir', median(cold) / base, 1.5),
      atMost('files-first-page-100k-cached-vs-readdir', median(cached) / base, 1.5),
      // Not a target of the issue: the first page past the first sorts the whole folder once (then it is cached).
      atMost('files-later-page-100k-vs-readdir', median(next) / base, 3),
    ];
    console.log(`\nFiles, ${ENTRIES} entries, ${ROUNDS} rounds (medians): readdir ${ms(base)}; files.list over HTTP: first page after a change ${ms(median(cold))}, first page again ${ms(median(cached))}, page 11 ${ms(median(next))}`);
    return { rows, notes: [] };
  } finally {
    await server?.stop();
    await db?.drop();
  }
}
