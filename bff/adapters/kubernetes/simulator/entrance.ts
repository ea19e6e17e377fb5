// Stand-in web pages for app entrances: /__entrance/<ns>/<service>/… answers while the service has a ready pod, 503 otherwise.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isPodReady } from './controllers/pod-status';
import { APP_ANNOTATION, TITLE_ANNOTATION } from './controllers/helm/render';
import { sendText } from './http-io';
import { resource } from './resources';
import { matchesLabels } from './selectors';
import type { Store } from './store';
import type { Pod } from './types';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function page(opts: { title: string; app: string; namespace: string; service: string; path: string; pods: string[] }): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(opts.title)} (simulated)</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f4f6fa; color: #1f2937; }
  main { background: #fff; border-radius: 12px; padding: 32px 40px; box-shadow: 0 4px 24px rgba(0,0,0,.08); max-width: 560px; }
  h1 { margin: 0 0 8px; font-size: 1.6rem; }
  .tag { display: inline-block; background: #e0e7ff; color: #3730a3; border-radius: 999px; padding: 2px 10px; font-size: .8rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 20px 0 0; }
  dt { color: #6b7280; } dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-all; }
</style>
</head>
<body>
<main>
  <span class="tag">simulated cluster</span>
  <h1 id="title">${e(opts.title)}</h1>
  <p>This page stands in for the app <strong id="app">${e(opts.app)}</strong>. The Olares cluster simulator does not run containers; it answers here while the app's pods are ready.</p>
  <dl>
    <dt>App</dt><dd>${e(opts.app)}</dd>
    <dt>Namespace</dt><dd id="namespace">${e(opts.namespace)}</dd>
    <dt>Service</dt><dd>${e(opts.service)}</dd>
    <dt>Path</dt><dd id="path">${e(opts.path)}</dd>
    <dt>Pods</dt><dd>${e(opts.pods.join(', '))}</dd>
  </dl>
</main>
</body>
</html>
`;
}

export function serveEntrance(req: IncomingMessage, res: ServerResponse, store: Store, namespace: string, service: string, rest: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'method not allowed\n');
    return;
  }
  const svc = store.get(resource('services'), namespace, service);
  if (!svc) {
    sendText(res, 404, `no service ${namespace}/${service} in the simulated cluster\n`);
    return;
  }
  const selector = (svc.spec?.selector as Record<string, string> | undefined) ?? {};
  const reqs = Object.entries(selector).map(([key, value]) => ({ key, op: '=' as const, values: [value] }));
  const ready = reqs.length === 0 ? [] : (store.list(resource('pods'), namespace) as Pod[]).filter((p) => matchesLabels(reqs, p.metadata.labels) && isPodReady(p));
  const app = svc.metadata.annotations?.[APP_ANNOTATION] ?? svc.metadata.labels?.['app.kubernetes.io/instance'] ?? service;
  if (ready.length === 0) {
    res.setHeader('Retry-After', '1');
    sendText(res, 503, `${app} is not available: no ready pod behind service ${namespace}/${service} (simulated cluster)\n`);
    return;
  }
  const html = page({
    title: svc.metadata.annotations?.[TITLE_ANNOTATION] ?? app,
    app,
    namespace,
    service,
    path: rest,
    pods: ready.map((p) => p.metadata.name ?? ''),
  });
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : html);
}
