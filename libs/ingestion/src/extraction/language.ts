/**
 * Whether a text is English, by the share of each language's commonest function words. Only a
 * clear lead for another language counts: a text too short or too odd to tell is read as English.
 */

export const SUPPORTED_LANGUAGES = ['en'] as const;

const FUNCTION_WORDS: Record<string, string[]> = {
  en: ['the', 'of', 'and', 'to', 'in', 'is', 'that', 'was', 'for', 'on', 'with', 'said', 'by', 'it', 'as', 'were', 'from', 'has', 'have', 'are', 'this', 'an', 'be', 'which'],
  es: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'del', 'las', 'por', 'un', 'una', 'con', 'para', 'es', 'se', 'dijo', 'al', 'su', 'como'],
  fr: ['le', 'la', 'les', 'de', 'des', 'et', 'en', 'du', 'un', 'une', 'que', 'est', 'pour', 'dans', 'qui', 'a', 'au', 'sur', 'par', 'selon'],
  de: ['der', 'die', 'das', 'und', 'in', 'den', 'von', 'zu', 'mit', 'ist', 'des', 'sich', 'auf', 'für', 'nicht', 'ein', 'eine', 'dem', 'sagte', 'wurde'],
  it: ['il', 'di', 'che', 'la', 'e', 'per', 'del', 'della', 'un', 'una', 'sono', 'con', 'le', 'gli', 'ha', 'ai', 'secondo', 'nel', 'alla', 'non'],
  pt: ['o', 'a', 'de', 'que', 'e', 'do', 'da', 'em', 'um', 'uma', 'para', 'os', 'com', 'não', 'no', 'na', 'por', 'disse', 'ao', 'dos'],
  nl: ['de', 'het', 'een', 'en', 'van', 'in', 'is', 'dat', 'op', 'te', 'voor', 'met', 'zijn', 'niet', 'aan', 'er', 'ook', 'zei', 'door', 'wordt'],
  pl: ['i', 'w', 'na', 'się', 'z', 'nie', 'do', 'że', 'to', 'jest', 'o', 'jak', 'po', 'przez', 'od', 'za', 'ale', 'powiedział', 'także', 'oraz'],
  sq: ['të', 'në', 'dhe', 'një', 'për', 'është', 'se', 'me', 'nga', 'që', 'i', 'e', 'u', 'tha', 'së', 'ka', 'janë', 'më', 'edhe', 'por'],
  sr: ['je', 'i', 'u', 'da', 'se', 'na', 'su', 'za', 'od', 'sa', 'kao', 'što', 'iz', 'ali', 'nije', 'bi', 'koji', 'rekao', 'prema', 'će'],
  tr: ['ve', 'bir', 'bu', 'da', 'de', 'için', 'ile', 'olarak', 'çok', 'daha', 'gibi', 'olan', 'ama', 'dedi', 'en', 'sonra', 'kadar', 'göre', 'ise', 'mi'],
};

const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Cyrillic}/u, 'a Cyrillic-script language'],
  [/\p{Script=Arabic}/u, 'an Arabic-script language'],
  [/\p{Script=Han}/u, 'Chinese or Japanese'],
  [/\p{Script=Hangul}/u, 'Korean'],
  [/\p{Script=Greek}/u, 'Greek'],
  [/\p{Script=Hebrew}/u, 'Hebrew'],
  [/\p{Script=Devanagari}/u, 'a Devanagari-script language'],
  [/\p{Script=Thai}/u, 'Thai'],
];

export interface LanguageGuess {
  /** A code from FUNCTION_WORDS, a script's description, or 'en' when it cannot tell. */
  language: string;
  english: boolean;
}

export function guessLanguage(text: string): LanguageGuess {
  const letters = text.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((letter) => /\p{Script=Latin}/u.test(letter)).length;
  if (letters.length >= 20 && latin / letters.length < 0.5) {
    const script = SCRIPTS.find(([pattern]) => pattern.test(text));
    return { language: script ? script[1] : 'a non-Latin script', english: false };
  }
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return { language: 'en', english: true };
  const shares = Object.entries(FUNCTION_WORDS).map(([language, list]) => {
    const set = new Set(list);
    return { language, share: words.filter((word) => set.has(word)).length / words.length };
  });
  shares.sort((a, b) => b.share - a.share);
  const english = shares.find((item) => item.language === 'en')!.share;
  const best = shares[0];
  if (best.language !== 'en' && best.share >= 0.15 && best.share > english * 2) {
    return { language: best.language, english: false };
  }
  return { language: 'en', english: true };
}
