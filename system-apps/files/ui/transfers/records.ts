// The shape of a pending upload as kept in IndexedDB across page reloads, and the tus metadata made from it (pure).
import type { UploadMetadata } from '../../server/files.types';

export interface UploadRecord {
  id: string;
  /** The signed-in user it belongs to: another user on this browser never resumes it. */
  userId: string;
  /** The folder it goes into (a virtual path). */
  target: string;
  relativePath: string;
  conflict: 'keepBoth' | 'replace';
  /** The file itself (IndexedDB stores File objects). */
  file: File | Blob;
  name: string;
  size: number;
  lastModified: number;
  /** The tus upload's URL once the server created it; resuming asks it for the offset. */
  url: string | null;
  createdAt: number;
}

export function newRecord(input: {
  id: string;
  userId: string;
  target: string;
  file: File;
  relativePath: string;
  conflict?: 'keepBoth' | 'replace';
  now: number;
}): UploadRecord {
  return {
    id: input.id,
    userId: input.userId,
    target: input.target,
    relativePath: input.relativePath || input.file.name,
    conflict: input.conflict ?? 'keepBoth',
    file: input.file,
    name: input.file.name,
    size: input.file.size,
    lastModified: input.file.lastModified || input.now,
    url: null,
    createdAt: input.now,
  };
}

/** The record with its tus URL set. */
export function withUrl(record: UploadRecord, url: string | null): UploadRecord {
  return { ...record, url };
}

/** tus Upload-Metadata: every value a string. */
export function metadataOf(record: Pick<UploadRecord, 'target' | 'relativePath' | 'conflict' | 'lastModified' | 'name'>): Record<string, string> {
  const meta: Required<UploadMetadata> & { filename: string } = {
    target: record.target,
    relativePath: record.relativePath,
    conflict: record.conflict,
    lastModified: String(record.lastModified),
    filename: record.name,
  };
  return { ...meta };
}

/** True when a stored value looks like an UploadRecord this version wrote (older or damaged ones are dropped). */
export function isUploadRecord(value: unknown): value is UploadRecord {
  const r = value as Partial<UploadRecord> | null;
  return (
    !!r &&
    typeof r.id === 'string' &&
    typeof r.userId === 'string' &&
    typeof r.target === 'string' &&
    typeof r.relativePath === 'string' &&
    (r.conflict === 'keepBoth' || r.conflict === 'replace') &&
    typeof r.size === 'number' &&
    typeof r.name === 'string' &&
    (r.url === null || typeof r.url === 'string') &&
    typeof Blob !== 'undefined' &&
    r.file instanceof Blob
  );
}

/** The records of `userId`, oldest first. */
export function recordsFor(records: UploadRecord[], userId: string): UploadRecord[] {
  return records.filter((r) => r.userId === userId).sort((a, b) => a.createdAt - b.createdAt);
}
