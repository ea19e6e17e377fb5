// The kubeconfig that points a client at the simulator: plain HTTP (hence insecure-skip-tls-verify) and the admin token.
import { stringify } from 'yaml';

export function kubeconfigYaml(server: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: 'olares-simulator', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'olares-simulator-admin', user: { token } }],
    contexts: [{ name: 'olares-simulator', context: { cluster: 'olares-simulator', user: 'olares-simulator-admin', namespace: 'default' } }],
    'current-context': 'olares-simulator',
  });
}
