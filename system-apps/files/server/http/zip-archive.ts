// archiver 8's ZipArchive with the types it needs here (@types/archiver describes version 7's factory function, not this class).
import * as archiver from 'archiver';
import type { Transform } from 'node:stream';

export interface ZipEntryData {
  name: string;
  date?: Date;
  mode?: number;
  /** Stored as it is, not compressed. */
  store?: boolean;
  type?: 'file' | 'directory';
}

export interface ZipStream extends Transform {
  append(source: NodeJS.ReadableStream | Buffer | null, data: ZipEntryData): this;
  finalize(): Promise<void>;
  abort(): this;
  pointer(): number;
}

type ZipArchiveClass = new (options: { zlib?: { level: number }; store?: boolean; highWaterMark?: number }) => ZipStream;

/** A streaming zip: compressed at zlib level 1 (fast), entries marked `store` kept as they are. */
export function createZip(): ZipStream {
  const ZipArchive = (archiver as unknown as { ZipArchive: ZipArchiveClass }).ZipArchive;
  return new ZipArchive({ zlib: { level: 1 }, highWaterMark: 1024 * 1024 });
}
