// The shared CJK helpers: bigrams, runs, and text rewritten for a word-based index.
import { describe, expect, it } from 'vitest';
import { cjkBigrams, cjkRuns, cjkTails, hasCjk, singleCjkChars, withCjkBigrams } from './cjk';

describe('cjk', () => {
  it('cuts a run into overlapping bigrams; one character stays', () => {
    expect(cjkBigrams('文件管理器')).toEqual(['文件', '件管', '管理', '理器']);
    expect(cjkBigrams('文')).toEqual(['文']);
    expect(cjkBigrams('')).toEqual([]);
    expect(cjkBigrams('ひらがな')).toEqual(['ひら', 'らが', 'がな']);
  });

  it('rewrites only the CJK runs of mixed text', () => {
    expect(withCjkBigrams('Olares 文件管理 notes').split(/\s+/).filter(Boolean)).toEqual(['Olares', '文件', '件管', '管理', 'notes']);
    expect(withCjkBigrams('plain words')).toBe('plain words');
  });

  it('finds runs and tells CJK text from other text', () => {
    expect(cjkRuns('读书 and 笔记本, カタカナ')).toEqual(['读书', '笔记本', 'カタカナ']);
    expect(hasCjk('Kubernetes')).toBe(false);
    expect(hasCjk('한국어')).toBe(true);
  });

  it('gives the last character of each run, and the characters a query holds alone', () => {
    expect(cjkTails('我的猫 and 文件管理器, 猫')).toBe('猫 器');
    expect(cjkTails('plain words')).toBe('');
    expect(singleCjkChars('"猫 食" -狗 猫咪 k8s 集')).toBe('猫食狗集');
    expect(singleCjkChars('猫咪 照片')).toBe('');
  });
});
