// The Vault app as the shell sees it: name, icon, window defaults (wide enough for the rail, the list and an item side by side) and its lazily loaded UI.
import { matLock } from '@quasar/extras/material-icons';
import { defineSystemApp } from '../../frontend/sdk/define';

export default defineSystemApp({
  id: 'vault',
  title: 'apps.vault',
  icon: matLock,
  color: '#2bb673',
  sdk: '^0.2',
  window: { width: 980, height: 640, minWidth: 480, minHeight: 360 },
  component: () => import('./ui/App.vue'),
});
