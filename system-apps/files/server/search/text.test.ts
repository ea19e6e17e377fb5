// The search text helpers: CJK bigrams, safe tsquery building and snippet segments.
import { describe, expect, it } from 'vitest';
import { cjkBigrams, indexText, likeEscape, mark, queryText, queryWords, snippet } from './text';

describe('search text', () => {
  it('cuts CJK runs into bigrams and leaves other words alone', () => {
    expect(cjkBigrams('文件管理器')).toEqual(['文件', '件管', '管理', '理器']);
    expect(cjkBigrams('文')).toEqual(['文']);
    expect(indexText('Olares 文件管理 notes').split(/\s+/).filter(Boolean)).toEqual(['Olares', '文件', '件管', '管理', 'notes']);
  });

  it('builds a prefix query of every word, and nothing from query syntax', () => {
    expect(queryText('Quarterly report')).toBe('quarterly:* & report:*');
    expect(queryText("a & b | !c <-> 'd'")).toBe('a:* & b:* & c:* & d:*');
    expect(queryText('管理器')).toBe('管理 & 理器');
    expect(queryText('  && || ')).toBeNull();
  });

  it('escapes LIKE wildcards', () => {
    expect(likeEscape('50%_off\\')).toBe('50\\%\\_off\\\\');
  });

  it('marks matches in names and snippets, CJK included', () => {
    expect(mark('Pelican Report.md', ['pelican'])).toEqual([
      { text: 'Pelican', hit: true },
      { text: ' Report.md', hit: false },
    ]);
    expect(mark('年度文件管理报告', queryWords('文件管理'))).toEqual([
      { text: '年度', hit: false },
      { text: '文件管理', hit: true },
      { text: '报告', hit: false },
    ]);
    const long = `${'lorem ipsum '.repeat(40)}the pelican flies ${'dolor '.repeat(40)}`;
    const s = snippet(long, ['pelican'], 60);
    expect(s.find((x) => x.hit)?.text).toBe('pelican');
    expect(s[0]!.text.startsWith('…')).toBe(true);
    expect(s.map((x) => x.text).join('').length).toBeLessThanOrEqual(64);
  });
});
