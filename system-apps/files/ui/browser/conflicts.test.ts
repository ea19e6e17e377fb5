import { describe, expect, it } from 'vitest';
import type { Conflict, ConflictPolicy } from '../../server/files.types';
import { withConflicts } from './conflicts';

const clash: Conflict = { source: '/Home/a/x', target: '/Home/b/x', bothFolders: false };

describe('withConflicts', () => {
  it('asks on clashes and sends the answer', async () => {
    const calls: ConflictPolicy[] = [];
    const result = await withConflicts(
      async (policy) => {
        calls.push(policy);
        return policy === 'ask' ? { conflicts: [clash] } : { jobId: 'j1' };
      },
      async (c) => (c.length === 1 ? 'keepBoth' : null),
    );
    expect(calls).toEqual(['ask', 'keepBoth']);
    expect(result).toEqual({ jobId: 'j1' });
  });
  it('does not ask when nothing clashes, and stops when the person cancels', async () => {
    expect(await withConflicts(async () => ({ jobId: 'j2' }), async () => 'skip')).toEqual({ jobId: 'j2' });
    const calls: ConflictPolicy[] = [];
    const r = await withConflicts(
      async (policy) => {
        calls.push(policy);
        return { conflicts: [clash] };
      },
      async () => null,
    );
    expect(r).toBeNull();
    expect(calls).toEqual(['ask']);
  });
});
