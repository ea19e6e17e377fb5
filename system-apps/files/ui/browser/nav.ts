// Keyboard movement in a list (one column) or a grid of tiles: the row the focus goes to for a key, and type-ahead.
import type { FileEntry } from '../../server/files.types';

/** The index the focus moves to for `key`, or null when the key does not move it. */
export function moveFocus(key: string, index: number, total: number, cols: number, pageRows: number): number | null {
  if (total <= 0) return null;
  const cur = index < 0 ? -1 : index;
  const clamp = (i: number) => Math.max(0, Math.min(total - 1, i));
  switch (key) {
    case 'ArrowDown':
      return cur < 0 ? 0 : clamp(cur + cols);
    case 'ArrowUp':
      return cur < 0 ? 0 : clamp(cur - cols);
    case 'ArrowRight':
      return cols > 1 ? clamp(cur + 1) : null;
    case 'ArrowLeft':
      return cols > 1 ? clamp(cur - 1) : null;
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    case 'PageDown':
      return clamp(cur + Math.max(1, pageRows - 1) * cols);
    case 'PageUp':
      return clamp(cur - Math.max(1, pageRows - 1) * cols);
    default:
      return null;
  }
}

/** Letters typed within a second of each other form one prefix. */
export class TypeAhead {
  private buffer = '';
  private last = 0;

  push(char: string, now: number): string {
    this.buffer = now - this.last > 1000 ? char : this.buffer + char;
    this.last = now;
    return this.buffer;
  }
}

/**
 * The next loaded row after `from` (wrapping round) whose name starts with `prefix`, case-insensitively; a
 * prefix of one repeated letter cycles through the names that start with it.
 */
export function findPrefix(prefix: string, from: number, loaded: Iterable<[number, FileEntry]>): number | null {
  const p = prefix.toLocaleLowerCase();
  const cycling = p.length > 1 && [...p].every((c) => c === p[0]);
  const wanted = cycling ? p[0]! : p;
  const start = cycling || p.length === 1 ? from + 1 : from;
  let firstAfter: number | null = null;
  let firstAny: number | null = null;
  for (const [i, e] of loaded) {
    if (!e.name.toLocaleLowerCase().startsWith(wanted)) continue;
    if (i >= start && (firstAfter === null || i < firstAfter)) firstAfter = i;
    if (firstAny === null || i < firstAny) firstAny = i;
  }
  return firstAfter ?? firstAny;
}
