// The VRAM refusal in words: it names the amount the card still has free, in either language; other error data is left to the SDK's wording.
import { describe, expect, it } from 'vitest';
import { createI18n, type Composer } from 'vue-i18n';
import gpu from '../i18n/gpu';
import { MIB } from './format';
import { overFree } from './refusal';

// Typed loosely: the message tree's own type is too deep for the compiler to instantiate here.
const i18n = createI18n({ legacy: false, locale: 'en-US', messages: gpu as never }) as unknown as { global: { t: Composer['t']; locale: { value: string } } };

describe('overFree', () => {
  it('names the VRAM left when an amount does not fit', () => {
    const data = { code: 'BAD_REQUEST', reason: 'gpu.memoryOvercommitted', details: { freeBytes: 12288 * MIB } };
    expect(overFree(data, i18n.global.t, 'en-US')).toBe('That is more VRAM than this GPU has free for the app: at most 12 GiB.');
    i18n.global.locale.value = 'zh-CN';
    expect(overFree(data, i18n.global.t, 'zh-CN')).toBe('超出了此 GPU 可分配给该应用的显存：最多 12 GiB。');
    i18n.global.locale.value = 'en-US';
  });

  it('leaves everything else to the SDK', () => {
    expect(overFree({ reason: 'gpu.memoryOvercommitted' }, i18n.global.t, 'en-US')).toBeNull();
    expect(overFree({ reason: 'gpu.exclusiveTaken', details: { freeBytes: 1 } }, i18n.global.t, 'en-US')).toBeNull();
    expect(overFree(undefined, i18n.global.t, 'en-US')).toBeNull();
  });
});
