// The in-process event bus: services emit after they commit, realtime forwards to the right sockets.
import { EventEmitter } from 'node:events';

export interface BusEvents {
  /** A session ended (logout, revocation, rotation): its sockets are disconnected. */
  'session.ended': { sessionId: string; userId: string };
  /** Something for one user's open desktops. */
  'user.event': { userId: string; event: string; payload: unknown };
}

export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(100);
  }
  emit<K extends keyof BusEvents>(name: K, payload: BusEvents[K]): void {
    this.emitter.emit(name, payload);
  }
  on<K extends keyof BusEvents>(name: K, fn: (payload: BusEvents[K]) => void): () => void {
    this.emitter.on(name, fn);
    return () => this.emitter.off(name, fn);
  }
}
