// OlaresManifest.yaml is a Helm template ({{- if … }} per user role): the small Go-template subset that manifests use, rendered without Helm.

/** What the template sees: `.Values`, `.Release`, … (the top-level object, `.` and `$`). */
export type TemplateData = Record<string, unknown>;

export type RenderResult = { ok: true; text: string } | { ok: false; line: number; reason: string };

type Token =
  | { t: 'lparen' | 'rparen' | 'pipe' }
  | { t: 'field'; root: boolean; chain: string[] }
  | { t: 'lit'; value: unknown }
  | { t: 'ident'; name: string };

type Expr = { kind: 'lit'; value: unknown } | { kind: 'field'; chain: string[] } | { kind: 'call'; name: string; args: Expr[] };

type TNode =
  | { kind: 'text'; text: string }
  | { kind: 'out'; expr: Expr; line: number }
  | { kind: 'if'; branches: Array<{ cond: Expr; body: TNode[]; line: number }>; otherwise: TNode[] };

class TemplateError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

interface Action {
  body: string;
  line: number;
}

/** Split the source into text and actions, applying the `{{-` / `-}}` whitespace trims. */
function lex(src: string): Array<string | Action> {
  const out: Array<string | Action> = [];
  let pos = 0;
  let trimNext = false;
  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    let text = open === -1 ? src.slice(pos) : src.slice(pos, open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open === -1) {
      out.push(text);
      break;
    }
    const line = lineAt(src, open);
    const close = findClose(src, open + 2, line);
    let body = src.slice(open + 2, close);
    if (/^-\s/.test(body)) {
      text = text.replace(/\s+$/, '');
      body = body.slice(1);
    }
    trimNext = /\s-$/.test(body);
    if (trimNext) body = body.slice(0, -1);
    out.push(text, { body: body.trim(), line });
    pos = close + 2;
  }
  return out;
}

function lineAt(src: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (src.charCodeAt(i) === 10) line++;
  return line;
}

/** The offset of the `}}` that closes an action, skipping over string literals and comments. */
function findClose(src: string, from: number, line: number): number {
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end === -1) break;
      i = end + 2;
    } else if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end === -1) break;
      i = end + 1;
    } else if (src.startsWith('}}', i)) return i;
    else if (c === '\n') break;
    else i++;
  }
  throw new TemplateError(line, 'unclosed action: "{{" without "}}" on the same line');
}

function tokenize(body: string, line: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const ident = /[A-Za-z_][A-Za-z0-9_]*/y;
  while (i < body.length) {
    const c = body[i] ?? '';
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')' || c === '|') {
      tokens.push({ t: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'pipe' });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < body.length && body[j] !== '"') j += body[j] === '\\' ? 2 : 1;
      const raw = body.slice(i, j + 1);
      try {
        tokens.push({ t: 'lit', value: JSON.parse(raw) as string });
      } catch {
        throw new TemplateError(line, `bad string literal ${raw}`);
      }
      i = j + 1;
    } else if (c === '`') {
      const j = body.indexOf('`', i + 1);
      tokens.push({ t: 'lit', value: body.slice(i + 1, j) });
      i = j + 1;
    } else if (/[-0-9]/.test(c)) {
      const m = /-?\d+(\.\d+)?/y;
      m.lastIndex = i;
      const found = m.exec(body);
      if (!found) throw new TemplateError(line, `unexpected "${c}"`);
      tokens.push({ t: 'lit', value: Number(found[0]) });
      i += found[0].length;
    } else if (c === '.' || c === '$') {
      const root = c === '$';
      let j = root ? i + 1 : i;
      if (root && body[j] !== '.' && /[A-Za-z_]/.test(body[j] ?? '')) throw new TemplateError(line, 'template variables ($name) are not supported');
      const chain: string[] = [];
      while (body[j] === '.') {
        ident.lastIndex = j + 1;
        const m = ident.exec(body);
        if (!m) {
          j++;
          break;
        }
        chain.push(m[0]);
        j += 1 + m[0].length;
      }
      tokens.push({ t: 'field', root, chain });
      i = j;
    } else {
      ident.lastIndex = i;
      const m = ident.exec(body);
      if (!m) throw new TemplateError(line, `unexpected "${c}"`);
      const name = m[0];
      if (name === 'true' || name === 'false') tokens.push({ t: 'lit', value: name === 'true' });
      else if (name === 'nil') tokens.push({ t: 'lit', value: null });
      else tokens.push({ t: 'ident', name });
      i += name.length;
    }
  }
  return tokens;
}

/** pipeline := command ('|' command)* ; command := operand+ ; operand := literal | field | '(' pipeline ')' | function. */
function parseExpr(tokens: Token[], line: number): Expr {
  let pos = 0;
  const pipeline = (): Expr => {
    let expr = command();
    while (tokens[pos]?.t === 'pipe') {
      pos++;
      const next = command();
      if (next.kind !== 'call') throw new TemplateError(line, 'only a function can follow "|"');
      expr = { kind: 'call', name: next.name, args: [...next.args, expr] };
    }
    return expr;
  };
  const operand = (): Expr => {
    const tok = tokens[pos++];
    if (!tok) throw new TemplateError(line, 'missing value');
    if (tok.t === 'lit') return { kind: 'lit', value: tok.value };
    if (tok.t === 'field') return { kind: 'field', chain: tok.chain };
    if (tok.t === 'lparen') {
      const inner = pipeline();
      if (tokens[pos++]?.t !== 'rparen') throw new TemplateError(line, 'missing ")"');
      return inner;
    }
    if (tok.t === 'ident') return { kind: 'call', name: tok.name, args: [] };
    throw new TemplateError(line, `unexpected "${tok.t === 'pipe' ? '|' : ')'}"`);
  };
  const command = (): Expr => {
    const first = operand();
    const args: Expr[] = [];
    while (pos < tokens.length && tokens[pos]?.t !== 'pipe' && tokens[pos]?.t !== 'rparen') args.push(operand());
    if (first.kind === 'call' && first.args.length === 0) return { kind: 'call', name: first.name, args };
    if (args.length > 0) throw new TemplateError(line, 'a value cannot take arguments');
    return first;
  };
  const expr = pipeline();
  if (pos < tokens.length) throw new TemplateError(line, 'unexpected ")"');
  return expr;
}

/** Build the tree: text, output actions and if/else-if/else/end blocks. */
function parse(src: string): TNode[] {
  const root: TNode[] = [];
  type Frame = { node: Extract<TNode, { kind: 'if' }>; target: TNode[]; line: number; sawElse: boolean };
  const stack: Frame[] = [];
  let target = root;
  for (const part of lex(src)) {
    if (typeof part === 'string') {
      if (part) target.push({ kind: 'text', text: part });
      continue;
    }
    const { body, line } = part;
    if (body.startsWith('/*')) continue;
    const word = /^[a-z]+/.exec(body)?.[0] ?? '';
    const rest = body.slice(word.length).trim();
    const expr = (): Expr => parseExpr(tokenize(rest, line), line);
    if (word === 'if') {
      const node: Extract<TNode, { kind: 'if' }> = { kind: 'if', branches: [{ cond: expr(), body: [], line }], otherwise: [] };
      target.push(node);
      stack.push({ node, target, line, sawElse: false });
      target = node.branches[0]?.body ?? [];
    } else if (word === 'else') {
      const frame = stack[stack.length - 1];
      if (!frame) throw new TemplateError(line, '"else" outside "if"');
      if (frame.sawElse) throw new TemplateError(line, '"else" after "else"');
      if (rest.startsWith('if ')) {
        const cond = parseExpr(tokenize(rest.slice(3), line), line);
        const branch = { cond, body: [] as TNode[], line };
        frame.node.branches.push(branch);
        target = branch.body;
      } else if (rest === '') {
        frame.sawElse = true;
        target = frame.node.otherwise;
      } else throw new TemplateError(line, `unexpected "${rest}" after "else"`);
    } else if (word === 'end') {
      const frame = stack.pop();
      if (!frame) throw new TemplateError(line, '"end" without "if"');
      target = frame.target;
    } else if (['range', 'with', 'define', 'template', 'block', 'break', 'continue'].includes(word) && !/^[A-Za-z_]/.test(body.slice(word.length, word.length + 1))) {
      throw new TemplateError(line, `"{{ ${word} }}" is not supported in OlaresManifest.yaml`);
    } else {
      target.push({ kind: 'out', expr: parseExpr(tokenize(body, line), line), line });
    }
  }
  const open = stack.pop();
  if (open) throw new TemplateError(open.line, '"if" without "end"');
  return root;
}

/** Go's truth: false, 0, nil, "" and empty collections are false. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function compare(name: string, a: unknown, b: unknown, line: number): boolean {
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) throw new TemplateError(line, `"${name}" needs two numbers or two strings`);
  const x = a as number | string;
  const y = b as number | string;
  return name === 'lt' ? x < y : name === 'le' ? x <= y : name === 'gt' ? x > y : x >= y;
}

function call(name: string, args: unknown[], line: number): unknown {
  const need = (n: number) => {
    if (args.length < n) throw new TemplateError(line, `"${name}" needs ${n} argument${n === 1 ? '' : 's'}`);
  };
  switch (name) {
    case 'and':
      need(1);
      return args.find((a) => !truthy(a)) ?? args[args.length - 1];
    case 'or':
      need(1);
      return args.find((a) => truthy(a)) ?? args[args.length - 1];
    case 'not':
      need(1);
      return !truthy(args[0]);
    case 'eq':
      need(2);
      return args.slice(1).some((b) => (args[0] ?? null) === (b ?? null));
    case 'ne':
      need(2);
      return (args[0] ?? null) !== (args[1] ?? null);
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
      need(2);
      return compare(name, args[0], args[1], line);
    case 'default':
      need(2);
      return truthy(args[1]) ? args[1] : args[0];
    case 'empty':
      need(1);
      return !truthy(args[0]);
    case 'quote':
      return args.map((a) => JSON.stringify(print(a))).join(' ');
    case 'lower':
      need(1);
      return print(args[0]).toLowerCase();
    case 'upper':
      need(1);
      return print(args[0]).toUpperCase();
    default:
      throw new TemplateError(line, `unknown template function "${name}"`);
  }
}

function evaluate(expr: Expr, data: TemplateData, line: number): unknown {
  if (expr.kind === 'lit') return expr.value;
  if (expr.kind === 'field') {
    let cur: unknown = data;
    for (const key of expr.chain) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
      cur = (cur as Record<string, unknown>)[key];
    }
    return cur;
  }
  return call(
    expr.name,
    expr.args.map((a) => evaluate(a, data, line)),
    line,
  );
}

/** How a value prints: nil as "" (as Helm does), collections as JSON. */
function print(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function run(nodes: TNode[], data: TemplateData, out: string[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') out.push(node.text);
    else if (node.kind === 'out') out.push(print(evaluate(node.expr, data, node.line)));
    else {
      const branch = node.branches.find((b) => truthy(evaluate(b.cond, data, b.line)));
      run(branch ? branch.body : node.otherwise, data, out);
    }
  }
}

/** Render `source` with `data`; text with no `{{` comes back unchanged. */
export function renderTemplate(source: string, data: TemplateData): RenderResult {
  if (!source.includes('{{')) return { ok: true, text: source };
  try {
    const out: string[] = [];
    run(parse(source), data, out);
    return { ok: true, text: out.join('') };
  } catch (err) {
    if (err instanceof TemplateError) return { ok: false, line: err.line, reason: err.reason };
    throw err;
  }
}

/** Who the manifest is rendered for. Olares renders it per user: admins see the full (server) variant. */
export interface ManifestRenderOptions {
  /** The installing user's name (`.Values.bfl.username`). Default "admin". */
  owner?: string;
  /** The cluster admin's name (`.Values.admin`). Default: the owner, i.e. rendered as an admin sees it. */
  admin?: string;
  /** `.Release.Name`; default empty, as Helm's own linter renders it. */
  releaseName?: string;
  /** More `.Values` (merged over the defaults). */
  values?: Record<string, unknown>;
}

/** The data a manifest template is rendered with, from the render options. */
export function manifestTemplateData(opts: ManifestRenderOptions = {}): TemplateData {
  const owner = opts.owner ?? 'admin';
  const admin = opts.admin ?? owner;
  return {
    Values: { admin, bfl: { username: owner }, ...opts.values },
    Release: { Name: opts.releaseName ?? '', Namespace: '', Service: 'Helm' },
    Chart: {},
    Capabilities: {},
  };
}
