// A fake `nvidia-smi` for tests: answers queries from real recorded captures (../shared/fixtures/nvidia-smi), so parsers meet the real format.
// Usage: node nvidia-smi.mjs <nvidia-smi arguments>
//   FAKE_NVIDIA_SMI          none | error | a comma list of fixture names (h100, h200, l40s, rtx2080), default h100
//   FAKE_NVIDIA_SMI_STATE    idle (default) | load: which capture answers
//   FAKE_NVIDIA_SMI_FIXTURES the fixtures folder (default: ../shared/fixtures/nvidia-smi beside the repository)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = process.env.FAKE_NVIDIA_SMI_FIXTURES || path.resolve(here, '..', '..', '..', '..', '..', 'shared', 'fixtures', 'nvidia-smi');
const ALIASES = { h100: 'h100-80gb-hbm3', h200: 'h200-mig', l40s: 'l40s', rtx2080: 'geforce-rtx-2080-super' };
const MASKED_UUID = 'GPU-00000000-0000-0000-0000-000000000000';

/** The UUID the fake gives GPU number `i` (the captures' UUIDs are masked to zeros). */
export function fakeUuid(i) {
  return `GPU-fa4e${String(i).padStart(4, '0')}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
}

function fail(text, code) {
  process.stdout.write(`${text}\n`);
  process.exit(code);
}

/** Splits a capture into sections keyed by "<phase> :: <title>" with the banner's command and the body. */
function sections(text) {
  const lines = text.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const title = /^# (\w[\w ]*?) :: (.+)$/.exec(lines[i]);
    const cmd = /^# \$ (.*)$/.exec(lines[i + 1] ?? '');
    if (!title || !cmd) continue;
    let j = i + 2;
    while (j < lines.length && lines[j].startsWith('#')) j++;
    const body = [];
    while (j < lines.length && !lines[j].startsWith('##########')) body.push(lines[j++]);
    while (body.length && body[body.length - 1].trim() === '') body.pop();
    out.push({ phase: title[1], title: title[2], command: cmd[1].trim(), body });
  }
  return out;
}

function loadFixture(name) {
  const key = ALIASES[name] ?? name;
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.txt') && f.includes(`__nvidia-${key}__`));
  if (files.length !== 1) fail(`fake nvidia-smi: no fixture named "${name}" (known: ${Object.keys(ALIASES).join(', ')})`, 2);
  return sections(fs.readFileSync(path.join(FIXTURES, files[0]), 'utf8'));
}

const splitRow = (line) => line.split(', ');
const baseName = (header) => header.replace(/ \[[^\]]*\]$/, '');

/** One CSV query (--query-gpu / --query-compute-apps) answered from the recorded full-field CSV. */
function answerQuery(gpus, state, kind, fields, format) {
  const noheader = format.includes('noheader');
  const nounits = format.includes('nounits');
  let header = null;
  const rows = [];
  gpus.forEach((secs, i) => {
    const sec = secs.find((s) => s.phase === state && s.command.startsWith(`nvidia-smi --${kind}=`));
    if (!sec || sec.body.length === 0) fail(`fake nvidia-smi: the capture has no ${state} ${kind}`, 2);
    const recorded = splitRow(sec.body[0]);
    const pick = fields.map((f) => {
      const at = recorded.findIndex((h) => baseName(h) === f);
      if (at < 0) fail(`Field "${f}" is not a valid field to query.`, 2);
      return at;
    });
    header ??= pick.map((at) => (nounits ? baseName(recorded[at]) : recorded[at]));
    for (const line of sec.body.slice(1)) {
      if (!line.trim()) continue;
      const values = splitRow(line);
      rows.push(
        pick.map((at) => {
          const name = baseName(recorded[at]);
          let v = values[at] ?? '';
          if (name === 'index') v = String(i);
          else if (name === 'count') v = String(gpus.length);
          else if (name === 'uuid' || name === 'gpu_uuid') v = v === MASKED_UUID ? fakeUuid(i) : v;
          if (nounits) v = v.replace(/ (MiB|W|%|MHz|C|ms|KiB\/s|GiB)$/, '');
          return v;
        }),
      );
    }
  });
  const out = noheader ? [] : [header.join(', ')];
  for (const r of rows) out.push(r.join(', '));
  process.stdout.write(`${out.join('\n')}\n`);
}

function main(args) {
  const want = (process.env.FAKE_NVIDIA_SMI ?? 'h100').trim();
  if (want === 'error') fail("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.", 9);
  if (want === 'none' || want === '') fail('No devices were found', 6);
  const state = process.env.FAKE_NVIDIA_SMI_STATE === 'load' ? 'load' : 'idle';
  const gpus = want.split(',').map((n) => loadFixture(n.trim()));
  const format = (args.find((a) => a.startsWith('--format=')) ?? '').slice('--format='.length).split(',');
  for (const kind of ['query-gpu', 'query-compute-apps']) {
    const arg = args.find((a) => a.startsWith(`--${kind}=`));
    if (arg) {
      if (!format.includes('csv')) fail('Invalid combination of input arguments. Please run \'nvidia-smi -h\' for help.', 2);
      return answerQuery(gpus, state, kind, arg.slice(kind.length + 3).split(',').map((f) => f.trim()).filter(Boolean), format);
    }
  }
  if (args[0] === '-L') {
    const lines = [];
    gpus.forEach((secs, i) => {
      const list = secs.find((s) => s.command === 'nvidia-smi -L');
      for (const line of list?.body ?? []) lines.push(line.replace(/^GPU 0:/, `GPU ${i}:`).replace(MASKED_UUID, fakeUuid(i)));
    });
    return process.stdout.write(`${lines.join('\n')}\n`);
  }
  // Anything else: the first GPU's recorded answer to exactly this command (idle capture first), if there is one.
  const command = ['nvidia-smi', ...args].join(' ').trim();
  const sec = gpus[0].find((s) => s.command.trim() === command && (s.phase === state || s.phase === 'capabilities'));
  if (!sec) fail("Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.", 2);
  process.stdout.write(`${sec.body.join('\n')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
