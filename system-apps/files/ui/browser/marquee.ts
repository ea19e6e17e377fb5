// Which rows or tiles a marquee rectangle crosses, in the list's content coordinates (pure, so it is tested apart).

export interface Geometry {
  /** Rows are `rowH` tall; tiles are `tileW` wide in `cols` columns, starting `padX` from the left. */
  rowH: number;
  cols: number;
  tileW: number;
  padX: number;
  total: number;
}

export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Index ranges [a, b] (inclusive) of the items the rectangle crosses: one range per row of tiles. */
export function crossed(r: Rect, g: Geometry): [number, number][] {
  const top = Math.max(0, Math.min(r.y1, r.y2));
  const bottom = Math.max(r.y1, r.y2);
  const left = Math.min(r.x1, r.x2);
  const right = Math.max(r.x1, r.x2);
  const rows = Math.ceil(g.total / g.cols);
  const firstRow = Math.floor(top / g.rowH);
  const lastRow = Math.min(rows - 1, Math.floor(bottom / g.rowH));
  let c1 = 0;
  let c2 = g.cols - 1;
  if (g.cols > 1) {
    c1 = Math.max(0, Math.floor((left - g.padX) / g.tileW));
    c2 = Math.min(g.cols - 1, Math.floor((right - g.padX) / g.tileW));
    if (c2 < c1 || right < g.padX) return [];
  }
  const out: [number, number][] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    const a = row * g.cols + c1;
    const b = Math.min(g.total - 1, row * g.cols + c2);
    if (a <= b) out.push([a, b]);
  }
  return out;
}
