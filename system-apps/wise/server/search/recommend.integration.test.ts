// "For you" on a real PostgreSQL: cold start, ranking that follows reads, stars and dismissals, reasons, and only the user's own unread entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServers, type TestDatabase } from '../../../../bff/testing/databases';
import type { ForYouItem } from '../../shared/wire';
import { ImageSigner } from '../image-proxy';
import { WiseSearch } from './search.service';
import { addEntries, addFeed, addUser } from './testing/seed';

const K8S = [
  ['Kubernetes operators explained', 'A Kubernetes operator reconciles custom resources in the cluster; controllers watch pods and deployments.'],
  ['Scaling Kubernetes clusters', 'Autoscaling pods and nodes in Kubernetes clusters with the cluster autoscaler and deployments.'],
  ['Kubernetes networking deep dive', 'Services, ingress and CNI plugins route traffic between pods in a Kubernetes cluster.'],
  ['Helm charts for Kubernetes', 'Helm packages Kubernetes deployments, services and config maps for the cluster.'],
  ['Debugging crashing pods', 'When Kubernetes pods crash, kubectl logs and events from the cluster show why the deployment failed.'],
  ['Kubernetes storage and volumes', 'Persistent volumes and claims give pods in a Kubernetes cluster durable storage.'],
] as const;
const COOKING = [
  ['Slow-cooked tomato sauce', 'Simmer tomatoes, garlic and onions for hours; the sauce thickens and the recipe rewards patience.'],
  ['Sourdough bread at home', 'Feed the starter, knead the dough, and bake the bread in a hot oven; a simple recipe.'],
  ['Roasting vegetables', 'Toss vegetables with olive oil and garlic, roast them in the oven until caramelised; a recipe for dinner.'],
  ['Weeknight pasta recipe', 'Boil the pasta, fry garlic in olive oil, add tomatoes and basil: dinner in twenty minutes.'],
  ['Baking cookies', 'Cream butter and sugar, fold in flour and chocolate, bake the dough in the oven; a recipe kids love.'],
  ['Garlic and onion soup', 'Onions and garlic simmer slowly in stock; this soup recipe is dinner on a cold night.'],
] as const;

describe.each(testServers())('wise recommendations on $name PostgreSQL', (server) => {
  let db: TestDatabase;
  let search: WiseSearch;
  let now = Date.now();
  let alice: string;
  let bob: string;
  let k8s: string[];
  let cooking: string[];
  let own: string;
  let techFeed: string;

  const mark = async (user: string, id: string, col: 'read_at' | 'starred_at' | 'dismissed_at', kind: 'read' | 'star' | 'dismiss') => {
    await db.pool.query(
      `INSERT INTO wise_entry_state (user_id, entry_id, ${col}) VALUES ($1, $2, now()) ON CONFLICT (user_id, entry_id) DO UPDATE SET ${col} = now()`,
      [user, id],
    );
    await search.onFeedback(user, id, kind);
  };
  const rankOf = (items: ForYouItem[], id: string) => items.findIndex((i) => i.id === id);
  const scoreOf = (items: ForYouItem[], id: string) => items.find((i) => i.id === id)!.score;

  beforeAll(async () => {
    db = await createTestDatabase(server);
    alice = await addUser(db.pool, 'alice');
    bob = await addUser(db.pool, 'bob');
    techFeed = await addFeed(db.pool, 'Cloud Weekly', [alice]);
    const food = await addFeed(db.pool, 'Kitchen Notes', [alice, bob]);
    // Interleaved ages, cooking always a little newer: freshness alone would put cooking first.
    k8s = await addEntries(db.pool, { feedId: techFeed }, K8S.map(([title, text], i) => ({ title, text, ageHours: 2 * i + 2 })), now);
    cooking = await addEntries(db.pool, { feedId: food }, COOKING.map(([title, text], i) => ({ title, text, ageHours: 2 * i + 1 })), now);
    [own] = (await addEntries(db.pool, { owner: alice }, [{ title: 'Saved: Kubernetes pods and clusters', text: 'My saved notes on Kubernetes pods.', ageHours: 30 }], now)) as [string];
    // Too old to recommend.
    await addEntries(db.pool, { feedId: techFeed }, [{ title: 'Ancient Kubernetes news', text: 'Kubernetes pods cluster', ageHours: 24 * 40 }], now);
    search = new WiseSearch({ pool: db.pool, images: new ImageSigner(Buffer.alloc(32, 1)), now: () => now });
    const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM wise_entries');
    await search.onEntriesAdded(rows.map((r) => r.id));
  });

  afterAll(async () => {
    await db.drop();
  });

  it('starts with the newest unread entries, each marked fresh or not', async () => {
    const items = await search.forYou(alice, 30);
    expect(items.map((i) => i.id)).toEqual([cooking[0], k8s[0], cooking[1], k8s[1], cooking[2], k8s[2], cooking[3], k8s[3], cooking[4], k8s[4], cooking[5], k8s[5], own]);
    expect(items.every((i) => i.reasons.length === 1 && i.reasons[0]!.key === 'fresh')).toBe(true);
    expect(items[0]!.score).toBeGreaterThan(items.at(-1)!.score);
  });

  it('puts Kubernetes above cooking once the user reads and stars Kubernetes, and says why', async () => {
    await mark(alice, k8s[0]!, 'read_at', 'read');
    await mark(alice, k8s[1]!, 'read_at', 'read');
    await mark(alice, k8s[1]!, 'starred_at', 'star');
    const items = await search.forYou(alice, 30);
    // Read entries are gone; every unread Kubernetes item ranks above every cooking item.
    expect(items.map((i) => i.id)).not.toContain(k8s[0]);
    expect(items.map((i) => i.id)).not.toContain(k8s[1]);
    const lastK8s = Math.max(...[k8s[2], k8s[3], k8s[4], k8s[5], own].map((id) => rankOf(items, id!)));
    const firstCooking = Math.min(...cooking.map((id) => rankOf(items, id)));
    expect(lastK8s).toBeLessThan(firstCooking);
    const top = items.find((i) => i.feedId === techFeed)!;
    const shared = top.reasons.find((r) => r.key === 'sharedTerms');
    expect(shared?.terms).toContain('kubernetes');
    const likeStarred = items.filter((i) => i.reasons.some((r) => r.key === 'similarToStarred')).map((i) => i.id);
    expect(likeStarred.length).toBeGreaterThan(0);
    for (const id of likeStarred) expect([...k8s, own]).toContain(id);
    expect(top.reasons.find((r) => r.key === 'favouriteFeed')).toEqual({ key: 'favouriteFeed', feed: 'Cloud Weekly' });
    // A saved article has no feed to favour, but shares the words.
    expect(items.find((i) => i.id === own)!.reasons.map((r) => r.key)).toContain('sharedTerms');
    // Cooking shares no word with what was read.
    expect(items.find((i) => i.id === cooking[0])!.reasons.map((r) => r.key)).toEqual(['fresh']);
  });

  it('lowers items like the one dismissed', async () => {
    const before = await search.forYou(alice, 30);
    await mark(alice, cooking[0]!, 'dismissed_at', 'dismiss');
    const after = await search.forYou(alice, 30);
    expect(after.map((i) => i.id)).not.toContain(cooking[0]);
    // The other garlic-and-recipe items fall, by more than the Kubernetes ones (the profile is renormalised).
    const drop = (id: string) => scoreOf(before, id) - scoreOf(after, id);
    for (const id of [cooking[3]!, cooking[5]!]) expect(drop(id)).toBeGreaterThan(Math.max(0, drop(k8s[2]!), drop(k8s[3]!)));
  });

  it('takes a star back with an unstar', async () => {
    const before = await search.forYou(alice, 30);
    await db.pool.query('UPDATE wise_entry_state SET starred_at = NULL WHERE user_id = $1 AND entry_id = $2', [alice, k8s[1]]);
    await search.onFeedback(alice, k8s[1]!, 'unstar');
    const after = await search.forYou(alice, 30);
    expect(after[0]!.reasons.some((r) => r.key === 'similarToStarred')).toBe(false);
    expect(scoreOf(after, k8s[2]!)).toBeLessThan(scoreOf(before, k8s[2]!));
  });

  it("recommends only the user's own feeds and saved entries", async () => {
    await mark(bob, cooking[2]!, 'read_at', 'read');
    const items = await search.forYou(bob, 30);
    const ids = items.map((i) => i.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of [...k8s, own]) expect(ids).not.toContain(id);
    // Alice's dismissal is hers alone.
    expect(ids).toContain(cooking[0]);
  });

  it('lets old feedback fade: months later, new reading outweighs it', async () => {
    now += 120 * 86_400_000;
    // Everything is old now; new cooking and Kubernetes items arrive, and the user reads cooking.
    const newK8s = await addEntries(db.pool, { feedId: techFeed }, [{ title: 'Kubernetes cluster upgrades', text: 'Upgrading Kubernetes clusters and pods safely.', ageHours: 2 }], now);
    const newFood = await addEntries(
      db.pool,
      { feedId: (await db.pool.query<{ feed_id: string }>('SELECT feed_id FROM wise_entries WHERE id = $1', [cooking[1]])).rows[0]!.feed_id },
      [
        { title: 'Garlic bread recipe', text: 'Garlic, butter and bread baked in the oven: a recipe for dinner.', ageHours: 1 },
        { title: 'Tomato and basil pasta', text: 'Tomatoes, basil, garlic and olive oil make this pasta recipe.', ageHours: 3 },
      ],
      now,
    );
    await search.onEntriesAdded([...newK8s, ...newFood]);
    await mark(alice, newFood[0]!, 'read_at', 'read');
    await mark(alice, newFood[0]!, 'starred_at', 'star');
    const items = await search.forYou(alice, 30);
    expect(items.map((i) => i.id)).toEqual([newFood[1], newK8s[0]]);
  });

  it('folds a batch of feedback at once into the same profile as one by one', async () => {
    const one = await addUser(db.pool, 'one-by-one');
    const many = await addUser(db.pool, 'all-at-once');
    const at = now;
    // Both had read something ten days ago, which has faded since.
    now = at - 10 * 86_400_000;
    for (const user of [one, many]) await search.onFeedback(user, k8s[2]!, 'star');
    now = at;
    const events = [
      { entryId: k8s[0]!, kind: 'read' as const },
      { entryId: k8s[0]!, kind: 'star' as const },
      { entryId: cooking[0]!, kind: 'read' as const },
      { entryId: cooking[2]!, kind: 'dismiss' as const },
      { entryId: k8s[2]!, kind: 'unstar' as const },
      { entryId: own, kind: 'read' as const },
      // Never indexed: ignored either way.
      { entryId: '00000000-0000-4000-8000-000000000000', kind: 'read' as const },
    ];
    for (const e of events) await search.onFeedback(one, e.entryId, e.kind);
    await search.onFeedbackMany(many, events);
    const profile = async (user: string) => (await db.pool.query('SELECT vec, starred, events, updated_at FROM wise_profiles WHERE user_id = $1', [user])).rows[0];
    const rows = async (sql: string, user: string) => (await db.pool.query<{ k: string; w: number }>(sql, [user])).rows;
    const [a, b] = [await profile(one), await profile(many)];
    expect(b.events).toBe(a.events);
    expect(b.events).toBe(7);
    expect(b.updated_at).toEqual(a.updated_at);
    // Equal, up to the rounding of real[] (stored after each event one by one, once at once).
    for (const col of ['vec', 'starred'] as const) {
      expect(b[col]).toHaveLength(a[col].length);
      expect(Math.max(...(a[col] as number[]).map((x, i) => Math.abs(x - b[col][i])))).toBeLessThan(1e-5);
      expect(Math.max(...(b[col] as number[]).map(Math.abs))).toBeGreaterThan(0.01);
    }
    for (const sql of [
      'SELECT term AS k, weight AS w FROM wise_profile_terms WHERE user_id = $1 ORDER BY term',
      'SELECT feed_id::text AS k, weight AS w FROM wise_profile_feeds WHERE user_id = $1 ORDER BY feed_id',
    ]) {
      const [x, y] = [await rows(sql, one), await rows(sql, many)];
      expect(y.map((r) => r.k)).toEqual(x.map((r) => r.k));
      expect(y.length).toBeGreaterThan(1);
      y.forEach((r, i) => expect(r.w).toBeCloseTo(x[i]!.w, 4));
    }
  });
});
