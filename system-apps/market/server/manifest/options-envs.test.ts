// options (dependencies, conflicts, policies, scope), envs and workloadReplicas: normalised shapes and named errors.
import { describe, expect, it } from 'vitest';
import { errorsOf, okManifest, parseWith, warningsOf } from './testing/parse-helpers';

describe('options', () => {
  it('reads dependencies, conflicts, scope and switches', () => {
    const m = okManifest(
      parseWith((d) => {
        d.options = {
          dependencies: [
            { name: 'olares', version: '>=1.12.3-0,<1.12.6', type: 'system' },
            { name: 'mysql', version: '>=8.0.0-0', type: 'middleware', mandatory: true },
          ],
          conflicts: [{ name: 'demo2' }],
          appScope: { clusterScoped: true, appRef: ['wise.*'] },
          allowMultipleInstall: true,
          resetCookie: { enabled: true },
          mobileSupported: true,
          apiTimeout: 0,
          allowedOutboundPorts: [465, 587],
          policies: [{ uriRegex: '^/admin', level: 'two_factor', oneTime: false, validDuration: '3600s', entranceName: 'demo' }],
        };
      }),
    );
    expect(m.options).toMatchObject({
      dependencies: [
        { name: 'olares', version: '>=1.12.3-0,<1.12.6', range: '>=1.12.3-0 <1.12.6', type: 'system', mandatory: false },
        { name: 'mysql', version: '>=8.0.0-0', range: '>=8.0.0-0', type: 'middleware', mandatory: true },
      ],
      conflicts: [{ name: 'demo2', type: 'application' }],
      appScope: { clusterScoped: true, appRef: ['wise.*'] },
      allowMultipleInstall: true,
      resetCookie: { enabled: true },
      mobileSupported: true,
      apiTimeout: 0,
      allowedOutboundPorts: [465, 587],
      policies: [{ uriRegex: '^/admin', level: 'two_factor', oneTime: false, validDuration: '3600s', entranceName: 'demo' }],
    });
  });

  it('names broken dependency fields', () => {
    expect(errorsOf(parseWith((d) => (d.options.dependencies = [{ name: 'olares', version: 'newest', type: 'system' }])))).toEqual([
      'options.dependencies[0].version: "newest" is not a version range (e.g. >=1.12.3-0)',
    ]);
    expect(errorsOf(parseWith((d) => (d.options.dependencies = [{ type: 'system' }])))).toEqual([
      'options.dependencies[0].version: is required',
      'options.dependencies[0].name: is required',
    ]);
    expect(warningsOf(parseWith((d) => (d.options.dependencies[0].type = 'plugin')))).toContain(
      'options.dependencies[0].type: "plugin" is not one of system, application, middleware',
    );
  });

  it('checks policies and outbound ports', () => {
    expect(errorsOf(parseWith((d) => (d.options.policies = [{ uriRegex: '/x', level: 'one_factor', validDuration: 'an hour' }])))).toEqual([
      'options.policies[0].validDuration: "an hour" is not a duration like 3600s or 1h',
    ]);
    expect(errorsOf(parseWith((d) => (d.options.policies = [{ uriRegex: '/x' }])))).toEqual(['options.policies[0].level: is required']);
    expect(warningsOf(parseWith((d) => (d.options.policies = [{ uriRegex: '/x', level: 'public', entranceName: 'nope' }])))).toContain(
      'options.policies[0].entranceName: "nope" is not an entrance of this app',
    );
    expect(errorsOf(parseWith((d) => (d.options.allowedOutboundPorts = [0, 'smtp'])))).toEqual([
      'options.allowedOutboundPorts[0]: 0 is not a port number',
      'options.allowedOutboundPorts[1]: "smtp" is not a port number',
    ]);
  });

  it('treats a null appScope as absent', () => {
    expect(okManifest(parseWith((d) => (d.options.appScope = null))).options.appScope).toBeUndefined();
  });
});

describe('envs', () => {
  it('reads env declarations with defaults', () => {
    const m = okManifest(
      parseWith((d) => {
        d.envs = [
          { envName: 'ADMIN_EMAIL', type: 'email', required: true, editable: true },
          { envName: 'MODE', default: 'chat', options: [{ title: 'Chat', value: 'chat' }, 'embedding'], regex: '^[a-z]+$' },
          { envName: 'SMTP_HOST', valueFrom: { envName: 'OLARES_USER_SMTP_SERVER' }, applyOnChange: true },
          { envName: 'PORT', type: 'int', default: 8080 },
        ];
      }),
    );
    expect(m.envs).toEqual([
      { envName: 'ADMIN_EMAIL', type: 'email', required: true, editable: true, applyOnChange: false, options: [], multiSelect: false },
      {
        envName: 'MODE',
        type: 'string',
        default: 'chat',
        regex: '^[a-z]+$',
        required: false,
        editable: false,
        applyOnChange: false,
        multiSelect: false,
        options: [
          { title: 'Chat', value: 'chat' },
          { title: 'embedding', value: 'embedding' },
        ],
      },
      { envName: 'SMTP_HOST', type: 'string', required: false, editable: false, applyOnChange: true, options: [], multiSelect: false, valueFrom: { envName: 'OLARES_USER_SMTP_SERVER' } },
      { envName: 'PORT', type: 'int', default: '8080', required: false, editable: false, applyOnChange: false, options: [], multiSelect: false },
    ]);
  });

  it('names broken env fields', () => {
    expect(errorsOf(parseWith((d) => (d.envs = [{ envName: 'MY-VAR' }, { type: 'string' }, { envName: 'A', valueFrom: {} }])))).toEqual([
      'envs[0].envName: "MY-VAR" must be letters, digits and "_", not starting with a digit',
      'envs[1].envName: is required',
      'envs[2].valueFrom.envName: is required',
    ]);
    expect(errorsOf(parseWith((d) => (d.envs = [{ envName: 'A' }, { envName: 'A' }])))).toEqual(['envs[1].envName: "A" is declared twice']);
    expect(errorsOf(parseWith((d) => (d.envs = [{ envName: 'A', options: [{ title: 'no value' }] }])))).toEqual(['envs[0].options[0].value: is required']);
  });

  it('warns about regexes that do not compile or reject their default', () => {
    expect(warningsOf(parseWith((d) => (d.envs = [{ envName: 'A', regex: '([' }])))).toContain('envs[0].regex: "([" does not compile as a JavaScript regular expression');
    expect(warningsOf(parseWith((d) => (d.envs = [{ envName: 'A', regex: '^\\d+$', default: 'x' }])))).toContain('envs[0].default: "x" does not match the regex "^\\\\d+$"');
  });
});

describe('workloadReplicas', () => {
  it('reads replica counts and names bad ones', () => {
    expect(okManifest(parseWith((d) => (d.workloadReplicas = { web: 1, worker: 2 }))).workloadReplicas).toEqual({ web: 1, worker: 2 });
    expect(errorsOf(parseWith((d) => (d.workloadReplicas = { web: -1 })))).toEqual(['workloadReplicas.web: -1 is out of range 0..1000']);
  });
});
