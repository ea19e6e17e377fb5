// The inline logo and public/favicon.svg are one drawing: same shapes, same colours, ids unique per logo.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import OlaresLogo from './OlaresLogo.vue';

const favicon = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../public/favicon.svg'), 'utf8');

/** The drawing's elements with their attributes, the gradient's id replaced by a placeholder; Vue's SSR comment markers dropped. */
function shapes(svg: string): string[] {
  const id = /<linearGradient[^>]*\sid="([^"]+)"/.exec(svg)?.[1];
  if (!id) throw new Error('no gradient in the SVG');
  const named = svg.replaceAll(`id="${id}"`, 'id="G"').replaceAll(`url(#${id})`, 'url(#G)');
  return [...named.matchAll(/<(linearGradient|stop|rect|circle)\b([^>]*?)\/?>/g)].map(([, tag, attrs]) => {
    const pairs = [...attrs!.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => `${k}=${v}`).sort();
    return `${tag} ${pairs.join(' ')}`;
  });
}

describe('OlaresLogo', () => {
  it('draws what public/favicon.svg draws', async () => {
    const html = await renderToString(createSSRApp({ render: () => h(OlaresLogo, { size: 56 }) }));
    expect(html).toContain('width="56"');
    expect(shapes(html)).toEqual(shapes(favicon));
  });

  it('gives each logo on a page its own gradient id', async () => {
    const html = await renderToString(createSSRApp({ render: () => h('div', [h(OlaresLogo), h(OlaresLogo)]) }));
    const ids = [...html.matchAll(/<linearGradient[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(html).toContain(`fill="url(#${id})"`);
  });
});
