// What every procedure receives: the caller (resolved lazily from the session cookie), services, cookies, logger.
import type { FastifyBaseLogger } from 'fastify';
import type { AuthService } from '../auth/auth.service';
import type { SecurityService } from '../auth/security.service';
import type { ClientInfo, SessionsService } from '../auth/sessions.service';
import type { AuthState } from '../auth/types';
import type { UsersService } from '../auth/users.service';
import type { DesktopService } from '../desktop/desktop.service';
import type { WallpapersService } from '../desktop/wallpapers.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { MarketService } from '../../system-apps/market/server/market.service';
import type { FilesApi } from '../../system-apps/files/server/files.api';
import type { UrlDownloads } from '../../system-apps/files/server/fetch/downloads.service';
import type { DrivesService } from '../../system-apps/files/server/drives/drives.service';
import type { FilesSearchService } from '../../system-apps/files/server/search/search.service';
import type { SharesService } from '../../system-apps/files/server/shares/shares.service';
import type { VaultService } from '../../system-apps/vault/server/vault.service';
import type { WiseServices } from '../../system-apps/wise/server/wise.platform';
import type { DashboardServices } from '../../system-apps/dashboard/server/dashboard.platform';
import type { GpuServices } from '../../system-apps/settings/server/gpu.platform';
import type { FixedWindowLimiter } from './rate-limit';

/** The services procedures call; built once per process in buildApp and shared by every request. */
export interface Services {
  auth: AuthService;
  sessions: SessionsService;
  security: SecurityService;
  users: UsersService;
  desktop: DesktopService;
  wallpapers: WallpapersService;
  notifications: NotificationsService;
  market: MarketService;
  files: FilesApi;
  filesSearch: FilesSearchService;
  filesShares: SharesService;
  filesDownloads: UrlDownloads;
  filesDrives: DrivesService;
  vault: VaultService;
  wise: WiseServices;
  dashboard: DashboardServices;
  gpu: GpuServices;
  loginLimiter: FixedWindowLimiter;
}

export interface CookieJar {
  /** The session token the request carried, if any. */
  readonly sessionToken: string | undefined;
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
}

export interface Context {
  client: ClientInfo;
  requestId: string;
  log: FastifyBaseLogger;
  services: Services;
  cookies: CookieJar;
  /** The caller's session and user, or null; looked up once, on first use. */
  auth(): Promise<AuthState | null>;
}

/** Builds a context from its parts; the Fastify handler and tests both use it. */
export function createContext(parts: Omit<Context, 'auth'>): Context {
  let cached: Promise<AuthState | null> | undefined;
  return {
    ...parts,
    auth() {
      const token = parts.cookies.sessionToken;
      if (!token) return Promise.resolve(null);
      cached ??= parts.services.sessions.resolve(token);
      return cached;
    },
  };
}
