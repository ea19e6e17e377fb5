// The control-hub app as the shell sees it: name, icon, window defaults and its lazily loaded UI.
import { matHub } from '@quasar/extras/material-icons';
import { defineSystemApp } from '../../frontend/sdk/define';

export default defineSystemApp({
  id: 'control-hub',
  title: 'apps.controlHub',
  icon: matHub,
  color: '#6554c0',
  sdk: '^0.2',
  window: { width: 1100, height: 700, minWidth: 560, minHeight: 400 },
  component: () => import('./ui/App.vue'),
});
