// Two small loops: volume claims get bound at once (like local-path), and ResourceQuota status follows what pods use.
import { resource } from '../resources';
import { quotaStatus } from '../quota';
import type { Controller, ControllerContext } from './context';
import { writeStatus } from './workload-helpers';

export class VolumeBinder implements Controller {
  readonly name = 'volume-binder';

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): void {
    const r = resource('persistentvolumeclaims');
    for (const pvc of this.ctx.store.list(r)) {
      if (pvc.status?.phase === 'Bound' || pvc.metadata.deletionTimestamp) continue;
      const spec = pvc.spec ?? {};
      const requests = (spec.resources as { requests?: Record<string, string> } | undefined)?.requests ?? {};
      this.ctx.ops.mutate(r, pvc.metadata.namespace, pvc.metadata.name ?? '', (d) => {
        d.spec = { ...d.spec, volumeName: `pvc-${pvc.metadata.uid ?? ''}` };
        d.metadata.annotations = { ...d.metadata.annotations, 'pv.kubernetes.io/bind-completed': 'yes', 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' };
        d.status = { phase: 'Bound', accessModes: (spec.accessModes as string[] | undefined) ?? ['ReadWriteOnce'], capacity: { storage: requests.storage ?? '1Gi' } };
      });
    }
  }
}

export class QuotaController implements Controller {
  readonly name = 'resourcequota';

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): void {
    const r = resource('resourcequotas');
    for (const q of this.ctx.store.list(r)) writeStatus(this.ctx, r, q, quotaStatus(this.ctx.store, q));
  }
}
