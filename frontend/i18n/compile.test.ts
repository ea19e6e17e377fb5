// The desktop's message compiler renders our messages as vue-i18n's own compiler would.
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { compileMessage, parseCase, splitCases } from './compile';
import en from './en-US';
import zh from './zh-CN';

const i18n = createI18n({
  legacy: false,
  locale: 'en-US',
  fallbackLocale: 'en-US',
  messageCompiler: compileMessage,
  messages: {
    'en-US': { hi: 'Hello {name}!', list: '{0} and {1}', count: 'No results | One result | {n} results', two: 'an apple | {count} apples', literal: "mail{'@'}example {'{'}x{'}'}", plain: 'Just text', empty: '' },
  },
});
const t = i18n.global.t as (key: string, ...args: unknown[]) => string;

describe('the message compiler', () => {
  it('interpolates named and list placeholders', () => {
    expect(t('hi', { name: 'Ada' })).toBe('Hello Ada!');
    expect(t('list', ['tea', 'cake'])).toBe('tea and cake');
    expect(t('plain')).toBe('Just text');
  });

  it('chooses plural cases like vue-i18n (zero | one | many, and one | many)', () => {
    expect(t('count', 0)).toBe('No results');
    expect(t('count', 1)).toBe('One result');
    expect(t('count', 7)).toBe('7 results');
    expect(t('two', 1)).toBe('an apple');
    expect(t('two', 3)).toBe('3 apples');
  });

  it('keeps literals and does not split on a bar inside braces', () => {
    expect(t('literal')).toBe('mail@example {x}');
    expect(splitCases("a {'|'} b")).toEqual(["a {'|'} b"]);
    expect(parseCase('x {a} y')).toEqual(['x ', { named: 'a' }, ' y']);
  });

  it('compiles every shipped message without throwing', () => {
    const walk = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : walk(v as object)));
    for (const m of [...walk(en), ...walk(zh)]) expect(() => compileMessage(m, { locale: 'en-US', key: 'k' } as never)).not.toThrow();
  });
});
