// The slice of the tRPC client that Vault's core calls (the `vault` router), typed structurally so core stays testable against a fake server.
import type { z } from 'zod';
import type { AccountView, Inputs, ItemView, MemberView, PersonView, VaultView } from '../../shared/wire';

type In<K extends keyof typeof Inputs> = z.input<(typeof Inputs)[K]>;
interface Q<I, O> {
  query(input: I): Promise<O>;
}
interface Q0<O> {
  query(): Promise<O>;
}
interface M<I, O> {
  mutate(input: I): Promise<O>;
}
type Ok = { ok: true } | { ok: boolean };

/** `useTrpc().vault` satisfies this (checked in api.typecheck.ts once the router is mounted). */
export interface VaultApi {
  account: {
    get: Q0<AccountView>;
    setup: M<In<'setup'>, AccountView>;
    changePassword: M<In<'changePassword'>, AccountView>;
    verify: M<In<'verify'>, Ok>;
    settings: M<In<'settings'>, AccountView>;
  };
  vaults: {
    list: Q0<VaultView[]>;
    create: M<In<'createVault'>, VaultView>;
    rename: M<In<'renameVault'>, VaultView>;
    delete: M<In<'vaultId'>, Ok>;
    rekey: M<In<'rekey'>, VaultView>;
  };
  members: {
    list: Q<In<'vaultId'>, MemberView[]>;
    people: Q0<PersonView[]>;
    add: M<In<'addMember'>, MemberView[]>;
    setRole: M<In<'setMemberRole'>, MemberView[]>;
    leave: M<In<'vaultId'>, Ok>;
  };
  items: {
    list: Q<In<'listItems'>, ItemView[]>;
    get: Q<In<'getItem'>, ItemView>;
    create: M<In<'createItem'>, ItemView>;
    update: M<In<'updateItem'>, ItemView>;
    trash: M<In<'trashItem'>, ItemView>;
    restore: M<In<'restoreItem'>, ItemView>;
    delete: M<In<'deleteItem'>, Ok>;
    import: M<In<'importItems'>, ItemView[]>;
  };
  attachments: {
    put: M<In<'putAttachment'>, { id: string; size: number }>;
    get: Q<In<'attachmentId'>, { id: string; itemId: string; data: string }>;
    delete: M<In<'attachmentId'>, Ok>;
  };
}

/** What a failed call carries (TRPCClientError's `data`, as bff/trpc/error-formatter.ts shapes it). */
export interface CallErrorData {
  code?: string;
  httpStatus?: number;
  reason?: string;
  details?: unknown;
}

export function errorData(e: unknown): CallErrorData | undefined {
  const data = (e as { data?: unknown } | null | undefined)?.data;
  return typeof data === 'object' && data !== null ? (data as CallErrorData) : undefined;
}

export function reasonOf(e: unknown): string | undefined {
  return errorData(e)?.reason;
}

/**
 * True for a failure worth retrying with the same idempotency key: no answer at all (the network) or a
 * server-side 5xx. A 4xx is an answer and is not retried.
 */
export function isTransient(e: unknown): boolean {
  const data = errorData(e);
  if (!data) return (e as { name?: string } | null)?.name === 'TRPCClientError' || e instanceof TypeError;
  return typeof data.httpStatus === 'number' && data.httpStatus >= 500;
}
