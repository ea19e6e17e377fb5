// Inline scripts get exactly the hash a browser computes (SHA-256 of the text between the tags, base64); external and empty ones none.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInlineScriptSources, inlineScriptSources } from './inline-scripts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('inlineScriptSources', () => {
  it('hashes each inline script exactly, whitespace and non-ASCII included, and skips external and empty ones', () => {
    const a = "\n(function () { window.x = '✓'; })();\n";
    const b = 'console.log(1)';
    const html = `<!doctype html><head><script src="/x.js" async></script><script>${a}</script><script type="module" src="/m.js"></script><script></script></head><body><SCRIPT data-k="1">${b}</SCRIPT></body>`;
    expect(inlineScriptSources(html)).toEqual([sha(a), sha(b)]);
    // One more character, another hash: the browser would refuse the script.
    expect(inlineScriptSources(`<script>${a} </script>`)).not.toEqual([sha(a)]);
  });

  it('reads the built index.html, and gives none without a build', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inline-scripts-'));
    expect(builtInlineScriptSources(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, 'index.html'), '<script>early()</script>');
    expect(builtInlineScriptSources(dir)).toEqual([sha('early()')]);
  });
});
