// JSON merge patch and JSON patch (RFC 7386 / RFC 6902) on plain objects.
import { describe, expect, it } from 'vitest';
import { PatchError, jsonPatch, mergePatch } from './patch';

describe('merge patch', () => {
  it('merges objects, replaces arrays and deletes nulls', () => {
    const doc = { a: { b: 1, c: 2 }, list: [1, 2], gone: true };
    expect(mergePatch(doc, { a: { c: 3, d: 4 }, list: [9], gone: null })).toEqual({ a: { b: 1, c: 3, d: 4 }, list: [9] });
    expect(doc).toEqual({ a: { b: 1, c: 2 }, list: [1, 2], gone: true });
  });
});

describe('JSON patch', () => {
  const doc = { metadata: { labels: { a: '1' } }, spec: { items: ['x', 'y'] } };
  it('applies add, remove, replace, move, copy and test', () => {
    const out = jsonPatch(doc, [
      { op: 'test', path: '/metadata/labels/a', value: '1' },
      { op: 'add', path: '/metadata/labels/b~1c', value: '2' },
      { op: 'replace', path: '/metadata/labels/a', value: '3' },
      { op: 'add', path: '/spec/items/-', value: 'z' },
      { op: 'add', path: '/spec/items/0', value: 'w' },
      { op: 'remove', path: '/spec/items/1' },
      { op: 'copy', from: '/metadata/labels/a', path: '/spec/copied' },
      { op: 'move', from: '/spec/copied', path: '/spec/moved' },
    ]);
    expect(out).toEqual({ metadata: { labels: { a: '3', 'b/c': '2' } }, spec: { items: ['w', 'y', 'z'], moved: '3' } });
    expect(doc.spec.items).toEqual(['x', 'y']);
  });
  it('fails a test op with 422 and a malformed patch with 400', () => {
    const test = () => jsonPatch(doc, [{ op: 'test', path: '/metadata/labels/a', value: 'nope' }]);
    expect(test).toThrow(PatchError);
    try {
      test();
    } catch (e) {
      expect((e as PatchError).code).toBe(422);
    }
    try {
      jsonPatch(doc, { op: 'add' });
    } catch (e) {
      expect((e as PatchError).code).toBe(400);
    }
    expect(() => jsonPatch(doc, [{ op: 'replace', path: '/nope/x', value: 1 }])).toThrow(/missing/);
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/spec/items/5' }])).toThrow(/out of bounds/);
  });
});
