// The caller's own account security: TOTP enrolment and removal, and recovery codes.
import type pg from 'pg';
import { appError } from '../trpc/app-error';
import { verifyPassword } from './passwords';
import type { ClientInfo, IssuedSession, SessionsService } from './sessions.service';
import { newRecoveryCode, normaliseRecoveryCode, sha256 } from './tokens';
import { checkTotp, newTotpSecret, totpQrDataUrl, totpUri } from './totp';
import type { AuthState } from './types';
import { UsersStore } from './users.store';
import { withTransaction } from '../db/pool';

export const RECOVERY_CODE_COUNT = 10;

export class SecurityService {
  private readonly users: UsersStore;
  constructor(
    private readonly db: pg.Pool,
    private readonly sessions: SessionsService,
  ) {
    this.users = new UsersStore(db);
  }

  async overview(userId: string): Promise<{ totpEnabled: boolean; recoveryCodesLeft: number }> {
    const user = await this.users.byId(userId);
    if (!user) throw appError('NOT_FOUND', 'users.notFound', 'No such user.');
    return { totpEnabled: user.totpEnabled, recoveryCodesLeft: user.totpEnabled ? await this.users.unusedRecoveryCodes(userId) : 0 };
  }

  /** Starts enrolment: a new secret, not active until a code from it is confirmed. */
  async beginTotp(auth: AuthState): Promise<{ secret: string; uri: string; qr: string }> {
    if (auth.user.totpEnabled) throw appError('CONFLICT', 'security.totpAlreadyOn', 'Two-step sign-in is already on; turn it off first.');
    const secret = newTotpSecret();
    await this.users.setPendingTotpSecret(auth.user.id, secret);
    const uri = totpUri(secret, auth.user.name);
    return { secret, uri, qr: await totpQrDataUrl(uri) };
  }

  /**
   * Confirms enrolment with a code from the app, turns TOTP on, returns ten recovery codes (shown
   * once), and rotates the session: a privilege change gets a fresh token.
   */
  async confirmTotp(auth: AuthState, code: string, client: ClientInfo): Promise<{ recoveryCodes: string[]; issued: IssuedSession }> {
    const user = await this.users.byId(auth.user.id);
    if (!user?.totpSecret || user.totpEnabled) throw appError('PRECONDITION_FAILED', 'security.noEnrolment', 'Start the two-step sign-in set-up first.');
    const step = await checkTotp(user.totpSecret, code.trim(), 0);
    if (step === null) throw appError('BAD_REQUEST', 'auth.wrongCode', 'That code is not valid.');
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await withTransaction(this.db, async (tx) => {
      const store = new UsersStore(tx);
      await store.enableTotp(user.id, step);
      await store.replaceRecoveryCodes(user.id, recoveryCodes.map((c) => sha256(normaliseRecoveryCode(c))));
    });
    const issued = await this.sessions.rotate(auth.session, user.id, 'active', client);
    return { recoveryCodes, issued };
  }

  async disableTotp(auth: AuthState, password: string): Promise<void> {
    await this.requirePassword(auth.user.id, password);
    await withTransaction(this.db, (tx) => new UsersStore(tx).disableTotp(auth.user.id));
  }

  async regenerateRecoveryCodes(auth: AuthState, password: string): Promise<string[]> {
    const user = await this.requirePassword(auth.user.id, password);
    if (!user.totpEnabled) throw appError('PRECONDITION_FAILED', 'security.totpOff', 'Turn on two-step sign-in first.');
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await withTransaction(this.db, (tx) => new UsersStore(tx).replaceRecoveryCodes(user.id, codes.map((c) => sha256(normaliseRecoveryCode(c)))));
    return codes;
  }

  private async requirePassword(userId: string, password: string) {
    const user = await this.users.byId(userId);
    if (!user || !(await verifyPassword(user.passwordHash, password))) {
      throw appError('FORBIDDEN', 'security.wrongPassword', 'The password is not correct.');
    }
    return user;
  }
}
