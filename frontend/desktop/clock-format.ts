// The top bar's clock text in each language, without Intl: a page's first Intl formatter loads ICU's data, ~20–40 ms
// of a fresh tab's main thread on a 2-core machine, and the clock is the only Intl user of the desktop's first screen.
// clock-format.test.ts holds it to Intl's own output for every minute of a day and every day of a year.
import type { Locale } from '../i18n';

export interface ClockFormat {
  /** Hours and minutes, as Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }) writes them. */
  time(d: Date): string;
  /** As Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric' }) writes it. */
  date(d: Date): string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const EN_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ZH_DAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** One per language the desktop speaks: a new language does not type-check until it has its clock. */
export const CLOCK_FORMATS: Record<Locale, ClockFormat> = {
  'en-US': {
    time: (d) => `${pad(d.getHours() % 12 || 12)}:${pad(d.getMinutes())} ${d.getHours() < 12 ? 'AM' : 'PM'}`,
    date: (d) => `${EN_DAYS[d.getDay()]}, ${EN_MONTHS[d.getMonth()]} ${d.getDate()}`,
  },
  'zh-CN': {
    time: (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}`,
    date: (d) => `${d.getMonth() + 1}月${d.getDate()}日${ZH_DAYS[d.getDay()]}`,
  },
};

export function clockFormat(locale: string): ClockFormat {
  return CLOCK_FORMATS[locale as Locale] ?? CLOCK_FORMATS['en-US'];
}
