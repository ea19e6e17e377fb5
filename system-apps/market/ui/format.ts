// Pure formatting for the Market: sizes, CPU, category names, the app's text in the user's language, safe links and the letter tile of an app without an icon.
import type { CatalogEntry, LocaleText } from '../server/market.types';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 536870912 → "512 MiB", 12025908428 → "11.2 GiB" (binary units, at most one decimal). */
export function formatBytes(bytes: number, locale = 'en-US'): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return `0 B`;
  let i = 0;
  let v = bytes;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v)} ${UNITS[i]}`;
}

/** Millicores as cores: 500 → "0.5", 2000 → "2", 250 → "0.25", 1234 → "1.23". */
export function formatCores(millis: number, locale = 'en-US'): string {
  const cores = Number.isFinite(millis) && millis > 0 ? millis / 1000 : 0;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: cores < 1 ? 3 : 2 }).format(cores);
}

/** Known Olares categories: the i18n key under market.categories for each spelling (lower case, without the `_v112` suffix). */
const KNOWN_CATEGORIES: Record<string, string> = {
  ai: 'ai',
  'artificial intelligence': 'ai',
  productivity: 'productivity',
  entertainment: 'entertainment',
  utilities: 'utilities',
  utility: 'utilities',
  tools: 'utilities',
  'developer tools': 'developer',
  developer: 'developer',
  'dev tools': 'developer',
  development: 'developer',
  creativity: 'creativity',
  lifestyle: 'lifestyle',
  fun: 'fun',
  blockchain: 'blockchain',
  web3: 'blockchain',
  'social network': 'social',
  social: 'social',
  communication: 'communication',
  education: 'education',
  music: 'music',
  multimedia: 'media',
  media: 'media',
  photography: 'photos',
  photos: 'photos',
  games: 'games',
  game: 'games',
  security: 'security',
  finance: 'finance',
  health: 'health',
  news: 'news',
  'news & reading': 'news',
  'home automation': 'smartHome',
  'smart home': 'smartHome',
  'data & storage': 'storage',
  storage: 'storage',
  network: 'network',
  networking: 'network',
};

/** `Productivity_v112` → "Productivity"; trims and collapses spaces. */
export function categoryBase(id: string): string {
  return id
    .replace(/_v\d+$/i, '')
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/** The i18n key suffix of a known category, else undefined. */
export function categoryKey(id: string): string | undefined {
  return KNOWN_CATEGORIES[categoryBase(id).toLowerCase()];
}

/** A category's readable name: localised when known (t looks up `market.categories.<key>`), else as written. */
export function categoryLabel(id: string, t: (key: string) => string): string {
  const key = categoryKey(id);
  return key ? t(`market.categories.${key}`) : categoryBase(id) || id;
}

/** The app's texts in the user's language: exact tag, then same language (`zh` for `zh-CN`), then the defaults. */
export function localText(entry: Pick<CatalogEntry, 'title' | 'description' | 'locales'>, locale: string): LocaleText {
  const locales = entry.locales ?? {};
  const lang = locale.split('-')[0]!.toLowerCase();
  const exact = locales[locale];
  const same = exact ?? Object.entries(locales).find(([tag]) => tag.split(/[-_]/)[0]!.toLowerCase() === lang)?.[1];
  return {
    title: same?.title || entry.title,
    description: same?.description || entry.description,
    ...(same?.fullDescription ? { fullDescription: same.fullDescription } : {}),
    ...(same?.upgradeDescription ? { upgradeDescription: same.upgradeDescription } : {}),
  };
}

/** Only http(s) links leave the Market (a catalogue is untrusted: no `javascript:` or `data:` links). */
export function safeLink(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Image sources we load: http(s), same-origin paths and inline raster images (not SVG data, not javascript:). */
export function safeImage(url: string | undefined | null): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  if (/^data:image\/(png|jpe?g|gif|webp|avif);/i.test(trimmed)) return trimmed;
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return trimmed;
  return safeLink(trimmed);
}

/** The letter on an app's fallback tile: the first letter or digit of its title, else of its name. */
export function initialOf(title: string, name = ''): string {
  for (const s of [title, name]) {
    const m = /[\p{L}\p{N}]/u.exec(s ?? '');
    if (m) return m[0].toLocaleUpperCase();
  }
  return '?';
}

const TILE_COLOURS = ['#e0487d', '#5b6ee1', '#2d9d78', '#e8833a', '#8e5bd6', '#2f8fd8', '#c4485a', '#3f9c9c', '#b7791f', '#6b7a99'];

/** A stable colour per app name for its fallback tile. */
export function tileColour(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return TILE_COLOURS[h % TILE_COLOURS.length]!;
}

/** A request id for an idempotent install or upgrade, also where crypto.randomUUID is missing (plain http on a LAN address). */
export function newRequestId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
