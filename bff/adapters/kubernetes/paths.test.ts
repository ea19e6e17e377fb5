// REST paths for core and grouped kinds, namespaced or not, and refusal of unsafe segments.
import { describe, expect, it } from 'vitest';
import { KubeError } from './errors';
import { Kinds } from './kinds';
import { listQuery, resourcePath } from './paths';

describe('resourcePath', () => {
  it('builds core, grouped, namespaced and cluster-scoped paths', () => {
    expect(resourcePath(Kinds.pod, 'apps', 'web-0')).toBe('/api/v1/namespaces/apps/pods/web-0');
    expect(resourcePath(Kinds.pod)).toBe('/api/v1/pods');
    expect(resourcePath(Kinds.deployment, 'apps')).toBe('/apis/apps/v1/namespaces/apps/deployments');
    expect(resourcePath(Kinds.helmChart, 'kube-system', 'files')).toBe('/apis/helm.cattle.io/v1/namespaces/kube-system/helmcharts/files');
    expect(resourcePath(Kinds.node, 'ignored', 'node-1')).toBe('/api/v1/nodes/node-1');
    expect(resourcePath(Kinds.namespace, undefined, 'user-space-alice')).toBe('/api/v1/namespaces/user-space-alice');
  });

  it('refuses segments that would change the path', () => {
    expect(() => resourcePath(Kinds.pod, 'a/../b', 'x')).toThrow(KubeError);
    expect(() => resourcePath(Kinds.pod, 'ns', '../../secrets')).toThrow(KubeError);
    expect(() => resourcePath(Kinds.pod, 'ns', 'a?watch=1')).toThrow(KubeError);
    expect(() => resourcePath({ apiVersion: 'a/b/c', kind: 'X', plural: 'xs', namespaced: false })).toThrow(KubeError);
  });
});

describe('listQuery', () => {
  it('passes selectors only when given', () => {
    expect(listQuery(undefined)).toEqual({});
    expect(listQuery({ namespace: 'x', labelSelector: 'app=web', fieldSelector: 'spec.nodeName=n1' })).toEqual({
      labelSelector: 'app=web',
      fieldSelector: 'spec.nodeName=n1',
    });
  });
});
