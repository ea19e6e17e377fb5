// Which CodeMirror language support the editor loads for a file name (each package loaded only when first needed).
import type { LanguageSupport } from '@codemirror/language';
import { extensionOf } from './kinds';

const LOADERS: Record<string, () => Promise<LanguageSupport>> = {
  markdown: () => import('@codemirror/lang-markdown').then((m) => m.markdown()),
  javascript: () => import('@codemirror/lang-javascript').then((m) => m.javascript()),
  jsx: () => import('@codemirror/lang-javascript').then((m) => m.javascript({ jsx: true })),
  typescript: () => import('@codemirror/lang-javascript').then((m) => m.javascript({ typescript: true })),
  tsx: () => import('@codemirror/lang-javascript').then((m) => m.javascript({ typescript: true, jsx: true })),
  json: () => import('@codemirror/lang-json').then((m) => m.json()),
  python: () => import('@codemirror/lang-python').then((m) => m.python()),
  css: () => import('@codemirror/lang-css').then((m) => m.css()),
  html: () => import('@codemirror/lang-html').then((m) => m.html()),
  yaml: () => import('@codemirror/lang-yaml').then((m) => m.yaml()),
};

const BY_EXT: Record<string, string> = {
  md: 'markdown', markdown: 'markdown', mdown: 'markdown', mkd: 'markdown',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'jsx',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx',
  json: 'json', jsonc: 'json', json5: 'json',
  py: 'python', css: 'css', scss: 'css', less: 'css',
  html: 'html', htm: 'html', vue: 'html', svelte: 'html', xml: 'html', svg: 'html',
  yaml: 'yaml', yml: 'yaml',
};

/** The editor language id for `name`, or null (plain text). */
export function editorLanguageFor(name: string): string | null {
  return BY_EXT[extensionOf(name)] ?? null;
}

export async function loadEditorLanguage(name: string): Promise<LanguageSupport | null> {
  const id = editorLanguageFor(name);
  return id ? LOADERS[id]!() : null;
}
