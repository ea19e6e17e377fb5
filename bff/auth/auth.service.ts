// First run, login with the optional second factor, and logout.
import type pg from 'pg';
import { appError, WRONG_CREDENTIALS } from '../trpc/app-error';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import type { RegulationService } from './regulation.service';
import type { ClientInfo, IssuedSession, SessionsService } from './sessions.service';
import { normaliseRecoveryCode, sha256 } from './tokens';
import { checkTotp } from './totp';
import type { AuthState, Session, User } from './types';
import { publicUser, UsersStore } from './users.store';

export type LoginResult = { status: 'ok'; issued: IssuedSession; user: User } | { status: 'second_factor'; issued: IssuedSession };

export class AuthService {
  private readonly users: UsersStore;
  constructor(
    db: pg.Pool,
    private readonly sessions: SessionsService,
    private readonly regulation: RegulationService,
  ) {
    this.users = new UsersStore(db);
  }

  async setupRequired(): Promise<boolean> {
    return !(await this.users.ownerExists());
  }

  /** Creates the owner on first run and logs them in; refused once an owner exists. */
  async setupOwner(input: { name: string; displayName: string; password: string }, client: ClientInfo): Promise<{ user: User; issued: IssuedSession }> {
    if (!(await this.setupRequired())) throw alreadySetUp();
    const user = await this.users.insert({
      name: input.name,
      displayName: input.displayName || input.name,
      role: 'owner',
      passwordHash: await hashPassword(input.password),
      createdBy: null,
    });
    // The unique index lets only one owner in, even when two first-run pages race.
    if (!user) throw alreadySetUp();
    const issued = await this.sessions.issue(user.id, 'active', client);
    return { user, issued };
  }

  async login(input: { name: string; password: string }, client: ClientInfo, previous: Session | null): Promise<LoginResult> {
    const name = input.name.trim().toLowerCase();
    // A banned account or address gets the same answer as a wrong password, after the same work.
    if (await this.regulation.isBanned(name, client.ip)) {
      await verifyAgainstDummy(input.password);
      throw WRONG_CREDENTIALS();
    }
    const user = await this.users.byName(name);
    const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
    if (!user || !ok) {
      await this.regulation.recordFailure(name, client.ip);
      throw WRONG_CREDENTIALS();
    }
    const state = user.totpEnabled ? 'pending' : 'active';
    const issued = await this.sessions.rotate(previous, user.id, state, client);
    if (state === 'pending') return { status: 'second_factor', issued };
    await this.regulation.recordSuccess(name);
    return { status: 'ok', issued, user: publicUser(user) };
  }

  /** Completes a pending login with a TOTP code or a one-time recovery code. */
  async verifySecondFactor(pending: AuthState, code: string, client: ClientInfo): Promise<{ user: User; issued: IssuedSession }> {
    const user = await this.users.byId(pending.user.id);
    if (!user?.totpEnabled || !user.totpSecret) throw appError('BAD_REQUEST', 'auth.noSecondFactor', 'This account has no second factor.');
    if (await this.regulation.isBanned(user.name, client.ip)) throw wrongCode();
    const trimmed = code.replace(/\s/g, '');
    let ok = false;
    if (/^\d{6}$/.test(trimmed)) {
      const step = await checkTotp(user.totpSecret, trimmed, user.totpLastStep);
      ok = step !== null && (await this.users.advanceTotpStep(user.id, step));
    } else {
      ok = await this.users.useRecoveryCode(user.id, sha256(normaliseRecoveryCode(trimmed)));
    }
    if (!ok) {
      await this.regulation.recordFailure(user.name, client.ip);
      throw wrongCode();
    }
    await this.regulation.recordSuccess(user.name);
    const issued = await this.sessions.rotate(pending.session, user.id, 'active', client);
    return { user: publicUser(user), issued };
  }

  /** Unlocks a locked session with the account's password; failures count towards regulation. */
  async unlock(auth: AuthState, password: string, client: ClientInfo): Promise<void> {
    const user = await this.users.byId(auth.user.id);
    if (!user) throw appError('UNAUTHORIZED', 'auth.required', 'Sign in to continue; your session has ended or expired.');
    if ((await this.regulation.isBanned(user.name, client.ip)) || !(await verifyPassword(user.passwordHash, password))) {
      await this.regulation.recordFailure(user.name, client.ip);
      throw appError('UNAUTHORIZED', 'auth.wrongPassword', 'The password is not correct.');
    }
    await this.regulation.recordSuccess(user.name);
    await this.sessions.setLocked(auth.session.id, false);
  }

  logout(session: Session): Promise<void> {
    return this.sessions.revoke(session);
  }
}

function alreadySetUp() {
  return appError('FORBIDDEN', 'auth.alreadySetUp', 'Olares Desktop is already set up; sign in instead.');
}

function wrongCode() {
  return appError('UNAUTHORIZED', 'auth.wrongCode', 'That code is not valid.');
}
