// The shapes of shares as their owner, a grantee and a visitor of a public link see them.

export interface ShareView {
  id: string;
  type: 'link' | 'user';
  /** The shared file or folder, as the owner's virtual path. */
  path: string;
  name: string;
  kind: 'file' | 'dir';
  /** Links: the address to hand out. */
  url: string | null;
  hasPassword: boolean;
  expiresAt: number | null;
  /** User shares: whom, and what they may do. */
  grantee: { name: string; displayName: string } | null;
  access: 'read' | 'write';
  createdAt: number;
  /** The link expired (it stays listed until revoked). */
  expired: boolean;
}

/** What a visitor of a public link learns before and after giving its password. */
export interface PublicShareInfo {
  name: string;
  kind: 'file' | 'dir';
  /** Files: their size. */
  size: number | null;
  owner: string;
  needsPassword: boolean;
  /** The password was given (or none is needed): listing and downloads work. */
  unlocked: boolean;
  expiresAt: number | null;
}

/** A person this Olares knows, to share with. */
export interface Person {
  name: string;
  displayName: string;
}
