// parseFeedDate: RFC 822 with odd zones and spellings, ISO 8601 with and without zones, and garbage refused.
import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './dates';

const utc = (...a: [number, number, number, number?, number?, number?]) => Date.UTC(...a);

describe('parseFeedDate', () => {
  it('reads RFC 822 with named, numeric and odd zones', () => {
    expect(parseFeedDate('Wed, 03 Jan 2018 13:47:00 GMT')).toBe(utc(2018, 0, 3, 13, 47));
    expect(parseFeedDate('07 Nov 2015 12:00:00 EST')).toBe(utc(2015, 10, 7, 17));
    expect(parseFeedDate('Thu, 12 Nov 2015 21:16:39 +0000')).toBe(utc(2015, 10, 12, 21, 16, 39));
    expect(parseFeedDate('Tue, 10 Jun 2003 04:00:00 -0700')).toBe(utc(2003, 5, 10, 11));
    expect(parseFeedDate('Tue, 10 Jun 2003 04:00:00 +05:30')).toBe(utc(2003, 5, 9, 22, 30));
    expect(parseFeedDate('Fri, 20 Feb 2015 09:51:15 UTC')).toBe(utc(2015, 1, 20, 9, 51, 15));
    expect(parseFeedDate('Fri, 20 Feb 2015 09:51:15 UT')).toBe(utc(2015, 1, 20, 9, 51, 15));
    expect(parseFeedDate('Mon, 01 Jan 2024 08:00:00 GMT+8')).toBe(utc(2024, 0, 1));
    expect(parseFeedDate('Mon, 01 Jan 2024 10:00:00 CEST')).toBe(utc(2024, 0, 1, 8));
    expect(parseFeedDate('Mon, 01 Jan 2024 10:00:00 PDT')).toBe(utc(2024, 0, 1, 17));
    expect(parseFeedDate('Mon, 01 Jan 2024 10:00:00 Z')).toBe(utc(2024, 0, 1, 10));
  });

  it('reads sloppy RFC 822: no seconds, no zone, two-digit years, long names, month first, AM/PM, localised months', () => {
    expect(parseFeedDate('Mon, 1 Jan 2024 10:00 GMT')).toBe(utc(2024, 0, 1, 10));
    expect(parseFeedDate('1 Jan 2024 10:00:00')).toBe(utc(2024, 0, 1, 10));
    expect(parseFeedDate('Sat, 05 Mar 05 10:00:00 GMT')).toBe(utc(2005, 2, 5, 10));
    expect(parseFeedDate('Saturday, 05 March 2005 10:00:00 GMT')).toBe(utc(2005, 2, 5, 10));
    expect(parseFeedDate('Jan 3, 2018 1:47:00 PM PST')).toBe(utc(2018, 0, 3, 21, 47));
    expect(parseFeedDate('Mi, 03 Okt 2018 13:47:00 +0200')).toBe(utc(2018, 9, 3, 11, 47));
    expect(parseFeedDate('03 Jan 2018')).toBe(utc(2018, 0, 3));
  });

  it('reads ISO 8601 with offsets, fractions, spaces, compact forms, or no zone (UTC)', () => {
    expect(parseFeedDate('2015-06-01T23:49:41+02:00')).toBe(utc(2015, 5, 1, 21, 49, 41));
    expect(parseFeedDate('2018-04-09T19:39:12.675Z')).toBe(utc(2018, 3, 9, 19, 39, 12) + 675);
    expect(parseFeedDate('2018-04-09 19:39:12')).toBe(utc(2018, 3, 9, 19, 39, 12));
    expect(parseFeedDate('2018-04-09T19:39:12+0530')).toBe(utc(2018, 3, 9, 14, 9, 12));
    expect(parseFeedDate('2018-04-09')).toBe(utc(2018, 3, 9));
    expect(parseFeedDate('20180409T193912Z')).toBe(utc(2018, 3, 9, 19, 39, 12));
    expect(parseFeedDate('2018-04-09T19:39')).toBe(utc(2018, 3, 9, 19, 39));
  });

  it('returns null for missing or unreadable dates', () => {
    for (const v of [undefined, null, '', '   ', 'sometime last week', 'Mon, 99 Foo 2018 10:00:00 GMT', '2018-13-45T99:99:99Z', {}]) expect(parseFeedDate(v)).toBeNull();
  });

  it('accepts Date objects and epoch numbers', () => {
    expect(parseFeedDate(new Date(utc(2020, 0, 1)))).toBe(utc(2020, 0, 1));
    expect(parseFeedDate(1_600_000_000)).toBe(1_600_000_000_000);
    expect(parseFeedDate(1_600_000_000_000)).toBe(1_600_000_000_000);
  });
});
