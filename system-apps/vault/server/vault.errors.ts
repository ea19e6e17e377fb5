// Vault's refusals, each with the stable reason the UI translates; none says whether something the caller may not see exists.
import { appError } from '../../../bff/trpc/app-error';
import type { ItemView } from '../shared/wire';

export const notFound = () => appError('NOT_FOUND', 'vault.notFound', 'There is no such vault, item or attachment, or you are not a member of its vault.');
export const notSetUp = () => appError('PRECONDITION_FAILED', 'vault.notSetUp', 'Set up Vault first.');
export const alreadySetUp = () => appError('CONFLICT', 'vault.alreadySetUp', 'Vault is already set up for this account.');
export const wrongMasterPassword = () => appError('BAD_REQUEST', 'vault.wrongMasterPassword', 'The master password is wrong.');
export const tooManyAttempts = () => appError('TOO_MANY_REQUESTS', 'vault.tooManyAttempts', 'Too many master password attempts; wait a minute and try again.');
export const kdfTooWeak = () =>
  appError('BAD_REQUEST', 'vault.kdfTooWeak', 'The key derivation is too weak: use Argon2id with at least 64 MiB and 3 iterations, or PBKDF2-SHA256 with at least 600,000 iterations.');
export const kdfTooCostly = () => appError('BAD_REQUEST', 'vault.kdfTooCostly', 'The key derivation is too costly for other devices to unlock in reasonable time.');
export const readOnly = () => appError('FORBIDDEN', 'vault.readOnly', 'You may read this vault but not change it.');
export const ownerOnly = () => appError('FORBIDDEN', 'vault.ownerOnly', 'Only the owner of this vault may do this.');
export const ownerCannotLeave = () => appError('BAD_REQUEST', 'vault.ownerCannotLeave', 'The owner cannot leave a vault; delete it instead.');
export const alreadyOwner = () => appError('BAD_REQUEST', 'vault.alreadyOwner', 'The owner of a vault is its member already.');
export const notMember = () => appError('NOT_FOUND', 'vault.notMember', 'This person is not a member of the vault.');
export const noSuchPerson = () => appError('NOT_FOUND', 'vault.noSuchPerson', 'This person has not set up Vault yet.');
export const rekeyStale = () => appError('CONFLICT', 'vault.rekeyStale', 'The vault changed (its key, members or items) since it was read; reload it and try again.');
export const idTaken = () => appError('CONFLICT', 'vault.idTaken', 'This id is already in use; try again with a new one.');
export const keyReused = () => appError('CONFLICT', 'vault.idempotencyKeyReused', 'This idempotency key was used for a different request.');
/** A write from a revision that is no longer current; `current` is the item as it is now (null when it is gone or not the caller's to see). */
export const conflict = (current: ItemView | null) => appError('CONFLICT', 'vault.conflict', 'Someone changed this item since you read it.', current);
