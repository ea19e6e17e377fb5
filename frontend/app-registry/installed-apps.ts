// The user's apps installed from the Market, as app manifests the shell opens: iframe windows at their entrances, or browser tabs.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../bff/trpc/app-router';
import type { SystemAppManifest } from '../sdk/types';
import { INSTALLED_PREFIX } from './registry';

/** States in which an installed app is shown in the launchpad and dock (it exists and can be opened or resumed). */
const LISTED = new Set(['running', 'stopped', 'stopping', 'resuming', 'upgrading', 'upgradeFailed', 'resumeFailed', 'stopFailed', 'initializing']);

/** One of the user's apps as the Market's `market.apps.list` answers. */
export type InstalledApp = inferRouterOutputs<AppRouter>['market']['apps']['list'][number];

export const installedAppId = (name: string) => `${INSTALLED_PREFIX}${name}`;

export interface InstalledDeps {
  /** The web app's window component (system-apps/web): installed apps open in it. */
  component: SystemAppManifest['component'];
  /** Opens an entrance in a browser tab (entrances with openMethod `window`). */
  openTab(app: InstalledApp): void;
}

export function installedManifests(list: InstalledApp[], deps: InstalledDeps): SystemAppManifest[] {
  return list
    .filter((a) => LISTED.has(a.state) && a.entrances.some((e) => !e.invisible))
    .map((a) => {
      const entrance = a.entrances.find((e) => !e.invisible)!;
      return {
        id: installedAppId(a.name),
        title: a.title,
        icon: a.icon ? `img:${a.icon}` : 'img:/favicon.svg',
        color: '#37474f',
        sdk: '^0.2',
        window: { width: 1100, height: 720, minWidth: 360, minHeight: 240 },
        installed: { name: a.name, state: a.state },
        component: deps.component,
        ...(entrance.openMethod === 'window' ? { launch: () => deps.openTab(a) } : {}),
      } satisfies SystemAppManifest;
    });
}
