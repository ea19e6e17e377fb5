// Removes what tus's own expiry misses in the staging folder: sidecars without data, data without sidecars, older than the expiry.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';

export async function sweepOrphans(directory: string, expiryMs: number, log: Logger): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(directory);
  } catch (err) {
    log.warn({ err }, 'the uploads folder cannot be read');
    return 0;
  }
  const present = new Set(names);
  const old = Date.now() - expiryMs;
  let removed = 0;
  for (const name of names) {
    const partner = name.endsWith('.json') ? name.slice(0, -'.json'.length) : `${name}.json`;
    if (present.has(partner)) continue;
    const file = path.join(directory, name);
    try {
      const stat = await fs.lstat(file);
      if (stat.mtimeMs >= old) continue;
      await fs.rm(file, { force: true, recursive: stat.isDirectory() });
      removed++;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn({ err, name }, 'removing a stale upload failed');
    }
  }
  return removed;
}
