// Turns a fetched body into text the way browsers would: BOM, then the HTTP charset, then the XML prolog or HTML <meta>, with GBK, Big5, Latin-1 and friends.

/** Labels seen in the wild that TextDecoder (WHATWG names) does not know, mapped to one it does. */
const ALIASES: Record<string, string> = {
  cp936: 'gbk',
  ms936: 'gbk',
  'windows-936': 'gbk',
  'euc-cn': 'gbk',
  'x-euc-cn': 'gbk',
  gb2312_80: 'gbk',
  'gb2312-80': 'gbk',
  hz: 'gbk',
  cp950: 'big5',
  ms950: 'big5',
  'windows-950': 'big5',
  big5hkscs: 'big5',
  'x-big5': 'big5',
  'utf-8n': 'utf-8',
  utf_8: 'utf-8',
  'x-utf-8': 'utf-8',
  latin_1: 'windows-1252',
  'iso8859_1': 'windows-1252',
  'iso_8859_1': 'windows-1252',
  'x-sjis': 'shift_jis',
  cp932: 'shift_jis',
  'ms932': 'shift_jis',
  'windows-31j': 'shift_jis',
  cp949: 'euc-kr',
  ms949: 'euc-kr',
  'ks_c_5601': 'euc-kr',
  'utf-16': 'utf-16le',
  ucs2: 'utf-16le',
  'ucs-2': 'utf-16le',
};

/** The TextDecoder encoding for a charset label, or null when the label is unknown. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  if (!clean) return null;
  for (const candidate of [clean, ALIASES[clean], clean.replace(/_/g, '-'), ALIASES[clean.replace(/_/g, '-')]]) {
    if (!candidate) continue;
    try {
      return new TextDecoder(candidate).encoding;
    } catch {
      /* try the next spelling */
    }
  }
  return null;
}

function bomEncoding(body: Uint8Array): { encoding: string; skip: number } | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  return null;
}

/** The charset parameter of a Content-Type header. */
export function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("[^"]*"|[^;\s]*)/i.exec(contentType);
  return m ? m[1]!.replace(/"/g, '') : null;
}

/** The encoding a document declares about itself in its first bytes: an XML prolog, or an HTML <meta>. */
export function declaredCharset(head: string): string | null {
  const prolog = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (prolog) return prolog[1]!;
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (meta) return meta[1]!;
  return null;
}

/** Windows-1252's 0x80–0x9F (where it differs from ISO-8859-1); undefined bytes stay as their C1 controls. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (losing €, curly quotes, dashes): done by hand instead. */
function decodeWindows1252(body: Uint8Array): string {
  const latin1 = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

function decode(body: Uint8Array, encoding: string, fatal = false): string {
  if (encoding === 'windows-1252') return decodeWindows1252(body);
  return new TextDecoder(encoding, { fatal, ignoreBOM: false }).decode(body);
}

/**
 * Text of a body. Order: a byte-order mark; the HTTP charset; the document's own declaration (XML prolog,
 * <meta charset>, <meta http-equiv>); UTF-8. When the HTTP header says UTF-8 but the bytes are not UTF-8 and the
 * document declares something else, the document wins (a common server misconfiguration). Bytes that are
 * valid in no declared encoding fall back to Windows-1252 rather than replacement characters. Never throws.
 */
export function decodeBody(body: Uint8Array, contentType: string | null): string {
  const bom = bomEncoding(body);
  if (bom) return decode(body.subarray(bom.skip), bom.encoding);

  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 4096)).toString('latin1');
  const fromHeader = normalizeCharset(charsetFromContentType(contentType));
  const fromDocument = normalizeCharset(declaredCharset(head));

  // A UTF-16 body without a BOM cannot have been sniffed from ASCII; trust the header.
  if (fromHeader && fromHeader !== 'utf-8') return decode(body, fromHeader);
  if (fromHeader === 'utf-8' && (!fromDocument || fromDocument === 'utf-8')) return decode(body, 'utf-8');

  // The header says UTF-8 (or nothing): check the bytes before trusting it.
  let utf8: string | null = null;
  try {
    utf8 = decode(body, 'utf-8', true);
  } catch {
    utf8 = null;
  }
  if (fromHeader === 'utf-8' && utf8 !== null) return utf8;
  // A prolog that claims UTF-16 in an ASCII-readable head is wrong: the bytes are 8-bit.
  if (fromDocument && !fromDocument.startsWith('utf-16')) {
    if (fromDocument !== 'utf-8') return decode(body, fromDocument);
    if (utf8 !== null) return utf8;
  }
  return utf8 ?? decode(body, 'windows-1252');
}
