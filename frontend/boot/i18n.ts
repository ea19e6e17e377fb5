// vue-i18n in composition mode, and the one function that switches the language everywhere at run time.
import type { App } from 'vue';
import { Lang } from 'quasar';
import { createI18n } from 'vue-i18n';
import { initialLocale, messages, saveLocale, type Locale, type Messages } from '../i18n';
import { compileMessage } from '../i18n/compile';
import { quasarLangs } from './quasar';

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en-US',
  messages,
  // Our own small compiler: vite.config.ts drops vue-i18n's (__INTLIFY_DROP_MESSAGE_COMPILER__).
  messageCompiler: compileMessage,
});

export function installI18n(app: App): void {
  app.use(i18n);
  document.documentElement.lang = i18n.global.locale.value;
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  Lang.set(quasarLangs[locale] as Parameters<typeof Lang.set>[0]);
  document.documentElement.lang = locale;
  saveLocale(locale);
}
