// The wise app as the shell sees it: name, icon, window defaults and its lazily loaded UI.
import { matMenuBook } from '@quasar/extras/material-icons';
import { defineSystemApp } from '../../frontend/sdk/define';

export default defineSystemApp({
  id: 'wise',
  title: 'apps.wise',
  icon: matMenuBook,
  color: '#f28c38',
  sdk: '^0.2',
  window: { width: 1040, height: 680, minWidth: 520, minHeight: 360 },
  fileTypes: ['pdf', 'epub'],
  component: () => import('./ui/App.vue'),
});
