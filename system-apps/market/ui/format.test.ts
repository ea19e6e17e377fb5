// Checks the Market's formatting: sizes, cores, category names, the app's text per language, safe links and fallback tiles.
import { describe, expect, it } from 'vitest';
import { categoryBase, categoryKey, categoryLabel, formatBytes, formatCores, initialOf, localText, newRequestId, safeImage, safeLink, tileColour } from './format';

describe('formatBytes', () => {
  it('uses binary units with at most one decimal', () => {
    expect(formatBytes(512 * 1024 ** 2)).toBe('512 MiB');
    expect(formatBytes(11.2 * 1024 ** 3)).toBe('11.2 GiB');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(100)).toBe('100 B');
    expect(formatBytes(2 * 1024 ** 4)).toBe('2 TiB');
  });
  it('reads nothing, negatives and NaN as 0 B', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(-5)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('0 B');
  });
});

describe('formatCores', () => {
  it('turns millicores into cores', () => {
    expect(formatCores(500)).toBe('0.5');
    expect(formatCores(2000)).toBe('2');
    expect(formatCores(250)).toBe('0.25');
    expect(formatCores(1234)).toBe('1.23');
    expect(formatCores(0)).toBe('0');
  });
});

describe('categories', () => {
  it('drops the catalogue generation suffix', () => {
    expect(categoryBase('Productivity_v112')).toBe('Productivity');
    expect(categoryBase('Developer Tools_v112')).toBe('Developer Tools');
    expect(categoryBase('Utilities')).toBe('Utilities');
  });
  it('knows the Olares categories in any spelling', () => {
    expect(categoryKey('AI')).toBe('ai');
    expect(categoryKey('Developer Tools_v112')).toBe('developer');
    expect(categoryKey('Developer')).toBe('developer');
    expect(categoryKey('Fun_v112')).toBe('fun');
    expect(categoryKey('Knitting')).toBeUndefined();
  });
  it('localises known ones and shows the rest as written', () => {
    const t = (key: string) => `<${key}>`;
    expect(categoryLabel('Productivity_v112', t)).toBe('<market.categories.productivity>');
    expect(categoryLabel('Knitting_v2', t)).toBe('Knitting');
  });
});

describe('localText', () => {
  const entry = {
    title: 'Notes',
    description: 'Take notes',
    locales: { 'en-US': { title: 'Notes', description: 'Take notes' }, 'zh-CN': { title: '笔记', description: '记笔记', fullDescription: '很长' } },
  };
  it('picks the exact language, then the same language, then the defaults', () => {
    expect(localText(entry, 'zh-CN').title).toBe('笔记');
    expect(localText(entry, 'zh-CN').fullDescription).toBe('很长');
    expect(localText({ ...entry, locales: { zh: { title: '笔记', description: '记' } } }, 'zh-CN').title).toBe('笔记');
    expect(localText(entry, 'fr-FR')).toEqual({ title: 'Notes', description: 'Take notes' });
    expect(localText({ ...entry, locales: {} }, 'zh-CN').description).toBe('Take notes');
  });
  it('falls back field by field when a translation is incomplete', () => {
    expect(localText({ ...entry, locales: { 'zh-CN': { title: '笔记', description: '' } } }, 'zh-CN')).toEqual({ title: '笔记', description: 'Take notes' });
  });
});

describe('safe URLs', () => {
  it('lets only http and https links out', () => {
    expect(safeLink('https://example.com/a')).toBe('https://example.com/a');
    expect(safeLink('http://example.com')).toBe('http://example.com/');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('data:text/html,<b>')).toBeNull();
    expect(safeLink('not a url')).toBeNull();
    expect(safeLink(undefined)).toBeNull();
    expect(safeLink(null)).toBeNull();
  });
  it('loads images from http(s), same-origin paths and inline rasters only', () => {
    expect(safeImage('https://cdn.example.com/i.png')).toBe('https://cdn.example.com/i.png');
    expect(safeImage('/market/icons/a.png')).toBe('/market/icons/a.png');
    expect(safeImage('//evil.example/x.png')).toBeNull();
    expect(safeImage('data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
    expect(safeImage('data:image/svg+xml;base64,AAAA')).toBeNull();
    expect(safeImage('javascript:1')).toBeNull();
    expect(safeImage('')).toBeNull();
  });
});

describe('fallback tiles', () => {
  it('shows the first letter or digit', () => {
    expect(initialOf('nextcloud')).toBe('N');
    expect(initialOf('  (beta) app')).toBe('B');
    expect(initialOf('笔记')).toBe('笔');
    expect(initialOf('', 'ollama')).toBe('O');
    expect(initialOf('!!!', '')).toBe('?');
  });
  it('gives each app a stable colour', () => {
    expect(tileColour('nextcloud')).toBe(tileColour('nextcloud'));
    expect(tileColour('x')).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('newRequestId', () => {
  it('is a v4 UUID, different each time', () => {
    const a = newRequestId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newRequestId()).not.toBe(a);
  });
});
