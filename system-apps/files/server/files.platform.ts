// Files' parts the platform wires up: the service with shared folders plugged in, search, shares, downloads from URLs, thumbnails, and their HTTP routes.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../../../bff/config';
import type { EventBus } from '../../../bff/realtime/bus';
import type { Caller } from './files.api';
import { FilesService } from './files.service';
import { UrlDownloads } from './fetch/downloads.service';
import { driveRoot } from './drives/drive-ops';
import { DrivesService } from './drives/drives.service';
import { DrivesStore } from './drives/drives.store';
import { SecretBox } from './drives/secret-box';
import { registerFilesHttp } from './http';
import { Lister } from './listing';
import { resolveSafe, resolveVirtual, type Root } from './paths';
import { FileIndexer } from './search/indexer';
import { FilesSearchService } from './search/search.service';
import { SearchStore } from './search/search.store';
import { registerShareRoutes } from './shares/public.routes';
import { SharesService } from './shares/shares.service';
import { SharesStore } from './shares/shares.store';
import { registerThumbs } from './thumbs/thumb.routes';
import { Thumbnailer } from './thumbs/thumbnailer';

export interface FilesPlatform {
  files: FilesService;
  search: FilesSearchService;
  shares: SharesService;
  downloads: UrlDownloads;
  drives: DrivesService;
  /** Registers the HTTP routes (uploads, downloads, zips, thumbnails, share links). */
  register(app: FastifyInstance, deps: { authenticate(req: FastifyRequest): Promise<Caller | null>; allowAttempt(ip: string): boolean }): Promise<void>;
  close(): Promise<void>;
}

export function createFilesPlatform(deps: { config: Config; pool: pg.Pool; bus: EventBus; log: Logger }): FilesPlatform {
  const { config, pool, bus, log } = deps;
  const files = new FilesService({ db: pool, bus, dataDir: config.dataDir, log });
  const shares = new SharesService({
    store: new SharesStore(pool),
    baseRootsFor: (c) => files.baseRootsFor(c),
    publicOrigin: config.publicOrigin,
    driveRootNames: async (c) => (await files.rootsFor(c)).filter((r) => r.kind === 'drive').map((r) => r.name),
  });
  // After Home and the admin-added roots: folders shared with the caller, then the caller's cloud drives (numbered when a name is taken).
  files.setExtraRoots(async (caller, taken) => {
    const shared = await shares.sharedRoots(caller, taken);
    const used = new Set([...taken, ...shared.map((r) => r.name)].map((n) => n.toLowerCase()));
    const cloud = (await drives.roots(caller)).map((d) => {
      let name = d.name;
      for (let n = 2; used.has(name.toLowerCase()); n++) name = `${d.name} (${n})`;
      used.add(name.toLowerCase());
      return driveRoot({ ...d, name });
    });
    return [...shared, ...cloud];
  });

  const callers = new Map<string, Caller>();
  const callerById = async (id: string): Promise<Caller | null> => {
    const known = callers.get(id);
    if (known) return known;
    const { rows } = await pool.query<{ name: string; role: Caller['role'] }>('SELECT name, role FROM users WHERE id = $1', [id]);
    if (!rows[0]) return null;
    const caller = { id, ...rows[0] };
    callers.set(id, caller);
    return caller;
  };
  // A user's own roots on this host are indexed; folders shared with them are their owners' to index; cloud drives are not indexed.
  const indexedRoots = async (userId: string): Promise<Root[]> => {
    const caller = await callerById(userId);
    return caller ? (await files.rootsFor(caller)).filter((r) => r.kind === 'home' || r.kind === 'mount') : [];
  };
  const searchStore = new SearchStore(pool);
  const indexer = new FileIndexer({ store: searchStore, rootsFor: indexedRoots, log, rescanMs: config.files.indexRescanMs, watch: config.files.watch });
  const search = new FilesSearchService({ store: searchStore, indexer, rootsFor: (c) => files.rootsFor(c) });
  // The app's own changes reach the index at once (the watcher and the rescan catch the rest).
  const offChanged = bus.on('user.event', ({ userId, event, payload }) => {
    if (event !== 'files.changed') return;
    void (async () => {
      const roots = await indexedRoots(userId);
      const indexed = new Set(await searchStore.scannedRoots(userId));
      for (const folder of (payload as { folders?: string[] }).folders ?? []) {
        try {
          const r = resolveVirtual(roots, folder);
          if (indexed.has(r.root.id)) indexer.changed(userId, r.root, [r.segments.join('/')]);
        } catch {
          /* a folder outside the indexed roots */
        }
      }
    })().catch((err: Error) => log.warn({ err: { message: err.message } }, 'files index: could not follow a change'));
  });
  indexer.start();

  const downloads = new UrlDownloads({ files, maxBytes: config.files.downloadMaxBytes, allowPrivate: config.files.allowPrivateNetwork });
  const drives = new DrivesService({
    store: new DrivesStore(pool),
    box: SecretBox.open(config.dataDir, config.files.secretKey),
    allowPrivateEndpoints: config.files.allowPrivateNetwork,
    takenNames: async (caller) => (await files.rootsFor(caller)).map((r) => r.name),
  });
  files.setDrives((caller, id) => drives.drive(caller, id));
  const thumbnailer = new Thumbnailer({ cacheDir: path.join(config.dataDir, 'cache', 'thumbs') });
  // A page of a folder with photos: their thumbnails are made in the background, before the grid asks.
  files.onListed((roots, listing) => {
    const images = listing.entries.filter((e) => e.kind === 'file' && e.mime.startsWith('image/') && e.mime !== 'image/svg+xml').slice(0, 60);
    if (!images.length) return;
    void (async () => {
      const items = [];
      for (const e of images) {
        try {
          const r = await resolveSafe(roots, e.path);
          items.push({ real: r.real, stat: await fsp.stat(r.real) });
        } catch {
          /* gone or not reachable: no thumbnail */
        }
      }
      thumbnailer.prefetch(items, 256);
    })();
  });
  let closeHttp: () => Promise<void> = async () => {};

  return {
    files,
    search,
    shares,
    downloads,
    drives,
    async register(app, http) {
      closeHttp = await registerFilesHttp(app, { host: files, dataDir: config.dataDir, log, authenticate: http.authenticate });
      registerThumbs(app, { host: files, authenticate: http.authenticate, thumbnailer });
      registerShareRoutes(app, { shares, lister: new Lister(), secureCookies: config.secureCookies, allowAttempt: http.allowAttempt, log });
    },
    async close() {
      offChanged();
      await closeHttp();
      await indexer.stop();
      await files.shutdown();
      drives.shutdown();
    },
  };
}
