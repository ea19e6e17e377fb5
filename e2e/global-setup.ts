// Builds the frontend once for the whole browser suite (set E2E_SKIP_BUILD=1 to reuse dist/), and clears old screenshots.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, STATIC_DIR } from './support/server';

export default function globalSetup(): void {
  fs.rmSync(path.join(REPO_ROOT, 'test-results', 'screenshots'), { recursive: true, force: true });
  if (process.env.E2E_SKIP_BUILD === '1') {
    if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) throw new Error('E2E_SKIP_BUILD=1 but dist/index.html is missing: run `npx vite build` first');
    return;
  }
  const started = Date.now();
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', STATIC_DIR, '--emptyOutDir'], { cwd: REPO_ROOT, stdio: 'inherit' });
  console.log(`[e2e] frontend built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
