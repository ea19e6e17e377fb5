// The account and session shapes shared by the auth stores, services and procedures.
export const ROLES = ['owner', 'admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  name: string;
  displayName: string;
  role: Role;
  totpEnabled: boolean;
  createdAt: Date;
}

export interface UserWithSecrets extends User {
  passwordHash: string;
  totpSecret: string | null;
  totpLastStep: number;
}

export interface Session {
  id: string;
  userId: string;
  state: 'pending' | 'active';
  /** Locked: signed in, but only unlocking and signing out are allowed. */
  locked: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string;
  userAgent: string;
}

/** What a request knows about its caller once its session cookie checked out. */
export interface AuthState {
  session: Session;
  user: User;
}

export function isAdmin(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}
