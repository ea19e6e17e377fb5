// Encrypts small secrets (cloud drive keys) for the database with AES-256-GCM under a key kept in the data folder, never in the database.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /**
   * The key from `FILES_SECRET_KEY` (64 hex characters) when given, else `<data>/secrets/files.key`, made
   * (0600, atomically) on first use. Several replicas share the data folder, so they share the key.
   */
  static open(dataDir: string, envKey?: string): SecretBox {
    if (envKey) {
      if (!/^[0-9a-f]{64}$/i.test(envKey)) throw new Error('FILES_SECRET_KEY must be 64 hexadecimal characters (32 bytes)');
      return new SecretBox(Buffer.from(envKey, 'hex'));
    }
    const file = path.join(dataDir, 'secrets', 'files.key');
    try {
      return new SecretBox(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(temp, randomBytes(32).toString('hex'), { mode: 0o600 });
    try {
      // link fails when another process made the key first: then that one is used.
      fs.linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(temp, { force: true });
    }
    return new SecretBox(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex'));
  }

  static fromKey(key: Buffer): SecretBox {
    return new SecretBox(key);
  }

  /** `v1.<base64(nonce ‖ ciphertext ‖ tag)>`; `context` (e.g. the owner's id) is bound in as associated data. */
  seal(plaintext: string, context: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64')}`;
  }

  /** Throws when the text was changed, sealed under another key or for another context. */
  open(sealed: string, context: string): string {
    const [version, data] = sealed.split('.', 2);
    if (version !== VERSION || !data) throw new Error('unknown sealed format');
    const raw = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  }
}
