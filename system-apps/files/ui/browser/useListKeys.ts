// The list's keyboard: movement with selection, Enter, Backspace, F2, Delete, Ctrl/⌘+A/C/X/V, new folder, the context menu key and type-ahead.
import type { Actions } from './actions';
import { findPrefix, moveFocus, TypeAhead } from './nav';
import type { Overlays } from './overlays';
import type { Browser } from './useBrowser';

export interface ListLayout {
  cols(): number;
  pageRows(): number;
  scrollTo(index: number): void;
  openMenu(index: number | null): void;
}

export function useListKeys(b: Browser, o: Overlays, a: Actions, layout: ListLayout) {
  const typeAhead = new TypeAhead();

  function moveTo(i: number, e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): void {
    const sel = b.selection.value;
    if (e.shiftKey) sel.range(i, b.entryAt, e.ctrlKey || e.metaKey);
    else if (!(e.ctrlKey || e.metaKey)) sel.only(i, b.entryAt);
    b.focus.value = i;
    b.touchSelection();
    layout.scrollTo(i);
  }

  async function selectedEntries() {
    const single = b.single.value;
    if (single) return [single];
    const e = b.entryAt(b.focus.value);
    return e ? [e] : [];
  }

  function onKeydown(e: KeyboardEvent): void {
    if (e.defaultPrevented) return;
    const mod = e.ctrlKey || e.metaKey;
    const sel = b.selection.value;
    const focused = b.entryAt(b.focus.value);
    const total = b.total.value;

    const target = moveFocus(e.key, b.focus.value, total, layout.cols(), layout.pageRows());
    if (target !== null && !e.altKey) {
      e.preventDefault();
      moveTo(target, e);
      return;
    }
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const run = (fn: () => unknown) => {
      e.preventDefault();
      e.stopPropagation();
      void fn();
    };

    if (e.altKey && key === 'ArrowLeft') return run(b.back);
    if (e.altKey && key === 'ArrowRight') return run(b.forward);
    if (e.altKey && key === 'ArrowUp') return run(a.up);
    if (e.altKey && key === 'Enter') {
      return run(async () => {
        const [entry] = await selectedEntries();
        if (entry && !b.isTrash.value) o.properties.value = entry;
      });
    }
    if (mod && e.shiftKey && key === 'n') return run(() => !b.isTrash.value && (o.creating.value = true));
    if (mod && key === 'a') {
      return run(() => {
        sel.selectAll();
        b.touchSelection();
      });
    }
    if (mod && key === 'c') return run(() => a.copyOrCut('copy'));
    if (mod && key === 'x') return run(() => a.copyOrCut('cut'));
    if (mod && key === 'v') return run(() => a.paste());
    if ((e.shiftKey && key === 'F10') || key === 'ContextMenu') return run(() => layout.openMenu(b.focus.value >= 0 ? b.focus.value : null));
    if (mod || e.altKey) return;

    switch (key) {
      case 'Enter':
        return run(async () => {
          if (b.isTrash.value) return;
          if (focused) a.open(focused);
        });
      case 'Backspace':
        return run(a.up);
      case 'F2':
        return run(() => {
          if (!b.isTrash.value && focused) o.renaming.value = b.focus.value;
        });
      case 'Delete':
        return run(async () => {
          if (sel.empty && focused) sel.only(b.focus.value, b.entryAt);
          const paths = await b.selectedPaths();
          if (b.isTrash.value) await a.deleteForever(a.trashIds(paths));
          else await a.moveToTrash(paths);
        });
      case 'Escape':
        if (o.preview.value) return run(() => void o.closePreview());
        if (!sel.empty) {
          return run(() => {
            sel.clear();
            b.touchSelection();
          });
        }
        return;
      case ' ':
        return run(() => {
          if (b.focus.value < 0) return;
          sel.toggle(b.focus.value, b.entryAt);
          b.touchSelection();
        });
      default:
        if (e.key.length === 1 && e.key !== ' ') {
          const prefix = typeAhead.push(e.key, performance.now());
          const found = findPrefix(prefix, b.focus.value, b.cache.value.loaded());
          if (found !== null) {
            e.preventDefault();
            moveTo(found, { shiftKey: false, ctrlKey: false, metaKey: false });
          }
        }
    }
  }

  return { onKeydown, moveTo };
}
