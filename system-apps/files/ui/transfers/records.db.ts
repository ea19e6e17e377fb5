// Pending uploads in IndexedDB (one object store keyed by id), so a page reload resumes them.
import { isUploadRecord, type UploadRecord } from './records';

const DB = 'olares-files-uploads';
const STORE = 'uploads';

let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  opening ??= new Promise((resolve) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    // Private windows may refuse IndexedDB: uploads then work, only without resume after a reload.
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  const db = await open();
  if (!db) return undefined;
  return new Promise((resolve) => {
    const tx = db.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => resolve(undefined);
    tx.onabort = () => resolve(undefined);
  });
}

export async function putRecord(record: UploadRecord): Promise<void> {
  await run('readwrite', (s) => s.put(record));
}

export async function deleteRecord(id: string): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
}

/** Every stored record this version can read. */
export async function allRecords(): Promise<UploadRecord[]> {
  const all = (await run<unknown[]>('readonly', (s) => s.getAll())) ?? [];
  return all.filter(isUploadRecord);
}
