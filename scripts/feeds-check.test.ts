// npm run feeds:check, run as a process with tsx: two real fixtures and a loopback URL pass, a broken file fails with its reason, and the exit code says so.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const fixtures = path.resolve(root, '../shared/fixtures/feeds');

async function check(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ['scripts/feeds-check.ts', ...args], { cwd: root, env: { ...process.env, WISE_ALLOW_PRIVATE_NETWORK: '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let server: http.Server;
let base: string;
let tmp: string;

beforeAll(async () => {
  const gulp = await fs.readFile(path.join(fixtures, 'gulp-atom.atom'));
  server = http.createServer((req, res) => {
    if (req.url === '/gulp.atom') return res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(gulp);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'feeds-check-'));
  await fs.writeFile(path.join(tmp, 'broken.xml'), '<html><body>Not a feed</body>');
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('feeds:check', () => {
  it('prints title, item count and newest date per feed, the failure reason, and the totals; exits 1 on a failure', async () => {
    const guardian = path.join(fixtures, 'guardian.rss');
    const heise = path.join(fixtures, 'heise.atom');
    const broken = path.join(tmp, 'broken.xml');
    const { code, stdout } = await check([guardian, heise, broken, `${base}/gulp.atom`, `${base}/missing.xml`], { WISE_ALLOW_PRIVATE_NETWORK: 'true' });
    expect(stdout.trim().split('\n')).toEqual([
      `ok  ${guardian}: "The Guardian" (rss), 55 items, newest 2018-01-31T20:13:54.000Z`,
      `ok  ${heise}: "heise developer neueste Meldungen" (atom), 15 items, newest 2016-02-01T16:22:00.000Z`,
      `FAIL ${broken}: notAFeed: This is a web page, not a feed.`,
      `ok  ${base}/gulp.atom: "Release notes from gulp" (atom), 10 items, newest 2015-06-01T21:49:41.000Z`,
      `FAIL ${base}/missing.xml: http: The server answered 404 (Not Found).`,
      '3 passed, 2 failed',
    ]);
    expect(code).toBe(1);
  }, 60_000);

  it('exits 0 when all pass, refuses loopback URLs unless private networks are allowed, and explains usage', async () => {
    const ok = await check([path.join(fixtures, 'narro.rss')]);
    expect(ok.stdout.trim().split('\n')).toEqual([`ok  ${path.join(fixtures, 'narro.rss')}: "foobar on Narro" (rss), 1 item, newest 2015-02-20T09:51:15.000Z`, '1 passed, 0 failed']);
    expect(ok.code).toBe(0);
    const blocked = await check([`${base}/gulp.atom`]);
    expect(blocked.stdout).toContain(`FAIL ${base}/gulp.atom: blocked: That address is on a private network`);
    expect(blocked.code).toBe(1);
    const usage = await check([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run feeds:check');
  }, 60_000);
});
