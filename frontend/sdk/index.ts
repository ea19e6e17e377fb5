/**
 * The only module a system app's UI may import from the shell (the ESLint rule olares/app-boundaries
 * enforces it). Version 0: the tRPC client, the socket and i18n. The shell issue grows it into the
 * full window, notification and command API.
 */
export const SDK_VERSION = '0.1.0';

/** The typed tRPC client, built once at boot. */
export { useTrpc, type TrpcClient } from '../boot/trpc';
/** The signed-in user's socket.io connection (one room per user on the server). */
export { useSocket } from '../boot/socket';
/** Translations in the user's language (en-US, zh-CN). */
export { useI18n } from 'vue-i18n';
