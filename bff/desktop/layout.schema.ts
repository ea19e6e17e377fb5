// What a saved desktop looks like: a strict, bounded zod schema (the server stores only what it checked) and the default.
import { z } from 'zod';
import { BUILTIN_WALLPAPER_IDS } from './builtin-wallpapers';

export const MAX_WINDOWS = 50;
export const MAX_DOCK = 50;
export const MAX_APP_SIZES = 100;
const MAX_PROPS_KEYS = 20;
const MAX_PROPS_JSON = 4096;
const MAX_PROPS_DEPTH = 8;
const MAX_SIZE = 10_000;
const MAX_POSITION = 100_000;

export const appId = z.string().min(1, 'enter an app id').max(64, 'use at most 64 characters').regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes');
const position = z.number().min(-MAX_POSITION, `use at least -${MAX_POSITION}`).max(MAX_POSITION, `use at most ${MAX_POSITION}`);
const size = z.number().min(0, 'use at least 0').max(MAX_SIZE, `use at most ${MAX_SIZE}`);

export const WINDOW_STATES = [
  'normal',
  'minimized',
  'maximized',
  'snapped-left',
  'snapped-right',
  'snapped-top-left',
  'snapped-top-right',
  'snapped-bottom-left',
  'snapped-bottom-right',
] as const;

/** The shape of a row id (any UUID), checked before it reaches SQL. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uploadId = z.string().regex(UUID, 'name an uploaded wallpaper by its id');

const geometry = z.strictObject({ x: position, y: position, width: size, height: size });

/**
 * Whether `value` is plain JSON no deeper than MAX_PROPS_DEPTH. Walked without recursion, so a
 * hostile, deeply nested value cannot exhaust the stack.
 */
function isShallowJson(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      continue;
    }
    if (typeof v !== 'object' || depth >= MAX_PROPS_DEPTH) return false;
    if (!Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype) return false;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

/** Small app-specific state a window keeps across reloads (the folder Files shows, the tab Settings is on). */
const props = z
  .record(z.string().max(64, 'use keys of at most 64 characters'), z.unknown())
  .refine((p) => Object.keys(p).length <= MAX_PROPS_KEYS, `use at most ${MAX_PROPS_KEYS} keys`)
  .refine((p) => isShallowJson(p) && JSON.stringify(p).length <= MAX_PROPS_JSON, `use plain JSON, at most ${MAX_PROPS_DEPTH} levels deep and ${MAX_PROPS_JSON} characters long`);

const windowSchema = z.strictObject({
  id: z.string().min(1, 'enter a window id').max(64, 'use at most 64 characters'),
  appId,
  x: position,
  y: position,
  width: size,
  height: size,
  state: z.enum(WINDOW_STATES),
  z: z.number().int().min(0, 'use at least 0').max(2_147_483_647, 'use a smaller stacking order'),
  restore: geometry.optional(),
  props: props.optional(),
});

const wallpaper = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('builtin'), id: z.enum(BUILTIN_WALLPAPER_IDS) }),
  z.strictObject({ kind: z.literal('upload'), id: uploadId }),
]);

const unique = (list: readonly string[]) => new Set(list).size === list.length;

export const layoutSchema = z
  .strictObject({
    windows: z.array(windowSchema).max(MAX_WINDOWS, `use at most ${MAX_WINDOWS} windows`),
    focusedId: z.string().max(64, 'use at most 64 characters').nullable().optional(),
    dock: z
      .array(appId)
      .max(MAX_DOCK, `use at most ${MAX_DOCK} apps`)
      .refine(unique, 'list each app once'),
    appSizes: z
      .record(appId, z.strictObject({ width: size, height: size }))
      .refine((s) => Object.keys(s).length <= MAX_APP_SIZES, `remember at most ${MAX_APP_SIZES} app sizes`),
    wallpaper,
    theme: z.enum(['light', 'dark', 'auto']),
    locale: z.enum(['en-US', 'zh-CN']),
  })
  .superRefine((layout, ctx) => {
    const ids = layout.windows.map((w) => w.id);
    if (!unique(ids)) ctx.addIssue({ code: 'custom', path: ['windows'], message: 'give each window its own id' });
    if (layout.focusedId != null && !ids.includes(layout.focusedId)) {
      ctx.addIssue({ code: 'custom', path: ['focusedId'], message: 'name one of the open windows, or null' });
    }
  });

export type DesktopLayout = z.infer<typeof layoutSchema>;
export type DesktopWindow = DesktopLayout['windows'][number];
export type WindowState = (typeof WINDOW_STATES)[number];

export const DEFAULT_DOCK = ['files', 'wise', 'vault', 'market', 'settings', 'dashboard', 'control-hub', 'profile', 'devbox'];

/** The desktop of a user who never saved one: the system apps in the dock, no windows. */
export function defaultLayout(): DesktopLayout {
  return {
    windows: [],
    focusedId: null,
    dock: [...DEFAULT_DOCK],
    appSizes: {},
    wallpaper: { kind: 'builtin', id: 'aurora' },
    theme: 'auto',
    locale: 'en-US',
  };
}

export const saveLayoutInput = z.strictObject({
  layout: layoutSchema,
  baseVersion: z.number().int().min(0, 'use the version you loaded (0 for none)').max(2_147_483_647),
});
