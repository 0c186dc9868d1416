import { Country, countryForm } from './gazetteer';
import type { Word } from './nlp';

export type CountryMentionKind = 'name' | 'demonym' | 'seat' | 'place';

export interface CountryMention {
  country: Country;
  kind: CountryMentionKind;
  /** Word indexes [from, to) in the words given. */
  from: number;
  to: number;
}

/** Words as written between two word indexes, spaces as in the text. */
export function spanText(words: Word[], from = 0, to = words.length): string {
  let out = '';
  for (let i = from; i < to; i++) {
    if (i > from && words[i].start > words[i - 1].end) out += ' ';
    out += words[i].text;
  }
  return out;
}

const BASED = /-based$/;

/**
 * Country names, demonyms, seats of government and places in `words`, longest first
 * ("Bosnia and Herzegovina" before "Bosnia", "the Kremlin" as one seat). Lower-case words only
 * count as part of a longer name ("the" in "the United States").
 */
export function findCountries(words: Word[]): CountryMention[] {
  const found: CountryMention[] = [];
  for (let from = 0; from < words.length; from++) {
    for (let to = Math.min(words.length, from + 4); to > from; to--) {
      const last = words[to - 1];
      if (!last.capital && !/^[A-Z.]+$/.test(last.text)) continue;
      // "Taipei-based", "Cairo-based": where a body is based is its country.
      const hit = countryForm(spanText(words, from, to).replace(BASED, ''));
      if (hit) {
        found.push({ country: hit.country, kind: hit.kind, from, to });
        from = to - 1;
        break;
      }
    }
  }
  return found;
}

/** The one country that `value` as a whole names, by any of its forms. */
export function wholeCountry(value: string): CountryMention['kind'] | null {
  const kind = countryForm(value)?.kind;
  return kind && kind !== 'place' ? kind : null;
}
