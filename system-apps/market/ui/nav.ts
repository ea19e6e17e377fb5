// Where the Market window is (a page, a category, an app's detail) and the search text: a small state shared by App.vue and the pages, instead of a router.
import { computed, inject, nextTick, provide, ref, watch, type InjectionKey, type Ref } from 'vue';

export type Page =
  | { kind: 'discover' }
  | { kind: 'category'; id: string }
  | { kind: 'mine' }
  | { kind: 'updates' }
  | { kind: 'activity' }
  | { kind: 'detail'; name: string };

export interface MarketNav {
  readonly page: Ref<Page>;
  /** What the search field holds, as typed. */
  readonly query: Ref<string>;
  /** What is shown: the page, or the search results while the search field has text (a detail page wins over both). */
  readonly view: Readonly<Ref<Page | { kind: 'search' }>>;
  go(page: Page): void;
  showApp(name: string): void;
  back(): void;
  readonly canGoBack: Readonly<Ref<boolean>>;
}

const navKey: InjectionKey<MarketNav> = Symbol('market.nav');

const cardsOf = (name: string) => [...document.querySelectorAll<HTMLElement>(`[data-card-name="${CSS.escape(name)}"]`)];

/** Which of the app's links (a featured banner, a grid card) opened the detail page: the same one gets focus back. */
function openerIndex(name: string): number {
  const active = document.activeElement;
  return Math.max(0, cardsOf(name).findIndex((el) => el === active));
}

function focusCard(name: string, index: number): void {
  void nextTick(() =>
    requestAnimationFrame(() => {
      const cards = cardsOf(name);
      (cards[index] ?? cards[0])?.focus();
    }),
  );
}

export function provideMarketNav(initial: Page = { kind: 'discover' }): MarketNav {
  const page = ref<Page>(initial);
  const query = ref('');
  const stack = ref<Page[]>([]);
  const openers: number[] = [];
  // Typing a search on an app's page leaves it for the results (Back from a result returns to them).
  watch(query, (now, before) => {
    if (page.value.kind !== 'detail' || !now.trim() || now === before) return;
    page.value = stack.value.find((p) => p.kind !== 'detail') ?? { kind: 'discover' };
    stack.value = [];
    openers.length = 0;
  });
  const view = computed(() => (page.value.kind !== 'detail' && query.value.trim() ? { kind: 'search' as const } : page.value));
  const nav: MarketNav = {
    page,
    query,
    view,
    go(next) {
      query.value = '';
      stack.value = [];
      openers.length = 0;
      page.value = next;
    },
    showApp(name) {
      openers.push(openerIndex(name));
      stack.value = [...stack.value, page.value];
      page.value = { kind: 'detail', name };
    },
    back() {
      const from = page.value;
      const prev = stack.value[stack.value.length - 1];
      stack.value = stack.value.slice(0, -1);
      page.value = prev ?? { kind: 'discover' };
      const opener = openers.pop() ?? 0;
      if (from.kind === 'detail') focusCard(from.name, opener);
    },
    canGoBack: computed(() => stack.value.length > 0),
  };
  provide(navKey, nav);
  return nav;
}

export function useMarketNav(): MarketNav {
  const nav = inject(navKey);
  if (!nav) throw new Error('useMarketNav() is only available inside the Market window');
  return nav;
}
