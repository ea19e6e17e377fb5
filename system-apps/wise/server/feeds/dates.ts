// Reads the dates feeds write: RFC 822 with odd zones (EST, "UT", military letters, +0530, GMT+8), two-digit years, ISO 8601 with or without a zone.

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
  // Spellings seen in localised feeds (German, French, Spanish, Portuguese, Italian, Dutch).
  mär: 2, mrz: 2, mai: 4, okt: 9, dez: 11, janv: 0, févr: 1, fev: 1, fév: 1, mars: 2, avr: 3, juin: 5, juil: 6, août: 7, aou: 7, déc: 11,
  ene: 0, abr: 3, ago: 7, dic: 11, set: 8, out: 9, gen: 0, mag: 4, giu: 5, lug: 6, ott: 9, mrt: 2, mei: 4,
};

/** Zone names → minutes east of UTC (US zones, UT/GMT/Z, a few common abbreviations). */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180,
  MSK: 180, JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
  AST: -240, ADT: -180, NST: -210, NDT: -150,
};

/** A zone written after the time: "+0100", "-05:00", "GMT+8", "UTC-03:30", "EST", a military letter; minutes east of UTC. */
function zoneOffset(raw: string): number | null {
  const zone = raw.trim().replace(/^\(|\)$/g, '').toUpperCase();
  if (!zone) return 0; // no zone: read as UTC, as most readers do
  const numeric = /^(?:(?:GMT|UTC|UT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const word = zone.split(/\s+/)[0]!;
  if (word in ZONES) return ZONES[word]!;
  if (/^[A-IK-Z]$/.test(word)) return 0; // RFC 822 military zones are unreliable in practice: treat as UTC
  return null;
}

function inRange(month: number, day: number, hour: number, minute: number, second: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60;
}

function fourDigitYear(y: number): number {
  if (y >= 100) return y;
  return y < 50 ? 2000 + y : 1900 + y;
}

/** "Wed, 03 Jan 2018 13:47:00 GMT", "07 Nov 2005 09:00:00 EST", "3 Jan 18 1:47 +0000", "Jan 3, 2018 13:47:00 PST". */
function rfc822(raw: string): number | null {
  // A weekday first ("Wed, ", "Mi., ", "Wednesday ") says nothing the date does not.
  const s = raw.replace(/^[A-Za-zÀ-ÿ]+\.?,\s*/, '').replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+/i, '').trim();
  let m = /^(\d{1,2})[\s-]+([A-Za-zÀ-ÿ]+)\.?,?[\s-]+(\d{2,4})(?:,?\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(.*)$/.exec(s);
  let day: string, month: string, year: string, rest: string[];
  if (m) {
    [, day, month, year] = m as unknown as [string, string, string, string];
    rest = m.slice(4);
  } else {
    m = /^([A-Za-zÀ-ÿ]+)\.?\s+(\d{1,2}),?\s+(\d{2,4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(.*)$/.exec(s);
    if (!m) {
      const dateOnly = /^(\d{1,2})\s+([A-Za-zÀ-ÿ]+)\.?\s+(\d{4})\s*$/.exec(s);
      if (!dateOnly) return null;
      const mon = MONTHS[dateOnly[2]!.toLowerCase().slice(0, 4)] ?? MONTHS[dateOnly[2]!.toLowerCase().slice(0, 3)];
      return mon === undefined ? null : Date.UTC(Number(dateOnly[3]), mon, Number(dateOnly[1]));
    }
    [, month, day, year] = m as unknown as [string, string, string, string];
    rest = m.slice(4);
  }
  const name = month.toLowerCase();
  const mon = MONTHS[name] ?? MONTHS[name.slice(0, 4)] ?? MONTHS[name.slice(0, 3)];
  if (mon === undefined) return null;
  let hour = Number(rest[0]);
  const minute = Number(rest[1]);
  const second = Number(rest[2] ?? 0);
  let zoneText = rest[3] ?? '';
  const ampm = /^(AM|PM)\b\s*/i.exec(zoneText);
  if (ampm) {
    if (ampm[1]!.toUpperCase() === 'PM' && hour < 12) hour += 12;
    if (ampm[1]!.toUpperCase() === 'AM' && hour === 12) hour = 0;
    zoneText = zoneText.slice(ampm[0].length);
  }
  const offset = zoneOffset(zoneText);
  if (offset === null || !inRange(mon + 1, Number(day), hour, minute, second)) return null;
  const t = Date.UTC(fourDigitYear(Number(year)), mon, Number(day), hour, minute, second) - offset * 60_000;
  return Number.isNaN(t) ? null : t;
}

/** "2018-01-03", "2018-01-03T13:47:00Z", "2018-01-03 13:47:00", "2018-01-03T13:47:00+0100", "20180103T134700Z". */
function iso8601(raw: string): number | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{2,5})?$/.exec(raw);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone = ''] = m;
  const offset = zoneOffset(zone === 'Z' ? 'Z' : zone);
  if (offset === null || !inRange(Number(mo), Number(d), Number(h), Number(mi), Number(s))) return null;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offset * 60_000;
  return Number.isNaN(t) ? null : t;
}

/** A feed date as ms since the epoch, or null when missing or unreadable (never a guess from garbage). */
export function parseFeedDate(raw: unknown): number | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.getTime();
  if (typeof raw === 'number') return Number.isFinite(raw) ? (raw < 1e11 ? raw * 1000 : raw) : null;
  if (typeof raw !== 'string') return null;
  const s = raw.replace(/\s+/g, ' ').trim();
  if (!s) return null;
  const t = /^\d{4}-?\d{2}-?\d{2}/.test(s) ? iso8601(s) : rfc822(s);
  if (t !== null) return t;
  const fallback = Date.parse(s);
  return Number.isNaN(fallback) ? null : fallback;
}
