// Typed reads of one YAML mapping that report every problem with its field path: the toolkit the section readers share.
import { formatPath, type Issues } from './issues';
import { tryQuantity } from './quantity';
import type { YamlFile } from './yaml-doc';

export type Seg = string | number;

/** Where reads report to, and the file's scalar sources (for version-like strings written as numbers). */
export interface ReadContext {
  issues: Issues;
  yaml?: YamlFile;
}

export interface StrOptions {
  required?: boolean;
  /** The value must match; `hint` says in words what is expected. */
  pattern?: RegExp;
  hint?: string;
  maxLength?: number;
  /** Report the pattern / length problems as warnings instead of errors. */
  soft?: boolean;
}

/** "a list", "a mapping", "a string"…: for "expected X, got Y". */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const YAML11_BOOLS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, on: true, off: false, y: true, n: false };

/** One mapping of the manifest, with its path. Every read reports problems under `<path>.<key>`. */
export class Fields {
  private constructor(
    readonly ctx: ReadContext,
    readonly data: Record<string, unknown>,
    readonly segs: Seg[],
  ) {}

  /**
   * Wrap a value that should be a mapping. Absent or null gives undefined without complaint (the section is optional);
   * anything else that is not a mapping is an error. `known` lists the fields this version understands: others are warnings.
   */
  static of(ctx: ReadContext, value: unknown, segs: Seg[], known?: readonly string[]): Fields | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isPlainObject(value)) {
      ctx.issues.error(formatPath(segs) || '(root)', `expected a mapping, got ${typeName(value)}`);
      return undefined;
    }
    const fields = new Fields(ctx, value, segs);
    if (known) fields.warnUnknown(known);
    return fields;
  }

  /** The same, for a mapping that must be present. */
  static required(ctx: ReadContext, value: unknown, segs: Seg[], known?: readonly string[]): Fields | undefined {
    if (value === undefined || value === null) {
      ctx.issues.error(formatPath(segs), 'is required');
      return undefined;
    }
    return Fields.of(ctx, value, segs, known);
  }

  path(key?: Seg): string {
    return formatPath(key === undefined ? this.segs : [...this.segs, key]);
  }

  child(key: Seg): Seg[] {
    return [...this.segs, key];
  }

  raw(key: string): unknown {
    return this.data[key];
  }

  has(key: string): boolean {
    const v = this.data[key];
    return v !== undefined && v !== null;
  }

  /** Fields the reader does not know are kept out of the result and reported as warnings (newer manifest versions add fields). */
  warnUnknown(known: readonly string[]): void {
    for (const key of Object.keys(this.data)) {
      if (!known.includes(key)) this.ctx.issues.warn(this.path(key), 'unknown field, ignored');
    }
  }

  error(key: Seg, reason: string): void {
    this.ctx.issues.error(this.path(key), reason);
  }

  warn(key: Seg, reason: string): void {
    this.ctx.issues.warn(this.path(key), reason);
  }

  /** A string; numbers and booleans are read as their YAML text (`version: 1.10` is "1.10"). */
  str(key: string, opts: StrOptions = {}): string | undefined {
    const v = this.data[key];
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.error(key, v === '' ? 'must not be empty' : 'is required');
      return v === '' && !opts.required ? '' : undefined;
    }
    let s: string;
    if (typeof v === 'string') s = v;
    else if (typeof v === 'number' || typeof v === 'boolean') s = this.ctx.yaml?.sourceOf(this.child(key)) ?? String(v);
    else {
      this.error(key, `expected a string, got ${typeName(v)}`);
      return undefined;
    }
    const report = (reason: string) => (opts.soft ? this.warn(key, reason) : this.error(key, reason));
    if (opts.maxLength !== undefined && s.length > opts.maxLength) {
      report(`${JSON.stringify(s)} is longer than ${opts.maxLength} characters`);
      if (!opts.soft) return undefined;
    }
    if (opts.pattern && !opts.pattern.test(s)) {
      report(`${JSON.stringify(s)} ${opts.hint ?? `does not match ${String(opts.pattern)}`}`);
      if (!opts.soft) return undefined;
    }
    return s;
  }

  /** A string that must be present; '' when it is missing (the error is recorded). */
  reqStr(key: string, opts: StrOptions = {}): string {
    return this.str(key, { ...opts, required: true }) ?? '';
  }

  /** A string from a closed set. Unknown values are errors, or with `soft` warnings that fall back to `fallback`. */
  oneOf<T extends string>(key: string, values: readonly T[], fallback: T, soft = false): T {
    const s = this.str(key);
    if (s === undefined || s === '') return fallback;
    if ((values as readonly string[]).includes(s)) return s as T;
    const reason = `${JSON.stringify(s)} is not one of ${values.join(', ')}`;
    if (soft) this.warn(key, `${reason}; using ${fallback}`);
    else this.error(key, reason);
    return fallback;
  }

  /** A boolean; YAML 1.1 spellings (yes/no/on/off), which Go's YAML reader accepts, are read too. */
  bool(key: string, fallback = false): boolean {
    const v = this.data[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && v.toLowerCase() in YAML11_BOOLS) return YAML11_BOOLS[v.toLowerCase()] ?? fallback;
    this.error(key, `expected true or false, got ${typeName(v)} ${JSON.stringify(v)}`);
    return fallback;
  }

  /** A whole number within bounds; a quoted number is read with a warning. */
  int(key: string, opts: { min?: number; max?: number; required?: boolean } = {}): number | undefined {
    const v = this.data[key];
    if (v === undefined || v === null) {
      if (opts.required) this.error(key, 'is required');
      return undefined;
    }
    let n: number;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) {
      n = Number(v);
      this.warn(key, `${JSON.stringify(v)} is a string; read as the number ${n}`);
    } else {
      this.error(key, `expected a whole number, got ${typeName(v)}`);
      return undefined;
    }
    if (!Number.isInteger(n)) {
      this.error(key, `${n} is not a whole number`);
      return undefined;
    }
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      this.error(key, `${n} is out of range ${opts.min ?? '-∞'}..${opts.max ?? '∞'}`);
      return undefined;
    }
    return n;
  }

  /** A list of strings; null is the empty list; a lone string is read as a list of one, with a warning. */
  strList(key: string, opts: StrOptions = {}): string[] {
    const v = this.data[key];
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') {
      this.warn(key, 'expected a list, got a single string; read as a list of one');
      return [v];
    }
    if (!Array.isArray(v)) {
      this.error(key, `expected a list of strings, got ${typeName(v)}`);
      return [];
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (item === null || item === undefined) return;
      if (typeof item !== 'string' && typeof item !== 'number') {
        this.error(`${key}[${i}]`, `expected a string, got ${typeName(item)}`);
        return;
      }
      const s = typeof item === 'number' ? (this.ctx.yaml?.sourceOf([...this.child(key), i]) ?? String(item)) : item;
      if (opts.pattern && !opts.pattern.test(s)) {
        const reason = `${JSON.stringify(s)} ${opts.hint ?? `does not match ${String(opts.pattern)}`}`;
        if (opts.soft) this.warn(`${key}[${i}]`, reason);
        else {
          this.error(`${key}[${i}]`, reason);
          return;
        }
      }
      out.push(s);
    });
    return out;
  }

  /** A nested mapping (optional). */
  map(key: string, known?: readonly string[]): Fields | undefined {
    return Fields.of(this.ctx, this.data[key], this.child(key), known);
  }

  /** The items of a list, each with its path; null is the empty list. */
  items(key: string): Array<{ value: unknown; segs: Seg[] }> {
    const v = this.data[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.error(key, `expected a list, got ${typeName(v)}`);
      return [];
    }
    return v.map((value, i) => ({ value, segs: [...this.child(key), i] }));
  }

  /** A list of mappings: each item wrapped, non-mappings reported. */
  mapItems(key: string, known?: readonly string[]): Fields[] {
    const out: Fields[] = [];
    for (const item of this.items(key)) {
      if (item.value === null || item.value === undefined) {
        this.ctx.issues.warn(formatPath(item.segs), 'empty list item, ignored');
        continue;
      }
      const f = Fields.of(this.ctx, item.value, item.segs, known);
      if (f) out.push(f);
    }
    return out;
  }

  /** A Kubernetes quantity parsed by `parse` (millicores or bytes). */
  quantity(key: string, parse: (input: string | number) => number, opts: { required?: boolean } = {}): number | undefined {
    const v = this.data[key];
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.error(key, 'is required');
      return undefined;
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.error(key, `expected a Kubernetes quantity, got ${typeName(v)}`);
      return undefined;
    }
    const r = tryQuantity(parse, v);
    if (!r.ok) {
      this.error(key, r.reason);
      return undefined;
    }
    return r.value;
  }
}
