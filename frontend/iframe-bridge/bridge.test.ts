// The iframe bridge hears only its own iframe, only well-formed messages of its version.
import { describe, expect, it } from 'vitest';
import { acceptMessage, frameOrigin } from './bridge';

const own = {};
const owner = { window: own, origin: 'http://notes.localhost:3000' };
const msg = (data: unknown, source: unknown = own, origin = owner.origin) => ({ data, source: source as MessageEventSource, origin });

describe('acceptMessage', () => {
  it('accepts well-formed messages from the owning iframe', () => {
    expect(acceptMessage(msg({ olares: 'bridge', v: 1, type: 'title', title: 'Notes' }), owner)).toMatchObject({ type: 'title', title: 'Notes' });
    expect(acceptMessage(msg({ olares: 'bridge', v: 1, type: 'notify', title: 'Saved', level: 'success' }), owner)).toMatchObject({ type: 'notify', level: 'success' });
    expect(acceptMessage(msg({ olares: 'bridge', v: 1, type: 'open-file', path: '/Documents/a.md' }), owner)).toMatchObject({ path: '/Documents/a.md' });
  });

  it('ignores other frames, other origins, other versions and malformed messages', () => {
    const good = { olares: 'bridge', v: 1, type: 'title', title: 'x' };
    expect(acceptMessage(msg(good, {}), owner)).toBeNull();
    expect(acceptMessage(msg(good, own, 'http://evil.localhost:3000'), owner)).toBeNull();
    expect(acceptMessage(msg({ ...good, v: 2 }), owner)).toBeNull();
    expect(acceptMessage(msg({ ...good, olares: 'other' }), owner)).toBeNull();
    expect(acceptMessage(msg({ ...good, title: '' }), owner)).toBeNull();
    expect(acceptMessage(msg({ ...good, title: 'x'.repeat(201) }), owner)).toBeNull();
    expect(acceptMessage(msg({ olares: 'bridge', v: 1, type: 'notify', title: 'x', level: 'loud' }), owner)).toBeNull();
    expect(acceptMessage(msg({ olares: 'bridge', v: 1, type: 'run', code: 'alert(1)' }), owner)).toBeNull();
    expect(acceptMessage(msg('a string'), owner)).toBeNull();
    expect(acceptMessage(msg(good), { window: null, origin: owner.origin })).toBeNull();
  });
});

describe('frameOrigin', () => {
  it('allows only http(s) URLs', () => {
    expect(frameOrigin('https://notes.alice.olares.com/x?y')).toBe('https://notes.alice.olares.com');
    expect(frameOrigin('javascript:alert(1)')).toBeNull();
    expect(frameOrigin('data:text/html,hi')).toBeNull();
    expect(frameOrigin('/relative')).toBeNull();
  });
});
