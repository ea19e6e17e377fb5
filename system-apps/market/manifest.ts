// The market app as the shell sees it: name, icon, window defaults and its lazily loaded UI.
import { matStorefront } from '@quasar/extras/material-icons';
import { defineSystemApp } from '../../frontend/sdk/define';

export default defineSystemApp({
  id: 'market',
  title: 'apps.market',
  icon: matStorefront,
  color: '#e0487d',
  sdk: '^0.2',
  window: { width: 1100, height: 700, minWidth: 560, minHeight: 400 },
  component: () => import('./ui/App.vue'),
});
