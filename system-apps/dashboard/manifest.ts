// The dashboard app as the shell sees it: name, icon, window defaults and its lazily loaded UI.
import { matDashboard } from '@quasar/extras/material-icons';
import { defineSystemApp } from '../../frontend/sdk/define';

export default defineSystemApp({
  id: 'dashboard',
  title: 'apps.dashboard',
  icon: matDashboard,
  color: '#00a3bf',
  sdk: '^0.2',
  window: { width: 1000, height: 640, minWidth: 520, minHeight: 360 },
  component: () => import('./ui/App.vue'),
});
