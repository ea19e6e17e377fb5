import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n';
import { CLOCK_FORMATS, clockFormat } from './clock-format';

describe('the clock formats', () => {
  for (const locale of LOCALES) {
    it(`write ${locale} times as Intl does, every minute of a day`, () => {
      const intl = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
      for (let m = 0; m < 24 * 60; m++) {
        const d = new Date(2026, 10, 27, Math.floor(m / 60), m % 60, 30);
        expect(CLOCK_FORMATS[locale].time(d)).toBe(intl.format(d));
      }
    });

    it(`write ${locale} dates as Intl does, every day of a leap year`, () => {
      const intl = new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric' });
      for (let day = 0; day < 366; day++) {
        const d = new Date(2028, 0, 1 + day, 12);
        expect(CLOCK_FORMATS[locale].date(d)).toBe(intl.format(d));
      }
    });
  }

  it('falls back to en-US for a language it does not know', () => {
    expect(clockFormat('fr-FR')).toBe(CLOCK_FORMATS['en-US']);
    expect(clockFormat('zh-CN')).toBe(CLOCK_FORMATS['zh-CN']);
  });
});
