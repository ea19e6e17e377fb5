// PATCH bodies applied to an object: JSON merge patch (RFC 7386, also used for strategic merge) and JSON patch (RFC 6902).
import { clone, deepEqual, isRecord } from './json';

export class PatchError extends Error {
  /** 400 for a malformed patch, 422 when a well-formed patch cannot apply (bad path, failed test). */
  constructor(
    message: string,
    readonly code: 400 | 422,
  ) {
    super(message);
  }
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return clone(patch);
  const result: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer ${JSON.stringify(pointer)}`, 400);
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

/** The parent container and final key of a pointer; throws when the parent does not exist. */
function locate(doc: unknown, parts: string[], pointer: string): { parent: Container; key: string } {
  let cur: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(cur, part, pointer, false)];
    else if (isRecord(cur) && Object.prototype.hasOwnProperty.call(cur, part)) cur = cur[part];
    else throw new PatchError(`doc is missing path: "${pointer}": missing value`, 422);
  }
  if (!Array.isArray(cur) && !isRecord(cur)) throw new PatchError(`doc is missing path: "${pointer}": missing value`, 422);
  return { parent: cur, key: parts[parts.length - 1] ?? '' };
}

function arrayIndex(arr: unknown[], key: string, pointer: string, forInsert: boolean): number {
  if (forInsert && key === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(key)) throw new PatchError(`invalid array index ${JSON.stringify(key)} in ${pointer}`, 422);
  const i = Number(key);
  if (i > arr.length || (!forInsert && i >= arr.length)) throw new PatchError(`array index out of bounds in ${pointer}`, 422);
  return i;
}

function read(doc: unknown, pointer: string): unknown {
  const parts = parsePointer(pointer);
  if (parts.length === 0) return doc;
  const { parent, key } = locate(doc, parts, pointer);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, key, pointer, false)];
  if (!Object.prototype.hasOwnProperty.call(parent, key)) throw new PatchError(`doc is missing key: ${pointer}: missing value`, 422);
  return parent[key];
}

function remove(doc: unknown, pointer: string): unknown {
  const parts = parsePointer(pointer);
  if (parts.length === 0) throw new PatchError('cannot remove the whole document', 422);
  const { parent, key } = locate(doc, parts, pointer);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, pointer, false), 1)[0];
  if (!Object.prototype.hasOwnProperty.call(parent, key)) throw new PatchError(`unable to remove nonexistent key: ${key}: missing value`, 422);
  const old = parent[key];
  delete parent[key];
  return old;
}

function add(doc: unknown, pointer: string, value: unknown, replace: boolean): unknown {
  const parts = parsePointer(pointer);
  if (parts.length === 0) return value;
  const { parent, key } = locate(doc, parts, pointer);
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, key, pointer, !replace);
    parent.splice(i, replace ? 1 : 0, value);
  } else {
    if (replace && !Object.prototype.hasOwnProperty.call(parent, key)) throw new PatchError(`replace operation does not apply: doc is missing key: ${pointer}: missing value`, 422);
    parent[key] = value;
  }
  return doc;
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', 400);
  let doc = clone(target);
  for (const raw of ops) {
    if (!isRecord(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') throw new PatchError('invalid JSON patch operation: op and path are required', 400);
    const op = raw as unknown as Operation;
    switch (op.op) {
      case 'add':
        if (!('value' in raw)) throw new PatchError('missing value for add operation', 400);
        doc = add(doc, op.path, clone(op.value), false);
        break;
      case 'remove':
        remove(doc, op.path);
        break;
      case 'replace':
        if (!('value' in raw)) throw new PatchError('missing value for replace operation', 400);
        doc = add(doc, op.path, clone(op.value), true);
        break;
      case 'move': {
        if (typeof op.from !== 'string') throw new PatchError('missing from for move operation', 400);
        const value = remove(doc, op.from);
        doc = add(doc, op.path, value, false);
        break;
      }
      case 'copy': {
        if (typeof op.from !== 'string') throw new PatchError('missing from for copy operation', 400);
        doc = add(doc, op.path, clone(read(doc, op.from)), false);
        break;
      }
      case 'test': {
        let actual: unknown;
        try {
          actual = read(doc, op.path);
        } catch {
          actual = undefined;
        }
        if (!deepEqual(actual, op.value)) throw new PatchError(`testing value ${op.path} failed: test failed`, 422);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${op.op}`, 400);
    }
  }
  return doc;
}
