// The master password rule: length first, then strength, then the second copy.
import { describe, expect, it } from 'vitest';
import type { Strength } from '../core/strength';
import { masterPasswordProblem } from './master';

const rated = (score: Strength['score']) => async () => ({ score }) as Strength;

describe('masterPasswordProblem', () => {
  it('refuses short, weak and mismatched passwords', async () => {
    expect(await masterPasswordProblem('short', 'short', rated(4))).toBe('short');
    expect(await masterPasswordProblem('password1234', 'password1234', rated(1))).toBe('weak');
    expect(await masterPasswordProblem('correct horse battery', 'correct horse', rated(4))).toBe('mismatch');
    expect(await masterPasswordProblem('correct horse battery', 'correct horse battery', rated(3))).toBeNull();
  });
});
