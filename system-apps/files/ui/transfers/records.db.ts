// Pending uploads in IndexedDB, so a page reload resumes them: the records (with their File) in one store, their tus URLs in another (setting a URL never rewrites the file's bytes).
import { isUploadRecord, withUrl, type UploadRecord } from './records';

const DB = 'olares-files-uploads';
const RECORDS = 'uploads';
const URLS = 'urls';

let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  opening ??= new Promise((resolve) => {
    const req = indexedDB.open(DB, 2);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(URLS)) db.createObjectStore(URLS, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    // Private windows may refuse IndexedDB: uploads then work, only without resume after a reload.
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
  return opening;
}

/** Runs `fn` in one transaction over both stores; resolves when it commits (undefined when it failed or there is no IndexedDB). */
async function run<T>(mode: IDBTransactionMode, fn: (records: IDBObjectStore, urls: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await open();
  if (!db) return undefined;
  return new Promise((resolve) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction([RECORDS, URLS], mode);
    } catch {
      resolve(undefined);
      return;
    }
    const req = fn(tx.objectStore(RECORDS), tx.objectStore(URLS));
    tx.oncomplete = () => resolve(req ? req.result : undefined);
    tx.onerror = () => resolve(undefined);
    tx.onabort = () => resolve(undefined);
  });
}

/** Stores a new upload (its File included). A browser out of storage just keeps it for this page. */
export async function putRecord(record: UploadRecord): Promise<void> {
  await run('readwrite', (records) => records.put({ ...record, url: null }));
}

/** Keeps the tus URL of an upload (once the server created it). */
export async function putUrl(id: string, url: string): Promise<void> {
  await run('readwrite', (_records, urls) => urls.put({ id, url }));
}

export async function deleteRecord(id: string): Promise<void> {
  await run('readwrite', (records, urls) => {
    records.delete(id);
    urls.delete(id);
  });
}

/** Every stored record this version can read, with its URL. */
export async function allRecords(): Promise<UploadRecord[]> {
  let records: unknown[] = [];
  let urls: { id: string; url: string }[] = [];
  await run('readonly', (r, u) => {
    const a = r.getAll();
    const b = u.getAll();
    a.onsuccess = () => (records = a.result);
    b.onsuccess = () => (urls = b.result as { id: string; url: string }[]);
  });
  const byId = new Map(urls.map((u) => [u.id, u.url]));
  return records.filter(isUploadRecord).map((r) => withUrl(r, byId.get(r.id) ?? r.url));
}
