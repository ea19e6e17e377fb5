// Input shapes for account procedures, shared by the routers and the command-line tools.
import { z } from 'zod';

export const userName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'use 2–32 lowercase letters, digits or dashes, starting with a letter');

export const newPassword = z
  .string()
  .min(8, 'use at least 8 characters')
  .max(256, 'use at most 256 characters');

export const displayName = z.string().trim().max(64, 'use at most 64 characters').default('');

export const setupInput = z.object({ name: userName, displayName, password: newPassword });
export const loginInput = z.object({ name: z.string().min(1, 'enter your name').max(64), password: z.string().min(1, 'enter your password').max(256) });
export const codeInput = z.object({ code: z.string().trim().min(6, 'enter the code').max(32) });
export const passwordInput = z.object({ password: z.string().min(1, 'enter your password').max(256) });
export const createUserInput = z.object({ name: userName, displayName, password: newPassword, role: z.enum(['admin', 'member']) });
