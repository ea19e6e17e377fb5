// The profile app as the shell sees it: name, icon, window defaults and its lazily loaded UI.
import { matAccountCircle } from '@quasar/extras/material-icons';
import { defineSystemApp } from '../../frontend/sdk/define';

export default defineSystemApp({
  id: 'profile',
  title: 'apps.profile',
  icon: matAccountCircle,
  color: '#ff8b00',
  sdk: '^0.2',
  window: { width: 720, height: 560, minWidth: 420, minHeight: 360 },
  component: () => import('./ui/App.vue'),
});
