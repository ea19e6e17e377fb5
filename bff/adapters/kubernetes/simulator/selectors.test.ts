// Label and field selector parsing and matching, with the API server's syntax and errors.
import { describe, expect, it } from 'vitest';
import { SelectorError, formatSelector, fromLabelSelectorSpec, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';

const labels = { app: 'web', tier: 'front', version: '3' };

describe('label selectors', () => {
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (web,db)', true],
    ['app in (db)', false],
    ['app notin (db, cache)', true],
    ['app notin (web)', false],
    ['tier', true],
    ['missing', false],
    ['!missing', true],
    ['!tier', false],
    ['app=web,tier=front', true],
    ['app=web,tier=back', false],
    ['version>2', true],
    ['version<2', false],
    ['', true],
  ])('%s → %s', (sel, want) => {
    expect(matchesLabels(parseLabelSelector(sel), labels)).toBe(want);
  });

  it.each(['app=web,', 'app in web', 'app in (', '=x', 'app=(x)', 'bad key!=x=y', 'a b'])('rejects %j', (sel) => {
    expect(() => parseLabelSelector(sel)).toThrow(SelectorError);
  });

  it('turns matchLabels and matchExpressions into requirements and back into text', () => {
    const reqs = fromLabelSelectorSpec({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }, { key: 'x', operator: 'DoesNotExist' }] });
    expect(matchesLabels(reqs, labels)).toBe(true);
    expect(formatSelector(reqs)).toBe('app=web,tier in (front),!x');
  });
});

describe('field selectors', () => {
  const pod = { metadata: { name: 'p', namespace: 'ns' }, spec: { nodeName: 'n1' }, status: { phase: 'Running' } };
  it('matches supported fields', () => {
    expect(matchesFields(parseFieldSelector('metadata.name=p,status.phase!=Pending', 'Pod'), pod)).toBe(true);
    expect(matchesFields(parseFieldSelector('spec.nodeName==n2', 'Pod'), pod)).toBe(false);
    const ev = { metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'p' }, reason: 'Started', type: 'Normal' };
    expect(matchesFields(parseFieldSelector('involvedObject.name=p,involvedObject.kind=Pod', 'Event'), ev)).toBe(true);
  });
  it('rejects fields the kind does not support', () => {
    expect(() => parseFieldSelector('spec.nodeName=x', 'ConfigMap')).toThrow(/field label not supported: spec.nodeName/);
    expect(() => parseFieldSelector('nonsense', 'Pod')).toThrow(SelectorError);
  });
});
