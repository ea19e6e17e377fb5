// entrances, sharedEntrances, ports and tailscale: each field checked with its path, defaults, duplicates.
import { describe, expect, it } from 'vitest';
import { errorsOf, okManifest, parseWith, warningsOf } from './testing/parse-helpers';

describe('entrances, shared entrances, ports and tailscale', () => {
  it('validates each entrance field with its path', () => {
    const r = parseWith((m) => {
      m.entrances[0] = { name: 'web ui', host: 'Web_Svc', port: 70000, title: 'Web', authLevel: 'everyone' };
    });
    expect(errorsOf(r)).toEqual([
      'entrances[0].name: "web ui" must be letters, digits and "-"',
      'entrances[0].host: "Web_Svc" must be a Service name: lowercase letters, digits and "-", starting with a letter',
      'entrances[0].port: 70000 is out of range 1..65535',
      'entrances[0].authLevel: "everyone" is not one of private, public, internal',
    ]);
  });

  it('requires a port, and an entrance for an app', () => {
    expect(errorsOf(parseWith((m) => delete m.entrances[0].port))).toEqual(['entrances[0].port: is required']);
    expect(errorsOf(parseWith((m) => (m.entrances = [])))).toEqual(['entrances: an app needs at least one entrance']);
    expect(errorsOf(parseWith((m) => (m['olaresManifest.type'] = 'middleware')))).toEqual([]);
  });

  it('refuses two entrances with one name', () => {
    const r = parseWith((m) => m.entrances.push({ ...m.entrances[0], port: 9090 }));
    expect(errorsOf(r)).toEqual(['entrances[1].name: "demo" is used by another entrance']);
  });

  it('defaults authLevel to private and an unknown openMethod to default, with a warning', () => {
    const r = parseWith((m) => {
      delete m.entrances[0].authLevel;
      m.entrances[0].openMethod = 'popup';
    });
    expect(okManifest(r).entrances[0]).toMatchObject({ authLevel: 'private', openMethod: 'default' });
    expect(warningsOf(r)).toContain('entrances[0].openMethod: "popup" is not one of default, iframe, window; using default');
  });

  it('warns when every entrance is invisible', () => {
    expect(warningsOf(parseWith((m) => (m.entrances[0].invisible = true)))).toContain('entrances: every entrance is invisible: the app has no icon to open');
  });

  it('lets shared entrances leave the port to the platform', () => {
    const m = okManifest(parseWith((d) => (d.sharedEntrances = [{ name: 'api', host: 'sharedentrances-api', title: 'API', invisible: true, authLevel: 'internal' }])));
    expect(m.sharedEntrances[0]).toMatchObject({ name: 'api', port: 0, authLevel: 'internal' });
  });

  it('reads ports and tailscale rules', () => {
    const m = okManifest(
      parseWith((d) => {
        d.ports = [{ name: 'rdp', host: 'win-svc', port: 3389, protocol: 'tcp', exposePort: 33389 }];
        d.tailscale = { acls: [{ proto: 'tcp', dst: ['*:3389'] }], subRoutes: ['10.0.0.0/24'] };
      }),
    );
    expect(m.ports).toEqual([{ name: 'rdp', host: 'win-svc', port: 3389, exposePort: 33389, protocol: 'tcp', addToTailscaleAcl: false }]);
    expect(m.tailscale).toEqual({ acls: [{ proto: 'tcp', dst: ['*:3389'], src: [] }], subRoutes: ['10.0.0.0/24'] });
    expect(errorsOf(parseWith((d) => (d.ports = [{ name: 'x', host: 'x' }])))).toEqual(['ports[0].port: is required']);
  });

  it('reads a quoted port with a warning and refuses words', () => {
    const r = parseWith((m) => (m.entrances[0].port = '8080'));
    expect(okManifest(r).entrances[0]?.port).toBe(8080);
    expect(warningsOf(r)).toContain('entrances[0].port: "8080" is a string; read as the number 8080');
    expect(errorsOf(parseWith((m) => (m.entrances[0].port = 'http')))).toEqual(['entrances[0].port: expected a whole number, got a string']);
  });
});
