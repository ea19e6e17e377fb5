// The password health report over decrypted items: weak (zxcvbn score ≤ 2), reused (grouped by password), and old (unchanged for over a year).
import { passwordStrength, type Score } from './strength';
import type { DecryptedItem, LoginItem } from './types';

export const WEAK_SCORE = 2;
export const OLD_AFTER_MS = 365 * 24 * 60 * 60 * 1000;

/** What the report needs of an item; trashed items (deletedAt set) are left out. */
export type HealthInput = Pick<DecryptedItem, 'id' | 'item' | 'updatedAt'> & Partial<Pick<DecryptedItem, 'createdAt' | 'deletedAt'>>;

export interface HealthReport {
  weak: { id: string; score: Score }[];
  /** Ids of logins sharing one password, largest groups first; the password itself is not in the report. */
  reused: string[][];
  /** Logins whose password is older than a year, and since when. */
  old: { id: string; since: number }[];
  /** Live logins with a password: the base of the counts. */
  checked: number;
  /** True while strength comes from the stand-in (dictionaries still loading; see preloadStrength). */
  pending: boolean;
}

type Login = HealthInput & { item: LoginItem };

/**
 * When the login's current password was set: its last change in the history; otherwise when the item
 * was made (or, lacking that, last saved).
 */
export function passwordSince(d: HealthInput): number {
  return d.item.passwordHistory[0]?.changedAt || d.createdAt || d.updatedAt;
}

export function healthReport(items: HealthInput[], opts: { now?: number; strength?: (password: string, userInputs: string[]) => { score: Score; pending?: boolean } } = {}): HealthReport {
  const now = opts.now ?? Date.now();
  const strength = opts.strength ?? passwordStrength;
  const logins = items.filter((d): d is Login => !d.deletedAt && d.item.kind === 'login' && d.item.login.password !== '');

  const byPassword = new Map<string, Login[]>();
  for (const d of logins) byPassword.set(d.item.login.password, [...(byPassword.get(d.item.login.password) ?? []), d]);

  let pending = false;
  const scores = new Map<string, Score>();
  for (const [password, group] of byPassword) {
    const first = group[0]!;
    const s = strength(password, [first.item.name, first.item.login.username]);
    pending ||= s.pending === true;
    scores.set(password, s.score);
  }

  return {
    weak: logins.filter((d) => scores.get(d.item.login.password)! <= WEAK_SCORE).map((d) => ({ id: d.id, score: scores.get(d.item.login.password)! })),
    reused: [...byPassword.values()]
      .filter((g) => g.length > 1)
      .sort((a, b) => b.length - a.length)
      .map((g) => g.map((d) => d.id)),
    old: logins.filter((d) => now - passwordSince(d) > OLD_AFTER_MS).map((d) => ({ id: d.id, since: passwordSince(d) })),
    checked: logins.length,
    pending,
  };
}
