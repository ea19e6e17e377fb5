// @vitest-environment jsdom
// Highlights: a selection becomes quote + context, and stored highlights are found again in the article (the right occurrence, across elements, despite whitespace) and unwrapped cleanly.
import { describe, expect, it } from 'vitest';
import type { HighlightView } from '../../shared/wire';
import { anchorOf, applyHighlights, clearHighlights, locate } from './highlights';

function article(html: string): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = html;
  document.body.replaceChildren(el);
  return el;
}

function hl(id: string, a: { quote: string; prefix?: string; suffix?: string }, color: HighlightView['color'] = 'yellow', note = ''): HighlightView {
  return { id, quote: a.quote, prefix: a.prefix ?? '', suffix: a.suffix ?? '', color, note, createdAt: 0 };
}

function select(root: HTMLElement, text: string, nth = 0): Range {
  const full = root.textContent!;
  let at = -1;
  for (let i = 0; i <= nth; i++) at = full.indexOf(text, at + 1);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let pos = 0;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const end = pos + n.data.length;
    if (at >= pos && at <= end && range.startContainer === document) range.setStart(n, at - pos);
    if (at + text.length >= pos && at + text.length <= end) {
      range.setEnd(n, at + text.length - pos);
      break;
    }
    pos = end;
  }
  return range;
}

describe('anchorOf', () => {
  it('takes the selected words and the text either side, without outer whitespace', () => {
    const root = article('<p>The quick brown fox jumps over the lazy dog.</p>');
    const a = anchorOf(root, select(root, ' brown fox '));
    expect(a).toEqual({ quote: 'brown fox', prefix: 'The quick ', suffix: ' jumps over the lazy dog.' });
  });
  it('refuses an empty or blank selection and one outside the article', () => {
    const root = article('<p>one two</p>');
    const r = document.createRange();
    r.setStart(root.firstChild!.firstChild!, 1);
    expect(anchorOf(root, r)).toBeNull();
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.appendChild(outside);
    const o = document.createRange();
    o.selectNodeContents(outside);
    expect(anchorOf(root, o)).toBeNull();
  });
});

describe('locate', () => {
  it('picks the occurrence whose context matches', () => {
    const text = 'a cat sat. the cat ran. my cat slept.';
    expect(locate(text, { quote: 'cat', prefix: 'the ', suffix: ' ran' })).toEqual([15, 18]);
    expect(locate(text, { quote: 'cat', prefix: 'my ', suffix: '' })).toEqual([27, 30]);
  });
  it('matches across different whitespace and says null when the quote is gone', () => {
    expect(locate('one\n  two   three', { quote: 'two three', prefix: 'one ', suffix: '' })).toEqual([6, 17]);
    expect(locate('nothing here', { quote: 'absent', prefix: '', suffix: '' })).toBeNull();
  });
});

describe('applyHighlights', () => {
  it('wraps a quote that crosses elements and re-finds a selection made earlier', () => {
    const html = '<p>Rust is <em>fast</em> and safe.</p><p>Rust is fun.</p>';
    const root = article(html);
    const a = anchorOf(root, select(root, 'Rust is', 1))!;
    const b = anchorOf(root, select(root, 'fast and'))!;
    // A fresh render of the same article (a reload).
    const again = article(html);
    expect(applyHighlights(again, [hl('h1', a, 'green', 'remember'), hl('h2', b)])).toEqual([]);
    const marks = Array.from(again.querySelectorAll('mark.wise-hl'));
    expect(marks.filter((m) => (m as HTMLElement).dataset.hl === 'h1').map((m) => m.textContent).join('')).toBe('Rust is');
    expect(marks.find((m) => (m as HTMLElement).dataset.hl === 'h1')!.closest('p')!.textContent).toBe('Rust is fun.');
    expect(marks.find((m) => (m as HTMLElement).dataset.hl === 'h1')!.className).toContain('wise-hl--green');
    expect((marks.find((m) => (m as HTMLElement).dataset.hl === 'h1') as HTMLElement).title).toBe('remember');
    expect(marks.filter((m) => (m as HTMLElement).dataset.hl === 'h2').map((m) => m.textContent)).toEqual(['fast', ' and']);
    expect(again.textContent).toBe('Rust is fast and safe.Rust is fun.');
  });
  it('reports highlights it cannot find and clears marks back to the original text', () => {
    const root = article('<p>alpha beta gamma</p>');
    expect(applyHighlights(root, [hl('x', { quote: 'beta' }), hl('y', { quote: 'delta' })])).toEqual(['y']);
    expect(root.querySelectorAll('mark').length).toBe(1);
    clearHighlights(root);
    expect(root.innerHTML).toBe('<p>alpha beta gamma</p>');
  });
});
