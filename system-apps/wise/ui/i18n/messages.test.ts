// Wise's strings: both languages hold the same keys, none empty or linked; every key the UI names exists (the templated families too); every reason the server gives has a sentence.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY_VIEWS } from '../../shared/wire';
import { keyPaths, mergeParts, sourcesOf, translationProblems } from '../../../../frontend/sdk/testing/messages';
import { parts } from './index';

const messages = mergeParts(parts);
const en = new Set(keyPaths(messages['en-US']));
const errors = messages['en-US'].errors as Record<string, string>;
const ui = path.resolve(__dirname, '..');
const sources = (dir: string) => sourcesOf(dir);

describe('wise strings', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(translationProblems(messages, /@|\{\s*\}/)).toEqual([]);
  });

  it('has every literal key the UI uses', async () => {
    const used = new Set<string>();
    for (const text of await sources(ui)) for (const m of text.matchAll(/'(wise\.[A-Za-z0-9_.]+)'/g)) used.add(m[1]!);
    // Socket events and the injection key's name are not strings of this tree.
    for (const k of ['wise.entries', 'wise.feeds', 'wise.overlays']) used.delete(k);
    expect(used.size).toBeGreaterThan(120);
    expect([...used].filter((k) => !en.has(k) && !en.has(`${k}.title`) && !errors[k])).toEqual([]);
  });

  it('has the templated families', () => {
    const kinds = ['network', 'timeout', 'tooLarge', 'http', 'blocked', 'notAFeed', 'tooManyRedirects'];
    for (const k of kinds) {
      expect(en.has(`wise.feedError.${k}`), k).toBe(true);
      expect(errors[`wise.feed.${k}`], k).toBeTruthy();
    }
    for (const v of [...ENTRY_VIEWS, 'forYou', 'search']) expect(en.has(`wise.list.empty.${v}`), v).toBe(true);
    for (const v of ['forYou', 'all', 'unread', 'starred', 'saved']) expect(en.has(`wise.list.titles.${v}`), v).toBe(true);
    for (const c of ['yellow', 'green', 'blue', 'pink']) expect(en.has(`wise.highlight.colors.${c}`), c).toBe(true);
    for (const th of ['auto', 'light', 'sepia', 'dark']) expect(en.has(`wise.appearance.themes.${th}`), th).toBe(true);
    for (const m of ['addFeed', 'savePage']) for (const k of ['title', 'lead', 'url', 'placeholder', 'submit', 'working', 'done']) expect(en.has(`wise.${m}.${k}`), `${m}.${k}`).toBe(true);
  });

  it('has a sentence for every reason the UI or the server gives', async () => {
    const reasons = new Set<string>();
    for (const text of await sources(ui)) for (const m of text.matchAll(/'(wise\.document\.[A-Za-z]+)'/g)) reasons.add(m[1]!);
    const kinds = ['network', 'timeout', 'tooLarge', 'http', 'blocked', 'notAFeed', 'tooManyRedirects'];
    const server = (await sources(path.resolve(ui, '../server'))).join('\n');
    for (const m of server.matchAll(/['`](wise\.(?:notFound|folderExists|opml\.|document\.|feed\.|save\.)[A-Za-z.]*)(\$\{)?/g)) {
      // `wise.feed.${kind}`: one reason per kind of feed error.
      if (m[2]) for (const k of kinds) reasons.add(`${m[1]}${k}`);
      else if (!m[1]!.endsWith('.')) reasons.add(m[1]!);
    }
    expect(server.length === 0 || reasons.has('wise.notFound')).toBe(true);
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const sentences = messages[locale].errors as Record<string, string>;
      expect([...reasons].filter((r) => !sentences[r]), locale).toEqual([]);
    }
  });
});
