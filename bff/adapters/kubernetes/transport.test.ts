// The real client against a stub HTTP server: credentials, impersonation headers on every path, streams split anywhere, errors.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubernetesAdapter } from './client';
import { KubeError } from './errors';
import { Kinds } from './kinds';
import type { KubernetesAdapter } from './port';

const TOKEN = 'secret-token-value';

interface Seen {
  method: string;
  url: string;
  headers: string[];
  body: string;
}

function headerValues(seen: Seen, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < seen.headers.length; i += 2) if (seen.headers[i]!.toLowerCase() === name.toLowerCase()) out.push(seen.headers[i + 1]!);
  return out;
}

let server: http.Server;
let url: string;
let adapter: KubernetesAdapter;
const seen: Seen[] = [];

function kubeconfig(server: string, skipTls = true): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'current-context: stub',
    `clusters: [{ name: stub, cluster: { server: "${server}"${skipTls ? ', insecure-skip-tls-verify: true' : ''} } }]`,
    `users: [{ name: stub, user: { token: ${TOKEN} } }]`,
    'contexts: [{ name: stub, context: { cluster: stub, user: stub } }]',
    '',
  ].join('\n');
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.rawHeaders, body });
      const path = req.url!.split('?')[0]!;
      if (path === '/version') return res.end(JSON.stringify({ gitVersion: 'v1.31.0+k3s1', platform: 'linux/amd64' }));
      if (path === '/api/v1/namespaces/demo/configmaps/missing') {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ kind: 'Status', status: 'Failure', code: 404, reason: 'NotFound', message: 'configmaps "missing" not found' }));
      }
      if (path === '/api/v1/namespaces/demo/configmaps/teapot') {
        res.writeHead(502);
        return res.end('bad gateway from some proxy');
      }
      if (path === '/api/v1/namespaces/demo/configmaps' && req.url!.includes('watch=true')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        const line = JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'zoë', namespace: 'demo', resourceVersion: '6', uid: 'u6' } } }) + '\n';
        const bytes = Buffer.from(line);
        const cut = bytes.indexOf(Buffer.from('ë')) + 1; // in the middle of the two-byte character
        res.write(bytes.subarray(0, cut));
        setTimeout(() => res.write(bytes.subarray(cut)), 20);
        return;
      }
      if (path === '/api/v1/namespaces/demo/configmaps') {
        return res.end(JSON.stringify({ kind: 'ConfigMapList', metadata: { resourceVersion: '5' }, items: [{ metadata: { name: 'a', namespace: 'demo', resourceVersion: '4', uid: 'u4' } }] }));
      }
      if (path === '/api/v1/namespaces/demo/pods/web/log') {
        const text = Buffer.from('héllo\nworld\n');
        if (!req.url!.includes('follow=true')) return res.end(text);
        res.write(text.subarray(0, 2));
        setTimeout(() => res.end(text.subarray(2)), 20);
        return;
      }
      res.end(JSON.stringify({ metadata: {} }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  adapter = await createKubernetesAdapter({ kubeconfig: kubeconfig(url) });
});

afterAll(async () => {
  adapter?.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the real client', () => {
  it('asks /version and tells a real cluster from the simulator', async () => {
    expect(adapter.simulated).toBe(false);
    expect(adapter.server).toBe(url);
    expect(await adapter.version()).toEqual({ gitVersion: 'v1.31.0+k3s1', platform: 'linux/amd64' });
  });

  it('sends the kubeconfig token as the BFF, with no impersonation', async () => {
    seen.length = 0;
    await adapter.system().get(Kinds.configMap, 'x', 'demo');
    expect(headerValues(seen[0]!, 'authorization')).toEqual([`Bearer ${TOKEN}`]);
    expect(headerValues(seen[0]!, 'impersonate-user')).toEqual([]);
  });

  it('impersonates on CRUD, watch and logs with one Impersonate-Group line per group', async () => {
    seen.length = 0;
    const api = adapter.asUser({ user: 'alice', groups: ['olares:users', 'system:authenticated'] });
    await api.patch(Kinds.configMap, 'x', 'demo', { data: { a: '1' } });
    const events: string[] = [];
    const watch = api.watch(Kinds.configMap, { namespace: 'demo', labelSelector: 'app=x' }, (e) => events.push(`${e.type} ${e.object.metadata.name}`));
    await watch.synced;
    await expect.poll(() => events).toEqual(['ADDED a', 'ADDED zoë']);
    watch.stop();
    expect(await api.logs('demo', 'web', { tailLines: 10 })).toBe('héllo\nworld\n');
    const chunks: string[] = [];
    const follower = await api.followLogs('demo', 'web', { container: 'app' }, (text) => chunks.push(text));
    expect(await follower.done).toEqual({ reason: 'ended' });
    expect(chunks.join('')).toBe('héllo\nworld\n');
    expect(chunks[0]).toBe('h'); // the split 'é' waited for its second byte

    expect(seen.map((s) => `${s.method} ${s.url.split('?')[0]}`)).toEqual([
      'PATCH /api/v1/namespaces/demo/configmaps/x',
      'GET /api/v1/namespaces/demo/configmaps',
      'GET /api/v1/namespaces/demo/configmaps',
      'GET /api/v1/namespaces/demo/pods/web/log',
      'GET /api/v1/namespaces/demo/pods/web/log',
    ]);
    for (const s of seen) {
      expect(headerValues(s, 'impersonate-user')).toEqual(['alice']);
      expect(headerValues(s, 'impersonate-group')).toEqual(['olares:users', 'system:authenticated']);
      expect(headerValues(s, 'authorization')).toEqual([`Bearer ${TOKEN}`]);
    }
    expect(headerValues(seen[0]!, 'content-type')).toEqual(['application/merge-patch+json']);
    const watchQuery = new URL(seen[2]!.url, url).searchParams;
    expect(Object.fromEntries([...watchQuery].filter(([k]) => k !== 'timeoutSeconds'))).toEqual({
      labelSelector: 'app=x',
      watch: 'true',
      allowWatchBookmarks: 'true',
      resourceVersion: '5',
    });
    expect(new URL(seen[4]!.url, url).searchParams.get('container')).toBe('app');
  });

  it('ends a followed log whose consumer throws, instead of crashing', async () => {
    const follower = await adapter.system().followLogs('demo', 'web', {}, () => {
      throw new Error('consumer bug');
    });
    const end = await follower.done;
    expect(end.reason).toBe('failed');
    expect(end.error?.message).toBe('consumer bug');
  });

  it('refuses identities that cannot be impersonated', () => {
    expect(() => adapter.asUser({ user: '', groups: [] })).toThrow(TypeError);
    expect(() => adapter.asUser({ user: 'alice\r\nX-Evil: 1', groups: [] })).toThrow();
    expect(() => adapter.asUser({ user: 'alice', groups: ['a\nb'] })).toThrow();
  });

  it('maps errors: Status bodies, plain answers, unreachable servers; never the token', async () => {
    expect(await adapter.system().get(Kinds.configMap, 'missing', 'demo')).toBeNull();
    expect(await adapter.system().delete(Kinds.configMap, 'missing', 'demo')).toBe(false);
    const plain = await adapter.system().get(Kinds.configMap, 'teapot', 'demo').catch((e: unknown) => e);
    expect(plain).toMatchObject({ code: 502, reason: 'InternalError' });
    await expect(adapter.system().create(Kinds.configMap, { metadata: { name: 'no-namespace' } })).rejects.toMatchObject({ code: 400, reason: 'BadRequest' });

    const dead = http.createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
    await new Promise((resolve) => dead.close(resolve));
    const err = await createKubernetesAdapter({ kubeconfig: kubeconfig(deadUrl) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect(err).toMatchObject({ code: 503, reason: 'ServiceUnavailable' });
    expect(String((err as Error).message)).not.toContain(TOKEN);
  });

  it('refuses plain HTTP unless the kubeconfig says insecure-skip-tls-verify', async () => {
    await expect(createKubernetesAdapter({ kubeconfig: kubeconfig(url, false) })).rejects.toThrow(/insecure-skip-tls-verify/);
  });

  it('close() stops open watches and log streams', async () => {
    const local = await createKubernetesAdapter({ kubeconfig: kubeconfig(url) });
    const events: string[] = [];
    const watch = local.system().watch(Kinds.configMap, { namespace: 'demo' }, (e) => events.push(e.type));
    await watch.synced;
    local.close();
    const count = events.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.length).toBe(count);
  });
});
