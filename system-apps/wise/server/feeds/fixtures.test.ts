// The ten real feeds in ../shared/fixtures/feeds, served from loopback and read with readFeedAt: titles, counts, entry titles, dates, links and bodies checked against the files.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeedAt } from './read';
import { startServer, serve, type TestServer } from './test-server';
import type { ParsedEntry, ParsedFeed } from './types';

const FIXTURES = path.resolve(process.cwd(), '../shared/fixtures/feeds');
const TYPES: Record<string, string> = {
  'content-encoded.rss': 'application/rss+xml; charset=UTF-8',
  'craigslist.rss': 'application/rdf+xml',
  'encoding.rss': 'application/rss+xml', // no charset: the ISO-8859-1 prolog decides
  'guardian.rss': 'text/xml; charset=utf-8',
  'gulp-atom.atom': 'application/atom+xml; charset=utf-8',
  'heise.atom': 'application/atom+xml',
  'itunes-category.rss': 'application/rss+xml',
  'missing-fields.atom': 'application/atom+xml',
  'narro.rss': 'application/xml',
  'reddit.rss': 'application/rss+xml; charset=UTF-8',
};
const proxyImage = (u: string) => `/api/wise/img?u=${encodeURIComponent(u)}`;
const iso = (e: ParsedEntry) => (e.publishedAt === null ? null : new Date(e.publishedAt).toISOString());

let srv: TestServer;
const feeds = new Map<string, ParsedFeed>();

beforeAll(async () => {
  const routes = Object.fromEntries(Object.entries(TYPES).map(([name, type]) => [`/${name}`, serve(fs.readFileSync(path.join(FIXTURES, name)), type)]));
  srv = await startServer(routes);
  for (const name of Object.keys(TYPES)) {
    const r = await readFeedAt(`${srv.base}/${name}`, { allowPrivateNetwork: true, proxyImage });
    if (!r.feed) throw new Error(`${name}: no feed`);
    feeds.set(name, r.feed);
  }
}, 60_000);
afterAll(() => srv.close());

const feed = (name: string) => feeds.get(name)!;

describe('real feeds from loopback', () => {
  it('reads all ten', () => {
    expect([...feeds.keys()].sort()).toEqual(fs.readdirSync(FIXTURES).filter((f) => /\.(rss|atom)$/.test(f)).sort());
  });

  it('content-encoded.rss (Medium): content:encoded bodies, dc:creator, tracking pixel gone', () => {
    const f = feed('content-encoded.rss');
    expect(f).toMatchObject({ format: 'rss', title: 'Food in Invironment on Medium', siteUrl: 'https://medium.com/invironment/tagged/food?source=rss----d12c403d4976--food', description: 'Latest stories tagged with Food in Invironment on Medium' });
    expect(f.entries).toHaveLength(7);
    expect(f.entries.map((e) => e.title)).toEqual([
      'THE CREATIVE FORAGER',
      'Eight Reasons You Shouldn’t Grow Your Own Food',
      'Picking Fruits and Greening Cities',
      'Wild Flavors All Year Round',
      'Lamb’s Quarter: My Favorite Wild Green.',
      'Wild Flavors All Year Round: Dry Infusions',
      'Wild Flavors All Year Round',
    ]);
    const [first] = f.entries;
    expect(first).toMatchObject({
      guid: 'https://medium.com/p/125af37d838f',
      link: 'https://medium.com/invironment/the-creative-forager-125af37d838f?source=rss----d12c403d4976--food',
      author: 'Jeremy Puma',
      imageUrl: 'https://cdn-images-1.medium.com/max/938/1*C_nVpehD-NKBgtVEULabmQ.jpeg',
      enclosure: null,
    });
    expect(iso(first!)).toBe('2018-04-09T18:55:38.000Z');
    expect(iso(f.entries[6]!)).toBe('2017-12-01T18:38:32.000Z');
    expect(f.entries[2]!.author).toBe('Thuận Sarzynski');
    expect(first!.text.startsWith('Using Wild Ingredients in the Kitchen HEY, YOU! YES, YOU WITH THE EYEBALLS! GO OUTSIDE AND EAT SOME WILD FOODS! Food is all around us')).toBe(true);
    expect(first!.html.startsWith('<h4>Using Wild Ingredients in the&nbsp;Kitchen</h4><figure><img alt="" src="/api/wise/img?u=https%3A%2F%2Fcdn-images-1.medium.com%2Fmax%2F938%2F1*C_nVpehD-NKBgtVEULabmQ.jpeg"')).toBe(true);
    for (const e of f.entries) expect(e.html).not.toMatch(/medium\.com\/_\/stat|<script/);
  });

  it('craigslist.rss (RDF): titles with entities and tags made text, dc:date with offsets', () => {
    const f = feed('craigslist.rss');
    expect(f).toMatchObject({ format: 'rdf', title: 'craigslist SF bay area | apts/housing for rent search', siteUrl: 'https://sfbay.craigslist.org/search/apa', description: null });
    expect(f.entries).toHaveLength(25);
    expect(f.entries[0]).toMatchObject({
      title: 'Bright, Spacious Beautiful Victorian (oakland north / temescal) $4300 3bd 1930ft2',
      link: 'http://sfbay.craigslist.org/eby/apa/6186664607.html',
      guid: 'http://sfbay.craigslist.org/eby/apa/6186664607.html',
    });
    expect(iso(f.entries[0]!)).toBe('2017-06-21T17:33:10.000Z'); // 10:33:10-07:00
    expect(f.entries[1]!.title).toBe('Beautifully Remodeled 1 BR with Garage Parking (Pacific Heights) $3449');
    expect(iso(f.entries[1]!)).toBe('2017-06-21T17:33:00.000Z');
    const last = f.entries[24]!;
    expect(last.title).toBe('1BD/1BA, Top floor,Private Bal.,Hardwood,Dishwasher,Parking,Laundry (oakland lake merritt / grand) $1950 1bd 625ft2');
    expect(last.link).toBe('http://sfbay.craigslist.org/eby/apa/6170845890.html');
    expect(iso(last)).toBe('2017-06-21T17:31:19.000Z');
    expect(last.text.startsWith('If you are interested in scheduling a viewing appointment, please contact Ma Properties at show contact info 1 Bedroom/1Bathroom 601 Brooklyn Ave.')).toBe(true);
    expect(last.html).toContain('<a href="https://sfbay.craigslist.org/fb/sfo/apa/6170845890" title="click to show contact info" target="_blank" rel="noopener noreferrer">show contact info</a>');
    expect(f.entries[0]!.text).toBe(
      'Updated 3+ Bedroom, 2.5 Bath, Victorian home. Beautiful original oak hardwoods, high ceilings with crown molding, stainless steel appliances, large sunny deck directly next to the kitchen for grilling and entertaining. Radiant floor heating throughou [...]',
    );
  });

  it('encoding.rss (ISO-8859-1, FeedBurner): accented text decoded, no guids, pixels dropped', () => {
    const f = feed('encoding.rss');
    expect(f).toMatchObject({ format: 'rss', title: 'Jornal de Notícias - Últimas Notícias', siteUrl: 'http://www.jn.pt/', description: 'JN. Rede de Informação.', iconUrl: 'http://www.jn.pt/favicon.ico' });
    expect(f.entries).toHaveLength(40);
    expect(f.entries[0]).toMatchObject({
      guid: null,
      title: 'Mãe de utente é a nova presidente da Raríssimas',
      link: 'http://feeds.jn.pt/~r/JN-ULTIMAS/~3/UBnb8Ra3Q1U/sonia-laig-e-a-nova-presidente-da-rarissimas-9021600.html',
      text: 'Sónia Laygue, profissional na área da Recursos Humanos e mãe de uma criança de três anos, utente na Casa dos Marcos, é a nova presidente da direção da Raríssimas.',
      html: 'Sónia Laygue, profissional na área da Recursos Humanos e mãe de uma criança de três anos, utente na Casa dos Marcos, é a nova presidente da direção da Raríssimas.',
      imageUrl: null,
    });
    expect(iso(f.entries[0]!)).toBe('2018-01-03T13:47:00.000Z');
    // A body that was only a FeedBurner pixel is empty.
    expect(f.entries[1]).toMatchObject({ title: 'Reações dos partidos ao veto de Marcelo', html: '', text: '' });
    expect(f.entries[24]!.title).toBe('Morreu o líder da igreja Mórmon');
    expect(f.entries[39]!.title).toBe('Lisboa quer passes sociais com acesso a táxis e bicicletas');
    expect(iso(f.entries[39]!)).toBe('2018-01-03T00:25:00.000Z');
    for (const e of f.entries) {
      expect(e.guid).toBeNull();
      expect(e.html).not.toContain('feedburner');
      expect(e.title).not.toContain('\ufffd');
    }
  });

  it('guardian.rss: 55 entries, authors, media images as thumbnails', () => {
    const f = feed('guardian.rss');
    expect(f).toMatchObject({
      format: 'rss',
      title: 'The Guardian',
      siteUrl: 'https://www.theguardian.com/us',
      iconUrl: 'https://assets.guim.co.uk/images/guardian-logo-rss.c45beb1bafa34b347ac333af2e6fe23f.png',
      description: "Latest US news, world news, sports, business, opinion, analysis and reviews from the Guardian, the world's leading liberal voice",
    });
    expect(f.entries).toHaveLength(55);
    const first = f.entries[0]!;
    expect(first).toMatchObject({
      title: 'Trump State of the Union address promised unity but emphasized discord',
      link: 'https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord',
      guid: 'https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord',
      author: 'David Smith in Washington',
      imageUrl: 'https://i.guim.co.uk/img/media/b73c8752cd4667c923dff7f1542f1fb20089e421/0_108_3000_1799/master/3000.jpg?w=460&q=55&auto=format&usm=12&fit=max&s=a606a273a90104e57b1e09bc4c0a1e11',
    });
    expect(iso(first)).toBe('2018-01-31T07:26:05.000Z');
    expect(first.text.startsWith('The president’s ‘new American moment’ speech stirred Republican applause while Democrats showed thinly disguised contempt Donald Trump has promised a “new American moment”')).toBe(true);
    expect(first.html.startsWith('<p>The president’s ‘new American moment’ speech stirred Republican applause while Democrats showed thinly disguised contempt</p><p>Donald Trump has promised')).toBe(true);
    expect(first.html).toContain('<a href="https://www.theguardian.com/us-news/2018/jan/30/state-of-the-union-fact-check-trumps-address-analyzed" target="_blank" rel="noopener noreferrer">Fact check: Donald Trump\'s State of the Union address analyzed</a>');
    expect(f.entries[1]).toMatchObject({ title: 'So, how did conservatives like the State of the Union?', author: 'Jason Wilson' });
    expect(iso(f.entries[1]!)).toBe('2018-01-31T15:46:36.000Z');
    expect(f.entries[24]).toMatchObject({ title: "How the Philadelphia Eagles became the NFL's wokest team", author: 'Les Carpenter', link: 'https://www.theguardian.com/sport/2018/jan/31/philadelphia-eagles-socially-conscious-woke-team' });
    expect(f.entries[54]).toMatchObject({ title: "Earth's ultimate yogis – in pictures", author: null });
    expect(iso(f.entries[54]!)).toBe('2018-01-31T07:00:20.000Z');
  });

  it('gulp-atom.atom: relative links resolved against the feed\'s link, Atom dates with offsets', () => {
    const f = feed('gulp-atom.atom');
    expect(f).toMatchObject({ format: 'atom', title: 'Release notes from gulp', siteUrl: 'https://github.com/gulpjs/gulp/releases', description: null });
    expect(f.entries).toHaveLength(10);
    expect(f.entries[0]).toMatchObject({
      guid: 'tag:github.com,2008:Repository/11167738/v3.9.0',
      title: 'v3.9.0',
      link: 'https://github.com/gulpjs/gulp/releases/tag/v3.9.0',
      author: 'contra',
      html: '<p>3.9.0</p>',
      text: '3.9.0',
      imageUrl: 'https://avatars3.githubusercontent.com/u/425716?v=3&s=60',
    });
    expect(iso(f.entries[0]!)).toBe('2015-06-01T21:49:41.000Z'); // 23:49:41+02:00
    expect(f.entries[1]).toMatchObject({ title: 'v3.8.11', link: 'https://github.com/gulpjs/gulp/releases/tag/v3.8.11' });
    expect(iso(f.entries[1]!)).toBe('2015-02-09T20:37:28.000Z');
    expect(f.entries[9]).toMatchObject({ title: 'v3.8.3', link: 'https://github.com/gulpjs/gulp/releases/tag/v3.8.3', text: '3.8.3' });
    expect(iso(f.entries[9]!)).toBe('2014-06-26T21:17:51.000Z');
  });

  it('heise.atom: the fullest body (content over summary), images proxied, published before updated', () => {
    const f = feed('heise.atom');
    expect(f).toMatchObject({ format: 'atom', title: 'heise developer neueste Meldungen', siteUrl: 'http://www.heise.de/developer/', description: 'Informationen für Entwickler', iconUrl: 'http://www.heise.de/developer/icons/heise_developer_logo_weiss.gif' });
    expect(f.entries).toHaveLength(15);
    const first = f.entries[0]!;
    expect(first).toMatchObject({
      guid: 'http://heise.de/-3088438',
      title: 'Java-Anwendungsserver: Red Hat gibt WildFly 10 frei',
      link: 'http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html?wt_mc=rss.developer.beitrag.atom',
      author: 'heise online',
      imageUrl: 'http://www.heise.de/scale/geometry/264/q80/imgs/18/1/7/3/9/9/2/1/wildfly-2bf4ffd2935e38b6-90200def80b152e9-5ba35d3770232d92.jpeg',
      text: 'Die nun verfügbare Version 10 des Enterprise-Java-Servers stellt die Basis für Red Hats kommerzielle JBoss Enterprise Application Platform 7 ist zugleich das dritte größere Release seit dem Namenswechsel des Open-Source-Projekts.',
    });
    expect(iso(first)).toBe('2016-02-01T16:22:00.000Z'); // published 17:22+01:00, not updated 17:54
    expect(first.html).toContain(`<img src="${proxyImage('http://www.heise.de/scale/geometry/264/q80/imgs/18/1/7/3/9/9/2/1/wildfly-2bf4ffd2935e38b6-90200def80b152e9-5ba35d3770232d92.jpeg').replace(/&/g, '&amp;')}" alt="WildFly 10"`);
    expect(f.entries[1]!.title).toBe('Scrum Day 2016: Bewerbungen für Vorträge und Workshops');
    expect(f.entries[9]!.title).toBe('Tales from the Web side: Patterns und Best Practices in JavaScript: Typüberprüfungen continued');
    expect(f.entries[14]).toMatchObject({ title: 'Apache Software Foundation bekommt ein neues Logo', link: 'http://www.heise.de/developer/meldung/Apache-Software-Foundation-bekommt-ein-neues-Logo-3086458.html?wt_mc=rss.developer.beitrag.atom' });
    expect(iso(f.entries[14]!)).toBe('2016-01-28T16:07:00.000Z');
  });

  it('itunes-category.rss: a podcast episode with its enclosure and an EST date', () => {
    const f = feed('itunes-category.rss');
    expect(f).toMatchObject({ format: 'rss', title: 'Taverncast - Happy Hour in Your Head - Since 2005', siteUrl: 'http://www.taverncast.com/', iconUrl: 'http://www.taverncast.com/itunes-logo.png' });
    expect(f.entries).toHaveLength(1);
    expect(f.entries[0]).toMatchObject({
      title: 'Taverncast 62 - Temporal Anomaly',
      link: 'http://taverncast.com/',
      guid: 'http://taverncast.com/shows/taverncast-62.mp3',
      author: 'Taverncast',
      enclosure: { url: 'http://www.podtrac.com/pts/redirect.mp3?http://www.taverncast.com/shows/taverncast-62.mp3', type: 'audio/mpeg', length: 47160424 },
      text: 'Taverncast tosses around the age old topic: time travel! Where would you go? Why would you go? Also, Bryce has customer service issues, and Mike buys a dog.',
    });
    expect(iso(f.entries[0]!)).toBe('2015-11-07T17:00:00.000Z'); // 07 Nov 2015 12:00:00 EST
  });

  it('missing-fields.atom: an entry with only an id, a feed with no title', () => {
    const f = feed('missing-fields.atom');
    expect(f).toEqual({
      format: 'atom',
      title: '127.0.0.1',
      siteUrl: null,
      description: null,
      iconUrl: null,
      entries: [{ guid: 'tag:github.com,2008:Repository/11167738/v3.9.0', link: null, title: '', author: null, publishedAt: null, html: '', text: '', imageUrl: null, enclosure: null }],
    });
  });

  it('narro.rss: escaped HTML description, iTunes image, UTC date', () => {
    const f = feed('narro.rss');
    expect(f).toMatchObject({ format: 'rss', title: 'foobar on Narro', siteUrl: 'http://on.narro.co/f', description: 'foobar uses Narro to create a podcast of articles transcribed to audio.', iconUrl: 'https://www.narro.co/images/narro-icon-lg.png' });
    expect(f.entries).toEqual([
      {
        guid: 'https://www.narro.co/article/54e703933058540300000069',
        link: 'https://www.narro.co/article/54e703933058540300000069',
        title: 'FAQ for Narro',
        author: 'foobar@gmail.com',
        publishedAt: Date.UTC(2015, 1, 20, 9, 51, 15),
        html: 'Listen to your reading list anywhere. Narro will take your bookmarked articles and read them back to you as a podcast.<br> http://www.narro.co/faq<br> <ul></ul>',
        text: 'Listen to your reading list anywhere. Narro will take your bookmarked articles and read them back to you as a podcast. http://www.narro.co/faq',
        imageUrl: 'http://example.com/someImage.jpg',
        enclosure: { url: 'https://s3.amazonaws.com/nareta-articles/audio/54d046c293f79c0300000003/7e2d2b00-a945-441a-f49b-063786a319a4.mp3', type: 'audio/mpeg', length: 74 },
      },
    ]);
  });

  it('reddit.rss: table bodies with thumbnails, +0000 dates', () => {
    const f = feed('reddit.rss');
    expect(f).toMatchObject({ format: 'rss', title: 'reddit: the front page of the internet', siteUrl: 'https://www.reddit.com/', iconUrl: 'https://www.redditstatic.com/reddit.com.header.png', description: null });
    expect(f.entries).toHaveLength(24);
    expect(f.entries[0]).toMatchObject({
      title: 'The water is too deep, so he improvises',
      link: 'https://www.reddit.com/r/funny/comments/3skxqc/the_water_is_too_deep_so_he_improvises/',
      text: 'submitted by cakebeerandmorebeer to funny [link] [275 comments]',
      imageUrl: 'https://b.thumbs.redditmedia.com/z4zzFBqZ54WT-rFfKXVor4EraZtJVw7AodDvOZ7kitQ.jpg',
    });
    expect(iso(f.entries[0]!)).toBe('2015-11-12T21:16:39.000Z');
    expect(f.entries[0]!.html).toContain('<a href="https://www.reddit.com/user/cakebeerandmorebeer" target="_blank" rel="noopener noreferrer"> cakebeerandmorebeer </a>');
    expect(f.entries[1]).toMatchObject({ title: 'We are Aziz Ansari and Alan Yang from Master of None - Ask Us Anything', imageUrl: null });
    expect(f.entries[1]!.text.startsWith("It's Aziz Ansari. I'm here to chat about my new Netflix series Master of None.")).toBe(true);
    expect(f.entries[23]).toMatchObject({ title: '"The best years of your life..." [Image]', link: 'https://www.reddit.com/r/GetMotivated/comments/3sjgv1/the_best_years_of_your_life_image/' });
    expect(iso(f.entries[23]!)).toBe('2015-11-12T15:09:19.000Z');
  });
});
