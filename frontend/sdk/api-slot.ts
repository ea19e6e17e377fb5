// One app window's client, set once by its App.vue (or by a test) and read by its stores: one slot instead of each app's own module variable.

export interface ApiSlot<T> {
  set(client: T | null): void;
  has(): boolean;
  /** The client; throws when App.vue (or the test) has not set it. */
  get(): T;
}

/**
 * @example
 * const slot = createApiSlot<WiseApi>('Wise');
 * export const setWiseApi = slot.set, hasWiseApi = slot.has, wiseApi = slot.get;
 */
export function createApiSlot<T>(app: string): ApiSlot<T> {
  let client: T | null = null;
  return {
    set: (c) => void (client = c),
    has: () => client !== null,
    get: () => {
      if (client === null) throw new Error(`the ${app} client is not set`);
      return client;
    },
  };
}
