// The spotlight's ranking and provider handling: scores, order, groups, wrap-round movement, failing providers.
import { describe, expect, it, vi } from 'vitest';
import { buildGroups, debouncedProviderSearch, itemScore, LIMITS, matchScore, queryProviders, rank, SCORE, step, type SpotItem } from './search';

const item = (kind: SpotItem['kind'], title: string, keywords?: string[]): SpotItem => ({ kind, id: title, title, keywords, run: () => {} });
const titles = (list: { title: string }[]) => list.map((x) => x.title);

describe('matchScore', () => {
  it('ranks prefix of a word above substring above subsequence', () => {
    const start = matchScore('Files', 'fi');
    const word = matchScore('Open files', 'fi');
    const inside = matchScore('Profile', 'fi');
    const subseq = matchScore('Control Hub', 'cnh');
    expect(start).toBeGreaterThan(word);
    expect(word).toBeGreaterThan(inside);
    expect(inside).toBeGreaterThan(subseq);
    expect(subseq).toBeGreaterThan(0);
    expect(word).toBeGreaterThanOrEqual(SCORE.word);
    expect(inside).toBeLessThan(SCORE.word);
  });

  it('is case- and accent-insensitive and ignores spare spaces', () => {
    expect(matchScore('Réglages', 'REG')).toBeGreaterThanOrEqual(SCORE.start);
    expect(matchScore('Control Hub', '  control  hub ')).toBeGreaterThanOrEqual(SCORE.start);
  });

  it('finds a word start after any non-letter, and letters in order across words', () => {
    expect(matchScore('report-2024.pdf', '2024')).toBeGreaterThanOrEqual(SCORE.word);
    expect(matchScore('Keyboard shortcuts', 'kb sh')).toBeGreaterThan(0);
  });

  it('gives 0 for no match or an empty query', () => {
    expect(matchScore('Files', 'xyz')).toBe(0);
    expect(matchScore('Files', '')).toBe(0);
    expect(matchScore('Files', '   ')).toBe(0);
    expect(matchScore('', 'a')).toBe(0);
  });

  it('prefers the shorter text within a level', () => {
    expect(matchScore('Vault', 'va')).toBeGreaterThan(matchScore('Vaults and keys', 'va'));
  });

  it('matches Chinese by substring', () => {
    expect(matchScore('文件管理', '管理')).toBeGreaterThan(0);
  });
});

describe('rank', () => {
  it('uses keywords, a little below the title', () => {
    const lock = item('command', 'Lock the desktop', ['screen', 'away']);
    expect(itemScore(lock, 'screen')).toBeGreaterThan(0);
    expect(itemScore(lock, 'screen')).toBeLessThan(itemScore(item('command', 'Screen'), 'screen'));
  });

  it('orders best first, keeps order among equals, drops non-matches and honours the limit', () => {
    const list = [item('app', 'Profile'), item('app', 'Files'), item('app', 'Vault'), item('app', 'File sync')];
    expect(titles(rank(list, 'fi'))).toEqual(['Files', 'File sync', 'Profile']);
    expect(titles(rank(list, 'fi', 1))).toEqual(['Files']);
  });
});

describe('buildGroups', () => {
  const input = {
    apps: [item('app', 'Files'), item('app', 'Vault')],
    windows: [item('window', 'Report.pdf', ['Files'])],
    commands: [item('command', 'New folder', ['files'])],
    providers: [
      { id: 'files:names', title: 'Files', items: Array.from({ length: 8 }, (_, i) => item('result', `file${i}.txt`)) },
      { id: 'wise:articles', title: 'Articles', items: [] },
    ],
    titles: { apps: 'Apps', windows: 'Open windows', commands: 'Commands' },
  };

  it('shows only apps and open windows for an empty query', () => {
    const groups = buildGroups(input, '  ');
    expect(groups.map((g) => g.id)).toEqual(['apps', 'windows']);
    expect(titles(groups[0]!.items)).toEqual(['Files', 'Vault']);
  });

  it('ranks apps, windows and commands, then one group per provider with results, at most 5 each', () => {
    const groups = buildGroups(input, 'file');
    expect(groups.map((g) => g.title)).toEqual(['Apps', 'Open windows', 'Commands', 'Files']);
    expect(titles(groups[0]!.items)).toEqual(['Files']);
    expect(groups[3]!.items).toHaveLength(LIMITS.provider);
  });
});

describe('step', () => {
  it('moves and wraps round', () => {
    expect(step(0, 1, 3)).toBe(1);
    expect(step(2, 1, 3)).toBe(0);
    expect(step(0, -1, 3)).toBe(2);
    expect(step(-1, 1, 3)).toBe(0);
    expect(step(-1, -1, 3)).toBe(2);
    expect(step(0, 1, 0)).toBe(-1);
  });
});

describe('queryProviders', () => {
  const result = (id: string) => ({ id, title: id });

  it('passes each answer on, cut to the limit, and survives providers that throw or reject', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const got = new Map<string, string[]>();
    const providers = [
      { key: 'ok', search: async () => Array.from({ length: 9 }, (_, i) => result(`r${i}`)) },
      { key: 'throws', search: (): Promise<{ id: string; title: string }[]> => { throw new Error('boom'); } },
      { key: 'rejects', search: () => Promise.reject(new Error('nope')) },
      { key: 'odd', search: async () => null as unknown as [] },
    ];
    await queryProviders(providers, 'r', new AbortController().signal, (key, rs) => got.set(key, rs.map((r) => r.id)));
    expect([...got.keys()]).toEqual(['ok']);
    expect(got.get('ok')).toHaveLength(5);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('hands the signal to providers and drops answers that come after an abort', async () => {
    const ac = new AbortController();
    let seen: AbortSignal | undefined;
    const onResults = vi.fn();
    const slow = { key: 'slow', search: async (_q: string, signal: AbortSignal) => { seen = signal; await new Promise((r) => setTimeout(r, 5)); return [result('late')]; } };
    const running = queryProviders([slow], 'x', ac.signal, onResults);
    ac.abort();
    await running;
    expect(seen).toBe(ac.signal);
    expect(onResults).not.toHaveBeenCalled();
  });
});

describe('debouncedProviderSearch', () => {
  it('asks providers once typing pauses, with the latest query, aborting the round before', async () => {
    vi.useFakeTimers();
    try {
      const asked: { query: string; signal: AbortSignal }[] = [];
      const search = async (query: string, signal: AbortSignal) => {
        asked.push({ query, signal });
        return [{ id: query, title: query }];
      };
      const provider = { key: 'p', search };
      const onStart = vi.fn();
      const onResults = vi.fn();
      const s = debouncedProviderSearch(120, onStart, onResults);
      s.update([provider], 'r');
      vi.advanceTimersByTime(50);
      s.update([provider], 're');
      vi.advanceTimersByTime(119);
      expect(asked).toEqual([]);
      vi.advanceTimersByTime(1);
      await vi.runAllTimersAsync();
      expect(asked.map((a) => a.query)).toEqual(['re']);
      expect(onStart).toHaveBeenCalledTimes(1);
      expect(onResults).toHaveBeenCalledWith('p', [{ id: 're', title: 're' }]);

      s.update([provider], 'rep');
      vi.advanceTimersByTime(120);
      s.update([provider], '  ');
      expect(asked[1]!.signal.aborted).toBe(true);
      vi.advanceTimersByTime(500);
      expect(asked).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
