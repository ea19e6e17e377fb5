// Figures as people read them, in the user's language: bytes (binary multiples), rates, percentages, cores, load and times on chart axes.
import type { Range, SeriesUnit } from '../../shared/wire';

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

function number(locale: string, value: number, digits: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** 1536 → "1.5 KiB"; three significant figures at most above 100 ("123 MiB"), one decimal below. */
export function formatBytes(bytes: number, locale: string): string {
  if (!Number.isFinite(bytes)) return '–';
  let value = Math.abs(bytes);
  let i = 0;
  while (value >= 1024 && i < BYTE_UNITS.length - 1) {
    value /= 1024;
    i++;
  }
  const digits = i === 0 || value >= 100 ? 0 : 1;
  return `${bytes < 0 ? '-' : ''}${number(locale, value, digits)} ${BYTE_UNITS[i]}`;
}

export function formatRate(bytesPerSec: number, locale: string): string {
  return `${formatBytes(bytesPerSec, locale)}/s`;
}

/** A 0..1 ratio as a percentage: 0.1234 → "12.3%" (a whole number from 10 % up when `compact`). */
export function formatPercent(ratio: number, locale: string, compact = false): string {
  if (!Number.isFinite(ratio)) return '–';
  const digits = compact && Math.abs(ratio) >= 0.1 ? 0 : 1;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio);
}

export function formatLoad(load: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(load);
}

/** CPU cores with up to two decimals (0.25 cores = 250 millicores). */
export function formatCores(cores: number, locale: string): string {
  return number(locale, cores, cores < 10 ? 2 : 1);
}

export function formatCount(n: number, locale: string): string {
  return number(locale, Math.round(n), 0);
}

/** A value of a chart series in its unit. */
export function formatValue(value: number | null | undefined, unit: SeriesUnit, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'ratio':
      return formatPercent(value, locale);
    case 'bytes':
      return formatBytes(value, locale);
    case 'bytesPerSec':
      return formatRate(value, locale);
    case 'count':
      return formatCount(value, locale);
    case 'load':
      return formatLoad(value, locale);
    case 'celsius':
      return `${number(locale, value, 0)} °C`;
    case 'watts':
      return `${number(locale, value, 0)} W`;
  }
}

/** Shorter labels for axes: no decimals on percentages. */
export function formatAxis(value: number, unit: SeriesUnit, locale: string): string {
  if (unit === 'ratio') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
  return formatValue(value, unit, locale);
}

/** A time on a chart's axis: hours and minutes within a day, the date too over a week. */
export function formatTime(ms: number, range: Range, locale: string): string {
  const opts: Intl.DateTimeFormatOptions =
    range === '7d' ? { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' } : range === 'live' ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(locale, opts).format(new Date(ms));
}

/** The axis's compact label (day for a week, hour and minute otherwise). */
export function formatAxisTime(ms: number, range: Range, locale: string): string {
  const opts: Intl.DateTimeFormatOptions = range === '7d' ? { month: 'numeric', day: 'numeric' } : { hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(locale, opts).format(new Date(ms));
}
