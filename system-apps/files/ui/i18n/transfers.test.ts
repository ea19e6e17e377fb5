import { describe, expect, it } from 'vitest';
import messages from './transfers';

/** Every key path of a message tree (`files.transfers.title`, `errors.files.disk.full`). */
function keys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('transfers strings', () => {
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
