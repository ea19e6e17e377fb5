// decodeBody: byte-order marks, HTTP charsets, XML prologs and HTML meta tags; GBK, Big5, Latin-1 and Windows-1252 from known bytes.
import { describe, expect, it } from 'vitest';
import { decodeBody, normalizeCharset } from './charset';

const hex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

// 中文新闻 in GBK; 中文新聞 in Big5; "Zürich café – naïve €" in Windows-1252; "Notícias Últimas" in ISO-8859-1.
const GBK = hex('d6d0cec4d0c2cec5');
const BIG5 = hex('a4a4a4e5b773bb44');
const CP1252 = hex('5afc7269636820636166e92096206e61ef76652080');
const LATIN1 = hex('4e6f74ed6369617320da6c74696d6173');

describe('decodeBody', () => {
  it('reads the XML prolog: GBK (and its gb2312 label), Big5, ISO-8859-1', () => {
    expect(decodeBody(concat(ascii('<?xml version="1.0" encoding="GB2312"?><t>'), GBK), 'application/rss+xml')).toBe('<?xml version="1.0" encoding="GB2312"?><t>中文新闻');
    expect(decodeBody(concat(ascii("<?xml version='1.0' encoding='gbk'?>"), GBK), null)).toContain('中文新闻');
    expect(decodeBody(concat(ascii('<?xml version="1.0" encoding="big5"?>'), BIG5), 'text/xml')).toContain('中文新聞');
    expect(decodeBody(concat(ascii('<?xml version="1.0" encoding="ISO-8859-1"?>'), LATIN1), null)).toContain('Notícias Últimas');
  });

  it('maps Latin-1 to Windows-1252 as browsers do (the euro sign and dashes survive)', () => {
    expect(decodeBody(concat(ascii('<?xml version="1.0" encoding="iso-8859-1"?>'), CP1252), null)).toContain('Zürich café – naïve €');
    expect(decodeBody(CP1252, 'text/xml; charset=latin1')).toBe('Zürich café – naïve €');
    expect(decodeBody(CP1252, 'text/xml; charset="windows-1252"')).toBe('Zürich café – naïve €');
  });

  it('lets the HTTP charset win over the document', () => {
    expect(decodeBody(concat(ascii('<?xml version="1.0" encoding="utf-8"?>'), GBK), 'text/xml; charset=gbk')).toContain('中文新闻');
    expect(decodeBody(BIG5, 'text/html; charset=Big5')).toBe('中文新聞');
  });

  it('trusts the document when the header claims UTF-8 but the bytes are not', () => {
    expect(decodeBody(concat(ascii('<?xml version="1.0" encoding="gbk"?>'), GBK), 'application/xml; charset=utf-8')).toContain('中文新闻');
    const utf8 = new Uint8Array(Buffer.from('<?xml version="1.0" encoding="gbk"?>中文', 'utf8'));
    expect(decodeBody(utf8, 'application/xml; charset=utf-8')).toContain('中文');
  });

  it('reads HTML <meta charset> and <meta http-equiv>', () => {
    expect(decodeBody(concat(ascii('<html><head><meta charset="gbk"><title>'), GBK), 'text/html')).toContain('<title>中文新闻');
    expect(decodeBody(concat(ascii('<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head>'), BIG5), null)).toContain('中文新聞');
  });

  it('honours byte-order marks over everything else', () => {
    expect(decodeBody(concat(hex('efbbbf'), ascii('<?xml version="1.0" encoding="gbk"?>'), new Uint8Array(Buffer.from('中文'))), 'text/xml; charset=big5')).toBe('<?xml version="1.0" encoding="gbk"?>中文');
    const le = new Uint8Array(Buffer.concat([hex('fffe'), Buffer.from('<rss>é</rss>', 'utf16le')]));
    expect(decodeBody(le, null)).toBe('<rss>é</rss>');
    const be = Buffer.from('<rss>é</rss>', 'utf16le').swap16();
    expect(decodeBody(new Uint8Array(Buffer.concat([hex('feff'), be])), null)).toBe('<rss>é</rss>');
  });

  it('falls back to UTF-8 for unknown labels, and to Windows-1252 for bytes that are not UTF-8', () => {
    expect(decodeBody(new Uint8Array(Buffer.from('<?xml encoding="x-klingon"?>ünï', 'utf8')), 'text/xml; charset=nonsense')).toBe('<?xml encoding="x-klingon"?>ünï');
    expect(decodeBody(CP1252, null)).toBe('Zürich café – naïve €');
    expect(decodeBody(new Uint8Array(Buffer.from('plain ü', 'utf8')), null)).toBe('plain ü');
    expect(decodeBody(new Uint8Array(0), null)).toBe('');
  });

  it('normalises labels, aliases included', () => {
    expect(normalizeCharset('GB2312')).toBe('gbk');
    expect(normalizeCharset('cp936')).toBe('gbk');
    expect(normalizeCharset('"ISO-8859-1"')).toBe('windows-1252');
    expect(normalizeCharset('latin1')).toBe('windows-1252');
    expect(normalizeCharset('utf8')).toBe('utf-8');
    expect(normalizeCharset('UTF_8')).toBe('utf-8');
    expect(normalizeCharset('big5-hkscs')).toBe('big5');
    expect(normalizeCharset('cp950')).toBe('big5');
    expect(normalizeCharset('shift-jis')).toBe('shift_jis');
    expect(normalizeCharset('x-klingon')).toBeNull();
    expect(normalizeCharset('')).toBeNull();
  });
});
