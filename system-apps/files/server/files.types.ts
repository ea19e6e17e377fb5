// The shapes Files' procedures, HTTP routes and UI share: entries, listings, roots, jobs and trash items.

/** A path as the user sees it: `/<root name>/<segments>`, e.g. `/Home/Documents/notes.md`. Never a host path. */
export type VirtualPath = string;

export type EntryKind = 'dir' | 'file' | 'symlink' | 'other';

export interface FileEntry {
  name: string;
  path: VirtualPath;
  kind: EntryKind;
  /** Bytes (0 for folders). */
  size: number;
  /** Last modification, ms since the epoch. */
  mtime: number;
  /** By extension (`application/octet-stream` when unknown; `inode/directory` for folders). */
  mime: string;
  /** The name starts with a dot. */
  hidden: boolean;
}

export type SortKey = 'name' | 'size' | 'mtime' | 'type';

export interface ListInput {
  path: VirtualPath;
  offset: number;
  /** At most 500. */
  limit: number;
  sort: SortKey;
  desc: boolean;
  showHidden: boolean;
}

export interface Listing {
  /** The folder, normalised. */
  path: VirtualPath;
  /** Entries in the folder under this filter (hidden ones counted only when shown). */
  total: number;
  offset: number;
  entries: FileEntry[];
  /** Changes when the folder's contents change (its mtime): a client drops cached pages when it does. */
  version: string;
}

export interface RootInfo {
  /** Stable id (`home`, or the id of a root an admin added). */
  id: string;
  /** The first segment of its virtual paths (`Home`). */
  name: string;
  /** `shared`: a folder another user shared with this one; `drive`: a cloud drive (S3-compatible bucket) the user added. */
  kind: 'home' | 'mount' | 'shared' | 'drive';
  path: VirtualPath;
  readOnly: boolean;
  /** For `drive` roots: the drive's id (as files.drives.list gives it). */
  driveId?: string;
}

export type ConflictPolicy = 'ask' | 'replace' | 'keepBoth' | 'skip';

export interface Conflict {
  source: VirtualPath;
  /** The existing entry that would be overwritten. */
  target: VirtualPath;
  /** Both are folders: replacing merges into it. */
  bothFolders: boolean;
}

export interface TransferInput {
  op: 'copy' | 'move';
  sources: VirtualPath[];
  /** The folder they go into. */
  target: VirtualPath;
  conflict: ConflictPolicy;
  /** The same id twice starts one job (a retried click). */
  requestId: string;
}

/** `ask` with clashes → the clashes and nothing done; otherwise the job that does it. */
export type TransferResult = { conflicts: Conflict[] } | { jobId: string };

export type JobKind = 'copy' | 'move' | 'trash' | 'restore' | 'emptyTrash' | 'download';
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** A long operation; pushed to the owner's sockets as `files.job` on every change (at most ~5 per second). */
export interface Job {
  id: string;
  kind: JobKind;
  state: JobState;
  /** Bytes done and in all (total is known after a quick scan; 0 until then). */
  bytesDone: number;
  bytesTotal: number;
  itemsDone: number;
  itemsTotal: number;
  /** What it is working on now. */
  current: VirtualPath | null;
  /** A reason key (`files.…`) when it failed. */
  error: string | null;
  startedAt: number;
  finishedAt: number | null;
  /** The folders whose listings it changed (so open windows refresh). */
  touched: VirtualPath[];
}

export interface TrashItem {
  id: string;
  name: string;
  /** Where it was. */
  originalPath: VirtualPath;
  kind: EntryKind;
  size: number;
  deletedAt: number;
}

export interface FolderSize {
  bytes: number;
  files: number;
  folders: number;
}

/** Pushed as `files.changed` to the owner's sockets when folders change through the app (uploads, jobs, renames). */
export interface FolderChange {
  folders: VirtualPath[];
}

/** tus upload metadata (Upload-Metadata header), all strings. */
export interface UploadMetadata {
  /** The folder the upload goes into. */
  target: VirtualPath;
  /** The file's name, or its path below `target` for folder uploads (`Photos/2024/a.jpg`). */
  relativePath: string;
  /** What to do when the final name exists: `keepBoth` (default) or `replace`. */
  conflict?: 'keepBoth' | 'replace';
  /** ms since the epoch; kept as the file's mtime. */
  lastModified?: string;
}
