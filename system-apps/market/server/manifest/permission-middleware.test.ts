// permission (userData paths, sysData, providers) and middleware (PostgreSQL strictly, the others loosely).
import { describe, expect, it } from 'vitest';
import { errorsOf, okManifest, parseWith, warningsOf } from './testing/parse-helpers';

describe('permission', () => {
  it('reads the data permissions with defaults', () => {
    const m = okManifest(parseWith((d) => (d.permission = { appData: true, userData: ['Home/Downloads', 'Home'], sysData: [{ group: 'service.bfl', dataType: 'app', version: 'v1', ops: ['UserApps'] }] })));
    expect(m.permission).toEqual({
      appData: true,
      appCache: false,
      appCommon: false,
      externalData: false,
      userData: ['Home/Downloads', 'Home'],
      sysData: [{ group: 'service.bfl', dataType: 'app', version: 'v1', ops: ['UserApps'] }],
      provider: [],
    });
  });

  it('refuses userData paths that climb out of the user files', () => {
    expect(errorsOf(parseWith((d) => (d.permission.userData = ['Home/../../etc', '/root'])))).toEqual([
      `permission.userData[0]: "Home/../../etc" must be a folder path inside the user's files, like Home/Downloads`,
      `permission.userData[1]: "/root" must be a folder path inside the user's files, like Home/Downloads`,
    ]);
  });

  it('checks sysData entries and reads provider permissions', () => {
    expect(errorsOf(parseWith((d) => (d.permission.sysData = [{ group: 'service.bfl', ops: [] }])))).toEqual([
      'permission.sysData[0].ops: must list at least one operation',
      'permission.sysData[0].dataType: is required',
      'permission.sysData[0].version: is required',
    ]);
    const m = okManifest(parseWith((d) => (d.permission.provider = [{ appName: 'files', providerName: 'files-api' }])));
    expect(m.permission.provider).toEqual([{ appName: 'files', providerName: 'files-api', podSelectors: [] }]);
  });

  it('reads the old boolean userData with a warning', () => {
    const r = parseWith((d) => (d.permission.userData = true));
    expect(okManifest(r).permission.userData).toEqual(['Home']);
    expect(warningsOf(r)[0]).toContain('permission.userData');
  });
});

describe('middleware', () => {
  const pg = (postgres: unknown) => parseWith((d) => (d.middleware = { postgres }));

  it('normalises a PostgreSQL request', () => {
    const m = okManifest(pg({ username: 'notes', databases: [{ name: 'notes', extensions: ['vector'] }, { name: 'notes_search', distributed: true }] }));
    expect(m.middleware.postgres).toEqual({
      username: 'notes',
      databases: [
        { name: 'notes', distributed: false, extensions: ['vector'], scripts: [] },
        { name: 'notes_search', distributed: true, extensions: [], scripts: [] },
      ],
    });
  });

  it('validates PostgreSQL strictly', () => {
    expect(errorsOf(pg({ databases: [{ name: 'x' }] }))).toEqual(['middleware.postgres.username: is required']);
    expect(errorsOf(pg({ username: 'x' }))).toEqual(['middleware.postgres.databases: is required: list at least one database']);
    expect(errorsOf(pg({ username: 'x', databases: [] }))).toEqual(['middleware.postgres.databases: must list at least one database']);
    expect(errorsOf(pg({ username: 'bad name', databases: [{ name: 'a;drop' }, { distributed: 'yes please' }] }))).toEqual([
      'middleware.postgres.username: "bad name" must be 1 to 63 letters, digits, "_" or "-", starting with a letter or "_"',
      'middleware.postgres.databases[0].name: "a;drop" must be 1 to 63 letters, digits, "_" or "-", starting with a letter or "_"',
      'middleware.postgres.databases[1].name: is required',
      'middleware.postgres.databases[1].distributed: expected true or false, got a string "yes please"',
    ]);
    expect(errorsOf(pg({ username: 'x', databases: [{ name: 'a' }, { name: 'a' }] }))).toEqual(['middleware.postgres.databases[1].name: "a" is listed twice']);
    expect(errorsOf(pg({ username: 'x', databases: [{ name: 'a', extensions: ['pg vector'] }] }))).toEqual([
      'middleware.postgres.databases[0].extensions[0]: "pg vector" is not an extension name',
    ]);
    expect(errorsOf(pg(null))).toEqual(['middleware.postgres: is empty: it needs a username and databases']);
    expect(errorsOf(pg('yes'))).toEqual(['middleware.postgres: expected a mapping, got a string']);
  });

  it('keeps the other middleware loosely typed', () => {
    const r = parseWith(
      (d) =>
        (d.middleware = {
          redis: { namespace: 'demo', password: 42 },
          mongodb: { username: 'u', databases: [{ name: 'db1' }, { name: 'db2' }] },
          minio: { buckets: [{ name: 'files' }] },
          nats: { subjects: [{ name: 'events' }] },
          kafka: { topics: ['t'] },
        }),
    );
    const m = okManifest(r);
    expect(m.middleware.redis).toMatchObject({ namespace: 'demo', names: [] });
    expect(m.middleware.mongodb).toMatchObject({ username: 'u', names: ['db1', 'db2'] });
    expect(m.middleware.minio?.names).toEqual(['files']);
    expect(m.middleware.nats?.names).toEqual(['events']);
    expect(m.middleware.other).toEqual({ kafka: { topics: ['t'] } });
    expect(warningsOf(r)).toEqual(expect.arrayContaining(['middleware.redis.password: expected a string; ignored', 'middleware.kafka: unknown middleware, kept as written']));
  });
});
