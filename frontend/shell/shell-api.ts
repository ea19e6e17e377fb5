// Builds the ShellApi the SDK hands to apps: open apps and files, notify, register commands and search providers.
import { notify } from '../boot/notify';
import { appForFile, appsById, appsForFile } from '../app-registry/registry';
import type { NotifyOptions, ShellApi } from '../sdk/keys';
import { useSpotlightRegistry } from '../spotlight/registry.store';
import { useWindowsStore } from '../window-manager/windows.store';

// Quasar's own 'info' (white on light cyan) is too faint to read: info toasts use a dark slate.
const STYLES = { info: { color: 'blue-grey-9' }, success: { type: 'positive' }, warning: { type: 'warning' }, error: { type: 'negative' } } as const;

export function toast(o: NotifyOptions): void {
  notify({
    ...STYLES[o.level ?? 'info'],
    message: o.title,
    caption: o.body,
    actions: o.actions?.map((a) => ({ label: a.label, color: 'white', handler: a.run })),
  });
}

export function createShellApi(): ShellApi {
  const windows = useWindowsStore();
  const registry = useSpotlightRegistry();
  return {
    openApp(appId, props) {
      const app = appsById.get(appId);
      if (app) windows.open(app, props);
      return !!app;
    },
    openFile(path) {
      const app = appForFile(path);
      if (app) windows.open(app, { path });
    },
    appsForFile(path) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      return appsForFile(name).map((a) => ({ id: a.id, title: a.title, icon: a.icon, color: a.color }));
    },
    openUrl(url, title) {
      const app = appsById.get('web');
      if (app) windows.open(app, { url, ...(title ? { title } : {}) });
    },
    notify: toast,
    registerCommand: registry.registerCommand,
    registerSearchProvider: registry.registerSearchProvider,
  };
}
