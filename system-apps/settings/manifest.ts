// The Settings app as the shell sees it: name, icon, window defaults (room for a GPU card beside the section list) and its lazily loaded UI.
import { matSettings } from '@quasar/extras/material-icons';
import { defineSystemApp } from '../../frontend/sdk/define';

export default defineSystemApp({
  id: 'settings',
  title: 'apps.settings',
  icon: matSettings,
  color: '#7a869a',
  sdk: '^0.2',
  window: { width: 960, height: 660, minWidth: 480, minHeight: 360 },
  component: () => import('./ui/App.vue'),
});
