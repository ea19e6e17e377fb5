// The search, share, download, drive and "Open with" strings: both languages, nothing empty or linked, every server reason translated.
import { describe, expect, it } from 'vitest';
import messages from './extras';

/** Every key path of a message tree (`files.transfers.title`, `errors.files.disk.full`). */
function keys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('extras strings', () => {
  it('has every string in both languages', () => {
    expect(keys(messages['zh-CN']).sort()).toEqual(keys(messages['en-US']).sort());
  });
  it('has no empty strings and no linked messages', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      for (const k of keys(messages[locale])) {
        const value = k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages[locale]);
        const text = typeof value === 'string' ? value : (messages[locale].errors as Record<string, string>)[k.slice('errors.'.length)];
        expect(text, `${locale} ${k}`).toBeTruthy();
        expect(text, `${locale} ${k}`).not.toContain('@:');
      }
    }
  });
});

describe('server reasons', () => {
  it('has a sentence for every files.share/drive/fetch/thumb reason the server uses', async () => {
    const fs = await import('node:fs/promises');
    const path = await import('node:path');
    const server = path.resolve(__dirname, '../../server');
    const files = (await fs.readdir(server, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const used = new Set<string>();
    for (const f of files) {
      for (const m of (await fs.readFile(path.join(server, f), 'utf8')).matchAll(/'(files\.(?:share|drive|fetch|thumb)\.[a-zA-Z]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const errors = messages[locale].errors as Record<string, string>;
      for (const key of used) expect(errors[key], `${locale} ${key}`).toBeTruthy();
    }
  });
});
