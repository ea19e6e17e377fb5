// Files' procedures: thin, each validates its input and calls the service as the signed-in user.
import { z } from 'zod';
import { adminProcedure, authedProcedure, router } from '../../../bff/trpc/init';
import type { Caller } from './files.api';
import { filesSearchRouter } from './search/search.router';
import { filesSharesRouter } from './shares/shares.router';
import { filesDrivesRouter } from './drives/drives.router';

const vpath = z.string().min(1).max(4096);
const name = z.string().min(1).max(255);
const requestId = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'must be a request id (letters, digits, - and _)');
const id = z.string().min(1).max(100);
const caller = (ctx: { user: { id: string; name: string; role: 'owner' | 'admin' | 'member' } }): Caller => ({ id: ctx.user.id, name: ctx.user.name, role: ctx.user.role });

export const filesRouter = router({
  /** The caller's roots: Home first, then those an admin added. */
  roots: authedProcedure.query(({ ctx }) => ctx.services.files.roots(caller(ctx))),
  /** One page of a folder, sorted (folders first, natural order); the first page of 100,000 entries comes at readdir speed. */
  list: authedProcedure
    .input(
      z.object({
        path: vpath,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(200),
        sort: z.enum(['name', 'size', 'mtime', 'type']).default('name'),
        desc: z.boolean().default(false),
        showHidden: z.boolean().default(false),
      }),
    )
    .query(({ ctx, input }) => ctx.services.files.list(caller(ctx), input)),
  stat: authedProcedure.input(z.object({ path: vpath })).query(({ ctx, input }) => ctx.services.files.stat(caller(ctx), input.path)),
  /** Bytes, files and folders below a folder, counted on demand (the request's abort stops the count). */
  folderSize: authedProcedure.input(z.object({ path: vpath })).query(({ ctx, input, signal }) => ctx.services.files.folderSize(caller(ctx), input.path, signal)),
  /** Used and free space for the caller (quota when an admin set one). */
  usage: authedProcedure.query(({ ctx }) => ctx.services.files.usage(caller(ctx))),
  /** A text file for the editor (at most 5 MiB) with its version (changes whenever the file does). */
  readText: authedProcedure.input(z.object({ path: vpath })).query(({ ctx, input }) => ctx.services.files.readText(caller(ctx), input.path)),
  /** Saves atomically; when the file changed since `expectedVersion` (null: it must not exist), CONFLICT `files.write.conflict` with the current version. */
  writeText: authedProcedure
    .input(z.object({ path: vpath, text: z.string().max(5 * 1024 * 1024), expectedVersion: z.string().max(100).nullable() }))
    .mutation(({ ctx, input }) => ctx.services.files.writeText(caller(ctx), input.path, input.text, input.expectedVersion)),
  mkdir: authedProcedure.input(z.object({ parent: vpath, name })).mutation(({ ctx, input }) => ctx.services.files.mkdir(caller(ctx), input.parent, input.name)),
  rename: authedProcedure.input(z.object({ path: vpath, name })).mutation(({ ctx, input }) => ctx.services.files.rename(caller(ctx), input.path, input.name)),
  /** Copy or move into a folder: with `ask`, clashes come back and nothing is done; otherwise a job starts. */
  transfer: authedProcedure
    .input(
      z.object({
        op: z.enum(['copy', 'move']),
        sources: z.array(vpath).min(1).max(10_000),
        target: vpath,
        conflict: z.enum(['ask', 'replace', 'keepBoth', 'skip']).default('ask'),
        requestId,
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.files.transfer(caller(ctx), input)),
  jobs: router({
    /** The caller's running jobs and those that finished in the last hour. */
    list: authedProcedure.query(({ ctx }) => ctx.services.files.jobs(caller(ctx))),
    cancel: authedProcedure.input(z.object({ id })).mutation(({ ctx, input }) => ctx.services.files.cancelJob(caller(ctx), input.id)),
  }),
  trash: router({
    list: authedProcedure.query(({ ctx }) => ctx.services.files.trashList(caller(ctx))),
    /** Moves entries to the caller's trash (a job: across file systems it copies). */
    move: authedProcedure.input(z.object({ paths: z.array(vpath).min(1).max(10_000), requestId })).mutation(({ ctx, input }) => ctx.services.files.trash(caller(ctx), input.paths, input.requestId)),
    restore: authedProcedure
      .input(z.object({ ids: z.array(id).min(1).max(10_000), conflict: z.enum(['ask', 'replace', 'keepBoth', 'skip']).default('ask'), requestId }))
      .mutation(({ ctx, input }) => ctx.services.files.restore(caller(ctx), input.ids, input.conflict, input.requestId)),
    /** Deletes for good: the given items, or everything when none are given. */
    empty: authedProcedure.input(z.object({ ids: z.array(id).max(10_000).optional(), requestId })).mutation(({ ctx, input }) => ctx.services.files.emptyTrash(caller(ctx), input.ids, input.requestId)),
  }),
  favorites: router({
    list: authedProcedure.query(({ ctx }) => ctx.services.files.favorites(caller(ctx))),
    add: authedProcedure.input(z.object({ path: vpath })).mutation(({ ctx, input }) => ctx.services.files.addFavorite(caller(ctx), input.path)),
    remove: authedProcedure.input(z.object({ path: vpath })).mutation(({ ctx, input }) => ctx.services.files.removeFavorite(caller(ctx), input.path)),
  }),
  /** By name within a tree, and by content (text, Markdown, code, PDF), from the index. */
  search: filesSearchRouter,
  /** Public links and folders shared with people. */
  shares: filesSharesRouter,
  /** S3-compatible buckets the user added as cloud drives (shown as roots of kind `drive`). */
  drives: filesDrivesRouter,
  /** Downloads a URL (or, with `media`, a video page through yt-dlp) into a folder, as a job. */
  download: authedProcedure
    .input(z.object({ url: z.string().min(1).max(4096), target: vpath.optional(), media: z.boolean().default(false), requestId }))
    .mutation(({ ctx, input }) => ctx.services.filesDownloads.start(caller(ctx), input)),
  /** Owner and admins: further roots (external mounts) for a user, and quotas. */
  admin: router({
    roots: adminProcedure.input(z.object({ user: z.string().min(1).max(64) })).query(({ ctx, input }) => ctx.services.files.adminRoots(input.user)),
    addRoot: adminProcedure
      .input(z.object({ user: z.string().min(1).max(64), name: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'must be a folder name (letters, digits, space, _ . -)'), dir: z.string().min(1).max(4096), readOnly: z.boolean().default(false) }))
      .mutation(({ ctx, input }) => ctx.services.files.addRoot(input)),
    removeRoot: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => ctx.services.files.removeRoot(input.id)),
    /** A user's used space, quota and the disk's free space. */
    usage: adminProcedure.input(z.object({ user: z.string().min(1).max(64) })).query(({ ctx, input }) => ctx.services.files.adminUsage(input.user)),
    setQuota: adminProcedure
      .input(z.object({ user: z.string().min(1).max(64), bytes: z.number().int().min(0).nullable() }))
      .mutation(({ ctx, input }) => ctx.services.files.setQuota(input.user, input.bytes)),
  }),
});
