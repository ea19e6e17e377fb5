// The launchpad's pure parts: filtering by name and id, grid sizes for different screens, and keyboard movement.
import { describe, expect, it } from 'vitest';
import { filterApps, gridSize, moveSelection, normalize, pageCount } from './filter';

const names: Record<string, string> = { files: 'Files', wise: 'Wise', vault: 'Vault', controlHub: 'Control Hub', devbox: 'DevBox', profile: 'Profile', settings: 'Réglages' };
const apps = Object.keys(names).map((id) => ({ id }));
const nameOf = (a: { id: string }) => names[a.id]!;
const ids = (list: { id: string }[]) => list.map((a) => a.id);

describe('filterApps', () => {
  it('keeps every app, in order, for an empty or blank query', () => {
    expect(ids(filterApps(apps, '', nameOf))).toEqual(Object.keys(names));
    expect(ids(filterApps(apps, '   ', nameOf))).toEqual(Object.keys(names));
  });

  it('matches the translated name case-insensitively', () => {
    expect(ids(filterApps(apps, 'VAU', nameOf))).toEqual(['vault']);
    expect(ids(filterApps(apps, 'hub', nameOf))).toEqual(['controlHub']);
  });

  it('matches the id as well as the name', () => {
    expect(ids(filterApps(apps, 'settings', nameOf))).toEqual(['settings']);
    expect(ids(filterApps(apps, 'controlh', nameOf))).toEqual(['controlHub']);
  });

  it('ignores accents and extra spaces', () => {
    expect(ids(filterApps(apps, 'reglages', nameOf))).toEqual(['settings']);
    expect(ids(filterApps(apps, ' control   hub ', nameOf))).toEqual(['controlHub']);
    expect(normalize('  Ça  Va ')).toBe('ca va');
  });

  it('puts apps whose words start with the query first', () => {
    // "o" starts no name, but is inside Control Hub, DevBox and Profile: original order.
    expect(ids(filterApps(apps, 'o', nameOf))).toEqual(['controlHub', 'devbox', 'profile']);
    // "f" starts Files but is only inside Profile.
    expect(ids(filterApps(apps, 'f', nameOf))).toEqual(['files', 'profile']);
  });

  it('returns nothing when nothing matches, and does not change the input', () => {
    const copy = [...apps];
    expect(filterApps(apps, 'zzz', nameOf)).toEqual([]);
    expect(apps).toEqual(copy);
  });

  it('matches non-Latin names', () => {
    const zh = (a: { id: string }) => ({ files: '文件', vault: '保险库' })[a.id] ?? a.id;
    expect(ids(filterApps([{ id: 'files' }, { id: 'vault' }], '险', zh))).toEqual(['vault']);
  });
});

describe('gridSize', () => {
  it('fits 6×4 on a desktop screen', () => {
    expect(gridSize(1280, 760)).toEqual({ cols: 6, rows: 4 });
    expect(gridSize(2560, 1440)).toEqual({ cols: 6, rows: 4 });
  });

  it('fits fewer on small screens, never under 2×2', () => {
    const phone = gridSize(390, 844);
    expect(phone.cols).toBe(3);
    expect(phone.rows).toBe(4);
    expect(gridSize(1024, 560).rows).toBe(2);
    // Page buttons show beside the grid above 600px: 5 columns would not fit 700px with them.
    expect(gridSize(700, 760).cols).toBe(4);
    expect(gridSize(100, 100)).toEqual({ cols: 2, rows: 2 });
  });

  it('counts pages', () => {
    expect(pageCount(0, { cols: 6, rows: 4 })).toBe(1);
    expect(pageCount(24, { cols: 6, rows: 4 })).toBe(1);
    expect(pageCount(25, { cols: 6, rows: 4 })).toBe(2);
  });
});

describe('moveSelection', () => {
  // 3×2 pages; 14 tiles: page 0 = 0..5, page 1 = 6..11, page 2 = 12..13.
  const g = { cols: 3, rows: 2 };
  const n = 14;

  it('moves within a page', () => {
    expect(moveSelection(0, 'ArrowRight', g, n)).toBe(1);
    expect(moveSelection(1, 'ArrowLeft', g, n)).toBe(0);
    expect(moveSelection(1, 'ArrowDown', g, n)).toBe(4);
    expect(moveSelection(4, 'ArrowUp', g, n)).toBe(1);
  });

  it('goes to the next or previous page at the left and right edges, on the same row', () => {
    expect(moveSelection(2, 'ArrowRight', g, n)).toBe(6);
    expect(moveSelection(5, 'ArrowRight', g, n)).toBe(9);
    expect(moveSelection(9, 'ArrowLeft', g, n)).toBe(5);
    expect(moveSelection(6, 'ArrowLeft', g, n)).toBe(2);
  });

  it('goes to the next or previous page at the bottom and top edges, in the same column', () => {
    expect(moveSelection(4, 'ArrowDown', g, n)).toBe(7);
    expect(moveSelection(7, 'ArrowUp', g, n)).toBe(4);
  });

  it('lands on the last tile when the target is past it', () => {
    expect(moveSelection(11, 'ArrowRight', g, n)).toBe(13);
    expect(moveSelection(11, 'ArrowDown', g, n)).toBe(13);
    expect(moveSelection(10, 'PageDown', g, n)).toBe(13);
  });

  it('stays put at the very ends', () => {
    expect(moveSelection(0, 'ArrowLeft', g, n)).toBe(0);
    expect(moveSelection(0, 'ArrowUp', g, n)).toBe(0);
    expect(moveSelection(13, 'ArrowRight', g, n)).toBe(13);
    expect(moveSelection(13, 'ArrowDown', g, n)).toBe(13);
    expect(moveSelection(12, 'ArrowDown', g, n)).toBe(12);
    expect(moveSelection(1, 'PageUp', g, n)).toBe(1);
  });

  it('goes down into a shorter last row', () => {
    // 5 tiles on one 3×2 page: row 1 holds 3 and 4; Down from 2 goes to 4.
    expect(moveSelection(2, 'ArrowDown', g, 5)).toBe(4);
  });

  it('pages keeping the position, and jumps with Home and End', () => {
    expect(moveSelection(1, 'PageDown', g, n)).toBe(7);
    expect(moveSelection(7, 'PageUp', g, n)).toBe(1);
    expect(moveSelection(7, 'Home', g, n)).toBe(0);
    expect(moveSelection(7, 'End', g, n)).toBe(13);
  });

  it('handles no tiles and out-of-range indexes', () => {
    expect(moveSelection(0, 'ArrowRight', g, 0)).toBe(-1);
    expect(moveSelection(-1, 'ArrowRight', g, n)).toBe(1);
    expect(moveSelection(99, 'ArrowLeft', g, n)).toBe(12);
  });
});
