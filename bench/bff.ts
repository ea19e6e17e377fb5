// Why this exists: the BFF half of `npm run bench` — the lean tRPC handler, batching and the stock adapter against a plain Fastify route, side by side.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { median, type BenchPart, type Row } from './row';

const CONNECTIONS = 50;
const WARMUP_S = 2;
const ROUND_S = 3;
const ROUNDS = 3;
const BATCH = 10;

export async function runBff(): Promise<BenchPart> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ports = await new Promise<{ port: number; loggedPort: number }>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    createInterface({ input: server.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { port: number; loggedPort: number }));
  });

  // The server's CPU seconds so far (Linux /proc; NaN elsewhere): shows whether the server, or autocannon, was the limit.
  function serverCpu(): number {
    try {
      const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(')').pop()!.trim().split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return NaN;
    }
  }

  try {
    const base = `http://127.0.0.1:${ports.port}`;
    const batchPath = Array.from({ length: BATCH }, () => 'system.info').join(',');
    const targets = {
      plain: `${base}/plain`,
      trpc: `${base}/trpc/system.info`,
      batched: `${base}/trpc/${batchPath}?batch=1&input=${encodeURIComponent('{}')}`,
      stock: `${base}/trpc-stock/system.info`,
      logged: `http://127.0.0.1:${ports.loggedPort}/trpc/system.info`,
    };
    type Target = keyof typeof targets;
    const names = Object.keys(targets) as Target[];

    // Sanity: every target answers 200 and the plain route sends the very bytes tRPC does.
    const bodies: Record<string, string> = {};
    for (const name of names) {
      const res = await fetch(targets[name]);
      bodies[name] = await res.text();
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${bodies[name]}`);
    }
    for (const name of ['trpc', 'stock', 'logged'] as const) {
      if (bodies[name] !== bodies.plain) throw new Error(`${name} body differs from /plain: ${bodies[name]} vs ${bodies.plain}`);
    }
    if (bodies.batched !== `[${Array.from({ length: BATCH }, () => bodies.plain).join(',')}]`) throw new Error(`batched body: ${bodies.batched}`);

    const list = () => Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Target, number[]>;
    const [samples, p99, cpu, perCpu] = [list(), list(), list(), list()];
    const failures: Partial<Record<Target, number>> = {};
    const load = async (name: Target, duration: number) => {
      const r = await autocannon({ url: targets[name], connections: CONNECTIONS, duration });
      const bad = r.errors + r.timeouts + r.non2xx;
      if (bad > 0) failures[name] = (failures[name] ?? 0) + bad;
      return r;
    };

    for (const name of names) await load(name, WARMUP_S);
    // Rounds alternate the targets, so that machine noise hits all of them alike.
    for (let round = 1; round <= ROUNDS; round++) {
      for (const name of names) {
        const cpu0 = serverCpu();
        const r = await load(name, ROUND_S);
        const busy = (serverCpu() - cpu0) / ROUND_S;
        cpu[name].push(busy);
        perCpu[name].push(r.requests.average / busy);
        samples[name].push(r.requests.average);
        p99[name].push(r.latency.p99);
      }
      process.stderr.write(`round ${round}/${ROUNDS} done\n`);
    }

    const rps = (n: Target) => median(samples[n]);
    // Requests per second of server CPU: what the server spends, even where autocannon (not the server) was the limit.
    const eff = (n: Target) => median(perCpu[n]);
    const row = (name: string, ratio: number, target: number, of: Target[]): Row => {
      const clean = of.every((n) => !failures[n]);
      return { name, ratio: Math.round(ratio * 100) / 100, target, ok: clean && ratio >= target };
    };
    const rows = [
      row('trpc-query-unbatched-vs-plain', rps('trpc') / rps('plain'), 0.5, ['plain', 'trpc']),
      row(`trpc-query-batched${BATCH}-vs-plain`, (rps('batched') * BATCH) / rps('plain'), 1.5, ['plain', 'batched']),
      row('trpc-stock-adapter-vs-plain', rps('stock') / rps('plain'), 0, ['plain', 'stock']),
      row('trpc-with-request-log-vs-plain', rps('logged') / rps('plain'), 0, ['plain', 'logged']),
    ];
    if (eff('plain') > 0) {
      rows.push(
        row('per-server-cpu:trpc-unbatched-vs-plain', eff('trpc') / eff('plain'), 0, ['plain', 'trpc']),
        row(`per-server-cpu:trpc-batched${BATCH}-vs-plain`, (eff('batched') * BATCH) / eff('plain'), 0, ['plain', 'batched']),
        row('per-server-cpu:trpc-stock-vs-plain', eff('stock') / eff('plain'), 0, ['plain', 'stock']),
        row('per-server-cpu:trpc-logged-vs-plain', eff('logged') / eff('plain'), 0, ['plain', 'logged']),
      );
    }

    console.log(`\n${CONNECTIONS} connections, loopback, ${ROUNDS} rounds × ${ROUND_S} s per target, medians:`);
    for (const n of names) console.log(`  ${n.padEnd(8)} ${Math.round(rps(n)).toString().padStart(7)} req/s   p99 ${String(median(p99[n])).padStart(2)} ms   server CPU ${Math.round(median(cpu[n]) * 100)}%   (${targets[n].replace(base, '').slice(0, 60)})`);

    const notes: string[] = [];
    if (median(cpu.plain) < 0.9) {
      notes.push(`! plain: server CPU ${Math.round(median(cpu.plain) * 100)}%: autocannon, not the server, was the limit; the req/s ratios flatter tRPC, the per-server-cpu rows do not`);
    }
    for (const [n, count] of Object.entries(failures)) notes.push(`! ${n}: ${count} errors, timeouts or non-2xx answers`);
    return { rows, notes };
  } finally {
    server.kill();
  }
}
