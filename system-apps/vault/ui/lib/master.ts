// The rule for a master password (setup and change): at least 12 characters, rated strong (3 of 4) or better, typed the same twice.
import { passwordStrength } from '../core/strength';

export const MASTER_MIN_LENGTH = 12;
export const MASTER_MIN_SCORE = 3;

export type MasterProblem = 'short' | 'weak' | 'mismatch';

export function masterPasswordProblem(password: string, again: string): MasterProblem | null {
  if (password.length < MASTER_MIN_LENGTH) return 'short';
  if (passwordStrength(password).score < MASTER_MIN_SCORE) return 'weak';
  if (password !== again) return 'mismatch';
  return null;
}
