// The launchpad's pure logic (no DOM): filtering apps as you type, how many tiles fit, and arrow-key movement across pages.

/** Size of one grid cell in pixels. */
export const CELL = { width: 112, height: 124 } as const;
/** Space around the grid: margins and page buttons (hidden on narrow screens), the search field and page dots. */
const NARROW = 600;
const CHROME = { wide: 160, narrow: 16, height: 200 } as const;
export const MAX_GRID = { cols: 6, rows: 4 } as const;

export interface GridSize {
  cols: number;
  rows: number;
}

/** Lower-case, without accents and surrounding spaces: what "case-insensitive" compares. */
export function normalize(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

function startsAWord(text: string, q: string): boolean {
  for (let at = text.indexOf(q); at >= 0; at = text.indexOf(q, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1]!)) return true;
  }
  return false;
}

/**
 * The apps whose translated name or id contains the query (case-insensitive). Apps whose name or id starts
 * a word with the query come first; otherwise the original order is kept. An empty query keeps every app.
 */
export function filterApps<T extends { id: string }>(apps: readonly T[], query: string, nameOf: (app: T) => string): T[] {
  const q = normalize(query);
  if (!q) return [...apps];
  const front: T[] = [];
  const rest: T[] = [];
  for (const app of apps) {
    const name = normalize(nameOf(app));
    const id = normalize(app.id);
    if (!name.includes(q) && !id.includes(q)) continue;
    (startsAWord(name, q) || startsAWord(id, q) ? front : rest).push(app);
  }
  return [...front, ...rest];
}

/** How many columns and rows of tiles fit a viewport: at most 6×4, at least 2×2. */
export function gridSize(width: number, height: number): GridSize {
  const fit = (space: number, cell: number, max: number) => Math.max(2, Math.min(max, Math.floor(space / cell)));
  const side = width > NARROW ? CHROME.wide : CHROME.narrow;
  return { cols: fit(width - side, CELL.width, MAX_GRID.cols), rows: fit(height - CHROME.height, CELL.height, MAX_GRID.rows) };
}

export function pageCount(count: number, grid: GridSize): number {
  return Math.max(1, Math.ceil(count / (grid.cols * grid.rows)));
}

export type MoveKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';
export const MOVE_KEYS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'];

/**
 * The selected index after a key, over all `count` tiles laid out page after page (each page `cols`×`rows`,
 * filled row by row). Left/Right past a page's edge column go to the previous/next page on the same row;
 * Up/Down past the top/bottom row go to the previous/next page in the same column; PageUp/PageDown keep
 * the position on the page. Targets past the last tile land on the last tile; at the ends it stays put.
 */
export function moveSelection(index: number, key: MoveKey, grid: GridSize, count: number): number {
  if (count <= 0) return -1;
  const i = Math.min(Math.max(index, 0), count - 1);
  const { cols, rows } = grid;
  const per = cols * rows;
  const pages = pageCount(count, grid);
  const page = Math.floor(i / per);
  const row = Math.floor((i % per) / cols);
  const col = i % cols;
  const at = (p: number, r: number, c: number) => p * per + r * cols + c;
  const last = count - 1;
  switch (key) {
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageUp':
      return page > 0 ? i - per : i;
    case 'PageDown':
      return page < pages - 1 ? Math.min(i + per, last) : i;
    case 'ArrowLeft':
      if (col > 0) return i - 1;
      return page > 0 ? at(page - 1, row, cols - 1) : i;
    case 'ArrowRight':
      if (col < cols - 1) return i < last ? i + 1 : i;
      return page < pages - 1 ? Math.min(at(page + 1, row, 0), last) : i;
    case 'ArrowUp':
      if (row > 0) return at(page, row - 1, col);
      return page > 0 ? at(page - 1, rows - 1, col) : i;
    case 'ArrowDown':
      if (row < rows - 1) {
        const below = at(page, row + 1, col);
        if (below <= last) return below;
        // A shorter last row: go to its last tile, if that row exists at all.
        return at(page, row + 1, 0) <= last ? last : i;
      }
      return page < pages - 1 ? Math.min(at(page + 1, 0, col), last) : i;
  }
}
