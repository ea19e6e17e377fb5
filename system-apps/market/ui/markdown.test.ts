// Checks the description reader: paragraphs, lists, headings and bold — as plain data, with markup left as text.
import { describe, expect, it } from 'vitest';
import { parseDescription, parseInline } from './markdown';

describe('parseInline', () => {
  it('marks **bold** runs', () => {
    expect(parseInline('a **b** c')).toEqual([{ text: 'a ' }, { text: 'b', bold: true }, { text: ' c' }]);
    expect(parseInline('**all**')).toEqual([{ text: 'all', bold: true }]);
  });
  it('leaves unmatched stars and HTML as text', () => {
    expect(parseInline('2 ** 3')).toEqual([{ text: '2 ** 3' }]);
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>' }]);
  });
});

describe('parseDescription', () => {
  it('splits paragraphs on blank lines and joins wrapped lines', () => {
    expect(parseDescription('One\ntwo\n\nThree')).toEqual([
      { kind: 'p', parts: [{ text: 'One two' }] },
      { kind: 'p', parts: [{ text: 'Three' }] },
    ]);
  });
  it('reads "- " lines as a list and "# " lines as headings', () => {
    expect(parseDescription('# Features\n- **Fast** sync\n- Small\nAfter')).toEqual([
      { kind: 'h', parts: [{ text: 'Features' }] },
      { kind: 'ul', items: [[{ text: 'Fast', bold: true }, { text: ' sync' }], [{ text: 'Small' }]] },
      { kind: 'p', parts: [{ text: 'After' }] },
    ]);
  });
  it('copes with nothing and with Windows line ends', () => {
    expect(parseDescription(undefined)).toEqual([]);
    expect(parseDescription('a\r\n\r\nb')).toHaveLength(2);
  });
});
