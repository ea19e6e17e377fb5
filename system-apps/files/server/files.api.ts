// What the Files router needs from its service: one method per procedure, always on behalf of a caller.
import type { Conflict, ConflictPolicy, FileEntry, FolderSize, Job, Listing, ListInput, RootInfo, TransferInput, TransferResult, TrashItem } from './files.types';

export interface Caller {
  id: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
}

export interface AdminRoot {
  id: string;
  user: string;
  name: string;
  dir: string;
  readOnly: boolean;
}

export interface FilesApi {
  roots(caller: Caller): Promise<RootInfo[]>;
  list(caller: Caller, input: ListInput): Promise<Listing>;
  stat(caller: Caller, path: string): Promise<FileEntry>;
  folderSize(caller: Caller, path: string, signal?: AbortSignal): Promise<FolderSize>;
  usage(caller: Caller): Promise<{ usedBytes: number; quotaBytes: number | null; freeBytes: number }>;
  readText(caller: Caller, path: string): Promise<{ text: string; version: string; entry: FileEntry }>;
  writeText(caller: Caller, path: string, text: string, expectedVersion: string | null): Promise<{ version: string; entry: FileEntry }>;
  mkdir(caller: Caller, parent: string, name: string): Promise<FileEntry>;
  rename(caller: Caller, path: string, name: string): Promise<FileEntry>;
  transfer(caller: Caller, input: TransferInput): Promise<TransferResult>;
  jobs(caller: Caller): Promise<Job[]>;
  cancelJob(caller: Caller, id: string): Promise<Job>;
  trashList(caller: Caller): Promise<TrashItem[]>;
  trash(caller: Caller, paths: string[], requestId: string): Promise<{ jobId: string }>;
  restore(caller: Caller, ids: string[], conflict: ConflictPolicy, requestId: string): Promise<{ conflicts: Conflict[] } | { jobId: string }>;
  emptyTrash(caller: Caller, ids: string[] | undefined, requestId: string): Promise<{ jobId: string }>;
  favorites(caller: Caller): Promise<string[]>;
  addFavorite(caller: Caller, path: string): Promise<string[]>;
  removeFavorite(caller: Caller, path: string): Promise<string[]>;
  adminRoots(user: string): Promise<AdminRoot[]>;
  addRoot(input: { user: string; name: string; dir: string; readOnly: boolean }): Promise<AdminRoot>;
  removeRoot(id: string): Promise<void>;
  setQuota(user: string, bytes: number | null): Promise<void>;
  adminUsage(user: string): Promise<{ usedBytes: number; quotaBytes: number | null; freeBytes: number }>;
}

/**
 * What Files' HTTP routes (uploads, downloads, zips; `http/`) need from the service: the caller's roots,
 * the quota check, and telling open windows that folders changed.
 */
export interface FilesHost {
  /** The caller's roots as host folders (Home made, with its standard folders, on first use). */
  rootsFor(caller: Caller): Promise<import('./paths').Root[]>;
  /** Throws an AppError-like TRPCError (`files.quota.exceeded`, `files.disk.full`) when `bytes` more would not fit. */
  checkSpace(caller: Caller, bytes: number): Promise<void>;
  /** Pushes `files.changed` to the caller's sockets. */
  changed(userId: string, folders: string[]): void;
  /** A folder of the caller's own, outside their roots, for staging (uploads in progress): `<data>/users/<name>/.staging`. */
  stagingDir(caller: Caller): Promise<string>;
  /** Where `virtual` is on a cloud drive, or null for a path on this host (no drives: always null). */
  driveAt?(caller: Caller, roots: readonly import('./paths').Root[], virtual: string, opts?: { write?: boolean }): Promise<import('./drives/drive-ops').DriveLocation | null>;
}
