// npm run charts:check, run as a process: the real charts pass, a broken copy fails with one line, usage errors exit 2.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const fixtures = path.resolve(root, '../shared/fixtures/olares-apps');

/** Run the script; resolves with the exit code and output whatever the code. */
async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ['scripts/charts-check.ts', ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('charts:check', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'charts-check-'));
  });
  afterEach(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('passes the 44 real charts', async () => {
    const { code, stdout } = await check(fixtures);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(45);
    expect(lines).toContain('ok  mattermost 1.0.11');
    expect(lines.slice(0, -1).every((l) => l.startsWith('ok  '))).toBe(true);
    expect(lines.at(-1)).toBe('44 passed, 0 failed');
    expect(code).toBe(0);
  });

  it('fails a broken copy with one line naming file, field and reason, and exits 1', async () => {
    await fs.cp(path.join(fixtures, 'radicale'), path.join(tmp, 'radicale'), { recursive: true });
    const broken = path.join(tmp, 'mattermost');
    await fs.cp(path.join(fixtures, 'mattermost'), broken, { recursive: true });
    const file = path.join(broken, 'OlaresManifest.yaml');
    const doc = parse(await fs.readFile(file, 'utf8'));
    doc.spec.requiredMemory = '12Gx';
    doc.entrances[0].authLevel = 'everyone';
    await fs.writeFile(file, stringify(doc));

    const { code, stdout } = await check(tmp);
    expect(stdout.trim().split('\n')).toEqual([
      'FAIL mattermost: OlaresManifest.yaml entrances[0].authLevel: "everyone" is not one of private, public, internal; OlaresManifest.yaml spec.requiredMemory: "12Gx" is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 1Gi)',
      'ok  radicale 1.0.9',
      '1 passed, 1 failed',
    ]);
    expect(code).toBe(1);
  });

  it('checks the variant a member sees, too', async () => {
    const chart = path.join(tmp, 'vllmhymt1518bv2');
    await fs.cp(path.join(fixtures, 'vllmhymt1518bv2'), chart, { recursive: true });
    const file = path.join(chart, 'OlaresManifest.yaml');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('  limitedCpu: 800m\n', '  limitedCpu: lots\n'));
    const { code, stdout } = await check(chart);
    expect(stdout).toContain('FAIL vllmhymt1518bv2: (as a member) OlaresManifest.yaml spec.limitedCpu: "lots" is not a Kubernetes quantity');
    expect(code).toBe(1);
  });

  it('passes the demo catalogue', async () => {
    const { code, stdout } = await check('system-apps/market/demo-catalog');
    expect(stdout.trim().split('\n')).toEqual(['ok  gpu-lab 1.0.0', 'ok  hello-web 1.0.0', 'ok  notes 1.0.0', '3 passed, 0 failed']);
    expect(code).toBe(0);
  });

  it('exits 2 on usage errors', async () => {
    const none = await check();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: npm run charts:check');
    const missing = await check(path.join(tmp, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('is not a folder');
    await fs.writeFile(path.join(tmp, 'file'), 'x');
    expect((await check(path.join(tmp, 'file'))).code).toBe(2);
  });
});
