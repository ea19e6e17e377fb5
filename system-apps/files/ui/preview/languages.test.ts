import { describe, expect, it } from 'vitest';
import { LOADERS, languageFor } from './languages';
import { editorLanguageFor } from './code-languages';
import { copyPath } from './copy-name';
import { escapeHtml } from './highlight';
import { decodeHead, looksBinary } from './text-head';

describe('languages', () => {
  it('maps names to registered highlight.js languages', () => {
    expect(languageFor('main.TS')).toBe('typescript');
    expect(languageFor('Dockerfile')).toBe('dockerfile');
    expect(languageFor('Makefile')).toBe('makefile');
    expect(languageFor('notes.txt')).toBeNull();
    for (const name of ['a.js', 'a.py', 'a.go', 'a.rs', 'a.yml', 'a.json', 'a.sh', 'a.html', 'a.c', 'a.cpp', 'a.java', 'a.sql', 'a.md']) {
      expect(LOADERS[languageFor(name)!], name).toBeTypeOf('function');
    }
  });
  it('maps names to editor languages', () => {
    expect(editorLanguageFor('README.md')).toBe('markdown');
    expect(editorLanguageFor('App.tsx')).toBe('tsx');
    expect(editorLanguageFor('notes.txt')).toBeNull();
  });
  it('escapes text for the plain view', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});

describe('copyPath', () => {
  it('puts (copy) before the extension, then numbers', () => {
    expect(copyPath('/Home/a/notes.md')).toBe('/Home/a/notes (copy).md');
    expect(copyPath('/Home/a/notes.md', 2)).toBe('/Home/a/notes (copy 2).md');
    expect(copyPath('/Home/Makefile')).toBe('/Home/Makefile (copy)');
    expect(copyPath('/Home/.env')).toBe('/Home/.env (copy)');
  });
});

describe('text head', () => {
  it('spots binary data by a NUL byte', () => {
    expect(looksBinary(new Uint8Array([104, 105]))).toBe(false);
    expect(looksBinary(new Uint8Array([104, 0, 105]))).toBe(true);
  });
  it('drops a character cut at the end of a truncated read', () => {
    const bytes = new TextEncoder().encode('a€');
    expect(decodeHead(bytes.subarray(0, 3), true)).toBe('a');
    expect(decodeHead(bytes, false)).toBe('a€');
  });
});
