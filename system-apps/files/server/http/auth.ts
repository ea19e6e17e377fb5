// The signed-in caller of a Files HTTP request, or a 401 with the reason the desktop already knows (`auth.required`).
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../files.api';
import { HttpError } from './errors';
import type { FilesHttpDeps } from './index';

export async function requireCaller(req: FastifyRequest, deps: Pick<FilesHttpDeps, 'authenticate'>, reason = 'auth.required'): Promise<Caller> {
  const caller = await deps.authenticate(req);
  if (!caller) throw new HttpError(401, reason, 'Sign in to continue; your session has ended or expired.');
  return caller;
}
