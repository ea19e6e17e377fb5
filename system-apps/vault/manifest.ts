// The vault app as the shell sees it: name, icon, window defaults and its lazily loaded UI.
import { matLock } from '@quasar/extras/material-icons';
import { defineSystemApp } from '../../frontend/sdk/define';

export default defineSystemApp({
  id: 'vault',
  title: 'apps.vault',
  icon: matLock,
  color: '#2bb673',
  sdk: '^0.2',
  window: { width: 900, height: 600, minWidth: 480, minHeight: 360 },
  component: () => import('./ui/App.vue'),
});
