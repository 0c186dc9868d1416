import { countryBySeat, stripThe } from './gazetteer';
import type { Word } from './nlp';

/**
 * The claim as a fact-checker words it: the proposition without the reporting frame, the tense
 * of reported speech undone ("had struck" → "struck", "had fallen … since" → "has fallen",
 * "were being sent" → "are being sent"), "accused X of doing Y" as "X did Y", and a leading "its"
 * given its owner.
 */

const PAST: Record<string, string> = {
  been: 'was',
  fallen: 'fell',
  risen: 'rose',
  driven: 'drove',
  seen: 'saw',
  begun: 'began',
  grown: 'grew',
  taken: 'took',
  given: 'gave',
  written: 'wrote',
  known: 'knew',
  shown: 'showed',
  stolen: 'stole',
  flown: 'flew',
  thrown: 'threw',
  broken: 'broke',
  done: 'did',
  gone: 'went',
  beaten: 'beat',
  chosen: 'chose',
  frozen: 'froze',
  run: 'ran',
  come: 'came',
  become: 'became',
  drawn: 'drew',
  eaten: 'ate',
  hidden: 'hid',
  spoken: 'spoke',
  worn: 'wore',
  torn: 'tore',
};
const GERUND_PAST: Record<string, string> = {
  making: 'made',
  sending: 'sent',
  paying: 'paid',
  spending: 'spent',
  taking: 'took',
  giving: 'gave',
  running: 'ran',
  selling: 'sold',
  hiding: 'hid',
  stealing: 'stole',
  building: 'built',
  bringing: 'brought',
  buying: 'bought',
  putting: 'put',
  cutting: 'cut',
  hitting: 'hit',
  shooting: 'shot',
  holding: 'held',
  leading: 'led',
  leaving: 'left',
  losing: 'lost',
  keeping: 'kept',
  telling: 'told',
  fighting: 'fought',
  seizing: 'seized',
  being: 'was',
  having: 'had',
  doing: 'did',
  going: 'went',
  winning: 'won',
  spreading: 'spread',
  setting: 'set',
};
const PERFECT_MARKERS =
  /\b(since|so far|this year|already|yet|in the past|over the past|consecutive|to date)\b/i;
const PLURALS = new Set([
  'people',
  'police',
  'media',
  'data',
  'children',
  'men',
  'women',
  'staff',
  'they',
  'we',
  'you',
]);

interface Piece {
  text: string;
  space: boolean;
  word?: Word;
}

const pieces = (words: Word[]): Piece[] =>
  words.map((word, i) => ({ text: word.text, space: i > 0 && word.start > words[i - 1].end, word }));

function render(parts: Piece[]): string {
  return parts
    .map((part, i) => (i > 0 && part.space ? ' ' : '') + part.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export function gerundToPast(gerund: string): string {
  const lower = gerund.toLowerCase();
  if (GERUND_PAST[lower]) return GERUND_PAST[lower];
  if (!lower.endsWith('ing')) return gerund;
  const stem = lower.slice(0, -3);
  if (/[^aeiou]y$/.test(stem)) return `${stem.slice(0, -1)}ied`;
  return `${stem}ed`.replace(/eed$/, 'ed');
}

function plural(subject: Piece | undefined): boolean {
  if (!subject?.word) return true;
  const lower = subject.word.lower;
  if (PLURALS.has(lower)) return true;
  if (subject.word.pos === 'NUM') return true;
  return /[^s]s$/.test(lower) && subject.word.pos !== 'PROPN';
}

function subjectBefore(parts: Piece[], index: number): Piece | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const word = parts[i].word;
    if (word && ['NOUN', 'PROPN', 'PRON', 'NUM'].includes(word.pos)) return parts[i];
  }
  return undefined;
}

/** Reported speech back in its own tense. */
function untense(parts: Piece[], whole: string): Piece[] {
  const perfect = PERFECT_MARKERS.test(whole);
  const out: Piece[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const lower = part.text.toLowerCase();
    if (lower === 'had' && parts[i + 1]) {
      let next = i + 1;
      while (parts[next]?.word?.pos === 'ADV' && parts[next + 1]) next++;
      const participle = parts[next];
      const isPlural = plural(subjectBefore(parts, i));
      // (The tagger reads some participles after "had" as adjectives: "had rescued".)
      const verbal =
        participle.word &&
        (['VERB', 'AUX'].includes(participle.word.pos) ||
          (['ADJ', 'NOUN'].includes(participle.word.pos) && /ed$/.test(participle.word.lower)));
      if (verbal) {
        // "had only returned fire" → "only returned fire": the adverbs stay before the verb.
        // ("already" only marked the reported time.)
        const adverbs = parts.slice(i + 1, next).filter((item) => item.text.toLowerCase() !== 'already');
        if (participle.text.toLowerCase() === 'been') {
          out.push({
            ...part,
            text: perfect ? (isPlural ? 'have been' : 'has been') : isPlural ? 'were' : 'was',
          });
          out.push(...adverbs);
        } else if (perfect) {
          out.push({ ...part, text: isPlural ? 'have' : 'has' });
          out.push(...adverbs, participle);
        } else {
          const past = { ...participle, text: PAST[participle.text.toLowerCase()] ?? participle.text };
          if (adverbs.length) out.push({ ...adverbs[0], space: part.space }, ...adverbs.slice(1), past);
          else out.push({ ...past, space: part.space });
        }
        i = next;
        continue;
      }
    }
    if ((lower === 'were' || lower === 'was') && parts[i + 1]?.text.toLowerCase() === 'being') {
      out.push({ ...part, text: lower === 'were' ? 'are' : 'is' });
      continue;
    }
    out.push(part);
  }
  return out;
}

/** "Beijing" as the subject of a claim is the country: "China has subsidised …". */
function placeName(words: Word[]): string | null {
  const text = words.map((word) => word.text).join(' ');
  const seat = countryBySeat(text);
  return seat ? stripThe(seat.name) : null;
}

/** "had in fact grown", "actually rose": the marker answers another version, the claim is without it. */
function withoutCorrectionMarkers(words: Word[]): Word[] {
  return words.filter(
    (word, i) =>
      word.lower !== 'actually' &&
      !(word.lower === 'in' && words[i + 1]?.lower === 'fact') &&
      !(word.lower === 'fact' && words[i - 1]?.lower === 'in'),
  );
}

export interface CanonicalOptions {
  accused?: { object: Word[]; act: Word[] };
  /** The speaker's name, for a claim that begins with "its". */
  owner?: string;
  /** A person speaking, for a claim that begins with "his" or "her" ("his fighters shot down …"). */
  person?: string;
}

export function canonicalText(content: Word[], options: CanonicalOptions = {}): string {
  let parts: Piece[];
  if (options.accused && options.accused.act.length) {
    const object = pieces(options.accused.object.filter((word) => word.text !== ','));
    const place = placeName(options.accused.object);
    const act = pieces(options.accused.act);
    const subject: Piece[] = place ? [{ text: place, space: false }] : object;
    const perfect = PERFECT_MARKERS.test(render(act));
    const verb = perfect
      ? [
          { text: 'has', space: true },
          { ...act[0], text: gerundToPast(act[0].text), space: true },
        ]
      : [{ ...act[0], text: gerundToPast(act[0].text), space: true }];
    parts = [...subject, ...verb, ...act.slice(1)];
  } else {
    const plain = withoutCorrectionMarkers(content);
    parts = untense(pieces(plain), render(pieces(plain)));
  }
  while (parts.length && /^[“”"'‘’«»,:;.]+$/.test(parts[parts.length - 1].text)) parts.pop();
  while (parts.length && /^[“”"'‘’«»,:;]+$/.test(parts[0].text)) parts.shift();
  if (options.owner && parts[0] && ['its', 'their'].includes(parts[0].text.toLowerCase())) {
    parts[0] = { ...parts[0], text: `${options.owner}’s` };
  }
  // "said it had removed 412,000 voters": the body that speaks did it.
  const [subject, auxiliary, verb] = content;
  const acting =
    subject?.lower === 'it' &&
    ['has', 'had', 'have'].includes(auxiliary?.lower ?? '') &&
    verb?.pos === 'VERB' &&
    verb.lower !== 'been';
  if (options.owner && acting && parts[0]?.text.toLowerCase() === 'it') {
    parts[0] = { ...parts[0], text: options.owner };
  }
  if (options.person && parts[0] && ['his', 'her'].includes(parts[0].text.toLowerCase())) {
    parts[0] = { ...parts[0], text: `${options.person}’s` };
  }
  let text = render(parts).replace(/\s+([,.;:!?”’])/g, '$1');
  // Quotation marks around a whole claim, or left unbalanced by the cut, say nothing.
  if ((text.match(/[“”]/g) ?? []).length % 2 === 1) text = text.replace(/[“”]/g, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
