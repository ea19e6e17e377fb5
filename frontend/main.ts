// Creates the app and runs the boot files in order; nothing else.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { installI18n, i18n } from './boot/i18n';
import { installPwa } from './boot/pwa';
import { installQuasar } from './boot/quasar';
import { installSocket } from './boot/socket';
import { installTrpc } from './boot/trpc';
import { createAppRouter } from './router';
import './shared/global.css';

const app = createApp(App);
installQuasar(app, i18n.global.locale.value);
installI18n(app);
installTrpc(app);
installSocket(app);
app.use(createPinia());
const router = createAppRouter();
app.use(router);
app.mount('#app');
// Once the first page (the desktop, the sign-in page…) has rendered: its frame comes first.
void router.isReady().then(installPwa, installPwa);
