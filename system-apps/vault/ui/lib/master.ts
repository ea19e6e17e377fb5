// The rule for a master password (setup and change): at least 12 characters, rated strong (3 of 4) or better by zxcvbn-ts, typed the same twice.
import { checkStrength } from '../core/strength';

export const MASTER_MIN_LENGTH = 12;
export const MASTER_MIN_SCORE = 3;

export type MasterProblem = 'short' | 'weak' | 'mismatch';

export async function masterPasswordProblem(password: string, again: string, check = checkStrength): Promise<MasterProblem | null> {
  if (password.length < MASTER_MIN_LENGTH) return 'short';
  if ((await check(password, [])).score < MASTER_MIN_SCORE) return 'weak';
  if (password !== again) return 'mismatch';
  return null;
}
