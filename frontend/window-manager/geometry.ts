// Pure window geometry: snap zones, where a drag would snap, and keeping windows reachable in the viewport.
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  width: number;
  height: number;
}

export type SnapZone = 'maximized' | 'snapped-left' | 'snapped-right' | 'snapped-top-left' | 'snapped-top-right' | 'snapped-bottom-left' | 'snapped-bottom-right';

/** How close (px) the pointer must come to an edge to offer a snap. */
export const SNAP_EDGE = 12;
/** How much of a title bar must stay on screen so a window can always be grabbed again. */
export const REACHABLE = 48;
export const TITLE_BAR = 36;

export function snapRect(zone: SnapZone, vp: Viewport): Rect {
  const halfW = Math.round(vp.width / 2);
  const halfH = Math.round(vp.height / 2);
  switch (zone) {
    case 'maximized':
      return { x: 0, y: 0, width: vp.width, height: vp.height };
    case 'snapped-left':
      return { x: 0, y: 0, width: halfW, height: vp.height };
    case 'snapped-right':
      return { x: halfW, y: 0, width: vp.width - halfW, height: vp.height };
    case 'snapped-top-left':
      return { x: 0, y: 0, width: halfW, height: halfH };
    case 'snapped-top-right':
      return { x: halfW, y: 0, width: vp.width - halfW, height: halfH };
    case 'snapped-bottom-left':
      return { x: 0, y: halfH, width: halfW, height: vp.height - halfH };
    case 'snapped-bottom-right':
      return { x: halfW, y: halfH, width: vp.width - halfW, height: vp.height - halfH };
  }
}

/** The snap a drag would make with the pointer at (px, py) in desktop coordinates, or null. */
export function zoneAt(px: number, py: number, vp: Viewport): SnapZone | null {
  const nearLeft = px <= SNAP_EDGE;
  const nearRight = px >= vp.width - SNAP_EDGE;
  const nearTop = py <= SNAP_EDGE;
  const nearBottom = py >= vp.height - SNAP_EDGE;
  // Corners: on one edge and within the outer 15% of the other axis.
  const leftBand = px < vp.width * 0.15;
  const rightBand = px > vp.width * 0.85;
  const topBand = py < vp.height * 0.15;
  const bottomBand = py > vp.height * 0.85;
  if ((nearLeft && topBand) || (nearTop && leftBand)) return 'snapped-top-left';
  if ((nearRight && topBand) || (nearTop && rightBand)) return 'snapped-top-right';
  if ((nearLeft && bottomBand) || (nearBottom && leftBand)) return 'snapped-bottom-left';
  if ((nearRight && bottomBand) || (nearBottom && rightBand)) return 'snapped-bottom-right';
  if (nearTop) return 'maximized';
  if (nearLeft) return 'snapped-left';
  if (nearRight) return 'snapped-right';
  return null;
}

/**
 * Moves (and if needed shrinks) a window so that it fits the viewport where it can, and so that its
 * title bar can always be grabbed: at least REACHABLE px of it inside, and never above the top.
 */
export function keepReachable(r: Rect, vp: Viewport, min: { width: number; height: number }): Rect {
  const width = Math.max(Math.min(r.width, vp.width), Math.min(min.width, vp.width));
  const height = Math.max(Math.min(r.height, vp.height), Math.min(min.height, vp.height));
  const x = Math.min(Math.max(r.x, REACHABLE - width), vp.width - REACHABLE);
  const y = Math.min(Math.max(r.y, 0), vp.height - TITLE_BAR);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

/** Where a new window goes: centred, then stepped down-right for each window already open. */
export function cascade(size: { width: number; height: number }, vp: Viewport, openCount: number): Rect {
  const width = Math.min(size.width, vp.width);
  const height = Math.min(size.height, vp.height);
  const step = 28 * (openCount % 8);
  // Stepped, but kept wholly inside the area when it fits.
  return {
    x: Math.max(0, Math.min(Math.round((vp.width - width) / 2) + step - 84, vp.width - width)),
    y: Math.max(0, Math.min(Math.round((vp.height - height) / 3) + step - 28, vp.height - height)),
    width,
    height,
  };
}

export type ResizeEdge = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';

/** The rectangle after dragging `edge` by (dx, dy), respecting the minimum size. */
export function resizeRect(start: Rect, edge: ResizeEdge, dx: number, dy: number, min: { width: number; height: number }): Rect {
  let { x, y, width, height } = start;
  if (edge.includes('e')) width = Math.max(min.width, start.width + dx);
  if (edge.includes('s')) height = Math.max(min.height, start.height + dy);
  if (edge.includes('w')) {
    width = Math.max(min.width, start.width - dx);
    x = start.x + start.width - width;
  }
  if (edge.includes('n')) {
    height = Math.max(min.height, start.height - dy);
    y = start.y + start.height - height;
  }
  return { x, y, width, height };
}
