// Highlights in an article's DOM: the selected text as quote + a little context either side, and each stored highlight found again (by that context) and wrapped in <mark>.
import type { HighlightView } from '../../shared/wire';

/** Characters of context kept either side of a quote. */
export const CONTEXT = 32;

export interface Anchor {
  quote: string;
  prefix: string;
  suffix: string;
}

interface TextIndex {
  nodes: Text[];
  starts: number[];
  text: string;
}

function indexText(root: Node): TextIndex {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  const walker = root.ownerDocument!.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    starts.push(text.length);
    text += (n as Text).data;
  }
  return { nodes, starts, text };
}

/** The offset in root's text of a boundary point (container, offset) inside it. */
function offsetOf(root: Node, container: Node, offset: number): number {
  const r = root.ownerDocument!.createRange();
  r.setStart(root, 0);
  r.setEnd(container, offset);
  return r.toString().length;
}

/** The quote and its context for a selection inside `root`; null when the selection is empty, blank or leaves root. */
export function anchorOf(root: Node, range: Range): Anchor | null {
  if (range.collapsed || !root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const text = root.textContent ?? '';
  const start = offsetOf(root, range.startContainer, range.startOffset);
  const end = offsetOf(root, range.endContainer, range.endOffset);
  const quote = text.slice(start, end);
  if (!quote.trim()) return null;
  // Trim the selection's outer whitespace, keeping the context next to the words themselves.
  const lead = quote.length - quote.trimStart().length;
  const trail = quote.length - quote.trimEnd().length;
  const s = start + lead;
  const e = end - trail;
  return { quote: text.slice(s, e), prefix: text.slice(Math.max(0, s - CONTEXT), s), suffix: text.slice(e, e + CONTEXT) };
}

/** The text with runs of whitespace made one space, and where each of its characters came from. */
function collapse(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (space) continue;
      space = true;
      out += ' ';
    } else {
      space = false;
      out += ch;
    }
    map.push(i);
  }
  map.push(text.length);
  return { text: out, map };
}

/** How many characters of `a`'s end agree with `b`'s end (or starts, with `fromStart`). */
function agree(a: string, b: string, fromStart: boolean): number {
  const n = Math.min(a.length, b.length);
  let k = 0;
  while (k < n && (fromStart ? a[k] === b[k] : a[a.length - 1 - k] === b[b.length - 1 - k])) k++;
  return k;
}

/** Where the anchor's quote lies in `text` ([start, end) in text's offsets): the occurrence whose surroundings best match its context. */
export function locate(text: string, a: Anchor): [number, number] | null {
  const c = collapse(text);
  const quote = collapse(a.quote).text.trim();
  if (!quote) return null;
  const prefix = collapse(a.prefix).text;
  const suffix = collapse(a.suffix).text;
  let best: { at: number; score: number } | null = null;
  for (let at = c.text.indexOf(quote); at >= 0; at = c.text.indexOf(quote, at + 1)) {
    const score = agree(c.text.slice(Math.max(0, at - prefix.length), at).trimEnd(), prefix.trimEnd(), false) + agree(c.text.slice(at + quote.length).trimStart(), suffix.trimStart(), true);
    if (!best || score > best.score) best = { at, score };
  }
  if (!best) return null;
  return [c.map[best.at]!, c.map[best.at + quote.length - 1]! + 1];
}

/** Wraps [start, end) of root's text in marks (one per text node crossed), each with the given class and data-hl id. */
function wrap(root: Node, start: number, end: number, make: () => HTMLElement): HTMLElement[] {
  const { nodes, starts } = indexText(root);
  const marks: HTMLElement[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const from = starts[i]!;
    const to = from + node.data.length;
    if (to <= start || from >= end) continue;
    const s = Math.max(start, from) - from;
    const e = Math.min(end, to) - from;
    if (!node.data.slice(s, e).trim()) continue;
    let target = node;
    if (s > 0) target = target.splitText(s);
    if (e - s < target.data.length) target.splitText(e - s);
    const mark = make();
    target.parentNode!.insertBefore(mark, target);
    mark.appendChild(target);
    marks.push(mark);
  }
  return marks;
}

/** Marks every highlight it can find again; returns the ids of those it could not. */
export function applyHighlights(root: HTMLElement, highlights: HighlightView[]): string[] {
  const lost: string[] = [];
  for (const h of highlights) {
    const at = locate(root.textContent ?? '', h);
    if (!at) {
      lost.push(h.id);
      continue;
    }
    wrap(root, at[0], at[1], () => {
      const m = root.ownerDocument.createElement('mark');
      m.className = `wise-hl wise-hl--${h.color}${h.note ? ' wise-hl--note' : ''}`;
      m.dataset.hl = h.id;
      if (h.note) m.title = h.note;
      return m;
    });
  }
  return lost;
}

/** Takes every highlight mark out again (their text stays where it was). */
export function clearHighlights(root: HTMLElement): void {
  for (const m of Array.from(root.querySelectorAll('mark.wise-hl'))) {
    const parent = m.parentNode!;
    while (m.firstChild) parent.insertBefore(m.firstChild, m);
    parent.removeChild(m);
  }
  root.normalize();
}
