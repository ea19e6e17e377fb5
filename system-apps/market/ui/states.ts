// What the UI does with an app's state: the busy and cancellable groups (copied from the server's types, which ui/ may import only as types), chip colours and which actions each state allows.
import type { AppState, InstalledApp } from '../server/market.types';

/** The same lists as server/market.types.ts (kept in step by the type annotations and states.test.ts). */
export const CANCELLABLE: readonly AppState[] = ['pending', 'downloading', 'installing', 'initializing', 'upgrading', 'resuming'];
export const BUSY: readonly AppState[] = [...CANCELLABLE, 'stopping', 'uninstalling', 'canceling'];
export const FAILED: readonly AppState[] = ['installFailed', 'upgradeFailed', 'resumeFailed', 'stopFailed', 'uninstallFailed'];

export const isBusy = (s: AppState): boolean => BUSY.includes(s);
export const isCancellable = (s: AppState): boolean => CANCELLABLE.includes(s);
export const isFailed = (s: AppState): boolean => FAILED.includes(s);

/** Every state has a colour (the Record makes the type check list them all). */
const COLOURS: Record<AppState, string> = {
  pending: 'orange-8',
  downloading: 'primary',
  installing: 'primary',
  initializing: 'primary',
  running: 'positive',
  stopping: 'blue-grey-6',
  stopped: 'blue-grey-6',
  resuming: 'primary',
  upgrading: 'primary',
  uninstalling: 'blue-grey-6',
  uninstalled: 'grey-6',
  installFailed: 'negative',
  upgradeFailed: 'negative',
  resumeFailed: 'negative',
  stopFailed: 'negative',
  uninstallFailed: 'negative',
  canceling: 'orange-8',
  canceled: 'grey-6',
};

export function stateColour(s: AppState): string {
  return COLOURS[s] ?? 'grey-6';
}

/** The one button a card or the detail header shows for an app, from its installed state (none: not installed). */
export type PrimaryAction = 'get' | 'open' | 'resume' | 'busy' | 'retryInstall' | 'retryUpgrade' | 'retryResume' | 'retryStop' | 'retryUninstall';

export function primaryAction(state: AppState | undefined): PrimaryAction {
  if (!state || state === 'uninstalled' || state === 'canceled') return 'get';
  if (isBusy(state)) return 'busy';
  switch (state) {
    case 'running':
      return 'open';
    case 'stopped':
      return 'resume';
    case 'installFailed':
      return 'retryInstall';
    case 'upgradeFailed':
      return 'retryUpgrade';
    case 'resumeFailed':
      return 'retryResume';
    case 'stopFailed':
      return 'retryStop';
    case 'uninstallFailed':
      return 'retryUninstall';
    default:
      return 'get';
  }
}

export interface AllowedActions {
  open: boolean;
  stop: boolean;
  resume: boolean;
  upgrade: boolean;
  cancel: boolean;
  uninstall: boolean;
  /** Install again after a failed install. */
  reinstall: boolean;
}

/** What My apps offers for one app; `requesting` is true while a request for it is on its way. */
export function allowedActions(app: Pick<InstalledApp, 'state' | 'updateAvailable'>, requesting = false): AllowedActions {
  const s = app.state;
  const busy = requesting || isBusy(s);
  return {
    open: s === 'running',
    stop: !busy && (s === 'running' || s === 'stopFailed'),
    resume: !busy && (s === 'stopped' || s === 'resumeFailed'),
    upgrade: !busy && !!app.updateAvailable && (s === 'running' || s === 'stopped' || s === 'upgradeFailed'),
    cancel: !requesting && isCancellable(s),
    uninstall: !busy && s !== 'uninstalled',
    reinstall: !busy && (s === 'installFailed' || s === 'canceled'),
  };
}
