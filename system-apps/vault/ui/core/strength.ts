// Password strength with zxcvbn-ts: the library and its English and common dictionaries (1.6 MB) load on first use, configured once.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export type Score = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  /** 0 (too guessable) to 4 (very unguessable). */
  score: Score;
  guessesLog10: number;
  feedback: {
    /** English sentence, or null. */
    warning: string | null;
    /** zxcvbn's key for the warning ("common", "keyPattern", …) for translation, or null. */
    warningKey: string | null;
    suggestions: string[];
    suggestionKeys: string[];
  };
  /** Time to crack offline against a slow hash, in English ("3 hours", "centuries"), and in seconds for other languages. */
  crackTime: string;
  crackTimeSeconds: number;
  /** True for passwordStrength's stand-in while the dictionaries load (score at most 2, no crack time). */
  pending?: boolean;
}

interface Loaded {
  zxcvbn: ZxcvbnFactory;
  warningKeys: Map<string, string>;
  suggestionKeys: Map<string, string>;
}

let loaded: Promise<Loaded> | null = null;
let ready: Loaded | null = null;

function load(): Promise<Loaded> {
  loaded ??= (async () => {
    const [core, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    const zxcvbn = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      useLevenshteinDistance: true,
    });
    const reverse = (o: Record<string, string>) => new Map(Object.entries(o).map(([k, v]) => [v, k]));
    ready = { zxcvbn, warningKeys: reverse(en.translations.warnings), suggestionKeys: reverse(en.translations.suggestions) };
    return ready;
  })();
  loaded.catch(() => {
    loaded = null;
  });
  return loaded;
}

/** Loads the dictionaries ahead of the first check (call it when Vault opens); resolves when passwordStrength gives real answers. */
export async function preloadStrength(): Promise<void> {
  await load();
}

export function isStrengthLoaded(): boolean {
  return ready !== null;
}

/** `userInputs`: words the password should not lean on (the item's name, username, site). */
export async function checkStrength(password: string, userInputs: string[] = []): Promise<Strength> {
  return rate(await load(), password, userInputs);
}

/**
 * The same, at once: zxcvbn's answer when the dictionaries are loaded; before that, a cautious stand-in
 * from length and character classes (`pending: true`, score capped at 2, so a weak password is never
 * passed as strong) while the load starts.
 */
export function passwordStrength(password: string, userInputs: string[] = []): Strength {
  if (ready) return rate(ready, password, userInputs);
  void load().catch(() => undefined);
  let alphabet = 0;
  if (/[a-z]/.test(password)) alphabet += 26;
  if (/[A-Z]/.test(password)) alphabet += 26;
  if (/[0-9]/.test(password)) alphabet += 10;
  if (/[^a-zA-Z0-9]/.test(password)) alphabet += 33;
  const guessesLog10 = password.length * Math.log10(Math.max(alphabet, 1));
  const score = (guessesLog10 < 3 ? 0 : guessesLog10 < 6 ? 1 : 2) as Score;
  return { score, guessesLog10, feedback: { warning: null, warningKey: null, suggestions: [], suggestionKeys: [] }, crackTime: '', crackTimeSeconds: 0, pending: true };
}

function rate({ zxcvbn, warningKeys, suggestionKeys }: Loaded, password: string, userInputs: string[]): Strength {
  const r = zxcvbn.check(password, userInputs.filter(Boolean));
  const warning = r.feedback.warning || null;
  return {
    score: r.score as Score,
    guessesLog10: r.guessesLog10,
    feedback: {
      warning,
      warningKey: warning ? (warningKeys.get(warning) ?? null) : null,
      suggestions: r.feedback.suggestions,
      suggestionKeys: r.feedback.suggestions.map((s) => suggestionKeys.get(s) ?? s),
    },
    crackTime: r.crackTimes.offlineSlowHashingXPerSecond.display,
    crackTimeSeconds: r.crackTimes.offlineSlowHashingXPerSecond.seconds,
  };
}
