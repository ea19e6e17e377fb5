// Why this exists: seeded synthetic articles for the Wise bench — English-like text with Zipf-distributed words, topics, a few real words at known rates, and some Chinese.
import type pg from 'pg';

/** mulberry32: a small seeded generator, so that every run builds the same articles. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ka ri mon te sal vo ne li da por ten is ur ba lo men chi fa gor el an tri qua dex op sen ru mi ho ste'.split(' ');
const HAN = Array.from('的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质');

/** Words any article may use, most common first (a Zipf law picks among them). */
function vocabulary(random: () => number, n: number): string[] {
  const words = new Set<string>();
  while (words.size < n) {
    let w = '';
    const parts = 1 + Math.floor(random() * 3);
    for (let i = 0; i < parts; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (w.length > 2) words.add(w);
  }
  return [...words];
}

/** Picks index i with weight 1/(i+1): a Zipf law over `n` items. */
function zipf(random: () => number, n: number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Real words planted at known rates, so that queries match a known share of articles. */
export const PLANTED = [
  { word: 'kubernetes', rate: 0.005 },
  { word: 'database', rate: 0.05 },
  { word: 'performance', rate: 0.2 },
  { word: 'open source', rate: 0.02 },
] as const;
/** Planted in Chinese articles. */
export const PLANTED_ZH = { word: '数据库', rate: 0.2 };
export const CHINESE_SHARE = 0.1;

export interface Article {
  title: string;
  text: string;
}

/** An endless, seeded stream of articles. */
export function articles(seed: number): () => Article {
  const random = rng(seed);
  const vocab = vocabulary(random, 20_000);
  const pick = zipf(random, vocab.length);
  const topics = Array.from({ length: 50 }, () => Array.from({ length: 40 }, () => vocab[Math.floor(random() * vocab.length)]!));
  const han = () => HAN[Math.floor(random() * HAN.length)]!;
  const sentence = (topic: string[], words: number) => {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(random() < 0.3 ? topic[Math.floor(random() * topic.length)]! : vocab[pick()]!);
    return out;
  };
  return () => {
    const topic = topics[Math.floor(random() * topics.length)]!;
    if (random() < CHINESE_SHARE) {
      const chars = (n: number) => Array.from({ length: n }, han).join('');
      const parts = Array.from({ length: 8 + Math.floor(random() * 12) }, () => chars(10 + Math.floor(random() * 25)));
      if (random() < PLANTED_ZH.rate) parts.splice(Math.floor(random() * parts.length), 0, PLANTED_ZH.word + chars(5));
      return { title: chars(6 + Math.floor(random() * 10)), text: `${parts.join('，')}。` };
    }
    const words = sentence(topic, 150 + Math.floor(random() * 250));
    for (const p of PLANTED) if (random() < p.rate) words.splice(Math.floor(random() * words.length), 0, p.word);
    const title = sentence(topic, 5 + Math.floor(random() * 6));
    if (random() < 0.002) title.splice(1, 0, PLANTED[0].word);
    const text = words.join(' ').replace(/((?:\S+ ){12}\S+) /g, '$1. ');
    return { title: title.join(' '), text: `${text}.` };
  };
}

/** Stores `count` generated articles spread over `feedIds` (the first `ownCount` as `owner`'s saved articles); returns their ids. */
export async function insertArticles(pool: pg.Pool, next: () => Article, count: number, feedIds: string[], owner: string, ownCount: number): Promise<string[]> {
  const ids: string[] = [];
  const BATCH = 2000;
  const start = Date.now();
  for (let done = 0; done < count; done += BATCH) {
    const n = Math.min(BATCH, count - done);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = done + k;
      const a = next();
      return { i, own: i < ownCount, feed: i < ownCount ? null : feedIds[i % feedIds.length]!, ...a, at: new Date(start - i * 60_000).toISOString() };
    });
    const { rows: inserted } = await pool.query<{ id: string }>(
      `INSERT INTO wise_entries (kind, feed_id, user_id, dedupe_key, url, title, text, summary, published_at, fetched_at)
       SELECT CASE WHEN r.own THEN 'saved' ELSE 'feed' END, r.feed, CASE WHEN r.own THEN $1::uuid END, 'bench-' || r.i,
              'https://bench.test/a/' || r.i, r.title, r.text, left(r.text, 240), r.at, r.at
         FROM unnest($2::int[], $3::boolean[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[]) AS r(i, own, feed, title, text, at)
       RETURNING id`,
      [owner, rows.map((r) => r.i), rows.map((r) => r.own), rows.map((r) => r.feed), rows.map((r) => r.title), rows.map((r) => r.text), rows.map((r) => r.at)],
    );
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}
