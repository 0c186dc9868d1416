import {
  countryByName,
  countryBySeat,
  demonymOf,
  fold,
  HONORIFICS,
  knownOrganization,
  LEXICON,
  OFFICIAL_TITLES,
  RANKS,
  stripThe,
  TITLE_HEADS,
  TITLE_MODIFIERS,
  TITLE_PHRASES,
  WORLD_BODY_FIRST_WORDS,
  Country,
} from './gazetteer';
import type { Word } from './nlp';
import { CountryMention, findCountries, spanText } from './places';
import type { ActorKind } from './types';

/**
 * Turns the words that name a speaker ("Russian Foreign Minister Sergei Lavrov", "officials from
 * Albania, Kosovo and Bosnia", "Serbia’s state-controlled media") into actors as a fact-checker
 * writes them: one per listed party, titles split from names, countries from demonyms,
 * possessives and seats of government, kinds from the words that head the phrase.
 */

export interface ActorDraft {
  name: string;
  kind: ActorKind;
  title: string | null;
  country: string | null;
  /** Lower-case words a later "the agency", "the group" may refer back with. */
  heads: string[];
  /** Set when the phrase only points at someone named before ("the commission", "he", "Lavrov"). */
  reference?: string;
  /** A reference's own words when it has more than its head ("governing party"). */
  description?: string;
  /** "some analysts": nobody a desk could record. */
  vague?: boolean;
  /** Named by a proper name (not only described). */
  proper?: boolean;
  /** A person whose title is an office ("minister", "governor"): the article's country applies. */
  official?: boolean;
  /** A body of no one country ("the WHO", "an intergovernmental body"): no country is assumed. */
  international?: boolean;
}

/** Words that make a body belong to no one country: "intergovernmental", a continent's ("European"). */
const INTERNATIONAL_WORDS = new Set([
  'international',
  'intergovernmental',
  'multilateral',
  'global',
  'world',
  'european',
  'africa',
  'african',
  'asian',
  'arab',
]);

/** A body of no one country: "an intergovernmental body", a world body's name in it ("UN experts"). */
export function international(words: Word[]): boolean {
  return (
    words.some((word) => INTERNATIONAL_WORDS.has(word.lower)) ||
    words.some((_, i) => worldBodyAt(words, i) > i)
  );
}

/** The end of a world body's name starting at `from` ("Organization of American States"), else `from`. */
export function worldBodyAt(words: Word[], from: number): number {
  const first = words[from];
  if (!first || !/^\p{Lu}/u.test(first.text) || !WORLD_BODY_FIRST_WORDS.has(first.lower)) return from;
  for (let to = Math.min(words.length, from + 6); to > from; to--) {
    if (knownOrganization(spanText(words, from, to))?.country === null) return to;
  }
  return from;
}

const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'who', 'which']);
const DETERMINERS = new Set(['the', 'a', 'an']);
const POSSESSIVE = new Set(['’s', "'s", '’', "'"]);
const LIST_PREPOSITIONS = new Set(['from', 'of', 'at', 'in']);
/** "a physician at X", "a lawyer for Y": where a described role ends. */
const ROLE_PREPOSITIONS = new Set(['of', 'for', 'at', 'with', 'in']);
const SPOKESPEOPLE = new Set(['spokesperson', 'spokesman', 'spokeswoman', 'spokespeople']);
const BODY_VOICES = new Set([
  'management',
  'leadership',
  'administration',
  'spokesman',
  'spokeswoman',
  'spokesperson',
]);
const ORGANIZATION_ONLY = new Set([
  'hospital',
  'clinic',
  'company',
  'firm',
  'maker',
  'carmaker',
  'union',
  'party',
  'congress',
  'bank',
  'university',
  'association',
  'charity',
  'foundation',
  'fund',
  'watch',
  'corporation',
  'league',
  'federation',
  'society',
  'coalition',
  'alliance',
  'ngo',
]);
const BARE_INSTITUTIONS = new Set(['police', 'customs']);
/** Parts of an organisation that speak for it. */
const BRANCHES = new Set(['office', 'offices', 'branch', 'mission', 'delegation', 'bureau', 'chapter']);
const LEADING_DESCRIPTORS = new Set([
  'carmaker',
  'company',
  'charity',
  'firm',
  'broadcaster',
  'website',
  'newspaper',
  'channel',
  'insurer',
  'airline',
  'retailer',
  'lender',
  'drugmaker',
  'automaker',
  // Trades that only firms ply: "the Thai exporter Siam Golden Poultry", "the grid operator".
  'exporter',
  'importer',
  'supplier',
  'manufacturer',
  'operator',
  'distributor',
  'refiner',
  'shipper',
  'utility',
  'conglomerate',
]);
const STATE_WORDS = new Set(['national', 'central', 'federal', 'state', 'royal', 'supreme']);
/** Trailing common nouns that describe a named actor rather than belong to its name. */
const DESCRIPTOR_TAILS = new Set([
  'union',
  'newspaper',
  'website',
  'channel',
  'broadcaster',
  'company',
  'group',
  'party',
  'daily',
  'site',
  'tabloid',
]);

const capitalish = (word: Word) =>
  word.capital || /^(al|el|bin|ibn|van|von|de|da|di|du|le|la)-\p{Lu}/u.test(word.text);
const isPunctuation = (word: Word) => /^[\p{P}\p{S}]+$/u.test(word.text) && !POSSESSIVE.has(word.text);
const titleCase = (value: string) =>
  value
    .split(' ')
    .map((part) =>
      ['of', 'the', 'for', 'and'].includes(part)
        ? part
        : part.replace(/(^|-)(\p{L})/gu, (_, dash: string, letter: string) => dash + letter.toUpperCase()),
    )
    .join(' ');

function trimSpan(words: Word[]): Word[] {
  let from = 0;
  let to = words.length;
  while (from < to && (isPunctuation(words[from]) || ['and', 'but', 'while'].includes(words[from].lower)))
    from++;
  // ("Citi FM and Joy News both carried it": the quantifier is no part of the last name.)
  while (to > from && (isPunctuation(words[to - 1]) || ['both', 'all', 'also'].includes(words[to - 1].lower)))
    to--;
  return words.slice(from, to);
}

export function parseActorPhrase(input: Word[], initial: boolean): ActorDraft[] {
  let words = trimSpan(input);
  if (words.length === 0) return [];
  if (words.length === 1 && PRONOUNS.has(words[0].lower)) return [reference(words[0].lower)];
  let vague = false;
  if (LEXICON.vagueSpeakers.has(words[0].lower)) {
    vague = true;
    words = words.slice(words[1]?.lower === 'of' ? 2 : 1);
    initial = false;
  }
  const member = personOfBody(words, initial);
  if (member) return [vague ? { ...member, vague: true } : member];
  const delegated = delegate(words);
  if (delegated) return parseActorPhrase(delegated, false);

  if (listInName(words)) return [parseSingle(words, initial)].filter(isDraft);
  const list = collectiveList(words, initial) ?? countryList(words) ?? namedList(words, initial);
  if (list) return list;

  const placed = placedBody(words, initial);
  if (placed) return [vague ? { ...placed, vague: true } : placed];

  const parts = splitOn(words, (word) => word.text === ',').filter((part) => part.length > 0);
  const drafts =
    parts.length > 1 ? appositive(parts, initial) : [parseSingle(words, initial)].filter(isDraft);
  return drafts.map((draft) => (vague ? { ...draft, vague: true } : draft));
}

const isDraft = (draft: ActorDraft | null): draft is ActorDraft => draft !== null;

function reference(key: string): ActorDraft {
  return { name: key, kind: 'organization', title: null, country: null, heads: [key], reference: key };
}

const MEMBERSHIP = new Set(['of', 'at', 'from', 'with']);

/**
 * "Police in Nairobi", "health authorities in Lagos": a body described by common nouns and the
 * place it serves, read as "Nairobi police" (the country's police).
 */
function placedBody(words: Word[], initial: boolean): ActorDraft | null {
  const at = words.findIndex((word) => ['in', 'from'].includes(word.lower));
  if (at < 1 || at > 3) return null;
  const before = words.slice(0, at);
  let after = words.slice(at + 1);
  if (after[0]?.lower === 'the') after = after.slice(1);
  const place = findCountries(after);
  if (place.length !== 1 || place[0].from !== 0 || place[0].to !== after.length) return null;
  const common = before.every(
    (word, i) => ['NOUN', 'ADJ', 'PROPN'].includes(word.pos) && (!word.capital || (initial && i === 0)),
  );
  if (!common || !before.some((word) => orgWords([word]) || LEXICON.collectiveHeads.has(word.lower)))
    return null;
  const lowered = before.map((word, i) =>
    initial && i === 0 ? { ...word, text: word.lower, capital: false } : word,
  );
  return generic(lowered, place[0].country, false, false);
}

/**
 * "glaciologist Karen Holm of the Geological Survey", "Dr Ana Ruiz at the University of Lima":
 * a named person speaks, not the body they belong to; the body tells their country.
 */
function personOfBody(words: Word[], initial: boolean): ActorDraft | null {
  const at = words.findIndex(
    (word, i) => i > 1 && MEMBERSHIP.has(word.lower) && capitalish(words[i - 1]) && capitalish(words[i - 2]),
  );
  if (at < 0 || at === words.length - 1) return null;
  const draft = parseSingle(words.slice(0, at), initial);
  // ("Prime Minister of Spain …": a title before "of" is no one's name.)
  if (!draft || draft.kind !== 'person' || !draft.proper) return null;
  if (
    fold(draft.name)
      .split(' ')
      .some((word) => TITLE_HEADS.has(word))
  )
    return null;
  const body = parseSingle(words.slice(at + 1), false);
  return { ...draft, country: draft.country ?? (body?.international ? null : (body?.country ?? null)) };
}

/** The body a named person speaks from ("… of the Geological Survey"), so that "the survey" finds it later. */
export function memberBody(input: Word[]): ActorDraft | null {
  const words = trimSpan(input);
  if (!personOfBody(words, false)) return null;
  const at = words.findIndex((word, i) => i > 1 && MEMBERSHIP.has(word.lower));
  const body = parseSingle(words.slice(at + 1), false);
  return body && body.kind !== 'person' && !body.reference ? body : null;
}

/** "a study by X", "data released by X", "a spokesperson for X", "researchers at X" speak for X. */
function delegate(words: Word[]): Word[] | null {
  const lead = words.findIndex((word) => !DETERMINERS.has(word.lower));
  if (lead < 0) return null;
  // "a report by X", "satellite data analysed by X": the descriptor may have modifiers before it.
  const head = words.findIndex(
    (word, i) => i >= lead && i <= lead + 2 && LEXICON.speakerDescriptors.has(word.lower),
  );
  if (head >= 0 && !words.slice(lead, head).some(capitalish)) {
    const by = words.findIndex(
      (word, i) => i > head && i <= head + 3 && ['by', 'from', 'of'].includes(word.lower),
    );
    if (by > 0 && by < words.length - 1) return words.slice(by + 1);
  }
  // "the World Health Organization’s office in Indonesia": a branch speaks for its organisation.
  const owner = words.findIndex((word) => POSSESSIVE.has(word.text));
  if (
    owner > lead &&
    BRANCHES.has(words[owner + 1]?.lower ?? '') &&
    (owner + 2 === words.length || ['in', 'for', 'at'].includes(words[owner + 2].lower)) &&
    words.slice(lead, owner).every((word) => capitalish(word) || LEXICON.nameConnectors.has(word.lower))
  )
    return words.slice(lead, owner);
  const spokes = words.findIndex((word) => SPOKESPEOPLE.has(word.lower));
  // ("A spokesman for the ministry, Levan Beridze,": the spokesman is named, and speaks himself.)
  const named = words.slice(spokes + 2).some((word) => word.text === ',');
  if (
    spokes >= 0 &&
    words[spokes + 1]?.lower === 'for' &&
    !named &&
    !words.slice(lead, spokes).some(capitalish)
  ) {
    return words.slice(spokes + 2);
  }
  return null;
}

/**
 * "Institute of Hydrology, Meteorology and Environmental Studies", "Ministry of Agriculture,
 * Fisheries and Food": a list after "of" inside one capitalised name, not a list of actors.
 */
function listInName(words: Word[]): boolean {
  const body = words[0]?.lower === 'the' ? words.slice(1) : words;
  const of = body.findIndex((word) => word.lower === 'of');
  const comma = body.findIndex((word) => word.text === ',');
  const prefix = body.slice(0, of).filter((word) => !POSSESSIVE.has(word.text));
  if (of < 1 || comma < of || !prefix.every(capitalish)) return false;
  const inName = (word: Word) =>
    capitalish(word) || POSSESSIVE.has(word.text) || ['of', 'and', ',', 'the', 'for'].includes(word.lower);
  if (!body.every(inName) || !body.some((word) => word.lower === 'and')) return false;
  return splitList(body.slice(of + 1)).every((item) => !itemCountry(item));
}

const SINGULAR_HEADS = new Set(['ministry', 'embassy', 'government']);

/** "officials from Albania, Kosovo and Bosnia", "the embassies of the United States, …". */
function collectiveList(words: Word[], initial: boolean): ActorDraft[] | null {
  const head = words.findIndex(
    (word, i) => LEXICON.collectiveHeads.has(word.lower) && LIST_PREPOSITIONS.has(words[i + 1]?.lower ?? ''),
  );
  if (head < 0) return null;
  const before = words.slice(0, head).filter((word, i) => !(initial && i === 0 && !countryWord(word)));
  if (
    before.some(
      (word) =>
        capitalish(word) &&
        !countryWord(word) &&
        !['pacific', 'western', 'european', 'african', 'asian', 'arab', 'balkan', 'gulf', 'nordic'].includes(
          word.lower,
        ),
    )
  )
    return null;
  const items = splitList(words.slice(head + 2));
  if (items.length === 0) return null;
  const headWord = words[head].lower;
  const topic = words
    .slice(0, head)
    .map((word) => LEXICON.ministries[word.lower])
    .find(Boolean);
  // "the Ministry of Health", "the Embassy of the Netherlands": a singular head lists nothing, and
  // names a state's body only after a country.
  if (SINGULAR_HEADS.has(headWord) && !items.every((item) => itemCountry(item))) return null;
  const drafts: ActorDraft[] = [];
  for (const item of items) {
    const country = itemCountry(item);
    if (country) drafts.push(governmentOf(country, headWord, topic));
    else if (!['officials', 'leaders', 'governments', 'authorities'].includes(headWord)) {
      const draft = parseSingle(item, false);
      if (draft) drafts.push(draft);
    }
  }
  return drafts.length ? drafts : null;
}

/** "Albania, Kosovo and Bosnia" alone: the governments of the countries listed. */
function countryList(words: Word[]): ActorDraft[] | null {
  const items = splitList(words);
  if (items.length < 2) return null;
  const countries = items.map(itemCountry);
  if (countries.some((country) => !country)) return null;
  return countries.map((country) => governmentOf(country!, 'government', undefined));
}

/** "Both the European Commission and the UN refugee agency": one actor per item, when each is one. */
function namedList(words: Word[], initial: boolean): ActorDraft[] | null {
  const both = words[0]?.lower === 'both' ? 1 : 0;
  if (!words.some((word) => word.lower === 'and')) return null;
  const items = splitList(words.slice(both));
  if (items.length < 2) return null;
  const drafts = items.map((item, i) => parseSingle(item, initial && i === 0 && both === 0));
  return drafts.every((draft) => draft !== null && !draft.vague) ? (drafts as ActorDraft[]) : null;
}

/** A list item that names a country, or its seat ("officials in Tirana, Pristina and Sarajevo"). */
function itemCountry(item: Word[]): Country | undefined {
  const text = stripThe(spanText(item));
  return countryByName(text) ?? countryBySeat(text);
}

function countryWord(word: Word): boolean {
  return findCountries([word]).length > 0;
}

const PORTFOLIO_VOICES = new Set(['officials', 'authorities']);

function governmentOf(country: Country, head: string, topic: string | undefined): ActorDraft {
  const place = country.name;
  const name = head.startsWith('embass')
    ? `Embassy of ${place}`
    : // ("health officials in Freetown": the officials of a portfolio speak for its ministry.)
      (head.startsWith('ministr') || PORTFOLIO_VOICES.has(head)) && topic
      ? `Ministry of ${topic} of ${stripThe(place)}`
      : `Government of ${place}`;
  return {
    name,
    kind: 'government',
    title: null,
    country: country.code,
    heads: ['government', head, ...fold(name).split(' ')],
  };
}

function splitOn(words: Word[], at: (word: Word) => boolean): Word[][] {
  const parts: Word[][] = [[]];
  for (const word of words) {
    if (at(word)) parts.push([]);
    else parts[parts.length - 1].push(word);
  }
  return parts;
}

/** Items of "A, B and C" / "the A and the B"; "and" inside a name ("Bosnia and Herzegovina") stays. */
function splitList(words: Word[]): Word[][] {
  const items: Word[][] = [];
  for (const part of splitOn(words, (word) => word.text === ',')) {
    let current: Word[] = [];
    for (let i = 0; i < part.length; i++) {
      const word = part[i];
      if (word.lower === 'and' && current.length) {
        const rest = part.slice(i + 1);
        const joined = stripThe(spanText([...current, word, ...rest]));
        // ("Citi FM and Joy News": two names, each ending in what it is.)
        const bodyEnd = (item: Word[]) => {
          const body = item[0]?.lower === 'the' ? item.slice(1) : item;
          if (body.length === 0 || !body.every(capitalish)) return false;
          if (body.length === 1) return /^[A-Z]{2,}$/.test(body[0].text);
          return orgWords(body.slice(-1)) || knownOrganization(stripThe(spanText(body))) !== undefined;
        };
        const splits =
          rest[0]?.lower === 'the' ||
          (bodyEnd(current) && bodyEnd(rest)) ||
          (!countryByName(joined) && (itemCountry(current) !== undefined || itemCountry(rest) !== undefined));
        if (splits) {
          items.push(current);
          current = [];
          continue;
        }
      }
      current.push(word);
    }
    if (current.length) items.push(current);
  }
  return items.map((item) => (item[0]?.lower === 'the' ? item.slice(1) : item)).filter((item) => item.length);
}

/** "A government spokesman, Bence Tarr," / "Spain’s meteorological agency, AEMET,": name and description. */
function appositive(parts: Word[][], initial: boolean): ActorDraft[] {
  const drafts = parts.map((part, i) => ({ draft: parseSingle(part, initial && i === 0), part }));
  const named = drafts.filter(({ draft }) => draft && draft.kind !== 'group');
  const base =
    named.find(({ draft }) => draft!.kind === 'person' && draft!.proper) ??
    named.find(({ draft }) => draft!.proper) ??
    named.find(({ draft }) => !draft!.reference);
  if (!base) {
    const any = drafts.find(({ draft }) => draft);
    return any ? [any.draft!] : [];
  }
  const result = { ...base.draft! };
  for (const { draft, part } of drafts) {
    if (draft === base.draft) continue;
    // (A description that names nobody, "A spokesman for the interior ministry", still gives the title.)
    if (result.kind === 'person' && !result.title) {
      // ("the company’s chief executive, Marcus Thwaites": the owner is no part of the title.)
      const owner = part.findIndex((word) => POSSESSIVE.has(word.text));
      const described = part.slice(owner + 1).filter((word) => !DETERMINERS.has(word.lower));
      const of = described.findIndex((word) => ROLE_PREPOSITIONS.has(word.lower));
      // "A lawyer for the families, Dewi Kartika": the role may be one the lists do not know.
      const title =
        roleBefore(described, false) ?? (of > 0 ? roleBefore(described.slice(0, of), false) : null);
      if (title) {
        result.title = title.text;
        result.official = title.official;
      }
    }
    // "Joy FM, a private radio station": a name the lists do not know, described as an outlet.
    if (
      result.kind === 'organization' &&
      !knownOrganization(result.name) &&
      bodyDescribed(part) === 'media_outlet'
    )
      result.kind = 'media_outlet';
    if (!draft) continue;
    // "Alberta Wildfire, the provincial agency that fights the fires": a body, not a person.
    const body = result.kind === 'person' && !result.title ? bodyDescribed(part) : null;
    if (body) {
      result.kind = body;
      delete result.official;
    }
    // "The grid operator, Jamaica Public Service": a firm, whatever "Service" suggests.
    if (result.kind === 'government' && !draft.country && firmDescribed(part)) result.kind = 'organization';
    if (international(part)) {
      // "an intergovernmental body": governments' creature, no one state's body.
      result.international = true;
      result.country = null;
      if (result.kind === 'government') result.kind = 'organization';
      // "the Council of Europe’s human rights commissioner, Lena Dahl": an international office.
      delete result.official;
    }
    if (!result.international) result.country ??= draft.country;
    if (result.kind !== 'person' && draft.reference === undefined && draft.kind !== 'organization') {
      if (result.kind === 'organization' && !knownOrganization(result.name)) result.kind = draft.kind;
    }
    result.heads = [...result.heads, ...draft.heads];
  }
  if (result.reference === 'acronym' || result.reference === 'name') delete result.reference;
  return [result];
}

/** Heads that name a state's office whoever runs it: "Directorate General of Health Services". */
const STATE_BODY_WORDS = new Set(['directorate', 'directorate-general', 'inspectorate', 'ministry']);
const STATE_BODY_HEADS = new Set([
  'survey',
  'service',
  'services',
  'agency',
  'bureau',
  'commission',
  'tribunal',
  'department',
  'authority',
]);

/** "National Intelligence Service", "Directorate General of …", "Central Election Commission". */
function stateBodyName(words: Word[]): boolean {
  const lower = words.map((word) => word.lower);
  const of = lower.indexOf('of');
  const head = lower[(of > 0 ? of : lower.length) - 1];
  if (lower.some((word) => ORGANIZATION_ONLY.has(word) || LEXICON.mediaWords.has(word))) return false;
  return lower.some((word) => STATE_BODY_WORDS.has(word)) || STATE_BODY_HEADS.has(head);
}

const STATE_MODIFIERS = new Set([
  'state',
  'provincial',
  'federal',
  'national',
  'regional',
  'municipal',
  'public',
  'government',
  'official',
]);

/** "the grid operator", "a state-owned utility": a description whose head is a firm's trade. */
function firmDescribed(part: Word[]): boolean {
  const words = part.filter((word) => !isPunctuation(word) && !DETERMINERS.has(word.lower));
  const head = words[words.length - 1];
  return (
    head !== undefined &&
    !words.some(capitalish) &&
    (LEADING_DESCRIPTORS.has(head.lower) || ORGANIZATION_ONLY.has(head.lower))
  );
}

/** The kind of body a description names ("the provincial agency that …", "a local firm"), if it names one. */
function bodyDescribed(part: Word[]): ActorKind | null {
  const end = part.findIndex((word) => PRONOUNS.has(word.lower) || word.lower === 'that');
  const words = (end < 0 ? part : part.slice(0, end)).filter((word) => !isPunctuation(word));
  const nouns = words.filter((word) => word.pos === 'NOUN' && !word.capital);
  const head = nouns[nouns.length - 1];
  if (!head || words.some(capitalish)) return null;
  const lower = head.lower;
  // ("a private radio station", "a news agency": any media word in the description.)
  if (nouns.some((noun) => LEXICON.mediaWords.has(noun.lower))) return 'media_outlet';
  const state = words.some((word) => STATE_MODIFIERS.has(word.lower));
  if (LEXICON.governmentWords.has(lower) && !LEXICON.organizationWords.has(lower))
    return state ? 'government' : 'organization';
  if (LEXICON.organizationWords.has(lower) || ORGANIZATION_ONLY.has(lower)) return 'organization';
  return null;
}

interface Title {
  text: string;
  official: boolean;
  /** Index of the first title word in the words given. */
  from: number;
}

/** The title that ends `words`: modifiers and a head, read from the right ("Foreign Minister"). */
function titleOf(words: Word[]): Title | null {
  const lower = words.map((word) => word.lower);
  for (const phrase of TITLE_PHRASES) {
    const parts = phrase.split(' ');
    const from = lower.length - parts.length;
    if (from >= 0 && parts.every((part, i) => lower[from + i] === part)) {
      return { text: titleCase(phrase), official: true, from };
    }
  }
  let end = lower.length;
  while (end > 0 && lower[end - 1] === 'of') end--;
  if (end === 0 || !TITLE_HEADS.has(lower[end - 1])) return null;
  let from = end - 1;
  // A portfolio the ministries list knows is a modifier too ("Information Minister").
  const modifier = (word: string) =>
    TITLE_MODIFIERS.has(word) || TITLE_HEADS.has(word) || LEXICON.ministries[word] !== undefined;
  // "Vox party spokeswoman": "party" belongs to the name before it ("Vox party"), not to the title.
  const ownedByName = (i: number) =>
    LEXICON.organizationWords.has(lower[i]) && words[i - 1]?.capital && !modifier(lower[i - 1]);
  while (from > 0 && modifier(lower[from - 1]) && !ownedByName(from - 1)) from--;
  // "MP", "CEO" keep their capitals.
  const asWritten = words
    .slice(from, end)
    .map((word) => (/^[A-Z]{2,}$/.test(word.text) ? word.text : word.lower));
  return {
    text: titleCase(asWritten.join(' ')),
    official: OFFICIAL_TITLES.has(lower[end - 1]),
    from,
  };
}

/** "a ministry official", "an army spokesman": someone unnamed who speaks for that body. */
const UNNAMED_VOICES = new Set(['official', 'spokesman', 'spokeswoman', 'spokesperson', 'source']);

function parseSingle(input: Word[], initial: boolean): ActorDraft | null {
  const voice = unnamedVoiceOf(input);
  if (voice) return voice;
  let words = input;
  let definite = false;
  while (words.length && DETERMINERS.has(words[0].lower)) {
    definite = true;
    words = words.slice(1);
    initial = false;
  }
  if (words.length === 0) return null;
  let country: Country | undefined;
  let stateMarker = false;

  const possessive = words.findIndex((word) => POSSESSIVE.has(word.text));
  // "the country’s civil protection agency": a body of the country the article is about.
  if (possessive === 1 && definite && ['country', 'nation'].includes(words[0].lower)) {
    const body = words.slice(2).filter((word) => !isPunctuation(word));
    if (body.length > 0 && !body.some(capitalish)) {
      return { ...reference(body[body.length - 1].lower), description: spanText(body) };
    }
  }
  // "the hospital’s management", "the council’s spokesman": the body speaks through them.
  if (
    possessive === 1 &&
    definite &&
    !words[0].capital &&
    words[0].pos === 'NOUN' &&
    words.length === 3 &&
    BODY_VOICES.has(words[2].lower)
  )
    return reference(words[0].lower);
  if (possessive > 0) {
    const owner = spanText(words, 0, possessive);
    const owned = countryByName(owner) ?? findCountries(words.slice(0, possessive))[0]?.country;
    if (owned && findCountries(words.slice(0, possessive)).length) {
      country = owned;
      stateMarker = true;
      words = words.slice(possessive + 1);
      initial = false;
    } else if (!words[0].capital || (initial && possessive === 1 && !words[1]?.capital)) {
      // "the nurses’ union", "the farmers’ association": a plural noun before a body describes it.
      const owned = words.slice(possessive + 1).filter((word) => !isPunctuation(word));
      if (definite && possessive === 1 && words[0].pos === 'NOUN' && owned.length === 1 && orgWords(owned)) {
        const description = `${words[0].lower}${words[1].text} ${owned[0].lower}`;
        return { ...reference(owned[0].lower), description };
      }
      words = words.slice(possessive + 1);
      initial = false;
    } else if (!words[possessive + 1]?.capital) {
      // "Kipiani’s office": the owner is not the speaker's name.
      words = words.slice(possessive + 1);
    }
  }
  if (words.length === 0) return null;

  const whole = stripThe(spanText(words));
  const known = knownOrganization(whole);
  if (known)
    return {
      ...organization(known.name, known.kind, known.country, words, []),
      international: known.country === null,
    };

  // Country words leading the phrase describe it ("Russian", "US", "Kremlin spokesman").
  const mentions = findCountries(words);
  const leading = leadingCountries(mentions);
  if (leading.to === words.length && leading.mention) {
    return governmentOf(leading.mention.country, 'government', undefined);
  }
  // A leading seat or place stays in the words: "Vienna Institute", "Texas Governor Dale Brickman".
  const national = leading.mention !== undefined && ['name', 'demonym'].includes(leading.mention.kind);
  const skip = national ? leading.to : 0;
  if (leading.mention) {
    country ??= leading.mention.country;
    stateMarker ||= national;
  }

  let run = lastRun(words, skip, initial);
  // ("Madrid police": with no name after it, the seat only says whose police.)
  const generalFrom = leading.mention ? leading.to : skip;
  if (!run) return generic(words.slice(generalFrom), country, definite, initial && generalFrom === 0);
  // "Carmaker Volkner": a capitalised common noun describing the name after it.
  // ("the broadcaster Channel Nine": mid-sentence, the capital says "Channel" is part of the name.)
  if (
    run.to - run.from > 1 &&
    LEADING_DESCRIPTORS.has(words[run.from].lower) &&
    words[run.from + 1].capital &&
    run.from === 0 &&
    (initial || words[run.from].pos === 'NOUN')
  ) {
    run = { from: run.from + 1, to: run.to };
  }

  const runWords = words.slice(run.from, run.to);
  const before = words.slice(skip, run.from);
  const after = words.slice(run.to);
  const inRunTitle =
    titleInRun(runWords) ?? (initial && run.from === skip && skip === 0 ? initialRoleTitle(runWords) : null);
  if (inRunTitle) {
    // "army spokesman Colonel Adama Keïta": the role written before the name is the title, the rank goes.
    const rankOnly = inRunTitle.nameFrom === 1 && RANKS.has(runWords[0].lower);
    const role = rankOnly ? roleBefore(words.slice(skip, run.from), initial && skip === 0) : null;
    const named = person(spanText(runWords, inRunTitle.nameFrom), role ?? inRunTitle.title, country, [
      ...words.slice(skip, run.from),
      ...runWords.slice(0, inRunTitle.nameFrom),
    ]);
    return { ...named, proper: true };
  }
  let nameWords = runWords;
  while (nameWords.length > 1 && HONORIFICS.has(nameWords[0].lower)) nameWords = nameWords.slice(1);
  const honorific = nameWords !== runWords;
  const descriptor = [...before, ...after].filter((word) => !isPunctuation(word));
  const described = before.filter((word) => !isPunctuation(word));
  // "Ghana Cocoa Board": a country's name directly before a name is part of an institution's name.
  const countryNamed = leading.mention?.kind === 'name' && leading.to === run.from && described.length === 0;
  // "the consultancy AgriWatch Africa": a common noun that is no role classifies a body.
  const classified = described.length === 1 && isCommonNoun(described[0]) && !isRoleNoun(described[0]);
  const title = looksLikePerson(nameWords)
    ? roleBefore(described, initial && skip === 0)
    : titleOf(described);
  const candidate = spanText(nameWords);
  const personLike =
    looksLikePerson(nameWords) &&
    !orgWords(descriptor) &&
    !countryNamed &&
    !classified &&
    !knownOrganization(stripThe(candidate));
  if ((title || honorific || personLike) && !orgWords(nameWords)) {
    return { ...person(candidate, title, country, before), proper: true };
  }
  const tail = after.filter((word) => !isPunctuation(word));
  const keepTail =
    tail.length > 0 &&
    !DESCRIPTOR_TAILS.has(tail[tail.length - 1].lower) &&
    tail.every((word) => !word.capital);
  const knownRun = keepTail ? undefined : knownOrganization(stripThe(candidate));
  if (knownRun) {
    const draft = organization(
      knownRun.name,
      knownRun.kind,
      knownRun.country ?? country?.code ?? null,
      descriptor,
      [],
    );
    return { ...draft, proper: true, international: draft.country === null };
  }
  // "US Central Command", "Turkish Statistical Institute": the country word belongs to the name.
  const nameFrom = national && leading.to === run.from ? leading.mention!.from : run.from;
  const written = spanText(words, nameFrom, keepTail ? run.to + after.length : run.to);
  const inName = findCountries(nameWords)[0];
  const named = country ?? inName?.country;
  // "Uganda’s Ministry of Health" is written "Ministry of Health of Uganda", as a desk files it.
  const portfolio = /^(\S+) Ministry$/.exec(written)?.[1].toLowerCase();
  const topic = portfolio ? LEXICON.ministries[portfolio] : undefined;
  const name =
    !named || inName
      ? written
      : topic
        ? `Ministry of ${topic} of ${stripThe(named.name)}`
        : /^Ministry of /.test(written)
          ? `${written} of ${stripThe(named.name)}`
          : written;
  if (
    nameWords.length === 1 &&
    nameFrom === run.from &&
    !keepTail &&
    !descriptor.length &&
    /^\p{Lu}[\p{Ll}’'-]+$/u.test(nameWords[0].text)
  ) {
    // "Lavrov", "Volkner": a surname or a short name, resolved against earlier actors.
    const draft = organization(name, 'organization', named?.code ?? null, descriptor, nameWords);
    return { ...draft, reference: 'name', proper: true };
  }
  const state =
    stateMarker ||
    (inName !== undefined && inName.from === 0 && ['name', 'demonym'].includes(inName.kind)) ||
    nameWords.some((word) => STATE_WORDS.has(word.lower)) ||
    (stateBodyName(nameWords) && !international(words)) ||
    // "the state statistics agency CAPMAS": described as a state's body.
    descriptor.some((word) => STATE_MODIFIERS.has(word.lower));
  const kind = classify([...nameWords, ...descriptor], state);
  const draft = {
    ...organization(name, kind, named?.code ?? null, descriptor, nameWords),
    proper: true,
    international: !named && international(words),
  };
  return /^[A-Z]{2,6}$/.test(name) ? { ...draft, reference: 'acronym' } : draft;
}

function leadingCountries(mentions: CountryMention[]): { mention?: CountryMention; to: number } {
  let to = 0;
  let mention: CountryMention | undefined;
  for (const item of mentions) {
    if (item.from !== to) break;
    mention ??= item;
    to = item.to;
  }
  return { mention, to };
}

/** The last run of capitalised words (with "of", "for", "and" inside a name). */
function lastRun(words: Word[], from: number, initial: boolean): { from: number; to: number } | null {
  let best: { from: number; to: number } | null = null;
  let i = from;
  while (i < words.length) {
    if (!capitalish(words[i]) && !/^[A-Z0-9.&-]{2,}$/.test(words[i].text)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < words.length) {
      if (capitalish(words[i]) || POSSESSIVE.has(words[i].text)) {
        i++;
        continue;
      }
      if (LEXICON.nameConnectors.has(words[i].lower) && words[i + 1] && capitalish(words[i + 1])) {
        i += 2;
        continue;
      }
      // (Only a name with a list in it reaches here with a comma: "of Hydrology, Meteorology and …".)
      if (words[i].text === ',' && words[i + 1] && capitalish(words[i + 1])) {
        i += 2;
        continue;
      }
      break;
    }
    // "Health workers", "Scientists": capitalised only because the sentence starts there.
    const sentenceCommonWord =
      initial &&
      start === 0 &&
      i - start === 1 &&
      !TITLE_HEADS.has(words[0].lower) &&
      (i < words.length || LEXICON.groupNouns.has(words[0].lower) || words[0].pos === 'NOUN');
    if (!sentenceCommonWord) best = { from: start, to: i };
  }
  return best;
}

/** "Prime Minister Erik Lundqvist": a title inside the capitalised run, a name after it. */
function titleInRun(run: Word[]): { title: Title; nameFrom: number } | null {
  const lower = run.map((word) => word.lower);
  for (let end = run.length - 1; end >= 1; end--) {
    const prefix = run.slice(0, end);
    const title = titleOf(prefix);
    if (!title || title.from + title.text.split(' ').length !== end) continue;
    const name = run.slice(end).filter((word) => !HONORIFICS.has(word.lower));
    if (name.length >= 1 && name.length <= 4 && name.every(capitalish) && !orgWords(name)) {
      const skip = run.length - name.length;
      if (lower.slice(end, skip).every((word) => HONORIFICS.has(word))) return { title, nameFrom: skip };
    }
  }
  return null;
}

const isCommonNoun = (word: Word) => word.pos === 'NOUN' && !word.capital;

/** The title written before a person's name: one the lists know, else one the parts of speech show. */
function roleBefore(described: Word[], initial: boolean): Title | null {
  const words = described.filter((word) => !isPunctuation(word));
  return titleOf(words) ?? roleTitle(words, initial);
}

/**
 * A noun naming what a person does: agentive endings ("influencer", "activist", "candidate",
 * "lawmaker"), not the words that describe bodies ("broadcaster", "lender", "newspaper").
 */
function isRoleNoun(word: Word): boolean {
  return (
    word.pos === 'NOUN' &&
    /(?:er|or|ist|ant|ent|ian|ate|ee|eer|man|woman|person)$/.test(word.lower) &&
    !LEADING_DESCRIPTORS.has(word.lower) &&
    !DESCRIPTOR_TAILS.has(word.lower) &&
    !orgWords([word])
  );
}

/**
 * A title the lists do not know, from the parts of speech: the noun phrase directly before a
 * person's name when it ends in a role noun ("Chilean influencer", "Presidential candidate").
 */
function roleTitle(words: Word[], initial: boolean): Title | null {
  if (words.length === 0 || words.length > 3 || !isRoleNoun(words[words.length - 1])) return null;
  const modifiers = words.slice(0, -1);
  const plain = modifiers.every(
    (word, i) => (!word.capital || (initial && i === 0)) && ['NOUN', 'ADJ', 'PROPN'].includes(word.pos),
  );
  if (!plain || words[words.length - 1].capital) return null;
  return { text: titleCase(words.map((word) => word.lower).join(' ')), official: false, from: 0 };
}

function unnamedVoiceOf(words: Word[]): ActorDraft | null {
  if (words.length !== 3 || !['a', 'an'].includes(words[0].lower)) return null;
  const [, body, voice] = words;
  if (!UNNAMED_VOICES.has(voice.lower) || body.capital) return null;
  return LEXICON.governmentWords.has(body.lower) || LEXICON.organizationWords.has(body.lower)
    ? reference(body.lower)
    : null;
}

/** "Glaciologist Anna Keller" at the start of a sentence: the role is capitalised only by its place. */
function initialRoleTitle(run: Word[]): { title: Title; nameFrom: number } | null {
  const [first, ...name] = run;
  const asNoun = { ...first, pos: 'NOUN', capital: false, lower: first.lower };
  if (!isRoleNoun(asNoun) || !looksLikePerson(name)) return null;
  return { title: { text: titleCase(first.lower), official: false, from: 0 }, nameFrom: 1 };
}

/** "AgriWatch", "PayPal": a capital after a lower-case stem is a brand, not a personal name ("DeSantis" is). */
const BRAND = /\p{Lu}\p{Ll}{3,}\p{Lu}/u;

function looksLikePerson(words: Word[]): boolean {
  return (
    words.length >= 2 &&
    words.length <= 4 &&
    words.every((word) => capitalish(word) && !/^[A-Z]{2,}$/.test(word.text) && !BRAND.test(word.text)) &&
    findCountries(words).length === 0 &&
    !orgWords(words)
  );
}

function orgWords(words: Word[]): boolean {
  return words.some(
    (word) =>
      LEXICON.organizationWords.has(word.lower) ||
      LEXICON.governmentWords.has(word.lower) ||
      LEXICON.mediaWords.has(word.lower) ||
      LEXICON.groupWords.has(word.lower),
  );
}

function classify(words: Word[], state: boolean): ActorKind {
  const lower = words.map((word) => word.lower);
  if (lower.some((word) => LEXICON.mediaWords.has(word))) return 'media_outlet';
  if (lower.some((word) => ORGANIZATION_ONLY.has(word))) return 'organization';
  if (
    state &&
    lower.some(
      (word) =>
        LEXICON.governmentWords.has(word) ||
        STATE_BODY_HEADS.has(word) ||
        word === 'service' ||
        word === 'body',
    )
  )
    return 'government';
  if (lower.some((word) => LEXICON.groupWords.has(word))) return 'group';
  // "Arakan Army": an army that no state marks is an armed group's.
  if (!state && lower.includes('army')) return 'group';
  return 'organization';
}

function person(
  name: string,
  title: Title | null,
  country: Country | undefined,
  described: Word[],
): ActorDraft {
  // "UN Secretary-General", "EU foreign policy chief": an international office, no country of its own.
  const international = described.some((word) => {
    const known = knownOrganization(word.text);
    return known !== undefined && known.country === null;
  });
  return {
    name,
    kind: 'person',
    title: title?.text ?? null,
    country: country?.code ?? null,
    heads: [...described.map((word) => word.lower), ...fold(name).split(' ')],
    official: (title?.official ?? false) && !international,
  };
}

function organization(
  name: string,
  kind: ActorKind,
  country: string | null,
  descriptor: Word[],
  nameWords: Word[],
): ActorDraft {
  return {
    name,
    kind,
    title: null,
    country,
    heads: [...descriptor.map((word) => word.lower), ...nameWords.map((word) => word.lower)],
  };
}

/** No name: "Serbia’s state-controlled media", "Polish border guards", "the commission", "Health workers". */
function generic(
  words: Word[],
  country: Country | undefined,
  definite: boolean,
  initial: boolean,
): ActorDraft | null {
  const content = words.filter((word) => !isPunctuation(word));
  if (content.length === 0) return null;
  const lower = content.map((word) => word.lower);
  const last = lower[lower.length - 1];
  if (country) {
    // "Kenya’s health ministry", "Kenyan health officials": the portfolio's ministry.
    const ministry = lower.findIndex(
      (word, i) => word === 'ministry' || (PORTFOLIO_VOICES.has(word) && i === lower.length - 1),
    );
    if (ministry >= 0) {
      const topic = lower
        .slice(0, ministry)
        .map((word) => LEXICON.ministries[word])
        .find(Boolean);
      if (topic) {
        const name = `Ministry of ${topic} of ${stripThe(country.name)}`;
        return {
          name,
          kind: 'government',
          title: null,
          country: country.code,
          heads: [...lower, 'ministry'],
        };
      }
    }
    if (['government', 'authorities', 'officials', 'leaders', 'state', 'administration'].includes(last)) {
      return governmentOf(country, 'government', undefined);
    }
    const text = spanText(content);
    const name = `${demonymOf(country)} ${initial ? text[0].toLowerCase() + text.slice(1) : text}`;
    const kind: ActorKind = lower.some((word) => LEXICON.mediaWords.has(word))
      ? 'media_outlet'
      : lower.some((word) => LEXICON.governmentWords.has(word) || word === 'body')
        ? 'government'
        : LEXICON.groupNouns.has(last)
          ? 'group'
          : 'organization';
    return { name, kind, title: null, country: country.code, heads: lower };
  }
  if (definite && content.length <= 2)
    return { ...reference(last), description: content.length > 1 ? spanText(content) : undefined };
  // "local officials said": officials described, the article's country's (a lone "officials" stays vague).
  if (['officials', 'authorities'].includes(last) && content.length === 2 && content[0].pos === 'ADJ')
    return { ...reference(last), description: spanText(content) };
  // "police said": a bare state institution, as definite as "the police".
  if (content.length === 1 && BARE_INSTITUTIONS.has(last)) return reference(last);
  if (LEXICON.groupNouns.has(last) && !LEXICON.collectiveHeads.has(last)) {
    const text = spanText(content);
    return {
      name: text[0].toUpperCase() + text.slice(1),
      kind: 'group',
      title: null,
      country: null,
      heads: lower,
    };
  }
  if (definite) return reference(last);
  return null;
}
