// The one socket.io connection to the BFF; it connects only while the user is signed in.
import type { App, InjectionKey } from 'vue';
import { inject } from 'vue';
import { io, type Socket } from 'socket.io-client';

export const socketKey: InjectionKey<Socket> = Symbol('socket');

export function installSocket(app: App): Socket {
  const socket = io({ path: '/socket.io/', autoConnect: false, withCredentials: true });
  app.provide(socketKey, socket);
  return socket;
}

export function useSocket(): Socket {
  const socket = inject(socketKey);
  if (!socket) throw new Error('the socket is not installed (frontend/boot/socket.ts)');
  return socket;
}
