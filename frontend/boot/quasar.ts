// Installs Quasar with only the plugins the desktop uses (no Dialog plugin: its built-in forms would add ~12 KB gzip to start-up; apps use <q-dialog>; Notify on the first toast, boot/notify.ts), SVG icons (no icon font) and the current language.
import type { App } from 'vue';
import { Dark, Quasar } from 'quasar';
import iconSet from 'quasar/icon-set/svg-material-icons';
import langEn from 'quasar/lang/en-US';
import langZh from 'quasar/lang/zh-CN';
import 'quasar/dist/quasar.css';
import type { Locale } from '../i18n';
import { installLazyNotify } from './notify';

export const quasarLangs = { 'en-US': langEn, 'zh-CN': langZh } satisfies Record<Locale, unknown>;

export function installQuasar(app: App, locale: Locale): void {
  app.use(Quasar, {
    plugins: { Dark },
    iconSet,
    lang: quasarLangs[locale],
    config: { dark: 'auto', notify: { position: 'top-right', timeout: 4000 } },
  });
  installLazyNotify(app);
}
