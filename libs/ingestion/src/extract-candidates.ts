/**
 * Claim candidates from article text.
 *
 * No trained model is available to this service, so check-worthiness is a transparent heuristic:
 * every point of the score comes from a named feature that is returned with the candidate, so a
 * fact-checker can see why a sentence was proposed and discount it. It finds attributed factual
 * statements well ("X said that…", numbers, named parties) and will miss claims phrased without
 * any of those signals; it is a triage aid, not a judge. Everything here is pure.
 */

export interface Sentence {
  /** The sentence exactly as `text.slice(start, end)`. */
  sentence: string;
  start: number;
  end: number;
}

export interface CheckworthinessFeatures {
  words: number;
  reportingVerb: string | null;
  rejectionVerb: string | null;
  numbers: number;
  percentage: boolean;
  namedEntities: number;
  quotation: boolean;
  firstPersonOpinion: boolean;
  question: boolean;
  tooShort: boolean;
}

export type ProposedStance = 'asserted' | 'rejected';

export interface ProposedActor {
  name: string;
  kind: 'person' | 'government' | 'organization';
  stance: ProposedStance;
}

export interface ExtractedCandidate extends Sentence {
  text: string;
  checkworthiness: number;
  features: CheckworthinessFeatures;
  proposedActors: ProposedActor[];
}

export const CHECKWORTHINESS_THRESHOLD = 0.35;
export const MAX_CANDIDATES = 50;
export const MIN_WORDS = 6;
/** Longer "sentences" are tables or run-on markup, not statements, and would not fit a claim's text. */
export const MAX_SENTENCE_LENGTH = 2000;

/** Words that end with a period without ending the sentence. Compared lower-cased, without the period. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'sr',
  'jr',
  'gen',
  'col',
  'lt',
  'maj',
  'capt',
  'sgt',
  'adm',
  'sen',
  'rep',
  'gov',
  'pres',
  'rev',
  'hon',
  'amb',
  'inc',
  'ltd',
  'co',
  'corp',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'no',
  'nos',
  'approx',
  'est',
  'dept',
  'univ',
  'fig',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mt',
  'ft',
  'vol',
  'art',
  'al',
]);

const CLOSERS = `"'”’»)]`;

/**
 * Splits text into sentences, keeping their offsets into the original string. A period after a
 * known abbreviation, an initial ("J."), or a dotted acronym ("U.S.") does not end a sentence;
 * decimals never do because a break needs whitespace after the mark; closing quotes and brackets
 * stay with the sentence they close; a blank line always ends one.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = skipSpace(text, 0);
  const push = (end: number) => {
    let trimmedEnd = end;
    while (trimmedEnd > start && /\s/.test(text[trimmedEnd - 1])) trimmedEnd--;
    if (trimmedEnd > start)
      sentences.push({ sentence: text.slice(start, trimmedEnd), start, end: trimmedEnd });
  };
  let i = start;
  while (i < text.length) {
    const char = text[i];
    if (char === '\n' && /^\n[ \t\r]*\n/.test(text.slice(i, i + 50))) {
      push(i);
      start = skipSpace(text, i);
      i = start;
      continue;
    }
    if (char === '.' || char === '!' || char === '?' || char === '…') {
      let end = i + 1;
      while (end < text.length && (text[end] === '.' || text[end] === '!' || text[end] === '?')) end++;
      while (end < text.length && CLOSERS.includes(text[end])) end++;
      const next = skipSpace(text, end);
      const atEnd = next >= text.length;
      const breaks =
        atEnd ||
        (next > end &&
          startsSentence(text[next]) &&
          !(char === '.' && end === i + 1 && isAbbreviation(text, i)));
      if (breaks) {
        push(end);
        start = next;
        i = next;
        continue;
      }
      i = end;
      continue;
    }
    i++;
  }
  if (start < text.length) push(text.length);
  return sentences;
}

function skipSpace(text: string, from: number): number {
  let index = from;
  while (index < text.length && /\s/.test(text[index])) index++;
  return index;
}

function startsSentence(char: string): boolean {
  return /[\p{Lu}\p{N}"'“‘«([]/u.test(char);
}

/** Whether the period at `dot` belongs to an abbreviation, an initial or a dotted acronym. */
function isAbbreviation(text: string, dot: number): boolean {
  let from = dot;
  while (from > 0 && /[\p{L}.]/u.test(text[from - 1])) from--;
  const word = text.slice(from, dot);
  if (word === '') return false;
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  // "J." (an initial) and "U.S" / "U.K" (dotted acronyms)
  if (/^\p{Lu}$/u.test(word)) return true;
  return /^(\p{L}\.)+\p{L}$/u.test(word);
}

const REPORTING =
  /\b(according to|said|says|say|claimed|claims|claim|stated|states|told|tells|accused|accuses|alleged|alleges|insisted|insists|asserted|asserts|announced|announces|warned|warns|argued|argues|reported|reports|denied|denies|deny|rejected|rejects|reject|dismissed|dismisses|refuted|refutes)\b/i;
const REJECTION = /\b(denied|denies|deny|rejected|rejects|reject|dismissed|dismisses|refuted|refutes)\b/i;
const OPINION = /\b(I think|I believe|I feel|in my (?:opinion|view)|we think|we believe|I guess|IMHO)\b/i;
const NUMBER = /\d+(?:[.,]\d+)*/g;
const PERCENT = /\d\s?%|\bper ?cent\b/i;
const QUOTE = /["“”«»]/;
/** Sentence-initial or function words that are capitalised without naming anyone. */
const STOP = new Set([
  'The',
  'A',
  'An',
  'On',
  'In',
  'At',
  'But',
  'And',
  'Or',
  'However',
  'Yet',
  'So',
  'It',
  'This',
  'That',
  'These',
  'Those',
  'He',
  'She',
  'They',
  'We',
  'I',
  'You',
  'Its',
  'Their',
  'His',
  'Her',
  'Our',
  'Meanwhile',
  'Still',
  'Also',
  'After',
  'Before',
  'When',
  'While',
  'If',
  'As',
  'For',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Last',
  'Next',
  'Earlier',
  'Later',
  'Local',
]);
/** Words of a title that precede a name ("Foreign Minister Sergei Lavrov"). */
const TITLES = new Set([
  'President',
  'Prime',
  'Minister',
  'Foreign',
  'Defence',
  'Defense',
  'Interior',
  'Deputy',
  'Secretary',
  'Spokesperson',
  'Spokesman',
  'Spokeswoman',
  'Senator',
  'General',
  'Ambassador',
  'Chancellor',
  'Mayor',
  'Governor',
  'Chief',
  'Director',
  'Head',
  'Commander',
  'King',
  'Queen',
  'Sir',
  'Lady',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Professor',
  'State',
  'Former',
  'Russian',
  'Albanian',
  'Serbian',
]);
const ORGANISATION_WORDS =
  /\b(Ministry|Government|Party|Agency|Council|Committee|Office|Department|Police|Army|Forces|Union|Commission|Parliament|Assembly|News|Times|Post|Institute|Group|Bank|Company|Inc|Ltd|Corp|University|Kremlin|NATO|UN|EU)\b/;
const COLLECTIVE =
  /^\s+(officials|authorities|government|ministry|diplomats|police|prosecutors|spokespeople)\b/;
const NAME_WORD = `\\p{Lu}[\\p{L}'’-]*\\.?`;
const NAME_SEQUENCE = new RegExp(`${NAME_WORD}(?:\\s+(?:of\\s+|the\\s+|for\\s+)?${NAME_WORD})*`, 'gu');

/** Capitalised sequences that look like names, leading stop words dropped. */
export function namedSequences(sentence: string): { name: string; start: number; end: number }[] {
  const found: { name: string; start: number; end: number }[] = [];
  for (const match of sentence.matchAll(NAME_SEQUENCE)) {
    let words = match[0].split(/\s+/);
    let offset = match.index;
    while (words.length && STOP.has(words[0].replace(/\.$/, ''))) {
      offset = sentence.indexOf(words[1] ?? '', offset + words[0].length);
      words = words.slice(1);
    }
    if (!words.length) continue;
    const name = words.join(' ').replace(/[.’']+$/, '');
    if (name.length < 2) continue;
    found.push({ name, start: offset, end: match.index + match[0].length });
  }
  return found;
}

export function scoreSentence(sentence: string): {
  checkworthiness: number;
  features: CheckworthinessFeatures;
} {
  const words = sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  const reporting = REPORTING.exec(sentence);
  const rejection = REJECTION.exec(sentence);
  const numbers = sentence.match(NUMBER)?.length ?? 0;
  const features: CheckworthinessFeatures = {
    words,
    reportingVerb: reporting ? reporting[1].toLowerCase() : null,
    rejectionVerb: rejection ? rejection[1].toLowerCase() : null,
    numbers,
    percentage: PERCENT.test(sentence),
    namedEntities: namedSequences(sentence).length,
    quotation: QUOTE.test(sentence),
    firstPersonOpinion: OPINION.test(sentence),
    question: /\?["”’»)\]]*$/.test(sentence.trim()),
    tooShort: words < MIN_WORDS,
  };
  if (features.tooShort) return { checkworthiness: 0, features };
  let score = 0.1;
  if (features.reportingVerb) score += 0.35;
  if (numbers > 0) score += 0.15;
  if (features.percentage) score += 0.05;
  score += Math.min(0.25, 0.1 * features.namedEntities);
  if (features.quotation) score += 0.1;
  if (features.firstPersonOpinion) score -= 0.3;
  if (features.question) score -= 0.3;
  return { checkworthiness: Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000, features };
}

/**
 * The speakers of reporting verbs: the name just before the verb ("Sergei Lavrov said",
 * "Albanian officials rejected"), or just after "according to". Titles before a name are dropped.
 */
export function proposeActors(sentence: string): ProposedActor[] {
  const actors: ProposedActor[] = [];
  const names = namedSequences(sentence);
  const verbs = new RegExp(REPORTING.source, 'gi');
  for (const verb of sentence.matchAll(verbs)) {
    const word = verb[1].toLowerCase();
    const stance: ProposedStance = REJECTION.test(word) ? 'rejected' : 'asserted';
    let speaker: { name: string; kind: ProposedActor['kind'] } | null = null;
    if (word === 'according to') {
      const after = names.find(
        (name) => name.start >= verb.index + word.length && name.start - verb.index < 40,
      );
      if (after) speaker = describe(after.name, '');
    } else {
      const before = [...names].reverse().find((name) => name.end <= verb.index);
      if (before) {
        const between = sentence.slice(before.end, verb.index);
        const collective = COLLECTIVE.exec(between);
        // Within a short reach only ("Lavrov, Russia's foreign minister, said" still counts).
        if (between.length <= 45 && !/[.;:]/.test(between)) {
          speaker = describe(before.name, collective ? collective[1] : '');
        }
      }
    }
    if (speaker && !actors.some((actor) => actor.name === speaker!.name)) {
      actors.push({ ...speaker, stance });
    }
  }
  return actors;
}

function describe(raw: string, collective: string): { name: string; kind: ProposedActor['kind'] } {
  if (collective) return { name: `${raw} ${collective}`, kind: 'government' };
  const words = raw.split(/\s+/);
  let from = 0;
  while (from < words.length - 1 && TITLES.has(words[from])) from++;
  const rest = words.slice(from);
  const personLike =
    !ORGANISATION_WORDS.test(raw) &&
    rest.length >= 2 &&
    rest.length <= 4 &&
    rest.every((word) => /^\p{Lu}\p{Ll}/u.test(word));
  // Titles are dropped only from people: "Interior Ministry of Albania" keeps its first word.
  return personLike ? { name: rest.join(' '), kind: 'person' } : { name: raw, kind: 'organization' };
}

/** The check-worthy sentences of `text`, best first (ties in reading order), at most MAX_CANDIDATES. */
export function extractCandidates(text: string): ExtractedCandidate[] {
  return splitSentences(text)
    .filter((sentence) => sentence.sentence.length <= MAX_SENTENCE_LENGTH)
    .map((sentence) => {
      const { checkworthiness, features } = scoreSentence(sentence.sentence);
      return {
        ...sentence,
        text: proposedText(sentence.sentence),
        checkworthiness,
        features,
        proposedActors: proposeActors(sentence.sentence),
      };
    })
    .filter((candidate) => candidate.checkworthiness >= CHECKWORTHINESS_THRESHOLD)
    .sort((a, b) => b.checkworthiness - a.checkworthiness || a.start - b.start)
    .slice(0, MAX_CANDIDATES);
}

/** The sentence as a claim text: whitespace collapsed, wrapping quotes removed; the editor refines it. */
export function proposedText(sentence: string): string {
  return sentence
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["“”«»]+|["“”«»]+$/g, '')
    .trim();
}
