// The cluster side of GPU management: reads nodes' GPU modes and installed apps' GPU workloads, and writes modes and bindings (HAMi names).
import {
  HAMI_NODE_LABEL,
  HAMI_NODE_LABEL_VALUE,
  HAMI_USE_UUID,
  MODES_ANNOTATION,
  asksForGpu,
  grantedBytes,
  readBinding,
  readModes,
  restartsPods,
  workloadPatch,
  type Binding,
  type TemplateLike,
} from '../../../bff/adapters/gpu/hami';
import { Kinds, type KubeApi, type KubeObject } from '../../../bff/adapters/kubernetes';
import type { GpuMode } from '../shared/gpu-wire';

/** The Market labels each installed app's namespace with these (system-apps/market/server/lifecycle/cluster-steps.ts; apps may not import each other). */
export const APP_LABEL = 'olares.dev/app';
export const OWNER_LABEL = 'olares.dev/owner';

export interface ClusterNode {
  name: string;
  /** `nvidia.com/gpu` capacity (0: no GPU). */
  gpus: number;
  modes: Record<string, GpuMode>;
}

export interface AppWorkload {
  kind: 'Deployment' | 'StatefulSet';
  name: string;
  annotations: Record<string, string> | undefined;
  template: TemplateLike;
  selector: Record<string, string>;
}

/** An installed app (one namespace) with workloads that ask for a GPU. */
export interface ClusterApp {
  namespace: string;
  app: string;
  owner: string | null;
  workloads: AppWorkload[];
  binding: Binding | null;
}

export interface ClusterView {
  nodes: ClusterNode[];
  /** Installed apps by namespace (those without GPU workloads too, with `workloads: []`). */
  apps: Map<string, ClusterApp>;
}

type WorkloadObject = KubeObject & { spec?: { template?: TemplateLike; selector?: { matchLabels?: Record<string, string> } } };

function bindingOf(workloads: AppWorkload[]): Binding | null {
  for (const w of workloads) {
    const recorded = readBinding(w.annotations);
    if (recorded) return recorded;
  }
  // Pinned by hand (or by an older desktop) without our record: read HAMi's own names.
  for (const w of workloads) {
    const uuid = w.template.metadata?.annotations?.[HAMI_USE_UUID];
    if (uuid) {
      const gpuContainer = (w.template.spec?.containers ?? []).find(asksForGpu);
      return { uuid, memoryBytes: gpuContainer ? grantedBytes(gpuContainer) : null };
    }
  }
  return null;
}

export async function readCluster(api: KubeApi): Promise<ClusterView> {
  const [nodes, namespaces, deployments, statefulSets] = await Promise.all([
    api.list(Kinds.node),
    api.list(Kinds.namespace, { labelSelector: APP_LABEL }),
    api.list(Kinds.deployment),
    api.list(Kinds.statefulSet),
  ]);
  const apps = new Map<string, ClusterApp>();
  for (const ns of namespaces.items) {
    const name = ns.metadata.name ?? '';
    if (!name || ns.metadata.deletionTimestamp) continue;
    const labels = ns.metadata.labels ?? {};
    apps.set(name, { namespace: name, app: labels[APP_LABEL] ?? name, owner: labels[OWNER_LABEL] ?? null, workloads: [], binding: null });
  }
  const collect = (kind: AppWorkload['kind'], items: WorkloadObject[]) => {
    for (const w of items) {
      const app = apps.get(w.metadata.namespace ?? '');
      const template = w.spec?.template ?? {};
      if (!app || !(template.spec?.containers ?? []).some(asksForGpu)) continue;
      app.workloads.push({ kind, name: w.metadata.name ?? '', annotations: w.metadata.annotations, template, selector: w.spec?.selector?.matchLabels ?? {} });
    }
  };
  collect('Deployment', deployments.items as WorkloadObject[]);
  collect('StatefulSet', statefulSets.items as WorkloadObject[]);
  for (const app of apps.values()) {
    app.workloads.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    app.binding = bindingOf(app.workloads);
  }
  return {
    nodes: nodes.items.map((n) => {
      const capacity = (n.status as { capacity?: Record<string, string> } | undefined)?.capacity ?? {};
      return { name: n.metadata.name ?? '', gpus: Number.parseInt(capacity['nvidia.com/gpu'] ?? '0', 10) || 0, modes: readModes(n.metadata.annotations) };
    }),
    apps,
  };
}

/** Records a GPU's mode on its node and labels the node for HAMi's device plugin. */
export async function writeNodeMode(api: KubeApi, node: ClusterNode, uuid: string, mode: GpuMode): Promise<void> {
  const modes = { ...node.modes, [uuid]: mode };
  await api.patch(Kinds.node, node.name, undefined, { metadata: { annotations: { [MODES_ANNOTATION]: JSON.stringify(modes) }, labels: { [HAMI_NODE_LABEL]: HAMI_NODE_LABEL_VALUE } } });
  node.modes = modes;
}

/** Labels the node `gpu=on` if it is not yet. */
export async function labelGpuNode(api: KubeApi, nodeName: string): Promise<void> {
  const node = await api.get(Kinds.node, nodeName);
  if (node && node.metadata.labels?.[HAMI_NODE_LABEL] !== HAMI_NODE_LABEL_VALUE) {
    await api.patch(Kinds.node, nodeName, undefined, { metadata: { labels: { [HAMI_NODE_LABEL]: HAMI_NODE_LABEL_VALUE } } });
  }
}

const selectorText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/**
 * Puts `binding` under `mode` on every GPU workload of the app. Answers the pods that restart because
 * their template changed (`<namespace>/<pod>`), read just before the change.
 */
export async function applyBinding(api: KubeApi, app: ClusterApp, mode: GpuMode, binding: Binding | null): Promise<string[]> {
  const restarted: string[] = [];
  for (const w of app.workloads) {
    const patch = workloadPatch(w.annotations, w.template, mode, binding);
    if (!patch) continue;
    if (restartsPods(patch) && Object.keys(w.selector).length) {
      const pods = await api.list(Kinds.pod, { namespace: app.namespace, labelSelector: selectorText(w.selector) });
      for (const p of pods.items) if (!p.metadata.deletionTimestamp) restarted.push(`${app.namespace}/${p.metadata.name ?? ''}`);
    }
    const kind = w.kind === 'Deployment' ? Kinds.deployment : Kinds.statefulSet;
    await api.patch(kind, w.name, app.namespace, patch);
  }
  app.binding = binding;
  return restarted.sort();
}
