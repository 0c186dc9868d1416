import countriesData from './data/countries.json';
import lexiconData from './data/lexicon.json';
import organizationsData from './data/organizations.json';
import placesData from './data/places.json';
import titlesData from './data/titles.json';
import verbsData from './data/reporting-verbs.json';
import type { ActorKind, StanceType } from './types';

/** The word lists and names the rules read, from the data files beside this module. */

export interface Country {
  code: string;
  /** As it follows "Government of": "the United States", "Albania". */
  name: string;
  demonyms: string[];
  seats: string[];
  aliases?: string[];
}

export interface KnownOrganization {
  name: string;
  aliases: string[];
  kind: ActorKind;
  country: string | null;
}

export interface ReportingVerb {
  stance: StanceType;
  hedge?: boolean;
  /** pointer-only: a report only when its object points back ("ran the allegation"). */
  frame?: 'accuse' | 'passive-only' | 'complement' | 'pointer-only';
  /** The word that must follow for the verb to report: a particle ("picked up by", not "picked
   * by") or a complementiser ("images show that", not "showed reporters the wreckage"). */
  particle?: string;
}

// Most lookups are plain ASCII, which has no accents to strip.
const ASCII = /^[\x20-\x7e]*$/;
export const fold = (value: string): string =>
  (ASCII.test(value) ? value : value.normalize('NFD').replace(/\p{M}/gu, ''))
    .replace(/[’']/g, "'")
    .toLowerCase()
    .replace(/^the\s+/, '')
    .trim();

export const COUNTRIES = countriesData as Country[];
const byName = new Map<string, Country>();
const byDemonym = new Map<string, Country>();
const bySeat = new Map<string, Country>();
const byPlace = new Map<string, Country>();
for (const country of COUNTRIES) {
  for (const name of [country.name, ...(country.aliases ?? [])]) byName.set(fold(name), country);
  for (const demonym of country.demonyms) byDemonym.set(fold(demonym), country);
  for (const seat of country.seats) bySeat.set(fold(seat), country);
}
const byCode = new Map(COUNTRIES.map((country) => [country.code, country]));
export const countryByCode = (code: string | null) => (code ? byCode.get(code) : undefined);
for (const [code, places] of Object.entries(placesData)) {
  const country = byCode.get(code);
  if (country && Array.isArray(places)) for (const place of places) byPlace.set(fold(place), country);
}

export const countryByName = (value: string) => byName.get(fold(value));
export const countryByDemonym = (value: string) => byDemonym.get(fold(value));
/** Capitals and seats of power that stand for a government ("Moscow", "the Kremlin"). */
export const countryBySeat = (value: string) => bySeat.get(fold(value));
export const countryByPlace = (value: string) => byPlace.get(fold(value));
/** Any mention that ties a word to a country: its name, demonym, seat or a place in it. */
export const countryOf = (value: string) =>
  countryByName(value) ?? countryByDemonym(value) ?? countryBySeat(value) ?? countryByPlace(value);
/** The country `value` names and how (name, demonym, seat or place, in that order), folded once. */
export function countryForm(
  value: string,
): { kind: 'name' | 'demonym' | 'seat' | 'place'; country: Country } | undefined {
  const key = fold(value);
  const country = byName.get(key);
  if (country) return { kind: 'name', country };
  const demonym = byDemonym.get(key);
  if (demonym) return { kind: 'demonym', country: demonym };
  const seat = bySeat.get(key);
  if (seat) return { kind: 'seat', country: seat };
  const place = byPlace.get(key);
  return place ? { kind: 'place', country: place } : undefined;
}
/** The country name as a demonym would read ("Serbia" → "Serbian"). */
export const demonymOf = (country: Country) => country.demonyms[0] ?? country.name;
export const stripThe = (name: string) => name.replace(/^the\s+/i, '');

const organizations = organizationsData as KnownOrganization[];
const byOrganization = new Map<string, KnownOrganization>();
for (const organization of organizations) {
  for (const name of [organization.name, ...organization.aliases])
    byOrganization.set(fold(name), organization);
}
export const knownOrganization = (value: string) => byOrganization.get(fold(value));
/** First words (lower case) of the world bodies' names, to look a name up only where one may start. */
export const WORLD_BODY_FIRST_WORDS = new Set(
  organizations
    .filter((organization) => organization.country === null)
    .flatMap((organization) => [organization.name, ...organization.aliases])
    .map((name) => name.split(/\s+/)[0].toLowerCase()),
);

export const RANKS = new Set(titlesData.ranks);
/** A rank alone before a name is its title ("Colonel Adama Keïta"). */
export const TITLE_HEADS = new Set([...titlesData.heads, ...titlesData.ranks]);
export const TITLE_MODIFIERS = new Set(titlesData.modifiers);
export const TITLE_PHRASES = titlesData.phrases;
export const HONORIFICS = new Set(titlesData.honorifics);
export const OFFICIAL_TITLES = new Set(titlesData.official);

export const REPORTING_VERBS = verbsData as unknown as Record<string, ReportingVerb>;

const set = (values: string[]) => new Set(values);
export const LEXICON = {
  pointerNouns: set(lexiconData.pointerNouns),
  pointerDeterminers: set(lexiconData.pointerDeterminers),
  rejectingWords: set(lexiconData.rejectingWords),
  supportingWords: set(lexiconData.supportingWords),
  noEvidence: lexiconData.noEvidence,
  hedges: set(lexiconData.hedges),
  futureWords: lexiconData.futureWords,
  opinionWords: lexiconData.opinionWords,
  firstPerson: set(lexiconData.firstPerson),
  proceduralVerbs: set(lexiconData.proceduralVerbs),
  proceduralNouns: set(lexiconData.proceduralNouns),
  causalWords: lexiconData.causalWords,
  vagueSpeakers: set(lexiconData.vagueSpeakers),
  groupNouns: set(lexiconData.groupNouns),
  mediaWords: set(lexiconData.mediaWords),
  governmentWords: set(lexiconData.governmentWords),
  organizationWords: set(lexiconData.organizationWords),
  groupWords: set(lexiconData.groupWords),
  speakerDescriptors: set(lexiconData.speakerDescriptors),
  collectiveHeads: set(lexiconData.collectiveHeads),
  nameConnectors: set(lexiconData.nameConnectors),
  ministries: lexiconData.ministries as Record<string, string>,
  timeWords: set(lexiconData.timeWords),
};
