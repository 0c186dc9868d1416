import { LEXICON } from './gazetteer';
import type { Word } from './nlp';
import type { CheckworthinessFeatures } from './types';

/**
 * How worth checking a claim is, in [0, 1], from named features: a verifiable statement (an
 * attributed event, numbers, named people and places, a cause) ranks above hedged speech, opinion,
 * predictions, procedure and the reporter's own background. Each feature's share of the score is
 * returned with it; the weights are ours, chosen by hand, not learned.
 */

export const WEIGHTS = {
  base: 0.15,
  attributed: 0.3,
  namedSpeaker: 0.1,
  numbers: 0.15,
  percentage: 0.05,
  namedEntity: 0.07,
  maxNamedEntities: 2,
  eventVerb: 0.08,
  causal: 0.08,
  hedged: -0.3,
  prediction: -0.3,
  opinion: -0.3,
  firstPerson: -0.15,
  procedural: -0.25,
  elaboration: -0.15,
  question: -0.3,
};
export const MIN_WORDS = 4;

export interface ClaimSignals {
  content: Word[];
  /** The whole sentence the claim was stated in (for the question mark and quotation marks). */
  sentence: string;
  attributed: boolean;
  namedSpeaker: boolean;
  vagueSpeaker: boolean;
  hedgedVerb: boolean;
  elaboration: boolean;
  reportingVerb: string | null;
  rejectionVerb: string | null;
}

/** One pattern per word list, built once: any of its phrases as whole words. */
const phrasePattern = (phrases: string[]) =>
  new RegExp(`(?:^|\\s)(?:${phrases.map((item) => item.replace(/\s+/g, '\\s+')).join('|')})(?:\\s|$)`);
const CAUSAL = phrasePattern(LEXICON.causalWords);
const FUTURE = phrasePattern(LEXICON.futureWords);
const OPINION = phrasePattern(LEXICON.opinionWords);
const INQUIRY = phrasePattern(['looking into']);

export function scoreClaim(signals: ClaimSignals): {
  checkworthiness: number;
  features: CheckworthinessFeatures;
} {
  const words = signals.content.filter((word) => /[\p{L}\p{N}]/u.test(word.text));
  // Only lower-case words carry hedges and opinions: "May" may be a month, "United" a name.
  const lower = words.filter((word, i) => i === 0 || !word.capital).map((word) => word.lower);
  const plain = ` ${lower.join(' ')} `;
  // "halted the count so that votes could be added": a modal in a purpose clause hedges nothing.
  const purpose = lower.findIndex((word, i) => word === 'so' && lower[i + 1] === 'that');
  const main = purpose > 0 ? lower.slice(0, purpose) : lower;
  const numbers = words.filter((word) => word.pos === 'NUM' || /\d/.test(word.text)).length;
  const named = countNames(words);
  const features: Omit<CheckworthinessFeatures, 'contributions'> = {
    words: words.length,
    reportingVerb: signals.reportingVerb,
    rejectionVerb: signals.rejectionVerb,
    attributed: signals.attributed,
    namedSpeaker: signals.namedSpeaker,
    numbers,
    percentage: /\d\s?%|\bper ?cent\b/i.test(words.map((word) => word.text).join(' ')),
    namedEntities: named,
    eventVerb: words.some(isEvent),
    causal: CAUSAL.test(plain),
    // "warned that the real lost 15 percent" reports a past event; "warned that prices could rise" hedges.
    hedged:
      signals.vagueSpeaker ||
      (signals.hedgedVerb && !(words.some(isEvent) && !FUTURE.test(plain))) ||
      main.some((word) => LEXICON.hedges.has(word)),
    prediction: FUTURE.test(plain),
    opinion: OPINION.test(plain),
    procedural:
      words.some((word) => word.pos === 'VERB' && LEXICON.proceduralVerbs.has(word.lower)) ||
      lower.some((word) => LEXICON.proceduralNouns.has(word)) ||
      INQUIRY.test(plain),
    elaboration: signals.elaboration,
    quotation: /["“”«»]/.test(signals.sentence),
    firstPersonOpinion: lower.some((word) => LEXICON.firstPerson.has(word)),
    question: /\?["”’»)\]]*$/.test(signals.sentence.trim()),
    tooShort: words.length < MIN_WORDS,
  };
  const contributions: Record<string, number> = { base: WEIGHTS.base };
  const add = (name: keyof typeof WEIGHTS, when: boolean, times = 1) => {
    if (when) contributions[name] = Math.round(WEIGHTS[name] * times * 1000) / 1000;
  };
  add('attributed', features.attributed);
  add('namedSpeaker', features.namedSpeaker);
  add('numbers', numbers > 0);
  add('percentage', features.percentage);
  add('namedEntity', named > 0, Math.min(named, WEIGHTS.maxNamedEntities));
  add('eventVerb', features.eventVerb);
  add('causal', features.causal);
  add('hedged', features.hedged);
  add('prediction', features.prediction);
  add('opinion', features.opinion);
  // "We counted 412 stations" is still a claim; "Our islands are disappearing" is rhetoric.
  add('firstPerson', features.firstPersonOpinion);
  add('procedural', features.procedural);
  add('elaboration', features.elaboration);
  add('question', features.question);
  const total = features.tooShort ? 0 : Object.values(contributions).reduce((sum, value) => sum + value, 0);
  return {
    checkworthiness: Math.round(Math.max(0, Math.min(1, total)) * 1000) / 1000,
    features: { ...features, contributions },
  };
}

/** Runs of capitalised words that are not only the first word of the claim. */
function countNames(words: Word[]): number {
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.capital || (i === 0 && word.pos !== 'PROPN')) continue;
    if (i > 0 && words[i - 1].capital) continue;
    count++;
  }
  return count;
}

/** A verb that reports something that happened: past tense or perfect. */
function isEvent(word: Word, index: number, words: Word[]): boolean {
  if (word.pos !== 'VERB') return false;
  if (/ed$/.test(word.lower)) return true;
  const before = words[index - 1]?.lower;
  if (['has', 'have', 'had', 'was', 'were'].includes(before ?? '')) return true;
  return word.lemma !== word.lower && !/(ing|s)$/.test(word.lower);
}
