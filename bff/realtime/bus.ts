// The event bus: services emit after they commit; realtime forwards to the right sockets; relays carry events to other replicas.
import { EventEmitter } from 'node:events';

export interface BusEvents {
  /** A session ended (logout, revocation, expiry): its sockets are disconnected. */
  'session.ended': { sessionId: string; userId: string };
  /** The same browser's session got a new token (sign-in again, step-up): its sockets move to the new one. */
  'session.rotated': { from: string; to: string; userId: string };
  /** Something for one user's open desktops. */
  'user.event': { userId: string; event: string; payload: unknown };
}

type Relay = <K extends keyof BusEvents>(name: K, payload: BusEvents[K]) => void;

export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly relays = new Set<Relay>();
  constructor() {
    this.emitter.setMaxListeners(100);
  }

  /** Delivers here and hands the event to every relay (other replicas). */
  emit<K extends keyof BusEvents>(name: K, payload: BusEvents[K]): void {
    this.deliver(name, payload);
    for (const relay of this.relays) relay(name, payload);
  }

  /** Delivers to this replica's listeners only (for events that arrived from another replica). */
  deliver<K extends keyof BusEvents>(name: K, payload: BusEvents[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof BusEvents>(name: K, fn: (payload: BusEvents[K]) => void): () => void {
    this.emitter.on(name, fn);
    return () => this.emitter.off(name, fn);
  }

  relay(fn: Relay): () => void {
    this.relays.add(fn);
    return () => this.relays.delete(fn);
  }
}
