// The reader's look (theme, font size, typeface), remembered per user in this browser.
export type ReaderTheme = 'auto' | 'light' | 'sepia' | 'dark';
export type ReaderFont = 'serif' | 'sans';

export interface ReaderPrefs {
  theme: ReaderTheme;
  fontSize: number;
  font: ReaderFont;
}

export const FONT_SIZES = { min: 14, max: 26, step: 1 } as const;
export const DEFAULT_PREFS: ReaderPrefs = { theme: 'auto', fontSize: 18, font: 'serif' };
const THEMES: ReaderTheme[] = ['auto', 'light', 'sepia', 'dark'];

export function prefsKey(userId: string): string {
  return `olares.wise.reader.${userId}`;
}

export function readPrefs(userId: string, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): ReaderPrefs {
  try {
    const raw = JSON.parse(storage?.getItem(prefsKey(userId)) ?? '{}') as Partial<ReaderPrefs>;
    const size = Number(raw.fontSize);
    return {
      theme: THEMES.includes(raw.theme as ReaderTheme) ? (raw.theme as ReaderTheme) : DEFAULT_PREFS.theme,
      fontSize: Number.isFinite(size) ? Math.min(FONT_SIZES.max, Math.max(FONT_SIZES.min, Math.round(size))) : DEFAULT_PREFS.fontSize,
      font: raw.font === 'sans' ? 'sans' : 'serif',
    };
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

export function writePrefs(userId: string, prefs: ReaderPrefs, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(prefsKey(userId), JSON.stringify(prefs));
  } catch {
    // private mode or full: not remembered
  }
}
