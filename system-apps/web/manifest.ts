// A web app in a sandboxed iframe window (apps installed from the Market, external URLs): opened with props { url, title }.
import { matOpenInNew } from '@quasar/extras/material-icons';
import { defineSystemApp } from '../../frontend/sdk/define';

export default defineSystemApp({
  id: 'web',
  title: 'apps.web',
  icon: matOpenInNew,
  color: '#5e6c84',
  sdk: '^0.2',
  hidden: true,
  window: { width: 1024, height: 680, minWidth: 360, minHeight: 240, multiInstance: true },
  component: () => import('./ui/App.vue'),
});
