// Dragging entries between folders, breadcrumbs, the side bar and other Files windows: the payload, and whether a drop moves or copies.
import { isInside, parentOf, rootOf } from './paths';

/** The drag data type that carries Files' paths (other windows of the same desktop read it). */
export const DRAG_TYPE = 'application/x-olares-files';

/** Explicit paths, or "every entry of `folder` except these" (a drag of a Ctrl+A selection in a folder not fully loaded). */
export type DragPayload = { paths: string[] } | { folder: string; showHidden: boolean; except: string[] };

let current: DragPayload | null = null;

/** Starts a drag: the payload goes into the DataTransfer and is remembered for dragover (which may not read the data). */
export function startDrag(dt: DataTransfer, payload: DragPayload): void {
  current = payload;
  dt.setData(DRAG_TYPE, JSON.stringify(payload));
  if ('paths' in payload) dt.setData('text/plain', payload.paths.join('\n'));
  dt.effectAllowed = 'copyMove';
}

export function endDrag(): void {
  current = null;
}

/** The drag in progress in this page, if it is ours. */
export function currentDrag(): DragPayload | null {
  return current;
}

export function readDrag(dt: DataTransfer): DragPayload | null {
  const raw = dt.getData(DRAG_TYPE);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as DragPayload;
    if ('paths' in v && Array.isArray(v.paths) && v.paths.every((p) => typeof p === 'string')) return v;
    if ('folder' in v && typeof v.folder === 'string' && Array.isArray(v.except)) return v;
  } catch {
    // not ours
  }
  return null;
}

export function isOurDrag(dt: DataTransfer | null): boolean {
  return !!dt && dt.types.includes(DRAG_TYPE);
}

export function isFileDrag(dt: DataTransfer | null): boolean {
  return !!dt && dt.types.includes('Files') && !dt.types.includes(DRAG_TYPE);
}

function sourceFolders(payload: DragPayload): string[] {
  return 'paths' in payload ? [...new Set(payload.paths.map(parentOf))] : [payload.folder];
}

/** Plain drag: move within one root, copy across roots; Ctrl or Alt (Option) held: copy. */
export function dropOp(payload: DragPayload, target: string, copyKey: boolean): 'move' | 'copy' {
  if (copyKey) return 'copy';
  const roots = new Set(sourceFolders(payload).map(rootOf));
  return roots.size === 1 && roots.has(rootOf(target)) ? 'move' : 'copy';
}

/** Whether `target` can take the drop: not one of the entries or inside one, and not a move into the folder they are already in. */
export function canDrop(payload: DragPayload, target: string, op: 'move' | 'copy'): boolean {
  if ('paths' in payload) {
    if (payload.paths.length === 0) return false;
    if (payload.paths.some((p) => isInside(target, p))) return false;
  } else if (isInside(target, payload.folder) && target !== payload.folder) {
    return false;
  }
  if (op === 'move' && sourceFolders(payload).every((f) => f === target)) return false;
  return true;
}
