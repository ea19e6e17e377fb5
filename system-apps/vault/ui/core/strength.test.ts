// Strength: common passwords score low with a warning and its key, long random ones score high.
import { describe, expect, it } from 'vitest';
import { checkStrength, isStrengthLoaded, passwordStrength, preloadStrength } from './strength';

describe('strength', () => {
  it('answers at once with a cautious stand-in until the dictionaries are loaded, then with zxcvbn', async () => {
    expect(isStrengthLoaded()).toBe(false);
    const early = passwordStrength('q8#Vz!r2Lm@x9Tc$Wp4');
    expect(early).toMatchObject({ pending: true, score: 2 });
    expect(passwordStrength('ab').score).toBe(0);
    await preloadStrength();
    expect(isStrengthLoaded()).toBe(true);
    const late = passwordStrength('q8#Vz!r2Lm@x9Tc$Wp4');
    expect(late.score).toBe(4);
    expect(late.pending).toBeUndefined();
    expect(passwordStrength('password').score).toBe(0);
  });

  it('scores a common password 0 with a warning, in English and as a key', async () => {
    const s = await checkStrength('password123');
    expect(s.score).toBe(0);
    expect(s.feedback.warning).toMatch(/common/i);
    expect(s.feedback.warningKey).toBe('common');
    expect(s.feedback.suggestionKeys.length).toBe(s.feedback.suggestions.length);
    expect(s.crackTime).toBe('less than a second');
    expect(s.crackTimeSeconds).toBeLessThan(1);
  });

  it('scores a long random password 4, and penalises the user’s own words', async () => {
    const strong = await checkStrength('q8#Vz!r2Lm@x9Tc$Wp4');
    expect(strong.score).toBe(4);
    expect(strong.feedback.warning).toBeNull();
    expect(strong.guessesLog10).toBeGreaterThan(12);
    const own = await checkStrength('zanzibar-octopus', ['zanzibar', 'octopus']);
    const other = await checkStrength('zanzibar-octopus');
    expect(own.guessesLog10).toBeLessThan(other.guessesLog10);
  });
});
