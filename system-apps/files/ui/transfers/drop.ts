// Turns a drop from the computer into files with their paths below the drop target, walking dropped folders recursively.

export interface DroppedFile {
  file: File;
  /** The file's name, or its path below the drop target for a dropped folder (`Photos/2024/a.jpg`). */
  relativePath: string;
}

/** The parts of the File and Directory Entries API a drop walk uses (fakes in tests implement these). */
export interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(success: (file: File) => void, failure?: (err: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: EntryLike[]) => void, failure?: (err: unknown) => void): void };
}

function fileOf(entry: EntryLike): Promise<File> {
  return new Promise((resolve, reject) => entry.file!(resolve, reject));
}

/** All children of a folder entry: readEntries answers in batches (100 in Chromium) until an empty one. */
async function childrenOf(entry: EntryLike): Promise<EntryLike[]> {
  const reader = entry.createReader!();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Every file below `entries`, depth first, with its path relative to where they were dropped. */
export async function flattenEntries(entries: EntryLike[], prefix = ''): Promise<DroppedFile[]> {
  const out: DroppedFile[] = [];
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile && entry.file) {
      out.push({ file: await fileOf(entry), relativePath: path });
    } else if (entry.isDirectory && entry.createReader) {
      out.push(...(await flattenEntries(await childrenOf(entry), path)));
    }
  }
  return out;
}

/** True when a drag carries files from the computer (not a drag of entries inside the desktop). */
export function dragHasFiles(dt: DataTransfer | null): boolean {
  return !!dt && Array.from(dt.types).includes('Files');
}

/** The files of a drop; folders (through webkitGetAsEntry) are walked with their relative paths. */
export async function filesFromDrop(dt: DataTransfer): Promise<DroppedFile[]> {
  // Entries must be taken synchronously, before the first await: the DataTransfer empties after the event.
  const items = Array.from(dt.items ?? []).filter((i) => i.kind === 'file');
  const entries = items.map((i) => (typeof i.webkitGetAsEntry === 'function' ? (i.webkitGetAsEntry() as EntryLike | null) : null));
  const plain = items.map((i) => i.getAsFile());
  if (items.length === 0) return Array.from(dt.files ?? []).map((file) => ({ file, relativePath: file.name }));
  const out: DroppedFile[] = [];
  for (let i = 0; i < items.length; i++) {
    const entry = entries[i];
    if (entry) out.push(...(await flattenEntries([entry])));
    else if (plain[i]) out.push({ file: plain[i]!, relativePath: plain[i]!.name });
  }
  return out;
}
