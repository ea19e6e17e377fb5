// The devbox app as the shell sees it: name, icon, window defaults and its lazily loaded UI.
import { matTerminal } from '@quasar/extras/material-icons';
import { defineSystemApp } from '../../frontend/sdk/define';

export default defineSystemApp({
  id: 'devbox',
  title: 'apps.devbox',
  icon: matTerminal,
  color: '#36b37e',
  sdk: '^0.2',
  window: { width: 1000, height: 640, minWidth: 520, minHeight: 360, multiInstance: true },
  fileTypes: ['ts', 'js', 'json', 'yaml', 'yml', 'md', 'txt', 'sh', 'py'],
  component: () => import('./ui/App.vue'),
});
