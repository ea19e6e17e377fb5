// The screens' focus rule: take the keyboard from this window or from nobody, never from another window or the desktop's lock screen.
// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mayTakeFocus } from './focus';

describe('mayTakeFocus', () => {
  it('takes focus from the window itself or from nobody, not from another window', () => {
    document.body.innerHTML = `
      <div class="wm-window" id="vault" tabindex="-1"><form><input id="field"></form></div>
      <div class="wm-window" id="files" tabindex="-1"><input id="other"></div>
      <div id="lock"><input id="lock-password"></div>`;
    const field = document.getElementById('field')!;
    const at = (id: string) => document.getElementById(id)!;
    expect(mayTakeFocus(field, document.body)).toBe(true);
    expect(mayTakeFocus(field, null)).toBe(true);
    expect(mayTakeFocus(field, at('vault'))).toBe(true);
    expect(mayTakeFocus(field, at('other'))).toBe(false);
    expect(mayTakeFocus(field, at('lock-password'))).toBe(false);
    expect(mayTakeFocus(null, document.body)).toBe(false);
  });

  it('full-page (no desktop window): anything on the page is the app', () => {
    document.body.innerHTML = '<main><input id="field"><button id="b"></button></main>';
    expect(mayTakeFocus(document.getElementById('field'), document.getElementById('b'))).toBe(true);
  });
});
