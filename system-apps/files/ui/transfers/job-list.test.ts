import { describe, expect, it } from 'vitest';
import type { Job } from '../../server/files.types';
import { mergeJob } from './job-list';

const job = (id: string, state: Job['state'], bytesDone = 0): Job => ({
  id, kind: 'copy', state, bytesDone, bytesTotal: 100, itemsDone: 0, itemsTotal: 1, current: null, error: null, startedAt: 1, finishedAt: null, touched: [],
});

describe('mergeJob', () => {
  it('puts a new job first', () => {
    expect(mergeJob([job('a', 'running')], job('b', 'running')).map((j) => j.id)).toEqual(['b', 'a']);
    expect(mergeJob(undefined, job('a', 'running')).map((j) => j.id)).toEqual(['a']);
  });
  it('replaces a job in place', () => {
    const out = mergeJob([job('a', 'running'), job('b', 'running', 10)], job('b', 'running', 50));
    expect(out.map((j) => [j.id, j.bytesDone])).toEqual([['a', 0], ['b', 50]]);
  });
  it('keeps a finished job when a late progress push arrives', () => {
    const out = mergeJob([job('a', 'done', 100)], job('a', 'running', 90));
    expect(out[0]!.state).toBe('done');
  });
});
