// Why this exists: the blank page's entry — Vue and Quasar only, installed the way the desktop installs them.
import { createApp } from 'vue';
import { Quasar } from 'quasar';
import 'quasar/dist/quasar.css';
import BlankPage from './BlankPage.vue';

createApp(BlankPage).use(Quasar, {}).mount('#app');
