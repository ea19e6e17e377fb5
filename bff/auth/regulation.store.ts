// SQL for login regulation: failure counts and bans per account name and per client address.
import type { Queryable } from '../db/pool';

export type RegulationKind = 'account' | 'address';

export class RegulationStore {
  constructor(private readonly db: Queryable) {}

  /** True when any of the given keys is banned now. */
  async isBanned(keys: { kind: RegulationKind; key: string }[]): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `SELECT 1 FROM login_regulation r
         JOIN unnest($1::text[], $2::text[]) AS k(kind, key) ON r.kind = k.kind AND r.key = k.key
        WHERE r.banned_until > now()`,
      [keys.map((k) => k.kind), keys.map((k) => k.key)],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * Counts one failure for a key inside a window of `windowMs`; once `max` is reached the key is
   * banned for `banMs` and its count starts again. Atomic, so parallel attempts all count.
   */
  async recordFailure(kind: RegulationKind, key: string, max: number, windowMs: number, banMs: number): Promise<void> {
    await this.db.query(
      `INSERT INTO login_regulation AS r (kind, key, failures, first_failure)
       VALUES ($1, $2, 1, now())
       ON CONFLICT (kind, key) DO UPDATE SET
         failures = CASE WHEN r.first_failure < now() - make_interval(secs => $3) THEN 1 ELSE r.failures + 1 END,
         first_failure = CASE WHEN r.first_failure < now() - make_interval(secs => $3) THEN now() ELSE r.first_failure END`,
      [kind, key, windowMs / 1000],
    );
    await this.db.query(
      `UPDATE login_regulation SET banned_until = now() + make_interval(secs => $4), failures = 0, first_failure = now()
        WHERE kind = $1 AND key = $2 AND failures >= $3`,
      [kind, key, max, banMs / 1000],
    );
  }

  async clear(kind: RegulationKind, key: string): Promise<void> {
    await this.db.query('DELETE FROM login_regulation WHERE kind = $1 AND key = $2', [kind, key]);
  }
}
