// The one socket.io connection to the BFF; it connects only while the user is signed in, and socket.io-client loads on the first connect (not in the start-up JS).
import type { App, InjectionKey } from 'vue';
import { inject } from 'vue';
import type { Socket } from 'socket.io-client';

type Listener = (...args: any[]) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the desktop and the apps use of a socket.io socket. */
export interface DesktopSocket {
  readonly connected: boolean;
  /** Connected, or trying to (socket.io's `active`). */
  readonly active: boolean;
  /** The connection's id while connected (what a procedure like dashboard.watch is told), else undefined. */
  readonly id: string | undefined;
  on(event: string, listener: Listener): this;
  off(event: string, listener?: Listener): this;
  emit(event: string, ...args: unknown[]): this;
  connect(): this;
  disconnect(): this;
}

/**
 * Holds listeners until socket.io-client has loaded, then hands them to the real socket. `connect()` loads
 * it; a `disconnect()` before it has loaded cancels that connect. Emits before the connection are buffered
 * by socket.io itself once the socket exists; before that they are queued here.
 */
export class LazySocket implements DesktopSocket {
  private socket: Socket | null = null;
  private loading: Promise<Socket> | null = null;
  private wantConnected = false;
  private readonly listeners: Array<[string, Listener]> = [];
  private readonly queued: Array<[string, unknown[]]> = [];

  constructor(private readonly load: () => Promise<Socket>) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  get active(): boolean {
    return this.socket ? this.socket.active : this.wantConnected;
  }

  get id(): string | undefined {
    return this.socket?.id;
  }

  on(event: string, listener: Listener): this {
    if (this.socket) this.socket.on(event, listener);
    else this.listeners.push([event, listener]);
    return this;
  }

  off(event: string, listener?: Listener): this {
    if (this.socket) this.socket.off(event, listener);
    else for (let i = this.listeners.length - 1; i >= 0; i--) {
      const [e, l] = this.listeners[i]!;
      if (e === event && (!listener || l === listener)) this.listeners.splice(i, 1);
    }
    return this;
  }

  emit(event: string, ...args: unknown[]): this {
    if (this.socket) this.socket.emit(event, ...args);
    else this.queued.push([event, args]);
    return this;
  }

  connect(): this {
    this.wantConnected = true;
    if (this.socket) this.socket.connect();
    else this.materialise().catch(() => {
      // the chunk could not load (offline, a new build): the next connect() tries again
      this.loading = null;
    });
    return this;
  }

  disconnect(): this {
    this.wantConnected = false;
    this.socket?.disconnect();
    return this;
  }

  private materialise(): Promise<Socket> {
    this.loading ??= this.load().then((socket) => {
      this.socket = socket;
      for (const [event, listener] of this.listeners.splice(0)) socket.on(event, listener);
      for (const [event, args] of this.queued.splice(0)) socket.emit(event, ...args);
      if (this.wantConnected) socket.connect();
      return socket;
    });
    return this.loading;
  }
}

export const socketKey: InjectionKey<DesktopSocket> = Symbol('socket');

/** How long a connection attempt may take before the next one (socket.io's default is 20 s). */
const CONNECT_TIMEOUT_MS = 8_000;

export function installSocket(app: App): DesktopSocket {
  const socket = new LazySocket(async () => {
    const { io } = await import('socket.io-client');
    // WebSocket first (one request instead of a long-polling handshake, a probe and an upgrade); long-polling when
    // the WebSocket handshake fails (a proxy without upgrade support)…
    const socket = io({ path: '/socket.io/', autoConnect: false, withCredentials: true, transports: ['websocket', 'polling'], tryAllTransports: true, timeout: CONNECT_TIMEOUT_MS });
    // …and, after any failed connection (a proxy that completes the upgrade but drops the connection: the attempt
    // then ends only at the timeout), the next tries start with long-polling and upgrade once that works, as
    // socket.io's own default does.
    socket.on('connect_error', () => {
      socket.io.opts.transports = ['polling', 'websocket'];
    });
    return socket;
  });
  app.provide(socketKey, socket);
  return socket;
}

export function useSocket(): DesktopSocket {
  const socket = inject(socketKey);
  if (!socket) throw new Error('the socket is not installed (frontend/boot/socket.ts)');
  return socket;
}
