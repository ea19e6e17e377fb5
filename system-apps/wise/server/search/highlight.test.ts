// Highlighted search HTML: escaped text, balanced marks, CJK runs marked, nothing from an article passing as markup.
import { describe, expect, it } from 'vitest';
import { escapeHtml, hasMark, headlineHtml, MARK_END as E, MARK_START as S, markRuns, probeWord, queryCjkRuns, searchText } from './highlight';

describe('search highlights', () => {
  it('escapes everything and turns the mark characters into <mark>', () => {
    expect(headlineHtml(`<b>${S}Kubernetes${E}</b> & "pods"`)).toBe('&lt;b&gt;<mark>Kubernetes</mark>&lt;/b&gt; &amp; &quot;pods&quot;');
    expect(headlineHtml(`<img src=x onerror=alert(1)> ${S}<script>${E}`)).toBe('&lt;img src=x onerror=alert(1)&gt; <mark>&lt;script&gt;</mark>');
  });

  it('keeps marks balanced whatever the input', () => {
    expect(headlineHtml(`${S}open`)).toBe('<mark>open</mark>');
    expect(headlineHtml(`close${E} ${S}${S}twice${E}${E}`)).toBe('close <mark>twice</mark>');
    expect(headlineHtml(`${S}a${E}${S}b${E}`)).toBe('<mark>ab</mark>');
  });

  it('marks CJK runs of the query, longest first, outside existing marks', () => {
    expect(markRuns('今年我们整理了家庭照片', ['家庭照片'])).toBe(`今年我们整理了${S}家庭照片${E}`);
    expect(headlineHtml('照片<家庭照片>', ['家庭照片', '照片'])).toBe('<mark>照片</mark>&lt;<mark>家庭照片</mark>&gt;');
    expect(markRuns(`${S}照片${E}照片`, ['照片'])).toBe(`${S}照片${E}${S}照片${E}`);
  });

  it('builds the websearch text with CJK bigrams, and finds the runs to mark', () => {
    expect(searchText('家庭照片 kubernetes')).toBe('"家庭 庭照 照片" kubernetes');
    expect(searchText('"家庭照片 album" -广告 -广告费 k8s集群')).toBe('"家庭 庭照 照片 album" -广告 -"广告 告费" k8s 集群');
    expect(searchText(`a${S}b`)).toBe('a b');
    expect(queryCjkRuns('照片 "家庭照片" -广告')).toEqual(['家庭照片', '照片']);
    expect(probeWord('-skip or "Open source"')).toBe('open');
    expect(probeWord('照片 -x')).toBeNull();
  });

  it('escapes the five HTML characters and tells a marked headline', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
    expect(hasMark(`x${S}y${E}`)).toBe(true);
    expect(hasMark('xy')).toBe(false);
  });
});
