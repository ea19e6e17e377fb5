// The password health report over decrypted items: weak (zxcvbn score ≤ 2), reused (grouped by password), and old (unchanged for over a year).
import { checkStrength, type Score } from './strength';
import type { DecryptedItem, LoginItem } from './types';

export const WEAK_SCORE = 2;
export const OLD_AFTER_MS = 365 * 24 * 60 * 60 * 1000;

export interface HealthReport {
  weak: { item: DecryptedItem; score: Score }[];
  /** Logins sharing one password, largest groups first; the password itself is not in the report. */
  reused: { items: DecryptedItem[] }[];
  old: { item: DecryptedItem; since: number }[];
  /** Live logins with a password, the base of the counts. */
  checked: number;
}

type Login = DecryptedItem & { item: LoginItem };

/** When the login's current password was set: its last change, or when the item was made. */
export function passwordSince(d: DecryptedItem): number {
  return d.item.passwordHistory[0]?.changedAt || d.createdAt;
}

export async function healthReport(
  items: DecryptedItem[],
  opts: { now?: number; strength?: (password: string, userInputs: string[]) => Promise<{ score: Score }> } = {},
): Promise<HealthReport> {
  const now = opts.now ?? Date.now();
  const strength = opts.strength ?? checkStrength;
  const logins = items.filter((d): d is Login => d.deletedAt === null && d.item.kind === 'login' && d.item.login.password !== '');

  const byPassword = new Map<string, Login[]>();
  for (const d of logins) byPassword.set(d.item.login.password, [...(byPassword.get(d.item.login.password) ?? []), d]);

  const scores = new Map<string, Score>();
  for (const [password, group] of byPassword) {
    const first = group[0]!;
    scores.set(password, (await strength(password, [first.item.name, first.item.login.username])).score);
  }

  return {
    weak: logins.filter((d) => scores.get(d.item.login.password)! <= WEAK_SCORE).map((d) => ({ item: d, score: scores.get(d.item.login.password)! })),
    reused: [...byPassword.values()]
      .filter((g) => g.length > 1)
      .sort((a, b) => b.length - a.length)
      .map((g) => ({ items: g })),
    old: logins.filter((d) => now - passwordSince(d) > OLD_AFTER_MS).map((d) => ({ item: d, since: passwordSince(d) })),
    checked: logins.length,
  };
}
