// Wise search on a real PostgreSQL: English and Chinese matches with safe marks, websearch syntax, who sees what, and re-indexing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServers, type TestDatabase } from '../../../../bff/testing/databases';
import { ImageSigner } from '../image-proxy';
import { WiseSearch } from './search.service';
import { addEntries, addFeed, addUser } from './testing/seed';

/** Every tag in highlighted HTML is a bare <mark> or </mark>: nothing from an article passes as markup. */
const onlyMarks = (html: string) => (html.match(/<[^>]*>/g) ?? []).every((t) => t === '<mark>' || t === '</mark>');

describe.each(testServers())('wise search on $name PostgreSQL', (server) => {
  let db: TestDatabase;
  let search: WiseSearch;
  let alice: string;
  let bob: string;
  const ids = {} as Record<'k8s' | 'evil' | 'long' | 'zh' | 'secret' | 'saved', string>;

  beforeAll(async () => {
    db = await createTestDatabase(server);
    alice = await addUser(db.pool, 'alice');
    bob = await addUser(db.pool, 'bob');
    const tech = await addFeed(db.pool, 'Cloud Weekly', [alice]);
    const zh = await addFeed(db.pool, '少数派', [alice, bob]);
    const secret = await addFeed(db.pool, 'Bob Private', [bob]);
    [ids.k8s, ids.evil, ids.long] = (await addEntries(db.pool, { feedId: tech }, [
      { title: 'Kubernetes operators in practice', text: 'Writing a Kubernetes operator means reconciling desired state with the cluster. Operators watch resources.' },
      {
        title: '<script>alert("t")</script> Kubernetes & "friends"',
        text: 'An <img src=x onerror="alert(1)"> image tag and a <b>bold</b> Kubernetes claim \uE000 with stray marks \uE001.',
      },
      { title: 'A long read', text: `${'Filler words about nothing much at all. '.repeat(1500)}Finally the pelican census appears near the end.` },
    ])) as [string, string, string];
    [ids.zh] = (await addEntries(db.pool, { feedId: zh }, [{ title: '年度文件管理报告', text: '今年我们整理了家庭照片和文件管理系统，效率提高了很多。' }])) as [string];
    [ids.secret] = (await addEntries(db.pool, { feedId: secret }, [{ title: 'Kubernetes secrets of Bob', text: 'Only Bob subscribes to this Kubernetes feed.' }])) as [string];
    [ids.saved] = (await addEntries(db.pool, { owner: alice }, [{ title: 'Saved: sourdough and Kubernetes', text: 'My own saved article.' }])) as [string];
    search = new WiseSearch({ pool: db.pool, images: new ImageSigner(Buffer.alloc(32, 7)) });
    await search.onEntriesAdded(Object.values(ids));
  });

  afterAll(async () => {
    await db.drop();
  });

  it('finds English words in titles and bodies, titles first, with the matches marked', async () => {
    const hits = await search.query(alice, 'kubernetes', 30);
    expect(hits.map((h) => h.id).sort()).toEqual([ids.k8s, ids.evil, ids.saved].sort());
    const k8s = hits.find((h) => h.id === ids.k8s)!;
    expect(k8s.titleHtml).toBe('<mark>Kubernetes</mark> operators in practice');
    expect(k8s.snippetHtml).toContain('<mark>Kubernetes</mark> operator');
    expect(k8s.source).toBe('Cloud Weekly');
    expect(k8s.read).toBe(false);
    expect(hits.every((h) => h.rank > 0)).toBe(true);
    expect(hits.map((h) => h.rank)).toEqual([...hits.map((h) => h.rank)].sort((a, b) => b - a));
  });

  it('lets no markup from an article through the highlights', async () => {
    const [hit] = await search.query(alice, 'claim', 30);
    expect(hit!.id).toBe(ids.evil);
    for (const html of [hit!.titleHtml, hit!.snippetHtml]) expect(onlyMarks(html)).toBe(true);
    expect(hit!.titleHtml).toContain('&lt;script&gt;');
    // ts_headline leaves tag-like text out of fragments; what it keeps is escaped.
    expect(hit!.snippetHtml).not.toMatch(/<img|<b>/);
    expect(hit!.snippetHtml).toContain('<mark>claim</mark>');
    // The private-use characters used as marks inside the text are dropped, never turned into <mark>.
    expect(hit!.snippetHtml.match(/<mark>/g)).toHaveLength(1);
  });

  it('finds Chinese through bigrams and marks the phrase', async () => {
    const body = await search.query(alice, '家庭照片', 30);
    expect(body.map((h) => h.id)).toEqual([ids.zh]);
    expect(body[0]!.snippetHtml).toContain('<mark>家庭照片</mark>');
    const title = await search.query(alice, '文件管理', 30);
    expect(title.map((h) => h.id)).toEqual([ids.zh]);
    expect(title[0]!.titleHtml).toBe('年度<mark>文件管理</mark>报告');
    expect(await search.query(alice, '照片家庭', 30)).toEqual([]);
    // Left out, a run leaves out what holds it as written.
    expect(await search.query(alice, '报告 -文件管理', 30)).toEqual([]);
    expect((await search.query(alice, '报告 -管理文件', 30)).map((h) => h.id)).toEqual([ids.zh]);
  });

  it('understands web-search syntax, and answers nothing for a query without words', async () => {
    expect((await search.query(alice, 'kubernetes -operators -sourdough', 30)).map((h) => h.id)).toEqual([ids.evil]);
    expect((await search.query(alice, '"desired state"', 30)).map((h) => h.id)).toEqual([ids.k8s]);
    expect((await search.query(alice, '"state desired"', 30)).map((h) => h.id)).toEqual([]);
    expect((await search.query(alice, 'pelican or sourdough', 30)).map((h) => h.id).sort()).toEqual([ids.long, ids.saved].sort());
    expect(await search.query(alice, '&& !! ""', 30)).toEqual([]);
    expect(await search.query(alice, '-kubernetes -pelican', 30)).toEqual([]);
  });

  it('makes a snippet around a match deep in a long text', async () => {
    const [hit] = await search.query(alice, 'pelican', 30);
    expect(hit!.snippetHtml).toContain('<mark>pelican</mark> census');
    expect(hit!.snippetHtml.length).toBeLessThan(600);
  });

  it("shows each user only their feeds' entries and their own saved articles", async () => {
    const bobs = await search.query(bob, 'kubernetes', 30);
    expect(bobs.map((h) => h.id)).toEqual([ids.secret]);
    expect((await search.query(bob, '家庭照片', 30)).map((h) => h.id)).toEqual([ids.zh]);
    expect((await search.query(alice, 'bob', 30)).map((h) => h.id)).toEqual([]);
    expect((await search.query(bob, 'sourdough', 30)).map((h) => h.id)).toEqual([]);
  });

  it('indexes an entry again without counting it twice, and follows its new text', async () => {
    const docs = async () => Number((await db.pool.query<{ df: string }>('SELECT df FROM wise_search_df WHERE bucket = -1')).rows[0]!.df);
    const before = await docs();
    expect(before).toBe(Object.keys(ids).length);
    await db.pool.query(`UPDATE wise_entries SET text = 'Now about flamingos instead.' WHERE id = $1`, [ids.long]);
    await search.onEntriesAdded([ids.long, ids.long, '00000000-0000-4000-8000-000000000000']);
    expect(await docs()).toBe(before);
    expect((await search.query(alice, 'flamingos', 30)).map((h) => h.id)).toEqual([ids.long]);
    expect(await search.query(alice, 'pelican', 30)).toEqual([]);
  });

  it('forgets a deleted entry', async () => {
    await db.pool.query('DELETE FROM wise_entries WHERE id = $1', [ids.saved]);
    expect((await search.query(alice, 'sourdough', 30)).map((h) => h.id)).toEqual([]);
  });

  it('keeps the document frequencies those of the vectors left, through re-indexing and deletions', async () => {
    const counts = async (sql: string) => (await db.pool.query<{ b: number; df: number }>(sql)).rows.sort((x, y) => x.b - y.b);
    const fromVectors = () =>
      counts(`SELECT i - 1 AS b, count(*)::int AS df FROM wise_vectors v, generate_subscripts(v.vec, 1) AS i WHERE v.vec[i] <> 0 GROUP BY i
              UNION ALL SELECT -1, count(*)::int FROM wise_vectors`);
    const kept = () => counts('SELECT bucket AS b, df::int AS df FROM wise_search_df WHERE df > 0 OR bucket = -1');
    expect(await kept()).toEqual(await fromVectors());
    // A feed's entries come and are purged with it; a saved article is indexed again with other text, then removed.
    const feed = await addFeed(db.pool, 'Gone soon', [alice]);
    const gone = await addEntries(db.pool, { feedId: feed }, [
      { title: 'Ephemeral heron migration', text: 'Herons, egrets and storks migrate along the coast every autumn.' },
      { title: 'Tide tables', text: 'Spring tides, neap tides and the moon that pulls them.' },
    ]);
    const [mine] = (await addEntries(db.pool, { owner: alice }, [{ title: 'Notes on lichen', text: 'Lichen grows slowly on granite.' }])) as [string];
    await search.onEntriesAdded([...gone, mine]);
    expect(await kept()).toEqual(await fromVectors());
    await db.pool.query(`UPDATE wise_entries SET text = 'Now about volcanoes, magma and basalt columns.' WHERE id = $1`, [mine]);
    await search.onEntriesAdded([mine]);
    expect(await kept()).toEqual(await fromVectors());
    await db.pool.query('DELETE FROM wise_feeds WHERE id = $1', [feed]);
    await db.pool.query('DELETE FROM wise_entries WHERE id = $1', [mine]);
    expect(await kept()).toEqual(await fromVectors());
    expect((await kept())[0]).toEqual({ b: -1, df: Object.keys(ids).length - 1 });
    expect(await search.query(alice, 'heron', 30)).toEqual([]);
  });

  it('finds one Chinese character alone, wherever it stands in a run', async () => {
    // It starts a bigram (照片), ends the title's run (…报告) or the text's (…很多).
    for (const q of ['照', '告', '多', '年']) expect((await search.query(alice, q, 30)).map((h) => h.id), q).toEqual([ids.zh]);
    const [hit] = await search.query(alice, '照', 30);
    expect(hit!.snippetHtml).toContain('<mark>照</mark>');
    expect(await search.query(alice, '猫', 30)).toEqual([]);
    // With other words, or left out, it keeps its meaning.
    expect(await search.query(alice, '照 kubernetes', 30)).toEqual([]);
    expect((await search.query(alice, 'kubernetes -照', 30)).map((h) => h.id)).not.toContain(ids.zh);
    expect((await search.query(alice, '照片 -多', 30)).map((h) => h.id)).toEqual([]);
  });
});
