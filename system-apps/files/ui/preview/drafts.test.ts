import { describe, expect, it } from 'vitest';
import { hasDraft, keepDraft, takeDraft } from './drafts';

describe('drafts', () => {
  it('keeps unsaved text per path until the editor takes it back', () => {
    expect(hasDraft('/Home/a.txt')).toBe(false);
    keepDraft('/Home/a.txt', { text: 'mine', version: 'v1' });
    expect(hasDraft('/Home/a.txt')).toBe(true);
    expect(hasDraft('/Home/b.txt')).toBe(false);
    expect(takeDraft('/Home/a.txt')).toEqual({ text: 'mine', version: 'v1' });
    expect(takeDraft('/Home/a.txt')).toBeNull();
  });
});
