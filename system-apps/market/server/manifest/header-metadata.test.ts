// The header and metadata rules: manifest version and type, DNS-label names, semver versions read as written, required texts, icon paths.
import { describe, expect, it } from 'vitest';
import { parseManifest } from './parse-manifest';
import { errorsOf, okManifest, parseWith, warningsOf } from './testing/parse-helpers';

describe('header and metadata', () => {
  it('normalises a valid manifest and fills defaults', () => {
    const m = okManifest(parseWith(() => {}));
    expect(m.manifestVersion).toBe('0.11.0');
    expect(m.type).toBe('app');
    expect(m.apiVersion).toBe('v2');
    expect(m.metadata).toEqual({ name: 'demo', appid: 'demo', title: 'Demo', icon: 'icon.svg', description: 'A demo app', version: '1.2.3', categories: ['Utilities_v112'], tags: [] });
    expect(m.options.allowMultipleInstall).toBe(false);
    expect(m.entrances[0]).toMatchObject({ invisible: false, windowPushState: false });
  });

  it('requires the manifest version and reads a missing type as app', () => {
    const r = parseWith((m) => {
      delete m['olaresManifest.version'];
      delete m['olaresManifest.type'];
      delete m.apiVersion;
    });
    expect(errorsOf(r)).toEqual(['olaresManifest.version: is required']);
    expect(warningsOf(r)).toContain('olaresManifest.type: is missing; read as "app"');
  });

  it('defaults apiVersion to v1 and keeps unknown types with a warning', () => {
    const r = parseWith((m) => {
      delete m.apiVersion;
      m['olaresManifest.type'] = 'widget';
    });
    expect(okManifest(r).apiVersion).toBe('v1');
    expect(okManifest(r).type).toBe('widget');
    expect(warningsOf(r)).toContain('olaresManifest.type: "widget" is not one of app, middleware, recommend, model, agent; kept as written');
  });

  it('reads the pre-Olares terminusManifest header', () => {
    const r = parseWith((m) => {
      m['terminusManifest.version'] = '0.7.0';
      m['terminusManifest.type'] = 'app';
      delete m['olaresManifest.version'];
      delete m['olaresManifest.type'];
    });
    expect(okManifest(r).manifestVersion).toBe('0.7.0');
  });

  it('checks the name is a DNS label of at most 30 characters', () => {
    expect(errorsOf(parseWith((m) => (m.metadata.name = 'My_App')))).toEqual([
      'metadata.name: "My_App" must be lowercase letters, digits and "-", starting and ending with a letter or digit',
    ]);
    expect(errorsOf(parseWith((m) => (m.metadata.name = 'a'.repeat(31))))).toEqual([`metadata.name: "${'a'.repeat(31)}" is longer than 30 characters`]);
    expect(errorsOf(parseWith((m) => delete m.metadata.name))).toEqual(['metadata.name: is required']);
  });

  it('checks the version is semver, reading numbers as written', () => {
    expect(errorsOf(parseWith((m) => (m.metadata.version = '1.0')))).toEqual(['metadata.version: "1.0" is not a semantic version (e.g. 1.0.0)']);
    const unquoted = parseManifest(
      'olaresManifest.version: 0.10\nmetadata: {name: a, title: A, icon: i.png, description: d, version: 1.10}\nentrances: [{name: a, host: a, port: 80, title: A}]\n',
    );
    expect(errorsOf(unquoted)).toEqual(['metadata.version: "1.10" is not a semantic version (e.g. 1.0.0)']);
  });

  it('requires title, icon and description; long titles are a warning', () => {
    expect(errorsOf(parseWith((m) => (m.metadata = { name: 'demo', version: '1.0.0' })))).toEqual([
      'metadata.icon: is required',
      'metadata.title: is required',
      'metadata.description: is required',
    ]);
    expect(warningsOf(parseWith((m) => (m.metadata.title = 'T'.repeat(31))))).toContain(`metadata.title: "${'T'.repeat(31)}" is longer than 30 characters`);
  });

  it('refuses icons that leave the chart folder', () => {
    expect(errorsOf(parseWith((m) => (m.metadata.icon = '../../etc/passwd')))).toEqual([
      'metadata.icon: "../../etc/passwd" must be an http(s) URL or a path inside the chart folder',
    ]);
    expect(errorsOf(parseWith((m) => (m.metadata.icon = 'file:///etc/passwd')))).toHaveLength(1);
  });

  it('reports a metadata that is not a mapping, and a missing one', () => {
    expect(errorsOf(parseWith((m) => (m.metadata = ['x'])))).toContain('metadata: expected a mapping, got a list');
    expect(errorsOf(parseWith((m) => delete m.metadata))).toContain('metadata: is required');
  });
});
