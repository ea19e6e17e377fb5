// The health report: weak, reused (grouped) and old logins; trashed items, other kinds and empty passwords are left out.
import { describe, expect, it } from 'vitest';
import { healthReport, OLD_AFTER_MS } from './health';
import { newItem } from './items';
import { preloadStrength } from './strength';
import type { DecryptedItem, PlainItem } from './types';

const NOW = 2_000_000_000_000;
let n = 0;
function d(item: PlainItem, over: Partial<DecryptedItem> = {}): DecryptedItem {
  return { id: `id-${++n}`, vaultId: 'v', revision: 1, keyVersion: 1, createdAt: NOW - 1000, updatedAt: NOW - 1000, deletedAt: null, item, ...over };
}
function login(name: string, password: string): PlainItem {
  const i = newItem('login');
  i.name = name;
  i.login.password = password;
  return i;
}

describe('health', () => {
  it('finds weak, reused and old passwords', async () => {
    await preloadStrength();
    const weak = d(login('Weak', 'password1'));
    const r1 = d(login('Reuse 1', 'Tr0ub4dor&3-horse-staple'));
    const r2 = d(login('Reuse 2', 'Tr0ub4dor&3-horse-staple'));
    const strong = d(login('Strong', 'q8#Vz!r2Lm@x9Tc$Wp4'), { createdAt: NOW - OLD_AFTER_MS - 1 });
    const renewed = login('Renewed', 'k2$Pq!9vBz#4Lw@xT7m');
    renewed.passwordHistory = [{ password: 'x', changedAt: NOW - 5000 }];
    const fresh = d(renewed, { createdAt: NOW - 3 * OLD_AFTER_MS });
    const binned = d(login('Binned', 'password1'), { deletedAt: NOW });
    const note = d(newItem('note'));
    const empty = d(login('Empty', ''));
    const report = healthReport([weak, r1, r2, strong, fresh, binned, note, empty], { now: NOW });
    expect(report).toMatchObject({ checked: 5, pending: false });
    expect(report.weak).toEqual([{ id: weak.id, score: expect.any(Number) }]);
    expect(report.weak[0]!.score).toBeLessThanOrEqual(2);
    expect(report.reused).toEqual([[r1.id, r2.id]]);
    expect(report.old).toEqual([{ id: strong.id, since: NOW - OLD_AFTER_MS - 1 }]);
  });

  it('falls back to the last save when the creation time is not given', () => {
    const old = login('Old', 'x');
    const report = healthReport([{ id: 'a', item: old, updatedAt: NOW - 2 * OLD_AFTER_MS }], { now: NOW, strength: () => ({ score: 4 }) });
    expect(report.old).toEqual([{ id: 'a', since: NOW - 2 * OLD_AFTER_MS }]);
    expect(report.weak).toEqual([]);
  });
});
