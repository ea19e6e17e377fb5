// Password strength with zxcvbn-ts: the library and its English and common dictionaries load on first use, configured once.
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
}

interface Loaded {
  zxcvbn: ZxcvbnFactory;
  warningKeys: Map<string, string>;
  suggestionKeys: Map<string, string>;
}

let loaded: Promise<Loaded> | null = null;

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
    return { zxcvbn, warningKeys: reverse(en.translations.warnings), suggestionKeys: reverse(en.translations.suggestions) };
  })();
  loaded.catch(() => {
    loaded = null;
  });
  return loaded;
}

/** Loads the dictionaries ahead of the first check (e.g. when a password field opens). */
export async function preloadStrength(): Promise<void> {
  await load();
}

/** `userInputs`: words the password should not lean on (the item's name, username, site). */
export async function checkStrength(password: string, userInputs: string[] = []): Promise<Strength> {
  const { zxcvbn, warningKeys, suggestionKeys } = await load();
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
