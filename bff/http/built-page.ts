// The built frontend's index.html, read once at start by what the server derives from it (CSP hashes, Link preloads).
import fs from 'node:fs';
import path from 'node:path';

/** `<staticDir>/index.html`, or '' when there is no build (the API alone, or `npm run dev`). */
export function readBuiltPage(staticDir: string): string {
  try {
    return fs.readFileSync(path.join(staticDir, 'index.html'), 'utf8');
  } catch {
    return '';
  }
}
