import { LEXICON, REPORTING_VERBS, ReportingVerb } from './gazetteer';
import type { Word } from './nlp';
import { spanText } from './places';
import type { StanceType } from './types';

/**
 * Who says what in one sentence: reporting verbs in any tense and voice ("said", "were made by",
 * "it was claimed by"), "according to", quotes with the speaker after them, coordinated and
 * relative clauses ("… and said", "…, which said"), and objects that point back at a claim made
 * earlier ("rejected the allegation", "denied carrying out the attack").
 */

export interface Attribution {
  /** The words that name the speaker; empty when `inherits`. */
  speaker: Word[];
  speakerInitial: boolean;
  /** The speaker is the previous attribution's ("and said", "which said", "adding that"). */
  inherits: boolean;
  verb: string;
  stance: StanceType;
  /** The proposition's words, or null when the sentence points back at an earlier claim. */
  content: Word[] | null;
  /** "accused X of deleting …": the object and the gerund phrase, for "X deleted …". */
  accused?: { object: Word[]; act: Word[] };
  hedged: boolean;
  /** Detail given while taking a stance ("…, which said", "adding that"): rarely a claim of its own. */
  elaboration: boolean;
  /** Word indexes covered, in the sentence. */
  from: number;
  to: number;
}

const BE = new Set(['was', 'were', 'is', 'are', 'been', 'be', 'being', 'has', 'have', 'had']);
const NEGATORS = new Set(['not', "n't", 'never', 'no']);
const STOPS = new Set([
  'on',
  'in',
  'at',
  'during',
  'after',
  'before',
  'within',
  'throughout',
  'with',
  'over',
  'last',
  'this',
  'which',
  'who',
  'that',
  'when',
  'while',
  'as',
  'to',
  'since',
  'earlier',
  'late',
  'through',
]);
const SPEAKER_BREAKS = new Set([',', '.', ';', ':', '”', '“', '"', '(', ')', '?', '!', '—', '–']);
const CLOSING = new Set(['”', '"', '»', '’']);
const OPENING = new Set(['“', '"', '«', '‘']);
const ADVERBIAL_PREPOSITIONS = new Set([
  'on',
  'in',
  'at',
  'during',
  'within',
  'last',
  'this',
  'earlier',
  'late',
  'over',
  'to',
  'via',
  'from',
]);
const AUDIENCE = new Set([
  'reporters',
  'journalists',
  'parliament',
  'lawmakers',
  'the',
  'a',
  'an',
  'press',
  'broadcaster',
  'newspaper',
  'television',
  'radio',
  'state',
  'public',
  'national',
  'local',
  'news',
  'agency',
  'channel',
  'broadcasters',
  'conference',
  'briefing',
  'rally',
  'supporters',
  'hearing',
  'session',
]);
const AUXILIARIES = new Set(['has', 'have', 'had']);
const PROGRESSIVE = new Set(['is', 'are', 'was', 'were', 'been']);
/** Perfect auxiliaries: "has claimed" is active, "was shared" passive. */
const PERFECT = new Set(['has', 'have', 'had']);
const OBJECT_PRONOUNS = new Set(['it', 'them', 'this']);
const LINKERS = new Set(['and', 'but', 'also', 'later', 'then']);

function reportingVerb(words: Word[], i: number): ReportingVerb | null {
  const word = words[i];
  const entry =
    REPORTING_VERBS[word.lemma] ??
    REPORTING_VERBS[word.lower] ??
    (/ed$/.test(word.lower)
      ? (REPORTING_VERBS[word.lower.slice(0, -1)] ?? REPORTING_VERBS[word.lower.slice(0, -2)])
      : undefined);
  if (!entry || word.lemma.startsWith('_')) return null;
  if (entry.particle && words[i + 1]?.lower !== entry.particle) return null;
  if (word.pos === 'VERB' || word.pos === 'AUX') return entry;
  // "Kipiani alleged on Sunday that …": the model sometimes reads a past form as an adjective.
  const after = words[i + 1];
  if (
    word.pos === 'ADJ' &&
    /ed$/.test(word.lower) &&
    (['PROPN', 'NOUN'].includes(words[i - 1]?.pos ?? '') || AUXILIARIES.has(words[i - 1]?.lower ?? '')) &&
    after &&
    (['ADP', 'SCONJ', 'DET', 'ADJ'].includes(after.pos) || after.lower === 'that')
  )
    return entry;
  // Tagged a noun after a subject ("state media broadcast the claim", "the claims"): a verb only
  // when it follows a noun phrase and is not itself led by a determiner or preposition.
  const previous = words[i - 1];
  if (!previous || ['DET', 'ADP', 'ADJ', 'PRON', 'NUM', 'PART', 'CCONJ', 'SCONJ'].includes(previous.pos))
    return null;
  if (previous.text === ',' || BE.has(previous.lower)) return null;
  if (word.pos !== 'NOUN') return null;
  // "images analysed by X show that …": a verb that needs "that" is one when "that" follows.
  if (entry.particle === 'that' && after?.lower === 'that') return entry;
  // "A new study claims that …": a present-tense form read as a plural noun, before its clause.
  if (/s$/.test(word.lower) && after?.lower === 'that' && previous.pos === 'NOUN') return entry;
  return /(ed|cast|said)$/.test(word.lower) ? entry : null;
}

const isPunctuation = (word: Word | undefined) =>
  word !== undefined && /^[\p{P}\p{S}]+$/u.test(word.text) && word.text !== '’s';

/** The end (exclusive) of a speaker phrase that starts at `from`. */
function speakerEnd(words: Word[], from: number, allowCommaTail: boolean): number {
  let i = from;
  while (i < words.length) {
    const word = words[i];
    if (SPEAKER_BREAKS.has(word.text)) {
      if (word.text === ',' && allowCommaTail) {
        const next = segment(words, i + 1);
        const named =
          next.words.length > 0 &&
          next.words.length <= 4 &&
          next.words.every((w) => w.capital || w.text === '’s');
        const described =
          ['a', 'an', 'the'].includes(next.words[0]?.lower ?? '') &&
          next.end >= words.length - 1 &&
          !next.words.some((w) => w.pos === 'VERB');
        if (named || described) {
          i = next.end;
          continue;
        }
      }
      break;
    }
    if (i > from && STOPS.has(word.lower)) break;
    // "data released by X", "figures compiled by X": a participle with its agent stays in the phrase.
    const participle = /ed$/.test(word.lower) && words[i + 1]?.lower === 'by';
    if (i > from && word.pos === 'VERB' && !word.capital && !/-/.test(word.text) && !participle) break;
    if (word.lower === 'and' && !(words[i + 1]?.lower === 'the' || words[i + 1]?.capital)) break;
    i++;
  }
  return i;
}

function segment(words: Word[], from: number): { words: Word[]; end: number } {
  let end = from;
  while (end < words.length && words[end].text !== ',' && words[end].text !== '.') end++;
  return { words: words.slice(from, end), end };
}

const withoutFinalComma = (words: Word[]) =>
  words.length && words[words.length - 1].text === ',' ? words.slice(0, -1) : words;

/** The last quotation between `from` and `to`, as word indexes of its marks. */
function lastQuote(words: Word[], from: number, to: number): { open: number; close: number } | null {
  for (let close = to; close >= from; close--) {
    if (!CLOSING.has(words[close].text) || words[close].text === '’') continue;
    for (let open = close - 1; open >= from; open--)
      if (OPENING.has(words[open].text)) return { open, close };
  }
  return null;
}

function quoteBefore(words: Word[], i: number): { open: number; close: number } | null {
  let close = i - 1;
  while (close >= 0 && words[close].text === ',') close--;
  if (close < 0 || !CLOSING.has(words[close].text)) return null;
  for (let open = close - 1; open >= 0; open--) {
    if (OPENING.has(words[open].text)) return { open, close };
  }
  return null;
}

/**
 * Where a speaker written after the clause starts ("…, the ministry said"), with a description
 * in apposition to a name on either side ("…, the grid operator, Kenya Power, said", "…, Ana
 * Ruiz, the firm’s chief executive, said").
 */
function trailingSpeakerStart(words: Word[], start: number, j: number): number {
  const commaBefore = (to: number) => {
    for (let k = to; k > start; k--) if (words[k].text === ',') return k;
    return -1;
  };
  let last = j;
  while (last > start && words[last].text === ',') last--;
  const comma = commaBefore(last);
  if (comma < 0) return start;
  const previous = commaBefore(comma - 1);
  if (previous < 0) return comma + 1;
  const named = (part: Word[]) =>
    part.length > 0 &&
    part.length <= 5 &&
    part.every((word) => word.capital || LEXICON.nameConnectors.has(word.lower)) &&
    part[0].capital;
  // ("the company’s finance director", "head of the statistics bureau", "chief economist at X")
  const described = (part: Word[]) =>
    part.length > 1 &&
    part.length <= 8 &&
    (['the', 'a', 'an', 'its', 'his', 'her', 'their'].includes(part[0].lower) ||
      (!part[0].capital && part.slice(1, 3).some((word) => ['of', 'at', 'for'].includes(word.lower)))) &&
    !part.some((word) => word.pos === 'VERB' || word.pos === 'AUX');
  const near = words.slice(comma + 1, last + 1);
  const far = words.slice(previous + 1, comma);
  return (named(near) && described(far)) || (described(near) && named(far)) ? previous + 1 : comma + 1;
}

/** The two halves of a quote around "X said" (verb at `i`, speaker ending at `j`), if the sentence is one. */
function splitQuote(
  words: Word[],
  start: number,
  j: number,
  i: number,
): { first: Word[]; second: Word[]; speaker: Word[]; from: number; to: number } | null {
  const before = lastQuote(words, start, j);
  if (!before || before.close >= j || words[i + 1]?.text !== ',' || !OPENING.has(words[i + 2]?.text ?? ''))
    return null;
  const close = words.findIndex((word, n) => n > i + 2 && CLOSING.has(word.text) && word.text !== '’');
  if (close < 0) return null;
  let from = before.close + 1;
  while (from <= j && words[from].text === ',') from++;
  const speaker = words.slice(from, j + 1);
  if (speaker.length === 0 || speaker.length > 8) return null;
  const first = withoutFinalComma(words.slice(before.open + 1, before.close));
  const second = words
    .slice(i + 3, close)
    .filter((word, n, all) => !(n === all.length - 1 && isPunctuation(word)));
  return { first, second, speaker, from: before.open, to: close + 1 };
}

const RELATIVES = new Set(['who', 'which', 'that', 'whose']);

/** A speaker phrase holding a finite verb outside a relative clause ("officials who spoke …" is one). */
function clauseAsSpeaker(speaker: Word[]): boolean {
  for (const word of speaker) {
    if (RELATIVES.has(word.lower)) return false;
    // ("state-controlled media", "Tashkent-based economist": compounds describe the speaker.)
    if (word.pos !== 'VERB' || word.capital || /-/.test(word.text)) continue;
    if (!/(?:ing|ed|en)$/.test(word.lower)) return true;
    if (/ed$/.test(word.lower) && word !== speaker[0]) {
      // "figures compiled by the office" keep a participle with its agent; "X urged …" does not.
      const next = speaker[speaker.indexOf(word) + 1];
      if (next && next.lower !== 'by' && !isPunctuation(next)) return true;
    }
  }
  return false;
}

/** After the verb only who was told, when and where: "told reporters in Yerevan on Sunday." */
function onlyAdverbials(words: Word[], from: number, told = false): boolean {
  let i = from;
  while (i < words.length && isPunctuation(words[i])) i++;
  if (i >= words.length) return true;
  let phrase = -1;
  for (; i < words.length; i++) {
    const word = words[i];
    if (isPunctuation(word)) continue;
    if (['VERB', 'AUX', 'SCONJ', 'PRON'].includes(word.pos) || word.lower === 'that') return false;
    if (ADVERBIAL_PREPOSITIONS.has(word.lower)) {
      phrase = 0;
      continue;
    }
    if (phrase >= 0 && phrase < 4) {
      phrase++;
      continue;
    }
    if (AUDIENCE.has(word.lower) || LEXICON.timeWords.has(word.lower)) continue;
    // "told Reuters", "told the BBC": who was told, by name.
    if (told && word.capital) continue;
    return false;
  }
  return true;
}

const TIME_MODIFIERS = new Set(['the', 'following', 'previous', 'same', 'next', 'last', 'this']);

/**
 * The index after a short time phrase at `from` ("Monday", "the following day", "12 March"), when
 * one ends there and is followed by more words; null otherwise.
 */
function afterTimeAdjunct(words: Word[], from: number): number | null {
  let time = false;
  let n = from;
  while (n < from + 3 && n < words.length) {
    const word = words[n];
    if (LEXICON.timeWords.has(word.lower)) time = true;
    else if (!(word.pos === 'NUM' || word.pos === 'ADJ' || TIME_MODIFIERS.has(word.lower))) break;
    n++;
  }
  if (!time || n >= words.length - 1 || isPunctuation(words[n])) return null;
  return n;
}

/** Where a noun phrase that points back at a claim ends ("the allegation", "Kipiani’s allegation"). */
function pointerEnd(words: Word[], from: number, verbAfter = false, complement = false): number | null {
  const first = words[from];
  if (!first) return null;
  if (first.pos === 'VERB' && first.lower.endsWith('ing')) return from + 1;
  // "the authority’s statement", "Beckford’s explanation", "the central bank’s number": the
  // owner's phrase, then the pointer noun.
  const owner = possessiveOwnerEnd(words, from);
  if (!LEXICON.pointerDeterminers.has(first.lower) && owner === null) return null;
  const last = owner === null ? from + 3 : owner + 2;
  for (let i = owner ?? from + 1; i <= last && i < words.length; i++) {
    // ("that cases could rise": a clause, not a noun phrase ending in "rise".)
    if (!LEXICON.pointerNouns.has(words[i].lower)) {
      if (!['ADJ', 'NOUN', 'PROPN', 'NUM'].includes(words[i].pos) && !words[i].capital) return null;
      continue;
    }
    const next = words[i + 1];
    // "the rise could accelerate": a subject, not an object pointing back.
    // After "called", "described", what follows the pointer is its complement ("the report propaganda").
    if (
      !next ||
      complement ||
      isPunctuation(next) ||
      ['ADP', 'CCONJ', 'DET', 'ADV', 'ADJ'].includes(next.pos) ||
      next.lower === 'as' ||
      (verbAfter && BE.has(next.lower))
    )
      return i + 1;
    return null;
  }
  return null;
}

/** The index after the possessive mark of an owner's phrase at `from` ("the central bank’s"), if any. */
function possessiveOwnerEnd(words: Word[], from: number): number | null {
  const first = words[from];
  if (!first || !(first.capital || ['the', 'a', 'an'].includes(first.lower))) return null;
  for (let i = from + 1; i <= from + 4 && i < words.length; i++) {
    if (POSSESSIVE_MARKS.has(words[i].text)) return i + 1;
    const word = words[i];
    const inPhrase =
      word.capital || LEXICON.nameConnectors.has(word.lower) || ['NOUN', 'ADJ', 'PROPN'].includes(word.pos);
    if (!inPhrase || isPunctuation(word)) return null;
  }
  return null;
}

function stanceOfWords(words: Word[], fallback: StanceType): StanceType {
  if (words.some((word) => LEXICON.rejectingWords.has(word.lower))) return 'rejected';
  if (fallback === 'asserted' && words.some((word) => LEXICON.supportingWords.has(word.lower)))
    return 'supported';
  return fallback;
}

/** "the figure was outdated", "That number is simply false": a verdict on an earlier claim. */
function verdictOnPointer(content: Word[]): StanceType | null {
  const end = pointerEnd(content, 0, true);
  if (end === null || !BE.has(content[end]?.lower ?? '')) return null;
  const rest = content.slice(end + 1).filter((word) => !isPunctuation(word));
  if (rest.length === 0 || rest.length > 4) return null;
  if (rest.some((word) => LEXICON.rejectingWords.has(word.lower))) return 'rejected';
  if (rest.some((word) => LEXICON.supportingWords.has(word.lower))) return 'supported';
  return null;
}

/** "there was no attack", "there had been no such incident": the event reported did not happen. */
const EXISTENTIAL_DENIAL = /^there (?:was|were|is|are|has been|have been|had been) no (?:such )?(\S+)/;
const EVENT_NOUNS = new Set([
  'attack',
  'attacks',
  'strike',
  'strikes',
  'raid',
  'shooting',
  'explosion',
  'fighting',
  'clash',
  'clashes',
  'killing',
  'killings',
  'fraud',
  'interference',
  'recruitment',
  'irregularities',
  'irregularity',
  'wrongdoing',
  'manipulation',
  'tampering',
]);

/** What a quote or clause says about the claim before it, if it is only that. */
const verdictOf = (content: Word[]): StanceType | null =>
  verdictOnPointer(content) ?? (noEvidence(content) ? 'rejected' : null);

/** "he had seen no evidence", "they found no proof": the finder is the speaker, the finding a denial. */
const FINDER = /^(?:i|we|he|she|they|it) (?:(?:has|have|had) )?(?:seen|found|saw|received) /;

function noEvidence(content: Word[]): boolean {
  const text = spanText(content.slice(0, 9)).toLowerCase().replace(FINDER, 'there was ');
  const existential = EXISTENTIAL_DENIAL.exec(text)?.[1];
  if (existential && (EVENT_NOUNS.has(existential) || LEXICON.pointerNouns.has(existential))) return true;
  return LEXICON.noEvidence.some(
    (phrase) =>
      text.startsWith(phrase) ||
      text.startsWith(`there was ${phrase}`) ||
      text.startsWith(`there is ${phrase}`) ||
      text.startsWith(`there had been ${phrase}`),
  );
}

const PUBLISHED_THINGS = new Set(['figures', 'data', 'statistics', 'numbers', 'estimates', 'results']);

/** "figures published on Thursday by X": the index of "by" when the source is a publication's. */
function publisherAfter(words: Word[], from: number, end: number): number | null {
  const head = words.slice(from, end);
  if (head.length === 0 || !PUBLISHED_THINGS.has(head[head.length - 1].lower)) return null;
  if (!/(?:ed|shed|wn)$/.test(words[end]?.lower ?? '') || words[end].pos !== 'VERB') return null;
  for (let k = end + 1; k < Math.min(words.length, end + 6); k++) {
    if (isPunctuation(words[k])) return null;
    if (words[k].lower === 'by') return k;
  }
  return null;
}

/**
 * Where the clause holding the subject of a verb at `to` starts: "The post was shared 40,000 times
 * and the claim was picked up by …" — after a conjunction that follows a verb of its own.
 */
function clauseStart(words: Word[], from: number, to: number): number {
  let start = from;
  let verbSeen = false;
  for (let k = from; k < to; k++) {
    if (verbSeen && (words[k].pos === 'CCONJ' || words[k].text === ';')) start = k + 1;
    if (words[k].pos === 'VERB' || words[k].pos === 'AUX') verbSeen = true;
  }
  return start;
}

const VALUING = new Set(['put', 'puts', 'putting', 'placed', 'places']);

/** "put the rate at 79 percent": the index of "at" when a figure follows it. */
function valuation(words: Word[], i: number): { at: number } | null {
  if (!VALUING.has(words[i].lower)) return null;
  // ("the number of protesters on Saturday at 35,000": the noun phrase may have modifiers.)
  for (let k = i + 2; k <= i + 8 && k < words.length; k++) {
    const word = words[k];
    if (word.lower === 'at') {
      const figure = words.slice(k + 1, k + 4).some((next) => next.pos === 'NUM');
      // ("put the number of dead at 140": "the dead" is a noun phrase too.)
      const nominal =
        ['NOUN', 'PROPN'].includes(words[k - 1].pos) ||
        (words[k - 1].pos === 'ADJ' && words[k - 2]?.lower === 'of');
      return figure && nominal ? { at: k } : null;
    }
    if (!['DET', 'ADJ', 'NOUN', 'PROPN', 'ADP'].includes(word.pos)) return null;
  }
  return null;
}

/** The "was" a valuation states ("put turnout at 71.9 percent" → "turnout was 71.9 percent"). */
function copula(at: Word): Word {
  return { ...at, text: 'was', lower: 'was', pos: 'AUX', lemma: 'be', capital: false, negated: false };
}

/** A subject as a speaker: without the adverbs and auxiliaries before the verb. */
function trimSpeaker(words: Word[]): Word[] {
  let end = words.length;
  while (end > 0 && ['ADV', 'AUX'].includes(words[end - 1].pos)) end--;
  return words.slice(0, end).some((word) => ['NOUN', 'PROPN'].includes(word.pos)) ? words.slice(0, end) : [];
}

/** "the government’s claim that P", "reports that P": the owner (if any) and the clause P. */
interface NounComplement {
  owner: Word[];
  clause: Word[];
}

function nounComplement(words: Word[]): NounComplement | null {
  const that = words.findIndex(
    (word, i) => word.lower === 'that' && i > 0 && LEXICON.pointerNouns.has(words[i - 1].lower),
  );
  if (that < 0 || that > 6 || that + 1 >= words.length) return null;
  const possessive = words.findIndex((word, i) => i < that && POSSESSIVE_MARKS.has(word.text));
  const owner = possessive > 0 ? words.slice(0, possessive) : [];
  return { owner, clause: words.slice(that + 1) };
}

const POSSESSIVE_MARKS = new Set(['’s', "'s"]);

/** Where a clause of content ends: before ", saying", ", according to", "and that". */
function contentEnd(words: Word[], from: number): { end: number; next: number | null } {
  for (let i = from; i < words.length; i++) {
    const word = words[i];
    if (word.text === ',' && words[i + 1]) {
      const after = words[i + 1];
      if (after.pos === 'VERB' && after.lower.endsWith('ing') && REPORTING_VERBS[after.lemma])
        return { end: i, next: null };
      if (after.lower === 'according' && words[i + 2]?.lower === 'to') return { end: i, next: null };
    }
    if (word.lower === 'and' && words[i + 1]?.lower === 'that') return { end: i, next: i + 2 };
  }
  let end = words.length;
  while (end > from && isPunctuation(words[end - 1]) && !CLOSING.has(words[end - 1].text)) end--;
  return { end, next: null };
}

export function findAttributions(words: Word[]): Attribution[] {
  const found: Attribution[] = [];
  const consumed = new Array<boolean>(words.length).fill(false);
  /** ", citing its own records,": words inside a speaker phrase that are not the speaker. */
  const parenthetical = new Array<boolean>(words.length).fill(false);
  const consume = (from: number, to: number) => {
    for (let i = from; i < to; i++) consumed[i] = true;
  };
  let passive: { content: Word[] | null; to: number } | null = null;
  const lastConsumedBefore = (i: number) => {
    for (let j = i - 1; j >= 0; j--) if (consumed[j]) return j + 1;
    return 0;
  };

  for (let i = 0; i < words.length; i++) {
    if (consumed[i]) continue;
    const word = words[i];

    if (word.lower === 'according' && words[i + 1]?.lower === 'to') {
      let end = speakerEnd(words, i + 2, true);
      let speaker = words.slice(i + 2, end);
      // "according to figures published on Thursday by the agency CAPMAS": the publisher speaks.
      const by = publisherAfter(words, i + 2, end);
      if (by !== null) {
        end = speakerEnd(words, by + 1, true);
        speaker = words.slice(by + 1, end);
      }
      const start = lastConsumedBefore(i);
      const content =
        i === start
          ? words.slice(end + (words[end]?.text === ',' ? 1 : 0), contentEnd(words, end).end)
          : withoutFinalComma(words.slice(start, i));
      found.push(attribution(speaker, false, 'according to', 'asserted', content, i, Math.max(end, i + 2)));
      consume(start, i === start ? words.length : end);
      continue;
    }

    // "The commission put turnout at 71.9 percent", "… and put the rate at 79 percent".
    const valued = valuation(words, i);
    if (valued) {
      // ("…, which put the number of dead at 140": a relative clause goes on the speaker's words.)
      const coordinated = ['and', 'which', 'who'].includes(words[i - 1]?.lower ?? '') && found.length > 0;
      const start = coordinated ? i - 1 : lastConsumedBefore(i);
      const speaker = coordinated
        ? []
        : trimSpeaker(words.slice(start, i).filter((_, n) => !parenthetical[start + n]));
      if (coordinated || speaker.length > 0) {
        const clause = contentEnd(words, valued.at + 1);
        const content = [...words.slice(i + 1, valued.at), copula(words[valued.at])];
        content.push(...words.slice(valued.at + 1, clause.end));
        found.push({
          ...attribution(speaker, start === 0, word.lower, 'asserted', content, start, clause.end),
          inherits: coordinated,
        });
        consume(start, clause.end);
        continue;
      }
    }

    const verb = reportingVerb(words, i);
    if (!verb) continue;
    const previous = words[i - 1];
    const beforePrevious = words[i - 2];
    const negated =
      word.negated ||
      NEGATORS.has(previous?.lower ?? '') ||
      (previous?.pos === 'ADV' && NEGATORS.has(beforePrevious?.lower ?? ''));
    if (negated) {
      consume(i, contentEnd(words, i + 1).end);
      continue;
    }

    // Passive: "were made by X", "was cited by X", "were described as misleading by X".
    let be = BE.has(previous?.lower ?? '')
      ? i - 1
      : previous?.pos === 'ADV' && BE.has(beforePrevious?.lower ?? '')
        ? i - 2
        : -1;
    // "is being cited", "has been echoed", "will be repeated": the whole auxiliary chain.
    // ("has since been repeated", "has also been echoed": an adverb inside the chain.)
    const inChain = (k: number) =>
      k >= 0 && (BE.has(words[k].lower) || ['will', 'would', 'may'].includes(words[k].lower));
    const adverb = (k: number) => words[k].pos === 'ADV' || words[k].lower === 'since';
    while (be > 0 && (inChain(be - 1) || (adverb(be - 1) && inChain(be - 2)))) be -= inChain(be - 1) ? 1 : 2;
    let by = -1;
    for (let k = i + 1; k < Math.min(words.length, i + 8); k++) {
      if (words[k].lower === 'by') {
        by = k;
        break;
      }
      if (words[k].text === ',' || words[k].text === '.') break;
    }
    // "were made by X and echoed by Y": a second participle shares the first one's subject.
    const sharedSubject: boolean = previous?.lower === 'and' && passive !== null && passive.to === i - 1;
    // "The claim that P, first reported by the website X, was dismissed by Y": a participle with its
    // agent between commas reports its noun phrase and stays out of the main clause's subject.
    const comma =
      previous?.text === ',' ? i - 1 : previous?.pos === 'ADV' && beforePrevious?.text === ',' ? i - 2 : -1;
    if (be < 0 && !sharedSubject && comma > 0 && by === i + 1 && /ed$/.test(word.lower)) {
      const end = speakerEnd(words, by + 1, false);
      if (words[end]?.text === ',') {
        const subject = words.slice(lastConsumedBefore(comma), comma);
        const complement = nounComplement(subject);
        const content = complement ? complement.clause : pointerEnd(subject, 0) === null ? subject : null;
        const stance = stanceOfWords(words.slice(i + 1, by), verb.stance);
        found.push(
          attribution(words.slice(by + 1, end), false, `${word.lower} by`, stance, content, comma, end, verb),
        );
        for (let n = comma; n <= end; n++) parenthetical[n] = true;
        i = end;
        continue;
      }
    }
    if ((be >= 0 || sharedSubject) && by > 0 && !word.lower.endsWith('ing')) {
      const end = speakerEnd(words, by + 1, true);
      const speaker = words.slice(by + 1, end);
      const subjectFrom: number = sharedSubject ? i - 1 : clauseStart(words, lastConsumedBefore(be), be);
      const subject: Word[] = words.slice(subjectFrom, be).filter((_, n) => !parenthetical[subjectFrom + n]);
      const stance = stanceOfWords(words.slice(i + 1, by), verb.stance);
      let content: Word[] | null = null;
      let to = end;
      if (sharedSubject && passive) {
        content = passive.content;
      } else if (subject.length === 1 && subject[0].lower === 'it' && words[end]?.lower === 'that') {
        const clause = contentEnd(words, end + 1);
        content = words.slice(end + 1, clause.end);
        to = clause.end;
      } else if (pointerEnd(subject, 0) === null && subject.length > 0) {
        content = subject;
      }
      // "The government’s claim that unemployment fell … was questioned by X": the claim is the
      // clause after "that", and whoever owns the claim made it.
      const complement: NounComplement | null = sharedSubject ? null : nounComplement(subject);
      if (complement) {
        content = complement.clause;
        if (complement.owner.length > 0)
          found.push(attribution(complement.owner, false, 'claimed', 'asserted', content, subjectFrom, be));
      }
      const frame = sharedSubject ? `${word.lower} by` : spanText(words, be, i + 1);
      found.push(attribution(speaker, false, frame, stance, content, subjectFrom, to, verb));
      passive = { content, to: end };
      consume(subjectFrom, to);
      continue;
    }
    // "The claim has been shared thousands of times": no agent, but a mention of the claim.
    if (be >= 0 && by < 0 && !word.lower.endsWith('ing')) {
      const subjectFrom = lastConsumedBefore(be);
      const subject = words.slice(subjectFrom, be);
      if (subject.length > 0 && pointerEnd(subject, 0, true) === subject.length) {
        found.push(
          attribution(
            [],
            false,
            spanText(words, be, i + 1),
            verb.stance,
            null,
            subjectFrom,
            words.length,
            verb,
          ),
        );
        consume(subjectFrom, words.length);
        continue;
      }
      // "The post was shared 40,000 times": a passive without an agent names no speaker.
      if (!PERFECT.has(previous?.lower ?? '')) continue;
    }
    // "were made by X" only, but "X made the claim in parliament" points back at it.
    if (verb.frame === 'passive-only' && pointerEnd(words, i + 1) === null) continue;

    // "is claiming that": a progressive is a finite verb, not ", saying …".
    const progressive = word.lower.endsWith('ing') && PROGRESSIVE.has(previous?.lower ?? '');
    // "Writing on Telegram, X claimed …": an opening participle phrase, not what was said.
    // ("Quoted by the agency Tanjug, he said …" opens the same way.)
    const openingParticiple =
      word.lower.endsWith('ing') || (/ed$/.test(word.lower) && words[i + 1]?.lower === 'by');
    if (openingParticiple && lastConsumedBefore(i) === i && i === 0) {
      const comma = words.findIndex((w, n) => n > i && w.text === ',');
      if (comma > 0) {
        consume(i, comma + 1);
        continue;
      }
    }
    // "The union, citing its own records, said …": a parenthetical participle, not the report.
    if (word.lower.endsWith('ing') && !progressive && previous?.text === ',') {
      const comma = words.findIndex((w, n) => n > i && w.text === ',');
      // ("Local media, citing hospital sources, put the toll at 60": a valuation follows as well.)
      if (comma > 0 && words[comma + 1] && (reportingVerb(words, comma + 1) || valuation(words, comma + 1))) {
        for (let n = i - 1; n <= comma; n++) parenthetical[n] = true;
        continue;
      }
    }
    // "…, saying there was no evidence": the reason for the stance just taken, part of it.
    if (word.lower.endsWith('ing') && !progressive) {
      const clause = contentEnd(words, i + 1);
      const previousAttribution = found[found.length - 1];
      // "disputed the reading, saying the agency had cut …": a rebuttal's reason, which may be a
      // fact of the rebutter's own.
      // ("…, arguing that police had reclassified dozens of killings": any verb of saying.)
      const saying = REPORTING_VERBS[word.lemma];
      const rebuttalReason =
        saying?.stance === 'asserted' &&
        !saying.frame &&
        !saying.hedge &&
        previousAttribution?.stance === 'rejected';
      if ((word.lemma === 'add' || rebuttalReason) && previousAttribution) {
        const from = words[i + 1]?.lower === 'that' ? i + 2 : i + 1;
        const contentWords = words.slice(from, clause.end);
        found.push({
          ...attribution([], false, word.lower, 'asserted', contentWords, i, clause.end),
          inherits: true,
          elaboration: true,
        });
      }
      consume(i, clause.end);
      continue;
    }

    // The speaker: before the verb, or after it when a quote or a clause came first.
    let j = i - 1;
    // "The army has said", "Lavrov has repeatedly claimed": adverbs and auxiliaries are no speaker.
    while (
      j >= 0 &&
      (words[j].pos === 'ADV' ||
        (words[j].pos === 'AUX' &&
          (AUXILIARIES.has(words[j].lower) || (progressive && BE.has(words[j].lower))))) &&
      !consumed[j]
    )
      j--;
    const quote = quoteBefore(words, j + 1);
    const start = lastConsumedBefore(i);
    let speaker: Word[] = [];
    let speakerInitial = false;
    let inherits = false;
    let content: Word[] | null = null;
    let to = i + 1;
    let elaboration = false;

    if (quote && j >= start - 1) {
      // "“…,” said Ana Morales" / "“…,” said a spokesperson for …"
      const end = speakerEnd(words, i + 1, true);
      speaker = words.slice(i + 1, end);
      content = withoutFinalComma(words.slice(quote.open + 1, quote.close));
      consume(quote.open, end);
      const verdict = verdictOf(content);
      found.push(
        attribution(
          speaker,
          false,
          word.lower,
          verdict ?? verb.stance,
          verdict ? null : content,
          quote.open,
          end,
          verb,
        ),
      );
      continue;
    }
    // "Unemployment rose to 9 percent, said Ana Costa, an economist at the bank": an inverted
    // verb, the speaker after it to the end of the sentence.
    if (
      words[i - 1]?.text === ',' &&
      i - 1 > start &&
      word.lemma !== 'tell' &&
      // ("The union, citing its own records, said …": the comma closes a parenthetical.)
      !parenthetical[i - 1] &&
      // (Only verbs of saying invert: "…, backed the accusation", "…, denied receiving it" have objects.)
      verb.stance === 'asserted' &&
      !verb.frame &&
      pointerEnd(words, i + 1) === null &&
      !onlyAdverbials(words, i + 1) &&
      words[i + 1]?.pos !== 'ADP'
    ) {
      const end = speakerEnd(words, i + 1, true);
      const after = words.slice(i + 1, end);
      // (A capitalised name or a noun heads it: "said Ana Costa", "said local officials in Congo".)
      if (after.some((w) => w.capital || w.pos === 'NOUN') && onlyAdverbials(words, end)) {
        content = words.slice(start, i - 1);
        consume(start, words.length);
        const verdict = verdictOf(content);
        found.push(
          attribution(
            after,
            false,
            word.lower,
            verdict ?? verb.stance,
            verdict ? null : content,
            start,
            words.length,
            verb,
          ),
        );
        continue;
      }
    }
    if (j < start) inherits = found.length > 0;
    else if (LINKERS.has(words[j].lower) || ['which', 'who'].includes(words[j].lower)) {
      inherits = found.length > 0;
      elaboration = ['which', 'who'].includes(words[j].lower);
    }

    // "“The loss of 180 billion tonnes,” Holm said, “is consistent with satellite data.”": one
    // quote split by its speaker.
    const split = j >= start && !inherits ? splitQuote(words, start, j, i) : null;
    if (split) {
      const content = [...split.first, ...split.second];
      consume(split.from, split.to);
      const verdict = verdictOf(content);
      found.push(
        attribution(
          split.speaker,
          false,
          word.lower,
          verdict ?? verb.stance,
          verdict ? null : content,
          split.from,
          split.to,
          verb,
        ),
      );
      continue;
    }
    const trailing = onlyAdverbials(words, i + 1, word.lemma === 'tell') && j >= start;
    const earlier = trailing ? lastQuote(words, start, j) : null;
    if (!inherits) {
      let from = start;
      if (earlier) from = Math.max(from, earlier.close + 1);
      else if (trailing) {
        from = trailingSpeakerStart(words, start, j);
      }
      // "In a statement on Tuesday, the ministry said": the opening adjunct is no part of the speaker.
      // ("Speaking to reporters in Lagos, the minister said": an opening participle phrase likewise.)
      const participial = words[from]?.pos === 'VERB' && /(?:ing|ed)$/.test(words[from].lower);
      if (words[from]?.pos === 'ADP' || participial) {
        const comma = words.findIndex((w, n) => n > from && n < j && w.text === ',');
        if (comma > 0) from = comma + 1;
      }
      while (from <= j && (words[from].text === ',' || CLOSING.has(words[from].text))) from++;
      speaker = words.slice(from, j + 1).filter((_, n) => !parenthetical[from + n]);
      speakerInitial = from === 0;
      // "Officials urged both sides to respect a ceasefire agreed in 2022": a clause with a verb of
      // its own is no speaker, and "agreed" there qualifies a noun.
      if (clauseAsSpeaker(speaker)) continue;
      if (trailing) {
        const clauseFrom = earlier ? earlier.open + 1 : start;
        const clauseTo = earlier ? earlier.close : from - 1;
        content = withoutFinalComma(words.slice(clauseFrom, clauseTo));
        to = words.length;
        consume(earlier ? earlier.open : start, to);
        const verdict = verdictOf(content);
        found.push(
          attribution(
            speaker,
            speakerInitial,
            word.lower,
            verdict ?? verb.stance,
            verdict ? null : content,
            earlier ? earlier.open : start,
            to,
            verb,
          ),
        );
        continue;
      }
    }

    // What was said: a pointer back ("the claim"), "X of doing Y", or a clause.
    let k = i + 1;
    if (word.lemma === 'tell') {
      // "told reporters that", "told the Daily Nation on Monday that"
      let that = -1;
      for (let n = i + 1; n < Math.min(words.length, i + 10) && !isPunctuation(words[n]); n++) {
        if (words[n].lower === 'that') {
          that = n;
          break;
        }
        if (words[n].pos === 'VERB') break;
      }
      if (that > 0) k = that;
      else while (k < words.length && !isPunctuation(words[k]) && AUDIENCE.has(words[k].lower)) k++;
    }
    if (ADVERBIAL_PREPOSITIONS.has(words[k]?.lower ?? '')) {
      let that = false;
      for (let n = k + 1; n < Math.min(words.length, k + 9); n++) {
        if (words[n].lower === 'that') {
          k = n;
          that = true;
          break;
        }
        if (isPunctuation(words[n])) break;
      }
      // "said on Monday it had found …": a time adjunct, then the clause without "that".
      if (!that) k = afterTimeAdjunct(words, k + 1) ?? k;
    } else if (words[k]?.lower === 'the') {
      // "claimed the following day that …"
      const end = afterTimeAdjunct(words, k + 1);
      if (end !== null && words[end]?.lower === 'that') k = end;
    }
    // "claimed, without evidence, that …": a parenthetical between the verb and its clause.
    if (words[k]?.text === ',') {
      const close = words.findIndex((w, n) => n > k && n <= k + 6 && w.text === ',');
      if (close > 0 && words[close + 1]?.lower === 'that') k = close + 1;
    }
    // ("disputed that account and said …": "that" determines a pointer, it opens no clause.)
    if (words[k]?.lower === 'that' && pointerEnd(words, k) === null) k++;
    // "agreed with the estimate", "sided with the claim"
    else if (words[k]?.lower === 'with' && verb.stance === 'supported') k++;

    // "denied reports that …", "rejected the claim that …", "dismissed as nonsense claims that …":
    // the clause is what was said.
    let nounFrom = LEXICON.pointerDeterminers.has(words[k]?.lower ?? '') ? k + 1 : k;
    if (words[k]?.lower === 'as' && verb.stance === 'rejected') {
      const noun = words.findIndex(
        (w, n) => n > k && n <= k + 4 && LEXICON.pointerNouns.has(w.lower) && words[n + 1]?.lower === 'that',
      );
      if (noun > 0) nounFrom = noun;
    }
    if (LEXICON.pointerNouns.has(words[nounFrom]?.lower ?? '') && words[nounFrom + 1]?.lower === 'that')
      k = nounFrom + 2;
    let stance = verb.stance;
    // "called it dangerous", "described them as lies": a verdict on what was just reported.
    const objectPronoun =
      verb.frame === 'complement' &&
      OBJECT_PRONOUNS.has(words[k]?.lower ?? '') &&
      (!isPunctuation(words[k + 1]) || OPENING.has(words[k + 1].text))
        ? k + 1
        : null;
    // "the IMF backed it", "state radio carried them": a verb of taking up with a pronoun object.
    const takenUp =
      verb.stance !== 'asserted' &&
      OBJECT_PRONOUNS.has(words[k]?.lower ?? '') &&
      !['VERB', 'AUX', 'NOUN', 'PROPN', 'ADJ', 'NUM'].includes(words[k + 1]?.pos ?? '')
        ? k + 1
        : null;
    const pointer = objectPronoun ?? takenUp ?? pointerEnd(words, k, false, verb.frame === 'complement');
    if (verb.frame === 'pointer-only' && pointer === null) continue;
    if (verb.frame === 'accuse') {
      const of = words.findIndex((w, n) => n > k && w.lower === 'of');
      if (of > k) {
        const clause = contentEnd(words, of + 1);
        const result = attribution(
          speaker,
          speakerInitial,
          word.lower,
          stance,
          words.slice(k, clause.end),
          start,
          clause.end,
          verb,
        );
        result.accused = { object: words.slice(k, of), act: words.slice(of + 1, clause.end) };
        result.inherits = inherits;
        found.push(result);
        consume(start, clause.end);
        continue;
      }
    }
    if (pointer !== null) {
      let end = pointer;
      while (end < words.length && words[end].lower !== 'and' && words[end].text !== ',') end++;
      stance = stanceOfWords(words.slice(pointer, end), stance);
      found.push({
        ...attribution(speaker, speakerInitial, word.lower, stance, null, start, end, verb),
        inherits,
        elaboration,
      });
      consume(start, end);
      continue;
    }
    const clause = contentEnd(words, k);
    content = words.slice(k, clause.end);
    to = clause.end;
    // "rejected Congressman Raúl Tapia’s claim that 300 children had died": Tapia claimed it.
    const complement: NounComplement | null = nounComplement(content);
    if (complement) {
      content = complement.clause;
      if (complement.owner.length > 0)
        found.push(attribution(complement.owner, false, 'claimed', 'asserted', content, k, k));
    }
    if (noEvidence(content)) {
      found.push({
        ...attribution(speaker, speakerInitial, word.lower, 'rejected', null, start, to, verb),
        inherits,
        elaboration,
      });
    } else {
      const verdict = verdictOnPointer(content);
      found.push({
        ...attribution(
          speaker,
          speakerInitial,
          word.lower,
          verdict ?? stance,
          verdict ? null : content,
          start,
          to,
          verb,
        ),
        inherits,
        elaboration,
      });
    }
    if (clause.next !== null) {
      const second = contentEnd(words, clause.next);
      const rejecting = found[found.length - 1].stance === 'rejected';
      const secondContent = words.slice(clause.next, second.end);
      // "… and that it had found no evidence of a coordinated campaign": a denial of the claim before.
      const denial = noEvidence(secondContent);
      found.push({
        ...attribution(
          [],
          false,
          word.lower,
          denial ? 'rejected' : 'asserted',
          denial ? null : secondContent,
          clause.next,
          second.end,
          verb,
        ),
        inherits: true,
        elaboration: rejecting || elaboration,
      });
      to = second.end;
    }
    consume(start, to);
  }
  return found;
}

function attribution(
  speaker: Word[],
  speakerInitial: boolean,
  verb: string,
  stance: StanceType,
  content: Word[] | null,
  from: number,
  to: number,
  entry?: ReportingVerb,
): Attribution {
  return {
    speaker,
    speakerInitial,
    inherits: false,
    verb,
    stance,
    content: content && content.length ? content : null,
    hedged: Boolean(entry?.hedge),
    elaboration: false,
    from,
    to,
  };
}
