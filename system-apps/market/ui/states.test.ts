// Checks which buttons each app state offers, and the state groups (the same as server/market.types.ts, which ui/ may import only as types).
import { describe, expect, it } from 'vitest';
import type { AppState } from '../server/market.types';
import { BUSY, CANCELLABLE, allowedActions, isCancellable, primaryAction, stateColour } from './states';

/** Every state, checked complete by the type: adding one on the server fails the type check here. */
const ALL: Record<AppState, true> = {
  pending: true, downloading: true, installing: true, initializing: true, running: true, stopping: true, stopped: true, resuming: true, upgrading: true,
  uninstalling: true, uninstalled: true, installFailed: true, upgradeFailed: true, resumeFailed: true, stopFailed: true, uninstallFailed: true, canceling: true, canceled: true,
};

describe('state groups', () => {
  it('are the server\'s', () => {
    expect([...CANCELLABLE]).toEqual(['pending', 'downloading', 'installing', 'initializing', 'upgrading', 'resuming']);
    expect([...BUSY]).toEqual([...CANCELLABLE, 'stopping', 'uninstalling', 'canceling']);
    expect(isCancellable('stopping')).toBe(false);
  });
  it('give every state a colour', () => {
    for (const s of Object.keys(ALL) as AppState[]) expect(stateColour(s)).toBeTruthy();
  });
});

describe('primaryAction', () => {
  it('offers Get, Open, Resume, progress or a retry', () => {
    expect(primaryAction(undefined)).toBe('get');
    expect(primaryAction('uninstalled')).toBe('get');
    expect(primaryAction('canceled')).toBe('get');
    expect(primaryAction('running')).toBe('open');
    expect(primaryAction('stopped')).toBe('resume');
    expect(primaryAction('downloading')).toBe('busy');
    expect(primaryAction('uninstalling')).toBe('busy');
    expect(primaryAction('installFailed')).toBe('retryInstall');
    expect(primaryAction('upgradeFailed')).toBe('retryUpgrade');
    expect(primaryAction('uninstallFailed')).toBe('retryUninstall');
  });
});

describe('allowedActions', () => {
  it('lets a running app be opened, stopped, updated and uninstalled', () => {
    expect(allowedActions({ state: 'running', updateAvailable: '2.0.0' })).toEqual({ open: true, stop: true, resume: false, upgrade: true, cancel: false, uninstall: true, reinstall: false });
  });
  it('offers only Cancel while installing', () => {
    expect(allowedActions({ state: 'installing' })).toEqual({ open: false, stop: false, resume: false, upgrade: false, cancel: true, uninstall: false, reinstall: false });
  });
  it('offers nothing while uninstalling', () => {
    expect(Object.values(allowedActions({ state: 'uninstalling' })).some(Boolean)).toBe(false);
  });
  it('disables everything but Open while a request is on its way', () => {
    expect(allowedActions({ state: 'running', updateAvailable: '2' }, true)).toEqual({ open: true, stop: false, resume: false, upgrade: false, cancel: false, uninstall: false, reinstall: false });
  });
  it('lets a stopped app be resumed and a failed stop be retried', () => {
    expect(allowedActions({ state: 'stopped' }).resume).toBe(true);
    expect(allowedActions({ state: 'stopFailed' }).stop).toBe(true);
    expect(allowedActions({ state: 'installFailed' }).uninstall).toBe(true);
    expect(allowedActions({ state: 'installFailed' }).reinstall).toBe(true);
  });
});
