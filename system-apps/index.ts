// The explicit list of system app manifests the shell loads (each app's UI is its own lazy chunk).
import type { SystemAppManifest } from '../frontend/sdk/types';
import controlHub from './control-hub/manifest';
import dashboard from './dashboard/manifest';
import devbox from './devbox/manifest';
import files from './files/manifest';
import market from './market/manifest';
import profile from './profile/manifest';
import settings from './settings/manifest';
import vault from './vault/manifest';
import web from './web/manifest';
import wise from './wise/manifest';

export type { SystemAppManifest };

export const systemApps: readonly SystemAppManifest[] = [files, wise, vault, market, settings, dashboard, controlHub, profile, devbox, web];
