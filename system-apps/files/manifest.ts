// The files app as the shell sees it: name, icon, window defaults and its lazily loaded UI.
import { matFolder } from '@quasar/extras/material-icons';
import { defineSystemApp } from '../../frontend/sdk/define';

export default defineSystemApp({
  id: 'files',
  title: 'apps.files',
  icon: matFolder,
  color: '#4f7cff',
  sdk: '^0.2',
  window: { width: 960, height: 620, minWidth: 480, minHeight: 320, multiInstance: true },
  fileTypes: ['*'],
  component: () => import('./ui/App.vue'),
});
