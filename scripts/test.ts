// `npm test`: every check a change can break — types, lint, unit and integration tests, browser tests — with one summary line.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

interface StageResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
}

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function check(name: string, cmd: string, args: string[]): Promise<StageResult> {
  const start = Date.now();
  const code = await run(cmd, args);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, seconds: (Date.now() - start) / 1000 };
}

async function vitest(): Promise<StageResult> {
  const start = Date.now();
  const out = path.join(results, 'vitest-results.json');
  fs.rmSync(out, { force: true });
  const code = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const r = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(out);
  const seconds = (Date.now() - start) / 1000;
  if (!r) return { name: 'unit and integration (vitest)', passed: 0, failed: 1, skipped: 0, seconds };
  // A crash outside any test (a failing suite import, a global setup error) fails the stage too.
  const failed = r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
  return { name: 'unit and integration (vitest)', passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests, seconds };
}

async function playwright(): Promise<StageResult> {
  const start = Date.now();
  const out = path.join(results, 'e2e-results.json');
  fs.rmSync(out, { force: true });
  const code = await run('npx', ['playwright', 'test']);
  const r = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(out);
  const seconds = (Date.now() - start) / 1000;
  if (!r) return { name: 'browser (playwright)', passed: 0, failed: 1, skipped: 0, seconds };
  const failed = r.stats.unexpected + r.stats.flaky + (code !== 0 && r.stats.unexpected === 0 ? 1 : 0);
  return { name: 'browser (playwright)', passed: r.stats.expected, failed, skipped: r.stats.skipped, seconds };
}

const stages: StageResult[] = [];
stages.push(await check('typecheck (vue-tsc)', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.json']));
stages.push(await check('lint (eslint)', 'npx', ['eslint', '.']));
stages.push(await vitest());
stages.push(await playwright());

console.log('\nOlares Desktop test summary');
for (const s of stages) {
  console.log(`  ${s.failed ? 'FAIL' : 'ok  '} ${s.name.padEnd(34)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(3)} failed ${s.skipped ? `${s.skipped} skipped ` : ''}(${s.seconds.toFixed(0)} s)`);
}
if (!process.env.DATABASE_URL) console.log('  note: DATABASE_URL is unset, so database tests ran on the embedded PostgreSQL only');
const passed = stages.reduce((n, s) => n + s.passed, 0);
const failed = stages.reduce((n, s) => n + s.failed, 0);
const skipped = stages.reduce((n, s) => n + s.skipped, 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
