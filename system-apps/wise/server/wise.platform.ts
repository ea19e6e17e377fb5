// Wise's parts the platform wires up: stores, the feed engine, the services the router calls, the refresher, search hooks and the HTTP routes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../../../bff/config';
import type { EventBus } from '../../../bff/realtime/bus';
import { EntriesService } from './entries.service';
import { EntriesStore } from './entries.store';
import { FeedWriter } from './feed-writer';
import * as feedEngine from './feeds';
import { FeedsStore } from './feeds.store';
import { ImageSigner, loadSigningKey } from './image-proxy';
import { LibraryService } from './library.service';
import { Refresher } from './refresher';
import { StateStore } from './state.store';
import { SubscriptionsService } from './subscriptions.service';
import { SubscriptionsStore } from './subscriptions.store';
import { NO_SEARCH, type FeedEngine, type WiseHooks, type WiseSearchApi } from './wise.deps';
import { WiseSearch } from './search/search.service';
import { registerWiseHttp } from './wise.http';

/** What procedures reach as `ctx.services.wise`. */
export interface WiseServices {
  subscriptions: SubscriptionsService;
  entries: EntriesService;
  library: LibraryService;
  search: WiseSearchApi;
  /** Tests drive refreshes through refreshDue() (WISE_REFRESH=0). */
  refresher: Refresher;
  images: ImageSigner;
}

export interface WisePlatform extends WiseServices {
  /** Registers the HTTP routes (image proxy, documents). */
  register(app: FastifyInstance, deps: { authenticate(req: FastifyRequest): Promise<{ id: string } | null> }): Promise<void>;
  /** Starts the background refresher when WISE_REFRESH is on. */
  start(): void;
  close(): Promise<void>;
}

export interface WisePlatformDeps {
  config: Config;
  pool: pg.Pool;
  bus: EventBus;
  log: Logger;
  /** The feed engine; the real one unless a test passes another. */
  engine?: FeedEngine;
  /** Search and recommendations with their hooks; WiseSearch (./search) unless a test passes another. */
  search?: (parts: { pool: pg.Pool; entries: EntriesService; images: ImageSigner; log: Logger }) => WiseSearchApi & WiseHooks;
}

export function createWisePlatform(deps: WisePlatformDeps): WisePlatform {
  const { config, pool, bus, log } = deps;
  const engine: FeedEngine = deps.engine ?? feedEngine;
  const images = new ImageSigner(loadSigningKey(config.dataDir, config.wise.secretKey));
  const feeds = new FeedsStore();
  const subs = new SubscriptionsStore();
  const entriesStore = new EntriesStore();
  const state = new StateStore();
  const writer = new FeedWriter({ db: pool, feeds, entries: entriesStore });
  const allowPrivateNetwork = config.wise.allowPrivateNetwork;

  // The search service is made after the services that call its hooks; until then hooks go nowhere.
  let hooks: WiseHooks = NO_SEARCH;
  const lateHooks: WiseHooks = {
    onEntriesAdded: (ids) => hooks.onEntriesAdded(ids),
    onFeedback: (userId, entryId, kind) => hooks.onFeedback(userId, entryId, kind),
    onFeedbackMany: (userId, events) => hooks.onFeedbackMany(userId, events),
  };

  const refresher = new Refresher({
    db: pool,
    feeds,
    entries: entriesStore,
    writer,
    engine,
    images,
    hooks: lateHooks,
    bus,
    log,
    concurrency: config.wise.fetchConcurrency,
    allowPrivateNetwork,
  });
  const subscriptions = new SubscriptionsService({ db: pool, feeds, subs, writer, engine, images, hooks: lateHooks, kick: () => refresher.kick(), allowPrivateNetwork, log });
  const entries = new EntriesService({ db: pool, entries: entriesStore, state, subs, images, hooks: lateHooks, log });
  const library = new LibraryService({
    db: pool,
    entries: entriesStore,
    engine,
    images,
    hooks: lateHooks,
    view: (userId, id) => entries.get(userId, id),
    dataDir: config.dataDir,
    allowPrivateNetwork,
    log,
  });
  const search = deps.search?.({ pool, entries, images, log }) ?? new WiseSearch({ pool, images, log });
  hooks = search;

  return {
    subscriptions,
    entries,
    library,
    search,
    refresher,
    images,
    async register(app, http) {
      await registerWiseHttp(app, { library, signer: images, engine, allowPrivateNetwork, authenticate: http.authenticate });
    },
    start() {
      if (config.wise.refresh) refresher.start();
    },
    async close() {
      await refresher.stop();
    },
  };
}
