// The desktop's own host is never taken for an app entrance, even when it has the entrances' shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/app';
import { testServers } from '../testing/databases';

const server = testServers()[0]!;
describe('the entrance proxy beside a deployed desktop', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(server, { PUBLIC_ORIGIN: 'https://desktop.alice.example.com' });
  });
  afterAll(() => t.close());

  it('serves the desktop on its own host and answers for unknown entrances beside it', async () => {
    const desktop = await t.app.inject({ method: 'GET', url: '/healthz', headers: { host: 'desktop.alice.example.com' } });
    expect(desktop.statusCode).toBe(200);
    const entrance = await t.app.inject({ method: 'GET', url: '/healthz', headers: { host: 'nothing-here.alice.example.com' } });
    expect(entrance.statusCode).toBe(404);
    expect(entrance.body).toContain('No app here');
    expect(entrance.headers['set-cookie']).toBeUndefined();
  });
});
