// The namespace controller: a Terminating namespace has everything inside deleted, then goes itself once empty and its short grace has passed.
import { ApiError } from '../errors';
import { RESOURCES, resource } from '../resources';
import type { Controller, ControllerContext } from './context';

export class NamespaceController implements Controller {
  readonly name = 'namespace';
  /** namespace uid → when this process first saw it terminating */
  private readonly since = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {}

  stop(): void {
    this.since.clear();
  }

  reconcile(): void {
    const { store, ops, timings, timers } = this.ctx;
    for (const ns of store.list(resource('namespaces'))) {
      if (!ns.metadata.deletionTimestamp) continue;
      const name = ns.metadata.name ?? '';
      const uid = ns.metadata.uid ?? '';
      if (!this.since.has(uid)) {
        this.since.set(uid, Date.now());
        timers.after(timings.terminateMs, () => this.ctx.requeue());
      }
      let remaining = 0;
      for (const r of RESOURCES) {
        if (!r.namespaced) continue;
        for (const obj of store.list(r, name)) {
          remaining++;
          if (obj.metadata.deletionTimestamp) continue;
          try {
            if (r.kind === 'Event') ops.removeNow(r, name, obj.metadata.name ?? '');
            else ops.delete(r, name, obj.metadata.name ?? '');
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
          }
        }
      }
      if (remaining === 0 && Date.now() - (this.since.get(uid) ?? 0) >= timings.terminateMs) {
        ops.removeNow(resource('namespaces'), undefined, name);
        this.since.delete(uid);
      }
    }
  }
}
