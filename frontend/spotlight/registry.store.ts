// Commands and search providers registered by the shell and by apps, for the spotlight to search.
import { defineStore } from 'pinia';
import { shallowRef, triggerRef } from 'vue';
import type { AppCommand, SearchProvider } from '../sdk/types';

export interface RegisteredCommand extends AppCommand {
  appId: string;
  key: string;
}

export interface RegisteredProvider extends SearchProvider {
  appId: string;
  key: string;
}

export const useSpotlightRegistry = defineStore('spotlight-registry', () => {
  const commands = shallowRef(new Map<string, RegisteredCommand>());
  const providers = shallowRef(new Map<string, RegisteredProvider>());

  function registerCommand(appId: string, command: AppCommand): () => void {
    const key = `${appId}:${command.id}`;
    commands.value.set(key, { ...command, appId, key });
    triggerRef(commands);
    return () => {
      commands.value.delete(key);
      triggerRef(commands);
    };
  }

  function registerSearchProvider(appId: string, provider: SearchProvider): () => void {
    const key = `${appId}:${provider.id}`;
    providers.value.set(key, { ...provider, appId, key });
    triggerRef(providers);
    return () => {
      providers.value.delete(key);
      triggerRef(providers);
    };
  }

  return { commands, providers, registerCommand, registerSearchProvider };
});
