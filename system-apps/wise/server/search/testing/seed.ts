// Test data for Wise's search and recommendations: users, feeds, subscriptions and entries written straight into the tables.
import type pg from 'pg';

export async function addUser(pool: pg.Pool, name: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO users (name, role, password_hash) VALUES ($1, 'member', 'x') RETURNING id`, [name]);
  return rows[0]!.id;
}

export async function addFeed(pool: pg.Pool, title: string, subscribers: string[]): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO wise_feeds (url, title) VALUES ($1, $2) RETURNING id`, [
    `https://example.test/${encodeURIComponent(title)}/${Math.random().toString(36).slice(2)}.xml`,
    title,
  ]);
  const id = rows[0]!.id;
  for (const user of subscribers) await pool.query('INSERT INTO wise_subscriptions (user_id, feed_id) VALUES ($1, $2)', [user, id]);
  return id;
}

export interface SeedEntry {
  title: string;
  text: string;
  /** Hours before `now`. */
  ageHours?: number;
}

/** Stores entries of a feed (or one user's saved articles, with `owner`); returns their ids in order. */
export async function addEntries(pool: pg.Pool, where: { feedId: string } | { owner: string }, entries: SeedEntry[], now = Date.now()): Promise<string[]> {
  const ids: string[] = [];
  for (const e of entries) {
    const at = new Date(now - (e.ageHours ?? 1) * 3_600_000);
    const own = 'owner' in where;
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO wise_entries (kind, feed_id, user_id, dedupe_key, url, title, text, summary, published_at, fetched_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, left($7, 240), $8, $8) RETURNING id`,
      [
        own ? 'saved' : 'feed',
        own ? null : where.feedId,
        own ? where.owner : null,
        `${e.title}-${Math.random()}`,
        `https://example.test/${encodeURIComponent(e.title)}`,
        e.title,
        e.text,
        at,
      ],
    );
    ids.push(rows[0]!.id);
  }
  return ids;
}
