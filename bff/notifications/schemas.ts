// Input shapes for notifications, shared by the service (notify) and the router.
import { z } from 'zod';

export const LEVELS = ['info', 'success', 'warning', 'error'] as const;
export type Level = (typeof LEVELS)[number];

// No control characters (a body may have line breaks and tabs): they have no place in a toast, and
// PostgreSQL refuses NUL. Bounded lengths also keep a notification inside one NOTIFY to other replicas.
const NO_CONTROL = /^\P{Cc}*$/u;
const TEXT_ONLY = /^(?:[\n\t]|\P{Cc})*$/u;

export const appId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'use 1–64 lowercase letters, digits or dashes');
export const title = z.string().trim().min(1, 'enter a title').max(120, 'use at most 120 characters').regex(NO_CONTROL, 'use no control characters');

export const action = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'use 1–32 lowercase letters, digits or dashes'),
  label: z.string().trim().min(1, 'enter a label').max(40, 'use at most 40 characters').regex(NO_CONTROL, 'use no control characters'),
});
export type Action = z.infer<typeof action>;

export const notifyInput = z.strictObject({
  appId,
  title,
  body: z.string().trim().max(1000, 'use at most 1000 characters').regex(TEXT_ONLY, 'use no control characters but line breaks and tabs').default(''),
  level: z.enum(LEVELS).default('info'),
  actions: z
    .array(action)
    .max(3, 'use at most 3 actions')
    .refine((a) => new Set(a.map((x) => x.id)).size === a.length, 'give each action its own id')
    .default([]),
});
export type NotifyInput = z.input<typeof notifyInput>;

/** Where the last page ended: the last item's `createdAt` (to the microsecond) and id. */
export const cursor = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z_[0-9a-f-]{36}$/, 'not a cursor from notifications.list');

export const listInput = z
  .object({ cursor: cursor.nullish(), limit: z.number().int().min(1).max(100).default(30) })
  .prefault({});

/** Some of the caller's notifications by id, or all of them. */
export const selection = z.union([
  z.strictObject({ ids: z.array(z.uuid('not a notification id')).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type Selection = z.infer<typeof selection>;

export const setMuteInput = z.object({ appId, muted: z.boolean() });
export const testInput = z.object({ title: title.optional() }).prefault({});
