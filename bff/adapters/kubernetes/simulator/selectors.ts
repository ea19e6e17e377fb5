// Label and field selectors: the query-string syntax of list and watch, and the matchLabels form of workloads.
import { getPath } from './json';
import { checkLabelKey, checkLabelValue } from './names';
import type { KubeObject, LabelSelectorSpec } from './types';

export type Requirement =
  | { key: string; op: 'exists' | '!' }
  | { key: string; op: '=' | '!=' | 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; values: [string] };

export class SelectorError extends Error {}

type Token = { kind: 'id'; text: string } | { kind: 'sym'; text: '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '<' | '>' };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = input.slice(i, i + 2);
    if (two === '==' || two === '!=') {
      tokens.push({ kind: 'sym', text: two });
      i += 2;
      continue;
    }
    if ('(),!=<>'.includes(c)) {
      tokens.push({ kind: 'sym', text: c as '(' });
      i++;
      continue;
    }
    let j = i;
    while (j < input.length && !/[\s(),!=<>]/.test(input[j] ?? '')) j++;
    tokens.push({ kind: 'id', text: input.slice(i, j) });
    i = j;
  }
  return tokens;
}

function checkKey(key: string): void {
  const problem = checkLabelKey(key);
  if (problem) throw new SelectorError(`unable to parse requirement: invalid label key "${key}": ${problem}`);
}

function checkValue(value: string): void {
  const problem = checkLabelValue(value);
  if (problem) throw new SelectorError(`unable to parse requirement: invalid label value: "${value}": ${problem}`);
}

/** Parses `a=b,c!=d,e in (x,y),!f,g`. Throws SelectorError with the API server's wording. */
export function parseLabelSelector(input: string | undefined): Requirement[] {
  if (!input || input.trim() === '') return [];
  const tokens = tokenize(input);
  const reqs: Requirement[] = [];
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const next = (): Token | undefined => tokens[pos++];
  const expectId = (what: string): string => {
    const t = next();
    if (!t || t.kind !== 'id') throw new SelectorError(`unable to parse requirement: found '${t?.text ?? ''}', expected: ${what}`);
    return t.text;
  };
  for (;;) {
    const first = peek();
    if (!first) throw new SelectorError('found \'\', expected: !, identifier, or \'end of string\'');
    if (first.kind === 'sym' && first.text === '!') {
      next();
      const key = expectId('identifier');
      checkKey(key);
      reqs.push({ key, op: '!' });
    } else {
      const key = expectId('identifier');
      checkKey(key);
      const op = peek();
      if (!op || (op.kind === 'sym' && op.text === ',')) {
        reqs.push({ key, op: 'exists' });
      } else if (op.kind === 'sym' && (op.text === '=' || op.text === '==' || op.text === '!=')) {
        next();
        const after = peek();
        let value = '';
        if (after && after.kind === 'id') {
          value = after.text;
          next();
        }
        checkValue(value);
        reqs.push({ key, op: op.text === '!=' ? '!=' : '=', values: [value] });
      } else if (op.kind === 'sym' && (op.text === '<' || op.text === '>')) {
        next();
        const value = expectId('a number');
        if (!/^-?\d+$/.test(value)) throw new SelectorError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
        reqs.push({ key, op: op.text === '>' ? 'gt' : 'lt', values: [value] });
      } else if (op.kind === 'id' && (op.text === 'in' || op.text === 'notin')) {
        next();
        const open = next();
        if (!open || open.text !== '(') throw new SelectorError(`unable to parse requirement: found '${open?.text ?? ''}', expected: '('`);
        const values: string[] = [];
        for (;;) {
          const t = next();
          if (!t) throw new SelectorError("unable to parse requirement: found '', expected: ')'");
          if (t.kind === 'sym' && t.text === ')') break;
          if (t.kind === 'sym' && t.text === ',') continue;
          if (t.kind !== 'id') throw new SelectorError(`unable to parse requirement: found '${t.text}', expected: ',', ')' or identifier`);
          checkValue(t.text);
          values.push(t.text);
        }
        if (op.text === 'in' && values.length === 0) throw new SelectorError('unable to parse requirement: for \'in\', \'notin\' operators, values set can\'t be empty');
        reqs.push({ key, op: op.text, values });
      } else {
        throw new SelectorError(`unable to parse requirement: found '${op.text}', expected: in, notin, =, ==, !=, gt, lt`);
      }
    }
    const sep = next();
    if (!sep) break;
    if (sep.kind !== 'sym' || sep.text !== ',') throw new SelectorError(`found '${sep.text}', expected: ',' or 'end of string'`);
  }
  return reqs;
}

export function matchesLabels(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case '!':
        return !has;
      case '=':
      case 'in':
        return has && r.values.includes(v ?? '');
      case '!=':
      case 'notin':
        return !has || !r.values.includes(v ?? '');
      case 'gt':
        return has && /^-?\d+$/.test(v ?? '') && Number(v) > Number(r.values[0]);
      case 'lt':
        return has && /^-?\d+$/.test(v ?? '') && Number(v) < Number(r.values[0]);
    }
    return false;
  });
}

/** A workload's `spec.selector` as requirements. */
export function fromLabelSelectorSpec(spec: LabelSelectorSpec | undefined): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(spec?.matchLabels ?? {})) reqs.push({ key, op: '=', values: [value] });
  for (const e of spec?.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'in' || op === 'notin') reqs.push({ key: e.key, op, values: e.values ?? [] });
    else if (op === 'exists') reqs.push({ key: e.key, op: 'exists' });
    else if (op === 'doesnotexist') reqs.push({ key: e.key, op: '!' });
  }
  return reqs;
}

/** The selector as text, for a Scale's status.selector. */
export function formatSelector(reqs: Requirement[]): string {
  return reqs
    .map((r) => {
      switch (r.op) {
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
        case '=':
        case '!=':
          return `${r.key}${r.op}${r.values[0] ?? ''}`;
        case 'in':
        case 'notin':
          return `${r.key} ${r.op} (${r.values.join(',')})`;
        case 'gt':
          return `${r.key}>${r.values[0]}`;
        case 'lt':
          return `${r.key}<${r.values[0]}`;
      }
      return '';
    })
    .join(',');
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Fields every kind supports, and the extra ones per kind (as in the API server's field label conversion). */
const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
const KIND_FIELDS: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Event: [
    'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion',
    'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type',
  ],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  Secret: ['type'],
  Job: ['status.successful'],
  ReplicaSet: ['status.replicas'],
  PersistentVolumeClaim: [],
};

function splitUnescaped(input: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i] ?? '';
    if (c === '\\' && i + 1 < input.length) {
      cur += c + (input[i + 1] ?? '');
      i++;
    } else if (c === sep) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

export function parseFieldSelector(input: string | undefined, kind: string): FieldRequirement[] {
  if (!input || input.trim() === '') return [];
  const allowed = new Set([...COMMON_FIELDS, ...(KIND_FIELDS[kind] ?? [])]);
  return splitUnescaped(input, ',').map((part) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/s.exec(part.trim());
    if (!m) throw new SelectorError(`invalid selector: '${part}'; can't understand '${part}'`);
    const field = (m[1] ?? '').trim();
    if (!allowed.has(field)) throw new SelectorError(`field label not supported: ${field}`);
    return { field, op: m[2] === '!=' ? '!=' : '=', value: unescape(m[3] ?? '') };
  });
}

function fieldValue(obj: KubeObject, field: string): string {
  const path = field === 'source' ? 'source.component' : field === 'status.successful' ? 'status.succeeded' : field;
  const v = getPath(obj, path);
  return v === undefined || v === null ? '' : String(v);
}

export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === '='));
}
