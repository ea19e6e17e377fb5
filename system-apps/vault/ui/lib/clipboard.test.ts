// Clipboard clearing: ours is cleared after the delay, someone else's copy is left, an unreadable clipboard is overwritten.
import { describe, expect, it } from 'vitest';
import { createClipboardGuard, type ClipboardLike } from './clipboard';

function fakes(readable = true) {
  let content = 'before';
  const pending: (() => void)[] = [];
  const clip: ClipboardLike = {
    writeText: async (t) => void (content = t),
    readText: async () => {
      if (!readable) throw new Error('denied');
      return content;
    },
  };
  const timers = { setTimeout: (f: () => void) => pending.push(f), clearTimeout: () => pending.splice(0) };
  return { clip, timers, content: () => content, set: (t: string) => (content = t), fire: () => pending.splice(0).forEach((f) => f()) };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('clipboard guard', () => {
  it('clears what it copied', async () => {
    const f = fakes();
    const g = createClipboardGuard(f.clip, 30_000, f.timers);
    expect(await g.copy('s3cret')).toBe(true);
    expect(f.content()).toBe('s3cret');
    f.fire();
    await settle();
    expect(f.content()).toBe('');
  });
  it('leaves something copied since', async () => {
    const f = fakes();
    const g = createClipboardGuard(f.clip, 30_000, f.timers);
    await g.copy('s3cret');
    f.set('a recipe');
    f.fire();
    await settle();
    expect(f.content()).toBe('a recipe');
  });
  it('overwrites when the clipboard cannot be read', async () => {
    const f = fakes(false);
    const g = createClipboardGuard(f.clip, 30_000, f.timers);
    await g.copy('s3cret');
    f.set('unknown');
    await g.clear();
    expect(f.content()).toBe('');
    expect(g.pending()).toBe(false);
  });
});
