// Sealed drive keys: round trip, bound to their owner, tamper-evident, and one key file shared by every process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-secret-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('SecretBox', () => {
  it('seals and opens; the sealed text holds nothing of the secret', () => {
    const box = SecretBox.fromKey(randomBytes(32));
    const sealed = box.seal('{"secretAccessKey":"wJalrXUtnFEMI"}', 'user-1');
    expect(sealed).not.toContain('wJalr');
    expect(box.open(sealed, 'user-1')).toBe('{"secretAccessKey":"wJalrXUtnFEMI"}');
    expect(box.seal('same', 'u')).not.toBe(box.seal('same', 'u'));
  });

  it('refuses another owner, a changed byte and another key', () => {
    const box = SecretBox.fromKey(randomBytes(32));
    const sealed = box.seal('secret', 'user-1');
    expect(() => box.open(sealed, 'user-2')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[14]! ^= 1;
    expect(() => box.open(`v1.${raw.toString('base64')}`, 'user-1')).toThrow();
    expect(() => SecretBox.fromKey(randomBytes(32)).open(sealed, 'user-1')).toThrow();
  });

  it('makes its key file once, private to the server, and reads the same key later', () => {
    const a = SecretBox.open(dir);
    const file = path.join(dir, 'secrets', 'files.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const b = SecretBox.open(dir);
    expect(b.open(a.seal('x', 'c'), 'c')).toBe('x');
    expect(() => SecretBox.open(dir, 'short')).toThrow(/64 hexadecimal/);
  });
});
