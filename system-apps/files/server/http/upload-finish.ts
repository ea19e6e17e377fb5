// What happens to a complete upload: its folders are made (each checked against links that point out), then the file is placed atomically (or sent to its cloud drive).
import fs from 'node:fs/promises';
import { checkDriveTarget, finishDriveUpload } from '../drives/drive-http';
import type { Caller, FilesHost } from '../files.api';
import { joinVirtual, parentOf, resolveSafe, type Root } from '../paths';
import { HttpError } from './errors';
import { placeUpload } from './place';
import type { UploadPlan } from './upload-meta';

/** The target folder, checked for an upload's creation: writable, inside a root, an existing folder. */
export async function checkTarget(roots: readonly Root[], plan: UploadPlan): Promise<{ virtual: string; real: string }> {
  const target = await resolveSafe(roots, plan.target, { write: true });
  const stat = await fs.stat(target.real).catch(() => null);
  if (!stat) throw new HttpError(404, 'files.notFound', 'The folder the upload goes into does not exist (any more).');
  if (!stat.isDirectory()) throw new HttpError(400, 'files.notFolder', 'An upload goes into a folder, not a file.');
  // The whole path, lexically and through the links that exist now.
  await resolveSafe(roots, [...plan.folders, plan.name].reduce(joinVirtual, target.virtual), { write: true });
  return { virtual: target.virtual, real: target.real };
}

/** checkTarget for a target on this host or on a cloud drive; says which. */
export async function checkUploadTarget(host: FilesHost, caller: Caller, plan: UploadPlan): Promise<'local' | 'drive'> {
  const roots = await host.rootsFor(caller);
  const drive = await host.driveAt?.(caller, roots, plan.target, { write: true });
  if (!drive) return (await checkTarget(roots, plan), 'local');
  await checkDriveTarget(drive, plan);
  return 'drive';
}

/** Makes `plan.folders` below the target one at a time, each resolved before the next is made inside it. */
async function makeFolders(roots: readonly Root[], plan: UploadPlan): Promise<{ virtual: string; real: string; made: string[] }> {
  let { virtual, real } = await checkTarget(roots, plan);
  const made: string[] = [];
  for (const name of plan.folders) {
    virtual = joinVirtual(virtual, name);
    real = (await resolveSafe(roots, virtual, { write: true })).real;
    try {
      await fs.mkdir(real);
      made.push(virtual);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    // Resolved again: what exists there now must be a folder inside the root.
    real = (await resolveSafe(roots, virtual, { write: true })).real;
    if (!(await fs.stat(real)).isDirectory()) throw new HttpError(422, 'files.notFolder', `“${name}” is a file, so the upload cannot go into it.`);
  }
  return { virtual, real, made };
}

/** Places a complete upload; returns its virtual path and tells the caller's windows which folders changed. */
export async function finishUpload(host: FilesHost, caller: Caller, staging: string, plan: UploadPlan): Promise<string> {
  const roots = await host.rootsFor(caller);
  const drive = await host.driveAt?.(caller, roots, plan.target, { write: true });
  if (drive) {
    const sent = await finishDriveUpload(drive, staging, plan);
    host.changed(caller.id, sent.changed);
    return sent.placed;
  }
  const folder = await makeFolders(roots, plan);
  const name = await placeUpload({ staging, dir: folder.real, name: plan.name, conflict: plan.conflict, lastModified: plan.lastModified });
  const changed = new Set([folder.virtual, ...folder.made.map(parentOf)]);
  host.changed(caller.id, [...changed]);
  return joinVirtual(folder.virtual, name);
}
