import { describe, expect, it } from 'vitest';
import { flattenEntries, filesFromDrop, type EntryLike } from './drop';

const fileEntry = (name: string, body = name): EntryLike => ({
  isFile: true,
  isDirectory: false,
  name,
  file: (ok) => ok(new File([body], name)),
});

/** A folder whose reader answers in batches of `batch`, then an empty batch (as Chromium does). */
const dirEntry = (name: string, children: EntryLike[], batch = 2): EntryLike => ({
  isFile: false,
  isDirectory: true,
  name,
  createReader: () => {
    let at = 0;
    return {
      readEntries: (ok) => {
        const out = children.slice(at, at + batch);
        at += batch;
        ok(out);
      },
    };
  },
});

describe('flattenEntries', () => {
  it('walks folders recursively with relative paths, reading every batch', async () => {
    const tree = [
      fileEntry('top.txt'),
      dirEntry('Photos', [fileEntry('a.jpg'), fileEntry('b.jpg'), dirEntry('2024', [fileEntry('c.jpg')]), fileEntry('d.jpg'), fileEntry('e.jpg')]),
      dirEntry('Empty', []),
    ];
    const out = await flattenEntries(tree);
    expect(out.map((f) => f.relativePath)).toEqual(['top.txt', 'Photos/a.jpg', 'Photos/b.jpg', 'Photos/2024/c.jpg', 'Photos/d.jpg', 'Photos/e.jpg']);
    expect(await out[3]!.file.text()).toBe('c.jpg');
  });

  it('keeps Unicode, spaces and emoji in names', async () => {
    const out = await flattenEntries([dirEntry('我的 文件', [fileEntry('📷 one.png')])]);
    expect(out.map((f) => f.relativePath)).toEqual(['我的 文件/📷 one.png']);
  });

  it('rejects when a file cannot be read', async () => {
    const broken: EntryLike = { isFile: true, isDirectory: false, name: 'x', file: (_ok, fail) => fail?.(new Error('gone')) };
    await expect(flattenEntries([broken])).rejects.toThrow('gone');
  });
});

describe('filesFromDrop', () => {
  it('uses entries when the browser gives them and plain files otherwise', async () => {
    const plain = new File(['p'], 'plain.txt');
    const dt = {
      items: [
        { kind: 'file', webkitGetAsEntry: () => dirEntry('F', [fileEntry('in.txt')]), getAsFile: () => null },
        { kind: 'file', webkitGetAsEntry: () => null, getAsFile: () => plain },
        { kind: 'string', webkitGetAsEntry: () => null, getAsFile: () => null },
      ],
      files: [],
    } as unknown as DataTransfer;
    const out = await filesFromDrop(dt);
    expect(out.map((f) => f.relativePath)).toEqual(['F/in.txt', 'plain.txt']);
  });

  it('falls back to dt.files without items', async () => {
    const dt = { items: [], files: [new File(['a'], 'a.txt')] } as unknown as DataTransfer;
    expect((await filesFromDrop(dt)).map((f) => f.relativePath)).toEqual(['a.txt']);
  });
});
