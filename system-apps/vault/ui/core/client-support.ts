// Pieces of the Vault client that hold no keys: its session shape, retries with the same input, sliced crypto work, and item views.
import type { ItemView } from '../../shared/wire';
import { isTransient } from './api';
import { cloneItem, normalizeItem } from './items';
import type { DecryptedItem, PlainItem } from './types';

export interface VaultClientOptions {
  /** Waits before retrying a write that got no answer or a 5xx (same idempotency key each time). */
  retryDelaysMs?: number[];
}

export interface VaultKey {
  keyVersion: number;
  sealedKey: string;
  key: CryptoKey;
}

export interface Session {
  privateKey: CryptoKey;
  publicKey: string;
  /** Vault keys by vault id; null where the sealed key did not open. */
  vaults: Map<string, VaultKey | null>;
}

/** Items per call of items.import (each call is all or none). */
export const IMPORT_CHUNK = 2_000;
/** The largest attachment, before encryption. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` over `list` in slices, so a long list does not start thousands of crypto operations at once. */
export async function mapSliced<T, R>(list: readonly T[], fn: (x: T) => Promise<R>, slice = 256): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < list.length; i += slice) out.push(...(await Promise.all(list.slice(i, i + slice).map(fn))));
  return out;
}

export function decrypted(v: ItemView, item: PlainItem): DecryptedItem {
  return { id: v.id, vaultId: v.vaultId, revision: v.revision, keyVersion: v.keyVersion, createdAt: v.createdAt, updatedAt: v.updatedAt, deletedAt: v.deletedAt, item };
}

/** A detached, well-formed copy of what the UI handed in (it may be a reactive proxy). */
export const plain = (item: PlainItem): PlainItem => normalizeItem(cloneItem(item));

/**
 * A write, retried on no answer or a 5xx with the very same input (so the same idempotency key).
 * `recover` decides, after a retry was refused, whether the first attempt had in fact gone through.
 */
export function retrying(delays: number[]) {
  return async function write<T>(fn: () => Promise<T>, recover?: (e: unknown) => Promise<T | undefined>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (isTransient(e) && attempt < delays.length) {
          await sleep(delays[attempt]!);
          continue;
        }
        if (attempt > 0 && recover) {
          const done = await recover(e).catch(() => undefined);
          if (done !== undefined) return done;
        }
        throw e;
      }
    }
  };
}
