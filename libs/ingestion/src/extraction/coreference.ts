import type { ActorDraft } from './actor-phrase';
import { COUNTRIES, demonymOf, fold, LEXICON, TITLE_HEADS } from './gazetteer';
import type { ActorKind } from './types';

/**
 * The actors of one article, so that "Lavrov", "the agency", "the RSF" or "he" in a later
 * sentence is the actor named earlier, and an official or a government without a stated country
 * takes the article's.
 */

export interface DocActor {
  name: string;
  kind: ActorKind;
  title: string | null;
  country: string | null;
  heads: Set<string>;
}

const OFFICIALS = new Set(['officials', 'authorities']);

/** Heads that only a state body has ("the agency" may be a charity's, "the ministry" may not). */
const STATE_ONLY_HEADS = new Set(['ministry', 'ministries', 'embassy', 'embassies', 'cabinet', 'presidency']);
const STATE_INSTITUTIONS = new Set(['army', 'military', 'police', 'navy', 'parliament', 'customs']);
const PERSON_PRONOUNS = new Set(['he', 'she', 'who']);
const THING_PRONOUNS = new Set(['it', 'which']);

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter((word) => /^\p{Lu}/u.test(word) && !LEXICON.nameConnectors.has(word.toLowerCase()))
    .map((word) => word[0])
    .join('');

export class ActorRegistry {
  private readonly actors: DocActor[] = [];

  constructor(
    private readonly country: string | null,
    /** Capitalised names anywhere in the article, to expand acronyms ("RSF"). */
    private readonly names: string[],
  ) {}

  resolve(draft: ActorDraft): DocActor | null {
    if (draft.vague) return null;
    const reference = draft.reference;
    if (
      reference &&
      (PERSON_PRONOUNS.has(reference) || THING_PRONOUNS.has(reference) || reference === 'they')
    ) {
      return this.latest((actor) =>
        PERSON_PRONOUNS.has(reference)
          ? actor.kind === 'person'
          : THING_PRONOUNS.has(reference)
            ? actor.kind !== 'person'
            : true,
      );
    }
    if (reference === 'name') {
      const key = fold(draft.name);
      const known =
        this.find(draft.name) ??
        this.latest((actor) => actor.kind === 'person' && fold(actor.name).split(' ').pop() === key);
      if (known) return known;
      return this.add({ ...draft, reference: undefined });
    }
    if (reference === 'acronym') {
      const known = this.find(draft.name) ?? this.latest((actor) => initials(actor.name) === draft.name);
      if (known) return known;
      const expansion = this.names.find(
        (name) => initials(name) === draft.name && name.split(/\s+/).length > 1,
      );
      if (expansion)
        return this.add({
          ...draft,
          name: expansion,
          kind: kindOfName(expansion, draft.kind),
          reference: undefined,
        });
      return this.add({ ...draft, reference: undefined });
    }
    if (reference && draft.description) return this.described(reference, draft);
    if (reference) return this.definite(reference);
    return this.find(draft.name) ?? this.add(draft);
  }

  /**
   * "the statistics office", "the governing party": an actor named with all of those words, or
   * a state body of the article's country; never just the latest office of any kind.
   */
  private described(head: string, draft: ActorDraft): DocActor | null {
    const words = fold(draft.description!).split(' ');
    const known = this.latest((actor) => words.every((word) => actor.heads.has(word)));
    if (known) return known;
    if (STATE_INSTITUTIONS.has(head) || TITLE_HEADS.has(head)) return this.definite(head);
    // "local officials", "provincial authorities": the article's country's.
    const state =
      (LEXICON.governmentWords.has(head) && !LEXICON.organizationWords.has(head)) || OFFICIALS.has(head);
    const country = state ? COUNTRIES.find((item) => item.code === this.country) : undefined;
    const description = draft.description!;
    return this.add({
      name: country
        ? `${demonymOf(country)} ${description}`
        : description[0].toUpperCase() + description.slice(1),
      kind: state ? 'government' : 'organization',
      title: null,
      country: country?.code ?? null,
      heads: words,
    });
  }

  /**
   * Actors named outside a speaker's place ("accused the governing party of …"), so that a
   * later "the party" finds them; a description nothing refers back to is recorded as written.
   */
  introduce(drafts: ActorDraft[]): void {
    for (const draft of drafts) {
      if (draft.vague || (draft.reference && !draft.description)) continue;
      if (this.resolve(draft)) continue;
      this.add({ ...draft, name: draft.description ?? draft.name, reference: undefined });
    }
  }

  /** "the commission", "the agency", "the governor", "the government". */
  private definite(head: string): DocActor | null {
    // "Arief Wibowo, a spokesman for the ministry" is not "the ministry"; "the minister" may be him.
    const byHead = this.latest(
      (actor) => actor.heads.has(head) && (actor.kind !== 'person' || TITLE_HEADS.has(head)),
    );
    if (byHead) return byHead;
    if (TITLE_HEADS.has(head)) return this.latest((actor) => actor.kind === 'person');
    if (head === 'government' && this.country) {
      const country = COUNTRIES.find((item) => item.code === this.country)!;
      return this.add({
        name: `Government of ${country.name}`,
        kind: 'government',
        title: null,
        country: country.code,
        heads: ['government'],
      });
    }
    // "the ministry" is a government body: never a charity named before it; after "Health Minister
    // Budi Hartono" it is his ministry.
    if (STATE_ONLY_HEADS.has(head)) {
      return this.latest((actor) => actor.kind === 'government') ?? this.portfolioOf(head);
    }
    // "the army", "police said", "the opposition": the article's country's, when nothing named before fits.
    if ((STATE_INSTITUTIONS.has(head) || head === 'opposition') && this.country) {
      const country = COUNTRIES.find((item) => item.code === this.country)!;
      return this.add({
        name: `${demonymOf(country)} ${head}`,
        kind: head === 'opposition' ? 'organization' : 'government',
        title: null,
        country: country.code,
        heads: [head],
      });
    }
    if (LEXICON.organizationWords.has(head) || LEXICON.governmentWords.has(head)) {
      return (
        this.latest((actor) => actor.kind === 'organization') ??
        this.latest((actor) => actor.kind !== 'person' && actor.kind !== 'media_outlet')
      );
    }
    if (LEXICON.mediaWords.has(head)) return this.latest((actor) => actor.kind === 'media_outlet');
    return null;
  }

  /** The ministry of the latest minister whose title names a portfolio ("Health Minister"). */
  private portfolioOf(head: string): DocActor | null {
    if (!head.startsWith('ministr')) return null;
    for (let i = this.actors.length - 1; i >= 0; i--) {
      const { title, country: code } = this.actors[i];
      const words = title?.toLowerCase().split(/\s+/) ?? [];
      const topic = words.includes('minister')
        ? words.map((word) => LEXICON.ministries[word]).find(Boolean)
        : undefined;
      const country = COUNTRIES.find((item) => item.code === (code ?? this.country));
      if (!topic || !country) continue;
      const name = `Ministry of ${topic} of ${country.name.replace(/^the\s+/i, '')}`;
      return (
        this.find(name) ??
        this.add({ name, kind: 'government', title: null, country: country.code, heads: ['ministry'] })
      );
    }
    return null;
  }

  private find(name: string): DocActor | undefined {
    const key = fold(name);
    return this.actors.find((actor) => fold(actor.name) === key);
  }

  private latest(test: (actor: DocActor) => boolean): DocActor | null {
    for (let i = this.actors.length - 1; i >= 0; i--) if (test(this.actors[i])) return this.actors[i];
    return null;
  }

  private add(draft: ActorDraft): DocActor {
    const official = draft.kind === 'person' && draft.official === true;
    // A body named without a country is the article's country's, unless it is a world body.
    // (A named armed group, "Arakan Army", is the article's country's too; "social media users" are no one's.)
    const body =
      draft.kind === 'organization' ||
      draft.kind === 'media_outlet' ||
      (draft.kind === 'group' && draft.proper === true);
    const assumed = official || draft.kind === 'government' || (body && !draft.international);
    const country = draft.country ?? (assumed ? this.country : null);
    const actor: DocActor = {
      name: draft.name,
      kind: draft.kind,
      title: draft.title,
      country,
      heads: new Set([...draft.heads, ...fold(draft.name).split(' ')]),
    };
    this.actors.push(actor);
    return actor;
  }
}

export function kindOfName(name: string, fallback: ActorKind): ActorKind {
  const words = name.toLowerCase().split(/\s+/);
  if (words.some((word) => LEXICON.mediaWords.has(word))) return 'media_outlet';
  if (words.some((word) => LEXICON.groupWords.has(word))) return 'group';
  return fallback;
}
