// Dates and lengths as a reader shows them: "5 min ago", "Yesterday", "12 Mar", and a rough reading time.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A short date for a list row: relative within a week, then the day (with the year when it is not this year). */
export function shortWhen(ms: number | null, locale: string, now = Date.now()): string {
  if (ms === null) return '';
  const ago = now - ms;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (ago < MIN && ago > -MIN) return rtf.format(0, 'second');
  if (ago < HOUR && ago > 0) return rtf.format(-Math.floor(ago / MIN), 'minute');
  if (ago < DAY && ago > 0) return rtf.format(-Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY && ago > 0) return rtf.format(-Math.floor(ago / DAY), 'day');
  const d = new Date(ms);
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' }).format(d);
}

/** The full date and time (the reader's header, tooltips). */
export function longWhen(ms: number | null, locale: string): string {
  if (ms === null) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** Minutes to read a text: 230 words a minute, or 400 characters a minute for Chinese, Japanese and Korean; at least 1. */
export function readingMinutes(text: string): number {
  const cjk = (text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g) ?? []).length;
  const words = text.replace(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g, ' ').split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 230 + cjk / 400));
}

/** The host of a URL without "www.", or '' when it is not one. */
export function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
