// A tiny, safe reading of an app's description: paragraphs, "- " lists, "# " headings and **bold** — into plain data the template renders as text (never as HTML).
export interface Inline {
  text: string;
  bold?: boolean;
}

export type Block = { kind: 'p'; parts: Inline[] } | { kind: 'h'; parts: Inline[] } | { kind: 'ul'; items: Inline[][] };

/** "a **b** c" → [a ][b, bold][ c]; an unmatched `**` stays as written. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*(.+?)\*\*/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[1]!, bold: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

const BULLET = /^\s*[-*•]\s+(.*)$/;
const HEADING = /^\s*#{1,6}\s+(.*)$/;

/** Splits text into blocks: blank lines end a paragraph, bullet lines make a list, single newlines inside a paragraph become spaces. */
export function parseDescription(source: string | undefined | null): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: Inline[][] | null = null;
  const flushPara = () => {
    if (para.length) blocks.push({ kind: 'p', parts: parseInline(para.join(' ')) });
    para = [];
  };
  const flushList = () => {
    if (list?.length) blocks.push({ kind: 'ul', items: list });
    list = null;
  };
  for (const raw of (source ?? '').replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      flushPara();
      flushList();
      continue;
    }
    const bullet = BULLET.exec(raw);
    if (bullet) {
      flushPara();
      (list ??= []).push(parseInline(bullet[1]!.trim()));
      continue;
    }
    const heading = HEADING.exec(raw);
    if (heading) {
      flushPara();
      flushList();
      blocks.push({ kind: 'h', parts: parseInline(heading[1]!.trim()) });
      continue;
    }
    flushList();
    para.push(line);
  }
  flushPara();
  flushList();
  return blocks;
}
