// Makes an element a drop target for entries dragged from Files windows (move or copy) and for files dragged from the computer (upload).
import { ref } from 'vue';
import { filesFromDrop } from '../transfers/drop';
import type { Actions } from './actions';
import { canDrop, currentDrag, dropOp, isFileDrag, isOurDrag, readDrag } from './dnd';

/** Handlers for one target; `target()` is the folder a drop goes into (null: not a target now). */
export function dropHandlers(a: Actions, target: (e: DragEvent) => string | null, onHover?: (over: boolean) => void) {
  function accepts(e: DragEvent): 'move' | 'copy' | null {
    const folder = target(e);
    if (!folder || !e.dataTransfer) return null;
    if (isFileDrag(e.dataTransfer)) return 'copy';
    if (!isOurDrag(e.dataTransfer)) return null;
    const payload = currentDrag();
    if (!payload) return 'copy'; // from another page: decided on drop
    const op = dropOp(payload, folder, e.ctrlKey || e.altKey || e.metaKey);
    return canDrop(payload, folder, op) ? op : null;
  }

  return {
    dragover(e: DragEvent): void {
      const op = accepts(e);
      if (!op) return;
      e.preventDefault();
      e.stopPropagation();
      e.dataTransfer!.dropEffect = op;
      onHover?.(true);
    },
    dragleave(): void {
      onHover?.(false);
    },
    async drop(e: DragEvent): Promise<void> {
      onHover?.(false);
      const folder = target(e);
      const dt = e.dataTransfer;
      if (!folder || !dt) return;
      if (isFileDrag(dt)) {
        e.preventDefault();
        e.stopPropagation();
        a.upload(folder, await filesFromDrop(dt));
        return;
      }
      const payload = readDrag(dt);
      if (!payload) return;
      e.preventDefault();
      e.stopPropagation();
      const op = dropOp(payload, folder, e.ctrlKey || e.altKey || e.metaKey);
      if (!canDrop(payload, folder, op)) return;
      await a.transfer(op, await a.payloadPaths(payload), folder);
    },
  };
}

/** A drop target element with a hover flag for its highlight. */
export function useDropTarget(a: Actions, target: () => string | null) {
  const over = ref(false);
  const h = dropHandlers(a, () => target(), (v) => (over.value = v));
  return { over, onDragover: h.dragover, onDragleave: h.dragleave, onDrop: h.drop };
}
