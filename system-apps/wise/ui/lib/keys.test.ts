// The window's keys: each letter's action, none with modifiers or while typing, Enter only on the list.
import { describe, expect, it } from 'vitest';
import { isTyping, KEY_HELP, keyAction } from './keys';

const ev = (key: string, more: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: unknown }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, target: null, ...more }) as Parameters<typeof keyAction>[0];

describe('keyAction', () => {
  it('maps the letters', () => {
    expect(['j', 'k', 'o', 's', 'm', 'v', '/', 'r', 'Escape'].map((k) => keyAction(ev(k)))).toEqual(['next', 'previous', 'open', 'star', 'read', 'original', 'search', 'refresh', 'close']);
    expect(keyAction(ev('x'))).toBeNull();
  });
  it('ignores modified keys and typing', () => {
    expect(keyAction(ev('j', { ctrlKey: true }))).toBeNull();
    expect(keyAction(ev('s', { metaKey: true }))).toBeNull();
    expect(keyAction(ev('r', { altKey: true }))).toBeNull();
    expect(keyAction(ev('j', { target: { tagName: 'INPUT' } }))).toBeNull();
    expect(keyAction(ev('j', { target: { tagName: 'DIV', isContentEditable: true } }))).toBeNull();
    expect(isTyping({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
  });
  it('opens with Enter only on the list', () => {
    expect(keyAction(ev('Enter'))).toBeNull();
    expect(keyAction(ev('Enter'), true)).toBe('open');
  });
  it('documents every key it handles', () => {
    expect(KEY_HELP.flatMap((h) => h.keys).sort()).toEqual(['/', 'Enter', 'Esc', 'j', 'k', 'm', 'o', 'r', 's', 'v'].sort());
  });
});
