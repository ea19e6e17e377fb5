// Installs Quasar with only the plugins the desktop uses (no Dialog plugin: its built-in forms would add ~12 KB gzip to start-up; apps use <q-dialog>), SVG icons (no icon font) and the current language.
import type { App } from 'vue';
import { Dark, Notify, Quasar } from 'quasar';
import iconSet from 'quasar/icon-set/svg-material-icons';
import langEn from 'quasar/lang/en-US';
import langZh from 'quasar/lang/zh-CN';
import 'quasar/dist/quasar.css';
import type { Locale } from '../i18n';

export const quasarLangs = { 'en-US': langEn, 'zh-CN': langZh } satisfies Record<Locale, unknown>;

export function installQuasar(app: App, locale: Locale): void {
  app.use(Quasar, {
    plugins: { Notify, Dark },
    iconSet,
    lang: quasarLangs[locale],
    config: { dark: 'auto', notify: { position: 'top-right', timeout: 4000 } },
  });
}
