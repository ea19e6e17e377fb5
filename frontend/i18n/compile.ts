// The desktop's own message compiler: the few forms our messages use, so vue-i18n's full compiler stays out of the shell's start-up JS.
import type { MessageCompiler, MessageContext } from 'vue-i18n';

/** One piece of a message: plain text, a named placeholder `{name}`, a list placeholder `{0}`. */
type Part = string | { named: string } | { list: number };

const PLACEHOLDER = /\{\s*(?:'((?:[^'\\]|\\.)*)'|(\d+)|([A-Za-z_$][\w$-]*))\s*\}/g;

/** Splits one case of a message into text and placeholders; `{'…'}` is a literal, as in vue-i18n's syntax. */
export function parseCase(source: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  let text = '';
  for (const m of source.matchAll(PLACEHOLDER)) {
    text += source.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      text += m[1].replace(/\\(.)/g, '$1');
      continue;
    }
    if (text) parts.push(text);
    text = '';
    parts.push(m[2] !== undefined ? { list: Number(m[2]) } : { named: m[3]! });
  }
  text += source.slice(last);
  if (text || !parts.length) parts.push(text);
  return parts;
}

/**
 * Splits a message into its plural cases (`none | one | {n} many`) outside literals and placeholders,
 * then renders each case through vue-i18n's context, so pluralisation, interpolation and normalisation
 * behave as with the stock compiler for these forms. Linked messages (`@:key`) are not supported.
 */
export function splitCases(source: string): string[] {
  const cases: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === '|' && depth === 0) {
      cases.push(source.slice(start, i).trim());
      start = i + 1;
    }
  }
  cases.push(cases.length ? source.slice(start).trim() : source.slice(start));
  return cases;
}

/** The helpers vue-i18n's context has at run time (its own compiled messages call them) but does not declare. */
type Ctx = MessageContext & { normalize(values: unknown[]): string; interpolate(value: unknown): unknown; plural(cases: string[]): string };

export const compileMessage: MessageCompiler = (source) => {
  const text = typeof source === 'string' ? source : '';
  const cases = splitCases(text).map(parseCase);
  const render = (ctx: Ctx, parts: Part[]): string =>
    ctx.normalize(parts.map((p) => (typeof p === 'string' ? p : 'named' in p ? ctx.interpolate(ctx.named(p.named)) : ctx.interpolate(ctx.list(p.list)))));
  if (cases.length === 1) {
    const only = cases[0]!;
    return (ctx: MessageContext) => render(ctx as Ctx, only);
  }
  return (ctx: MessageContext) => (ctx as Ctx).plural(cases.map((c) => render(ctx as Ctx, c)));
};
