// The Link preloads read from the built page: its own module scripts, module preloads and style sheets, nothing else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtPagePreloads, pagePreloads } from './page-preloads';

describe('pagePreloads', () => {
  it('lists the scripts and styles the page loads, in order, with their CORS mode', () => {
    const html = `<!doctype html><html><head>
      <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
      <script>var early = 1;</script>
      <script type="module" crossorigin src="/assets/index-AbC123xy.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/rolldown-runtime-XKyaHtl9.js">
      <link rel="stylesheet" crossorigin href="/assets/index-BTQXy92C.css">
      <link rel="stylesheet" href="/plain.css">
      <link rel="manifest" href="/manifest.webmanifest"></head><body><div id="app"></div></body></html>`;
    expect(pagePreloads(html)).toEqual([
      '</assets/index-AbC123xy.js>; rel=modulepreload; crossorigin',
      '</assets/rolldown-runtime-XKyaHtl9.js>; rel=modulepreload; crossorigin',
      '</assets/index-BTQXy92C.css>; rel=preload; as=style; crossorigin',
      '</plain.css>; rel=preload; as=style',
    ]);
  });

  it('leaves out other origins, classic scripts and addresses a header could not carry', () => {
    const html = `<script src="/classic.js"></script>
      <script type="module" src="https://cdn.example/x.js"></script>
      <script type="module" src="//cdn.example/y.js"></script>
      <link rel="stylesheet" href="/a,b.css">
      <link rel="stylesheet" href="/a>b.css">
      <link rel="modulepreload" href="relative.js">`;
    expect(pagePreloads(html)).toEqual([]);
  });

  it('reads the built index.html, and gives none without a build', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'olares-preloads-'));
    try {
      expect(builtPagePreloads(dir)).toEqual([]);
      fs.writeFileSync(path.join(dir, 'index.html'), '<script type="module" crossorigin src="/assets/index-1.js"></script>');
      expect(builtPagePreloads(dir)).toEqual(['</assets/index-1.js>; rel=modulepreload; crossorigin']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
