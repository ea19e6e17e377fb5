// Live TOTP codes for logins: reads otpauth:// URIs and bare base32 secrets, then computes RFC 6238 codes with otplib.
import { createGuardrails, generate } from 'otplib';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpParams {
  /** Base32, upper case, without spaces or padding. */
  secret: string;
  algorithm: TotpAlgorithm;
  digits: number;
  period: number;
  issuer: string;
  account: string;
}

export interface TotpCode {
  code: string;
  /** Seconds until the code changes (1…period). */
  secondsLeft: number;
  period: number;
}

export type TotpProblem = 'empty' | 'notBase32' | 'tooShort' | 'notTotp' | 'badUri' | 'badParameter';

/** Why a TOTP secret cannot be used; `message` says it in English, `problem` is a stable key for translation. */
export class TotpError extends Error {
  constructor(
    readonly problem: TotpProblem,
    message: string,
  ) {
    super(message);
    this.name = 'TotpError';
  }
}

const BASE32 = /^[A-Z2-7]+$/;
/** Real secrets are often 80 bits (10 bytes), below otplib's default 128-bit floor; anything from 1 byte is accepted, as authenticator apps do. */
const GUARDRAILS = createGuardrails({ MIN_SECRET_BYTES: 1, MAX_SECRET_BYTES: 1024 });

function normaliseSecret(raw: string): string {
  const secret = raw.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (!secret) throw new TotpError('empty', 'The TOTP secret is empty.');
  if (!BASE32.test(secret)) throw new TotpError('notBase32', 'The TOTP secret is not base32 (letters A–Z and digits 2–7).');
  if ((secret.length * 5) / 8 < 1 || [1, 3, 6].includes(secret.length % 8)) throw new TotpError('notBase32', 'The TOTP secret has a length that base32 cannot have.');
  return secret;
}

function parseUri(text: string): TotpParams {
  let url: URL;
  try {
    url = new URL(text);
  } catch (_e) {
    throw new TotpError('badUri', 'This otpauth:// link cannot be read.');
  }
  const type = (url.host || url.pathname.replace(/^\/\//, '').split('/')[0] || '').toLowerCase();
  if (type !== 'totp') throw new TotpError('notTotp', type === 'hotp' ? 'Counter-based (HOTP) codes are not supported; only time-based (TOTP).' : 'This otpauth:// link is not for a time-based code.');
  const p = url.searchParams;
  const label = decodeURIComponent(url.pathname.replace(/^\/+/, '').replace(/^totp\//i, ''));
  const [labelIssuer, labelAccount] = label.includes(':') ? [label.slice(0, label.indexOf(':')), label.slice(label.indexOf(':') + 1)] : ['', label];
  const algorithm = (p.get('algorithm') ?? 'SHA1').toLowerCase().replace('-', '');
  if (algorithm !== 'sha1' && algorithm !== 'sha256' && algorithm !== 'sha512') throw new TotpError('badParameter', `The algorithm ${p.get('algorithm')} is not supported (SHA1, SHA256 or SHA512).`);
  const digits = Number(p.get('digits') ?? 6);
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) throw new TotpError('badParameter', 'A code must have 6, 7 or 8 digits.');
  const period = Number(p.get('period') ?? 30);
  if (!Number.isInteger(period) || period < 1 || period > 3600) throw new TotpError('badParameter', 'The period must be a whole number of seconds from 1 to 3600.');
  return { secret: normaliseSecret(p.get('secret') ?? ''), algorithm, digits, period, issuer: p.get('issuer') ?? labelIssuer.trim(), account: labelAccount.trim() };
}

/** Reads an otpauth://totp/… URI or a bare base32 secret (spaces, dashes and padding allowed). */
export function parseTotp(input: string): TotpParams {
  const text = input.trim();
  if (/^otpauth:/i.test(text)) return parseUri(text);
  return { secret: normaliseSecret(text), algorithm: 'sha1', digits: 6, period: 30, issuer: '', account: '' };
}

/** The code at `now` (ms since epoch) for a URI, a secret, or parsed parameters. */
export async function totpCode(input: string | TotpParams, now = Date.now()): Promise<TotpCode> {
  const p = typeof input === 'string' ? parseTotp(input) : input;
  const epoch = Math.floor(now / 1000);
  let code: string;
  try {
    code = await generate({ secret: p.secret, algorithm: p.algorithm, digits: p.digits, period: p.period, epoch, guardrails: GUARDRAILS });
  } catch (e) {
    throw new TotpError('notBase32', `The TOTP secret cannot be used: ${(e as Error).message}`);
  }
  return { code, secondsLeft: p.period - (epoch % p.period), period: p.period };
}

/** True when `input` is a usable TOTP secret or URI. */
export function isValidTotp(input: string): boolean {
  try {
    parseTotp(input);
    return true;
  } catch (_e) {
    return false;
  }
}
