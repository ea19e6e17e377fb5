// Numbers on the GPU page as people read them: VRAM in MiB/GiB, percentages, watts and degrees, with a dash where the card reports nothing.
export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

export type VramUnit = 'MiB' | 'GiB';

/** Bytes as GiB (one decimal, none when whole) from 1 GiB up, else MiB; a dash for null. */
export function formatVram(bytes: number | null | undefined, locale = 'en-US'): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  const nf = (max: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: max });
  if (Math.abs(bytes) >= GIB) return `${nf(1).format(Math.round((bytes / GIB) * 10) / 10)} GiB`;
  return `${nf(0).format(Math.round(bytes / MIB))} MiB`;
}

/** A 0..1 share as a whole percentage; a dash for null. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%`;
}

export function formatTemperature(c: number | null | undefined): string {
  return c === null || c === undefined || !Number.isFinite(c) ? '–' : `${Math.round(c)} °C`;
}

/** Power draw over its limit ("71 / 300 W"); either side may be missing. */
export function formatPower(w: number | null | undefined, limit: number | null | undefined): string {
  const f = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : String(Math.round(n)));
  if ((w === null || w === undefined) && (limit === null || limit === undefined)) return '–';
  return `${f(w)} / ${f(limit)} W`;
}

/** Used over total as 0..1 for a bar; null when the card does not say how much is used. */
export function vramShare(used: number | null, total: number): number | null {
  if (used === null || !(total > 0)) return null;
  return Math.min(1, Math.max(0, used / total));
}

/** Bytes in the unit the VRAM input shows (GiB to two decimals, MiB whole). */
export function toUnit(bytes: number, unit: VramUnit): number {
  return unit === 'GiB' ? Math.floor((bytes / GIB) * 100) / 100 : Math.floor(bytes / MIB);
}

/** A number typed in the VRAM input as whole MiB in bytes (what the server is sent); null when not a positive number. */
export function fromUnit(value: number | string | null | undefined, unit: VramUnit): number | null {
  const n = typeof value === 'string' ? Number(value.replace(',', '.')) : value;
  if (n === null || n === undefined || !Number.isFinite(n) || n <= 0) return null;
  const mib = Math.round(unit === 'GiB' ? n * 1024 : n);
  return mib > 0 ? mib * MIB : null;
}

/** The slider's step in MiB: fine for small amounts, coarser for big cards (about 100 steps). */
export function sliderStep(maxBytes: number): number {
  const mib = maxBytes / MIB;
  for (const s of [1, 16, 64, 128, 256, 512]) if (mib / s <= 128) return s;
  return 1024;
}

/** The unit that reads best for an amount the input starts with. */
export function unitFor(bytes: number): VramUnit {
  return bytes >= GIB ? 'GiB' : 'MiB';
}
