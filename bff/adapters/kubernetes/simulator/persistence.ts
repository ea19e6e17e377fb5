// The state file: every object and the resourceVersion counter saved as JSON (debounced, atomic rename) and loaded at start.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { asKubeObject, isRecord } from './json';
import { RESOURCES, keyOf, type ResourceType } from './resources';
import type { Store } from './store';
import type { KubeObject } from './types';

const DEBOUNCE_MS = 200;

interface SavedState {
  format: 'olares-cluster-simulator/v1';
  resourceVersion: string;
  savedAt: string;
  objects: Array<{ resource: string; object: KubeObject }>;
}

export interface LoadedState {
  resourceVersion: number;
  objects: Array<{ resource: ResourceType; object: KubeObject }>;
}

/** Reads the file; undefined when it does not exist. A file that does not parse is set aside and reported. */
export function loadState(file: string, onError: (err: unknown) => void): LoadedState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const data: unknown = JSON.parse(text);
    if (!isRecord(data) || !Array.isArray(data.objects)) throw new Error('not a simulator state file');
    const byKey = new Map(RESOURCES.map((r) => [keyOf(r), r]));
    const objects: LoadedState['objects'] = [];
    for (const entry of data.objects) {
      if (!isRecord(entry)) continue;
      const r = byKey.get(String(entry.resource));
      const object = asKubeObject(entry.object);
      if (r && object?.metadata.name) objects.push({ resource: r, object });
    }
    const rv = Number(data.resourceVersion);
    const maxRv = Math.max(0, ...objects.map((o) => Number(o.object.metadata.resourceVersion) || 0));
    return { resourceVersion: Math.max(Number.isFinite(rv) ? rv : 0, maxRv), objects };
  } catch (e) {
    const aside = `${file}.corrupt-${Date.now()}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      // leave it where it is
    }
    onError(new Error(`state file ${file} could not be read (${(e as Error).message}); moved to ${aside}, starting empty`));
    return undefined;
  }
}

export class StateSaver {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly store: Store,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Saves ~200 ms after the last change of a burst. */
  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, DEBOUNCE_MS);
  }

  private save(): Promise<void> {
    if (!this.dirty) return this.writing;
    this.dirty = false;
    const state: SavedState = {
      format: 'olares-cluster-simulator/v1',
      resourceVersion: this.store.resourceVersion,
      savedAt: new Date().toISOString(),
      objects: this.store.dump().map(({ key, object }) => ({ resource: key, object })),
    };
    const text = JSON.stringify(state);
    this.writing = this.writing.then(async () => {
      const tmp = `${this.file}.tmp-${process.pid}`;
      try {
        await fsp.mkdir(path.dirname(this.file), { recursive: true });
        await fsp.writeFile(tmp, text);
        await fsp.rename(tmp, this.file);
      } catch (e) {
        this.onError(e);
      }
    });
    return this.writing;
  }

  /** The final save on close. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.dirty = true;
    await this.save();
  }
}
