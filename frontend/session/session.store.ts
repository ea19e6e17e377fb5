// The signed-in state of this browser: first run, signed out, halfway (second factor) or signed in.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useTrpc } from '../boot/trpc';
import { useSocket } from '../boot/socket';
import { afterPaint } from '../shared/after-paint';
import type { AppRouter } from '../../bff/trpc/app-router';
import type { inferRouterOutputs } from '@trpc/server';

type Status = inferRouterOutputs<AppRouter>['auth']['status'];
export type CurrentUser = NonNullable<Status['user']>;

export const useSessionStore = defineStore('session', () => {
  const trpc = useTrpc();
  const socket = useSocket();
  const status = ref<Status | null>(null);

  const user = computed(() => status.value?.user ?? null);
  const setupRequired = computed(() => status.value?.setupRequired ?? false);
  const secondFactorPending = computed(() => status.value?.secondFactorPending ?? false);
  const locked = computed(() => status.value?.locked ?? false);
  const isAdmin = computed(() => user.value?.role === 'owner' || user.value?.role === 'admin');

  async function refresh(): Promise<void> {
    status.value = await trpc.auth.status.query();
    if (status.value.user) {
      // Connect once the desktop has drawn a frame and the page is idle: the socket's first requests do not delay the desktop's own.
      if (!socket.connected && !socket.active) afterPaint(() => void (status.value?.user && !socket.connected && socket.connect()), { timeout: 1500 });
    } else {
      socket.disconnect();
    }
  }

  async function ensureLoaded(): Promise<void> {
    if (!status.value) await refresh();
  }

  async function setup(input: { name: string; displayName: string; password: string }): Promise<void> {
    await trpc.auth.setup.mutate(input);
    await refresh();
  }

  /** Returns 'second_factor' when a code is still needed. */
  async function login(name: string, password: string): Promise<'ok' | 'second_factor'> {
    const { status: result } = await trpc.auth.login.mutate({ name, password });
    await refresh();
    return result;
  }

  async function verifySecondFactor(code: string): Promise<void> {
    await trpc.auth.verifySecondFactor.mutate({ code });
    await refresh();
  }

  async function logout(): Promise<void> {
    // Close the socket first: otherwise the server's "session ended" would reach it before the answer,
    // and the desktop would take our own sign-out for an expiry.
    socket.disconnect();
    try {
      await trpc.auth.logout.mutate();
    } finally {
      status.value = { setupRequired: false, secondFactorPending: false, locked: false, user: null };
    }
  }

  async function lock(): Promise<void> {
    await trpc.auth.lock.mutate();
    await refresh();
  }

  async function unlock(password: string): Promise<void> {
    await trpc.auth.unlock.mutate({ password });
    await refresh();
  }

  /** Called when the server says the session is gone (expired, revoked elsewhere). */
  function markSignedOut(): void {
    socket.disconnect();
    status.value = { setupRequired: false, secondFactorPending: false, locked: false, user: null };
  }

  return { status, user, setupRequired, secondFactorPending, locked, isAdmin, lock, unlock, refresh, ensureLoaded, setup, login, verifySecondFactor, logout, markSignedOut };
});
