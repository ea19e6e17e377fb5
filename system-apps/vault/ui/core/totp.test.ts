// TOTP: RFC 6238 test vectors for each hash, otpauth:// parsing, loose secrets, and clear errors.
import { describe, expect, it } from 'vitest';
import { isValidTotp, parseTotp, totpCode, TotpError } from './totp';

// RFC 6238 appendix B seeds, base32.
const SHA1 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SHA256 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';
const SHA512 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA';
const uri = (secret: string, algo: string) => `otpauth://totp/Test:me?secret=${secret}&algorithm=${algo}&digits=8`;

describe('totp', () => {
  it('matches the RFC 6238 vectors for SHA1, SHA256 and SHA512', async () => {
    const cases: [number, string, string, string][] = [
      [59, '94287082', '46119246', '90693936'],
      [1111111109, '07081804', '68084774', '25091201'],
      [2000000000, '69279037', '90698825', '38618901'],
    ];
    for (const [t, s1, s256, s512] of cases) {
      expect((await totpCode(uri(SHA1, 'SHA1'), t * 1000)).code).toBe(s1);
      expect((await totpCode(uri(SHA256, 'SHA256'), t * 1000)).code).toBe(s256);
      expect((await totpCode(uri(SHA512, 'SHA512'), t * 1000)).code).toBe(s512);
    }
  });

  it('reads a URI’s label, issuer, digits and period, and counts down', async () => {
    const p = parseTotp('otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=7&period=60');
    expect(p).toEqual({ secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', algorithm: 'sha256', digits: 7, period: 60, issuer: 'ACME Co', account: 'john.doe@email.com' });
    const c = await totpCode(p, 61_000);
    expect(c.code).toMatch(/^\d{7}$/);
    expect(c).toMatchObject({ secondsLeft: 59, period: 60 });
    expect((await totpCode(p, 119_999)).secondsLeft).toBe(1);
  });

  it('takes a bare secret with spaces, lower case and padding, including short 80-bit ones', async () => {
    expect(parseTotp(' jbsw y3dp ehpk 3pxp ')).toMatchObject({ secret: 'JBSWY3DPEHPK3PXP', algorithm: 'sha1', digits: 6, period: 30 });
    expect((await totpCode('JBSWY3DPEHPK3PXP', 59_000)).code).toMatch(/^\d{6}$/);
    expect(parseTotp('GEZDGNBV====').secret).toBe('GEZDGNBV');
  });

  it('refuses what cannot be a TOTP secret, with a reason', () => {
    const problem = (s: string) => {
      try {
        parseTotp(s);
        return 'ok';
      } catch (e) {
        expect(e).toBeInstanceOf(TotpError);
        return (e as TotpError).problem;
      }
    };
    expect(problem('')).toBe('empty');
    expect(problem('not base32!')).toBe('notBase32');
    expect(problem('ABCDEFGHI')).toBe('notBase32');
    expect(problem('otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1')).toBe('notTotp');
    expect(problem('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5')).toBe('badParameter');
    expect(problem('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=4')).toBe('badParameter');
    expect(problem('otpauth://totp/x')).toBe('empty');
    expect(isValidTotp('JBSWY3DPEHPK3PXP')).toBe(true);
    expect(isValidTotp('1111')).toBe(false);
  });
});
