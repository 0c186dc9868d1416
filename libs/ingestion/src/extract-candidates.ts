import { international, memberBody, parseActorPhrase, worldBodyAt } from './extraction/actor-phrase';
import { Attribution, findAttributions } from './extraction/attribution';
import { canonicalText } from './extraction/canonical-text';
import { MIN_WORDS, scoreClaim } from './extraction/checkworthiness';
import { ActorRegistry, DocActor } from './extraction/coreference';
import { analyse, AnalysedSentence, Word } from './extraction/nlp';
import { countryByCode, fold, LEXICON, REPORTING_VERBS } from './extraction/gazetteer';
import { findCountries } from './extraction/places';
import type {
  CheckworthinessFeatures,
  ExtractedCandidate,
  Mention,
  MentionRole,
  ProposedActor,
  StanceType,
} from './extraction/types';

export type {
  ActorKind,
  CheckworthinessFeatures,
  ExtractedCandidate,
  Mention,
  MentionRole,
  ProposedActor,
  StanceType,
} from './extraction/types';

/**
 * Claims in an article, with who made, repeated, supported or rejected each. Pure: text in,
 * candidates out, no I/O. Sentences and parts of speech come from wink-nlp's English model;
 * the rules on top (attribution, actors, stance, coreference, check-worthiness) are in
 * ./extraction, their word lists in ./extraction/data.
 */

/** Candidates below this score are not proposed; the dashboard shows everything it receives. */
export const CHECKWORTHINESS_THRESHOLD = 0.5;
export const MAX_CANDIDATES = 50;
/** Longer "sentences" are tables or run-on markup, not statements, and would not fit a claim's text. */
export const MAX_SENTENCE_LENGTH = 2000;
const SAME_CLAIM = 0.6;

interface ClaimActor {
  actor: DocActor;
  stance: StanceType;
  quote: string;
  sentence: number;
}

interface ClaimDraft {
  text: string;
  content: Word[];
  stated: AnalysedSentence;
  mentions: Map<number, Mention>;
  actors: ClaimActor[];
  keywords: Set<string>;
  /** An unattributed statement, a claim only if a later sentence attributes it. */
  pending: boolean;
  elaboration: boolean;
  hedged: boolean;
  vagueSpeaker: boolean;
  reportingVerb: string | null;
  rejectionVerb: string | null;
  /** Put forward against an earlier claim ("claimed the ice sheet had in fact grown"). */
  counter?: boolean;
  /** The claim whose figure this one's figure competes with. */
  rivalOf?: ClaimDraft;
}

const ROLE: Record<StanceType, MentionRole> = {
  asserted: 'attributes',
  repeated: 'repeats',
  supported: 'supports',
  rejected: 'rejects',
};
const STOPWORDS = new Set(
  'the a an of in on at to for from by and or that this these those with was were is are had has have been be its their his her it as into than more over about after since'.split(
    ' ',
  ),
);
const NEGATIVE = new Set(['no', 'not', "n't", 'never', 'none', 'nobody', 'nothing', 'no-one']);
const DURATIONS = /^(?:years?|months?|weeks?|days?|hours?|decades?)$/;
/**
 * A verb, or a number that is a figure: "twice in the past two years" or "in 2022" only dates a
 * thing named ("declared a state of emergency twice in the past two years" has no proposition).
 */
const verbOrFigure = (word: Word, i: number, words: Word[]) =>
  word.pos === 'VERB' ||
  word.pos === 'AUX' ||
  (word.pos === 'NUM' && !/^(?:1[89]|20)\d\d$/.test(word.text) && !DURATIONS.test(words[i + 1]?.lower ?? ''));
const NUMERIC_POINTERS = new Set([
  'rise',
  'drop',
  'increase',
  'decrease',
  'surge',
  'spike',
  'figure',
  'figures',
  'number',
  'numbers',
  'toll',
  'count',
  'estimate',
  'estimates',
  'statistics',
  'tally',
]);
const FIRST_PERSON_SUBJECTS = new Set(['i', 'we', 'our', 'my']);
const ANAPHORIC_SUBJECTS = new Set(['they', 'it', 'he', 'she', 'this', 'their', 'its']);
const GENERAL_DENIAL = new Set(['any', 'anyone', 'anybody', 'anything', 'ever', 'no', 'never', 'none']);
const UNIVERSAL = new Set(['every', 'all', 'always', 'fully', 'each']);
const CLAIM_PRONOUNS = new Set(['it', 'this', 'that']);
/** What a claim rests on: "the study was funded by the company" is about the claim, not a fact of its own. */
const SOURCE_POINTERS = new Set([
  'study',
  'report',
  'survey',
  'poll',
  'claim',
  'claims',
  'allegation',
  'figure',
  'figures',
]);
const CONTRASTIVE = new Set(['real', 'actual', 'true', 'correct', 'genuine']);

/** The check-worthy claims of `text`, best first (ties in reading order), at most MAX_CANDIDATES. */
export function extractCandidates(text: string): ExtractedCandidate[] {
  return extractClaims(text)
    .filter((candidate) => candidate.checkworthiness >= CHECKWORTHINESS_THRESHOLD)
    .slice(0, MAX_CANDIDATES);
}

/** Every claim found, scored, best first, whatever its score. */
export function extractClaims(text: string): ExtractedCandidate[] {
  const sentences = analyse(text).filter((sentence) => sentence.text.length <= MAX_SENTENCE_LENGTH);
  const attributed = sentences.map((sentence) => findAttributions(sentence.words));
  const registry = new ActorRegistry(articleCountry(sentences, attributed), properNames(sentences));
  const claims: ClaimDraft[] = [];

  sentences.forEach((sentence, position) => {
    // "made by the local firm Sehat Farma": a body the article has classified, whoever speaks next.
    if (position > 0) registry.introduce(classifiedBodies(sentences[position - 1].words));
    extractFrom(sentence);
  });
  function extractFrom(sentence: AnalysedSentence): void {
    const attributions = attributed[sentence.index];
    if (attributions.length === 0) {
      const content = sentence.words.filter(
        (word, i, all) => !(i === all.length - 1 && /^[.!]$/.test(word.text)),
      );
      const negated = content.some((word) => word.negated || NEGATIVE.has(word.lower));
      // "The claim was picked up by TASS": about an earlier claim, never a claim of its own.
      const aboutEarlier = pointsBack(content);
      if (!sentence.text.trim().endsWith('?') && !negated && !aboutEarlier && content.length >= MIN_WORDS) {
        const statement = draft(canonicalText(content), content, sentence, null, true);
        statement.mentions.set(sentence.index, {
          start: sentence.start,
          end: sentence.end,
          sentence: sentence.text,
          role: 'states',
        });
        claims.push(statement);
      }
      return;
    }
    let speakers: DocActor[] = [];
    // The claim this sentence's speaker just rejected: what they add after it explains the rejection.
    let rejecting: ClaimDraft | null = null;
    for (const attribution of attributions) {
      const actors = attribution.inherits ? speakers : resolve(registry, attribution);
      if (!attribution.inherits) firmsByPronoun(actors, sentence.words.slice(attribution.from));
      if (!attribution.inherits) {
        speakers = actors;
        rejecting = null;
      }
      // Whoever is accused is an actor of the article: "the party" may answer later.
      if (attribution.accused) registry.introduce(parseActorPhrase(attribution.accused.object, false));
      if (attribution.inherits && rejecting) {
        attach(rejecting, sentence, actors, 'rejected', attribution.verb, 'rejects');
        // "rejected the account and said the boat had entered Chinese waters": a fact of the
        // rebutter's own is a claim they make; "saying it was false" only restates the denial.
        if (ownFact(attribution.content) && !aboutClaimant(attribution.content, rejecting)) {
          const rival = counter(claims, sentence, actors, attribution);
          // ("disputed the figure and put the number of dead at 140": a rival figure.)
          if (rival && attribution.content.some((word) => word.pos === 'NUM')) rival.rivalOf = rejecting;
        }
        continue;
      }
      const vague =
        !attribution.inherits &&
        attribution.speaker.length > 0 &&
        actors.length === 0 &&
        parseActorPhrase(attribution.speaker, attribution.speakerInitial).some((item) => item.vague);
      if (attribution.content === null) {
        const target = referent(
          claims,
          sentence.index,
          sentence.words.slice(attribution.from, attribution.to),
        );
        if (target) {
          attach(target, sentence, actors, attribution.stance, attribution.verb, ROLE[attribution.stance]);
          if (attribution.stance === 'rejected') rejecting = target;
        }
        continue;
      }
      const latest = referent(claims, sentence.index);
      const content = attribution.content;
      const contradicted = [...claims]
        .reverse()
        .find((claim) => claim.stated.index < sentence.index && contradicts(content, claim));
      if (contradicted) {
        attach(contradicted, sentence, actors, 'rejected', attribution.verb, 'rejects');
        rejecting = contradicted;
        continue;
      }
      // "claimed the real toll was more than twice as high": a figure of their own against it;
      // "claimed the ice sheet had in fact grown": another version of the claim it takes up.
      const corrected =
        actors.length === 0
          ? undefined
          : latest && counterClaim(content)
            ? latest
            : [...claims]
                .reverse()
                .find(
                  (claim) =>
                    claim.stated.index < sentence.index &&
                    (correction(content, claim) || rivalFigure(attribution, claim, actors)),
                );
      if (corrected) {
        attach(corrected, sentence, actors, 'rejected', attribution.verb, 'rejects');
        const rival = counter(claims, sentence, actors, attribution);
        // Of two figures for one count, whoever rejects the second backs the first.
        if (rival && content.some((word) => word.pos === 'NUM')) rival.rivalOf = corrected;
        rejecting = corrected;
        continue;
      }
      // (The denial answers the latest claim whose words it takes up, not only the latest claim.)
      const paraphrased =
        latest && deniedParaphrase(attribution, latest)
          ? latest
          : [...claims]
              .reverse()
              .find((claim) => claim.stated.index < sentence.index && deniedParaphrase(attribution, claim));
      if (paraphrased) {
        attach(paraphrased, sentence, actors, 'rejected', attribution.verb, 'rejects');
        rejecting = paraphrased;
        continue;
      }
      const claimText = canonicalText(attribution.content, {
        accused: attribution.accused,
        owner: ownerOf(actors),
        person: actors.length === 1 && actors[0].kind === 'person' ? actors[0].name : undefined,
      });
      const keywords = keywordsOf(claimText);
      const same = claims.find((claim) => similarity(keywords, claim.keywords) >= SAME_CLAIM);
      if (same) {
        attach(same, sentence, actors, attribution.stance, attribution.verb, 'states');
        continue;
      }
      // "state television broadcast footage of the site": a thing shown, no proposition. (The
      // tagger misses verbs now and then, "teenagers vapes daily"; a figure keeps the clause.)
      const object = directObject(sentence, attribution);
      if (object && (!attribution.content.some(verbOrFigure) || naming(object))) continue;
      // "“This is a dangerous step,” the minister said": a comment on what was reported, no claim.
      if (evaluativeComment(attribution.content)) continue;
      // (A charge, "accused the ministry of hiding deaths", is a clause whatever the tagger says.)
      if (!attribution.accused && fragment(attribution.content)) continue;
      const backed = ownClaimBacked(claims, actors, attribution);
      if (backed) {
        attach(backed, sentence, actors, 'asserted', attribution.verb, 'supports');
        continue;
      }
      const claim = draft(claimText, attribution.content, sentence, attribution, false);
      claim.vagueSpeaker = vague;
      // Detail given by someone who rejects or answers a claim explains the stance more often than it makes a claim.
      claim.elaboration = attribution.elaboration || actors.some((actor) => rejectedBefore(claims, actor));
      claims.push(claim);
      attach(claim, sentence, actors, attribution.stance, attribution.verb, 'states');
    }
  }

  return claims
    .filter((claim) => !claim.pending || claim.actors.length > 0)
    .map(toCandidate)
    .sort((a, b) => b.checkworthiness - a.checkworthiness || a.start - b.start);
}

/**
 * What a rebutter puts forward against a claim, as a claim of its own they assert: a clause with a
 * verb that is no denial ("no evidence", "had not", "any") and no verdict on the claim ("was false").
 */
function ownFact(content: Word[] | null): content is Word[] {
  if (
    !content ||
    content.length < MIN_WORDS ||
    !content.some((word) => word.pos === 'VERB' || word.pos === 'NUM')
  )
    return false;
  // (Not `negated`: the tagger carries a negation on past "and that …" into the next clause.)
  if (content.some((word) => NEGATIVE.has(word.lower) || GENERAL_DENIAL.has(word.lower))) return false;
  // "its products had passed every inspection": a blanket assurance restates the denial.
  if (content.some((word) => UNIVERSAL.has(word.lower)) && !content.some((word) => word.pos === 'NUM'))
    return false;
  // "saying it was based on a survey of four hospitals": about the claim itself, the rejection's reason.
  // ("noting that the study was funded by the company": about the claim's source, likewise.)
  const aboutSource =
    LEXICON.pointerDeterminers.has(content[0].lower) && SOURCE_POINTERS.has(content[1]?.lower ?? '');
  if ((CLAIM_PRONOUNS.has(content[0].lower) && !speakersAct(content)) || aboutSource) return false;
  return !content.some((word) => LEXICON.rejectingWords.has(word.lower));
}

/**
 * "dismissed the rival figure, saying the office had checked its count": a reason about the work of
 * whoever asserted the claim the rejected one answers ("the office" named before) defends that
 * claim; it is no fact of the rebutter's own.
 */
function aboutClaimant(content: Word[], rejected: ClaimDraft): boolean {
  if (content[0]?.lower !== 'the') return false;
  let end = 1;
  while (end < content.length && ['NOUN', 'ADJ', 'PROPN'].includes(content[end].pos)) end++;
  const head = content[end - 1];
  if (end === 1 || !['NOUN', 'PROPN'].includes(head.pos)) return false;
  const answered = rejected.rivalOf ? [rejected.rivalOf] : [];
  return answered.some((claim) =>
    claim.actors.some((item) => item.stance === 'asserted' && item.actor.heads.has(fold(head.text))),
  );
}

/**
 * "said it had removed 412,000 deceased voters": "it" doing something is the speaker acting; "it
 * was based on …", "it had been exaggerated" are about the claim.
 */
function speakersAct(content: Word[]): boolean {
  const [subject, auxiliary, verb] = content;
  return (
    subject.lower === 'it' &&
    ['has', 'had', 'have'].includes(auxiliary?.lower ?? '') &&
    verb?.pos === 'VERB' &&
    verb.lower !== 'been'
  );
}

function counter(
  claims: ClaimDraft[],
  sentence: AnalysedSentence,
  actors: DocActor[],
  attribution: Attribution,
): ClaimDraft | null {
  if (!attribution.content || actors.length === 0) return null;
  const text = canonicalText(attribution.content, { owner: ownerOf(actors) });
  const claim = draft(text, attribution.content, sentence, attribution, false);
  claim.counter = true;
  claims.push(claim);
  attach(claim, sentence, actors, 'asserted', attribution.verb, 'states');
  return claim;
}

const PERSONAL_PRONOUNS = new Set(['its', 'it', 'his', 'her', 'he', 'she', 'their', 'they']);

/**
 * "Siam Golden Poultry refuted the findings, saying its products …": a name read as a person's
 * whose speech says "its" (before any other pronoun) is a firm's.
 */
function firmsByPronoun(actors: DocActor[], words: Word[]): void {
  const [actor] = actors;
  if (actors.length !== 1 || actor.kind !== 'person' || actor.title || actor.name.split(' ').length < 2)
    return;
  const pronoun = words.find((word) => PERSONAL_PRONOUNS.has(word.lower));
  if (pronoun?.lower === 'its') actor.kind = 'organization';
}

const DANGLING = new Set(['AUX', 'ADP', 'CCONJ', 'SCONJ', 'PART']);

/**
 * "The allegation has since", "a state of emergency twice": a piece of a clause, no proposition —
 * nothing finite in it, or it breaks off after an auxiliary or a preposition.
 */
function fragment(content: Word[]): boolean {
  const words = content.filter((word) => /[\p{L}\p{N}]/u.test(word.text));
  const last = words[words.length - 1];
  if (!last || DANGLING.has(last.pos) || ['the', 'a', 'an'].includes(last.lower)) return true;
  // "… is consistent with satellite data": the second half of a split quote has no subject.
  if (['AUX', 'VERB'].includes(words[0].pos) && !words[0].capital && !/ing$/.test(words[0].lower))
    return true;
  return !words.some(verbOrFigure);
}

/** Whose "its …" the speaker's words mean: a body's, never a person's or a group's. */
function ownerOf(actors: DocActor[]): string | undefined {
  const [first] = actors;
  return first && first.kind !== 'person' && first.kind !== 'group' ? ownerName(first) : undefined;
}

/** Common nouns that classify the name after them as a body's ("the firm X", "the website Y"). */
const BODY_CLASSIFIERS = new Set([
  'firm',
  'company',
  'group',
  'website',
  'channel',
  'broadcaster',
  'newspaper',
  'tabloid',
  'daily',
  'charity',
  'consultancy',
  'carmaker',
  'manufacturer',
  'lender',
  'insurer',
  'outlet',
  'exporter',
  'importer',
  'supplier',
  'operator',
  'distributor',
  'blog',
]);

/** Institutions a capitalised name ends with ("Kenema Government Hospital"), which "the hospital" may mean later. */
const INSTITUTIONS = new Set(['hospital', 'clinic', 'university', 'college', 'school', 'prison']);

/**
 * "the local firm Sehat Farma", "the website Prairie Sentinel", "nurses at Kenema Government
 * Hospital": bodies named in a sentence.
 */
function classifiedBodies(words: Word[]): ReturnType<typeof parseActorPhrase> {
  const found: ReturnType<typeof parseActorPhrase> = [];
  for (let i = 1; i < words.length; i++) {
    if (!INSTITUTIONS.has(words[i].lower) || !words[i].capital || words[i + 1]?.capital) continue;
    let from = i;
    while (from > 0 && words[from - 1].capital) from--;
    if (from < i)
      found.push(
        ...parseActorPhrase(words.slice(from, i + 1), false).filter((draft) => draft.kind !== 'person'),
      );
  }
  for (let i = 1; i < words.length - 1; i++) {
    if (!BODY_CLASSIFIERS.has(words[i].lower) || words[i].capital || !words[i + 1].capital) continue;
    let end = i + 1;
    while (end < words.length && words[end].capital) end++;
    // ("the Thai exporter Siam Golden Poultry": the demonym before the trade tells the country.)
    const from = i > 0 && findCountries([words[i - 1]]).length > 0 ? i - 1 : i;
    found.push(...parseActorPhrase(words.slice(from, end), false).filter((draft) => draft.kind !== 'person'));
  }
  return found;
}

/** "its drones" said by a state body are the state's: "Turkey’s drones", not "Ministry of Defence of Turkey’s". */
function ownerName(actor: DocActor): string {
  const country =
    actor.kind === 'government' && / of /.test(actor.name) ? countryByCode(actor.country) : undefined;
  return country ? country.name.replace(/^the\s+/i, '') : actor.name;
}

/**
 * The reporting verb when the content is its object ("broadcast footage"), not a clause
 * ("claims that …"); null otherwise.
 */
function directObject(sentence: AnalysedSentence, attribution: Attribution): Word | null {
  const first = attribution.content?.[0];
  const at = first ? sentence.words.indexOf(first) : -1;
  // ("accused the ministry of hiding deaths" is a charge, whatever the tagger makes of "hiding".)
  const verb = at > 0 ? sentence.words[at - 1] : undefined;
  return verb && !attribution.accused && verb.lower === attribution.verb ? verb : null;
}

/** "called the march “a coup attempt”": a verb that names its object judges it, states nothing. */
const naming = (verb: Word) => REPORTING_VERBS[verb.lemma]?.frame === 'complement';

function pointsBack(words: Word[]): boolean {
  if (!LEXICON.pointerDeterminers.has(words[0]?.lower ?? '')) return false;
  return words.slice(1, 3).some((word) => LEXICON.pointerNouns.has(word.lower));
}

function resolve(registry: ActorRegistry, attribution: Attribution): DocActor[] {
  const actors: DocActor[] = [];
  const body = memberBody(attribution.speaker);
  if (body) registry.introduce([body]);
  for (const item of parseActorPhrase(attribution.speaker, attribution.speakerInitial)) {
    const actor = registry.resolve(item);
    if (actor && !actors.includes(actor)) actors.push(actor);
  }
  return actors;
}

function draft(
  text: string,
  content: Word[],
  sentence: AnalysedSentence,
  attribution: Attribution | null,
  pending: boolean,
): ClaimDraft {
  return {
    text,
    content,
    stated: sentence,
    mentions: new Map(),
    actors: [],
    keywords: keywordsOf(text),
    pending,
    elaboration: false,
    hedged: attribution?.hedged ?? false,
    vagueSpeaker: false,
    reportingVerb: null,
    rejectionVerb: null,
  };
}

/** The claim a pointer ("the allegation", "those claims", "denied carrying out the attack") refers to. */
function referent(claims: ClaimDraft[], before: number, pointer: Word[] = []): ClaimDraft | null {
  const all = claims.filter((claim) => claim.stated.index < before).reverse();
  // "the figures", "the toll" point at a claim with a number in it, when there is one.
  const numeric = pointer.some((word) => NUMERIC_POINTERS.has(word.lower));
  const counted = numeric ? all.filter((claim) => claim.content.some((word) => word.pos === 'NUM')) : [];
  // "the claim" after "X claimed", "the allegation" after "Y alleged": the noun names the verb.
  const named = all.filter((claim) => pointer.some((word) => namesVerb(word, claim.reportingVerb)));
  // "Quispe’s allegation", "the authority’s statement": a claim its owner asserted.
  const mark = pointer.findIndex(
    (word, i) =>
      (word.text === '’s' || word.text === "'s") &&
      pointer.slice(i + 1, i + 3).some((next) => LEXICON.pointerNouns.has(next.lower)),
  );
  // ("the Red Cross figure": a name right before the pointer noun owns it too.)
  const noun = pointer.findIndex(
    (word, i) => i > 1 && LEXICON.pointerNouns.has(word.lower) && pointer[i - 1].capital,
  );
  const ownerWord = mark > 0 ? pointer[mark - 1] : noun > 0 ? pointer[noun - 1] : null;
  const owner = ownerWord ? fold(ownerWord.text) : null;
  const owned = owner
    ? all.filter((claim) =>
        claim.actors.some((item) => item.stance === 'asserted' && item.actor.heads.has(owner)),
      )
    : [];
  const earlier = owned.length ? owned : named.length ? named : counted.length ? counted : all;
  // A claim someone made, not a rebuttal's detail nor the reporter's own statement, is what
  // "the claim" points at; an unattributed statement only when nobody has claimed anything yet.
  // ("that assertion", "the allegation" may be a rebutter's own version, an assertion in its turn.)
  const asserting = pointer.some((word) => ASSERTION_NOUNS.has(word.lower));
  const answered = (claim: ClaimDraft) =>
    !(asserting && claim.counter) &&
    (claim.elaboration ||
      claim.actors.some((item) => item.stance === 'asserted' && rejectedBefore(claims, item.actor, claim)));
  const made = (claim: ClaimDraft) => claim.actors.some((item) => item.stance !== 'rejected');
  return (
    earlier.find((claim) => made(claim) && !answered(claim)) ??
    earlier.find((claim) => claim.actors.length > 0 && !answered(claim)) ??
    earlier.find((claim) => claim.actors.length === 0) ??
    earlier[0] ??
    null
  );
}

const ASSERTION_NOUNS = new Set([
  'assertion',
  'assertions',
  'allegation',
  'allegations',
  'accusation',
  'accusations',
]);

const NOMINALISED: Record<string, string> = {
  claim: 'claim',
  claims: 'claim',
  allegation: 'allege',
  allegations: 'allege',
  accusation: 'accuse',
  accusations: 'accuse',
  charge: 'charge',
  charges: 'charge',
};

function namesVerb(word: Word, verb: string | null): boolean {
  const stem = NOMINALISED[word.lower];
  return stem !== undefined && verb !== null && verb.startsWith(stem);
}

/** Whether `actor` rejected a claim (other than `except`) already. */
function rejectedBefore(claims: ClaimDraft[], actor: DocActor, except?: ClaimDraft): boolean {
  return claims.some(
    (claim) =>
      claim !== except && claim.actors.some((item) => item.actor === actor && item.stance === 'rejected'),
  );
}

/** "said it had recorded no human cases in Fujian": a denial of the claim about Fujian. */
function contradicts(content: Word[], claim: ClaimDraft): boolean {
  if (!content.some((word) => NEGATIVE.has(word.lower))) return false;
  const names = content.filter((word, i) => word.capital && i > 0).map((word) => word.lower);
  if (names.some((name) => claim.keywords.has(name))) return true;
  // "“Nobody paid us anything”" after "foreign agents paid protesters": a denial in general
  // terms that takes up the claim's own words.
  const general = content.some((word) => GENERAL_DENIAL.has(word.lower) && !NEGATIVE.has(word.lower));
  if (general && content.some((word) => claim.keywords.has(keywordOf(word)))) return true;
  // "its own tests had found no salmonella" after "found salmonella in 12 consignments": "no"
  // before the claim's own noun.
  // ("said no such deaths had been recorded": "such" points at what was claimed, whatever its words.)
  return content.some(
    (word, i) =>
      word.lower === 'no' &&
      (content[i + 1]?.lower === 'such' ||
        content
          .slice(i + 1, i + 3)
          .some((next) => next.pos === 'NOUN' && claim.keywords.has(keywordOf(next)))),
  );
}

/**
 * "“We have video evidence from twelve towns,” Huamán told reporters": a claimant speaking in
 * the first person after making a claim backs that claim; the claim they made last is returned.
 */
function ownClaimBacked(
  claims: ClaimDraft[],
  actors: DocActor[],
  attribution: Attribution,
): ClaimDraft | null {
  // "“They left them adrift without fuel,” the charity added": more of what the speaker said.
  const first = attribution.content?.[0]?.lower ?? '';
  const continues = attribution.verb === 'added' && ANAPHORIC_SUBJECTS.has(first);
  if (actors.length === 0 || !(FIRST_PERSON_SUBJECTS.has(first) || continues)) return null;
  for (let i = claims.length - 1; i >= 0; i--) {
    const made = claims[i].actors.some((item) => item.stance === 'asserted' && actors.includes(item.actor));
    if (made) return claims[i];
  }
  return null;
}

const COPULAS = new Set(['is', 'was', "'s", '’s', 'are', 'were']);

/**
 * "This is a dangerous step that threatens the peninsula": a demonstrative subject and an
 * adjective judge something said or done before; a figure or a superlative ("the highest toll")
 * would make it checkable.
 */
function evaluativeComment(content: Word[]): boolean {
  const [subject, copula] = content;
  if (!['this', 'that'].includes(subject?.lower ?? '') || !COPULAS.has(copula?.lower ?? '')) return false;
  if (content.some((word) => word.pos === 'NUM' || word.lower === 'most' || /est$/.test(word.lower)))
    return false;
  return content.slice(2, 6).some((word) => word.pos === 'ADJ');
}

/**
 * "the real toll was more than twice as high", "the actual figure is lower": a definite noun
 * phrase with a contrastive adjective presupposes a figure stated before, and answers it.
 */
function counterClaim(content: Word[]): boolean {
  const [determiner, adjective, noun] = content;
  return (
    determiner?.lower === 'the' &&
    CONTRASTIVE.has(adjective?.lower ?? '') &&
    (noun?.pos === 'NOUN' || noun?.pos === 'PROPN')
  );
}

/**
 * "claimed that the ice sheet had in fact grown": a correction marker in a clause that takes up
 * the claim's own words answers it with another version.
 */
function correction(content: Word[], claim: ClaimDraft): boolean {
  const marked = content.some(
    (word, i) => word.lower === 'actually' || (word.lower === 'in' && content[i + 1]?.lower === 'fact'),
  );
  return (
    marked &&
    content.some(
      (word) => (word.pos === 'NOUN' || word.pos === 'PROPN') && claim.keywords.has(keywordOf(word)),
    )
  );
}

const VALUING_VERBS = new Set(['put', 'puts', 'placed', 'places']);
const DEATH_WORDS = new Set(['killed', 'died', 'dead', 'deaths', 'death', 'toll', 'fatalities']);

/**
 * "Fifita put the death toll at 14" after "the cyclone killed six people": another speaker's
 * figure for the same count answers the one stated before.
 */
function rivalFigure(attribution: Attribution, claim: ClaimDraft, actors: DocActor[]): boolean {
  const content = attribution.content;
  if (!content || !VALUING_VERBS.has(attribution.verb)) return false;
  if (claim.actors.some((item) => actors.includes(item.actor))) return false;
  if (!claim.content.some((word) => word.pos === 'NUM')) return false;
  const copula = content.findIndex((word) => word.lower === 'was');
  const measured = content.slice(0, copula);
  const head = measured[measured.length - 1]?.lower ?? '';
  if (!NUMERIC_POINTERS.has(head)) return false;
  if (
    measured.some(
      (word) =>
        word.pos === 'NOUN' && word !== measured[measured.length - 1] && claim.keywords.has(keywordOf(word)),
    )
  )
    return true;
  const deaths = (words: Word[]) => words.some((word) => DEATH_WORDS.has(word.lower));
  return deaths(measured) && deaths(claim.content);
}

/**
 * "denied that any fish had escaped" after "released 50,000 fish": a denial worded otherwise than
 * the claim it answers, recognised by a content word they share.
 */
function deniedParaphrase(attribution: Attribution, claim: ClaimDraft): boolean {
  if (attribution.stance !== 'rejected' || attribution.content === null) return false;
  // Only a denial in general terms ("any fish", "no drone") restates the claim; "denied that
  // soldiers had escorted them" states a proposition of its own.
  if (!attribution.content.some((word) => GENERAL_DENIAL.has(word.lower))) return false;
  return attribution.content.some(
    (word) => (word.pos === 'NOUN' || word.pos === 'PROPN') && claim.keywords.has(keywordOf(word)),
  );
}

function attach(
  claim: ClaimDraft,
  sentence: AnalysedSentence,
  actors: DocActor[],
  stance: StanceType,
  verb: string,
  role: MentionRole,
): void {
  claim.pending = claim.pending && actors.length === 0;
  if (!claim.mentions.has(sentence.index)) {
    claim.mentions.set(sentence.index, {
      start: sentence.start,
      end: sentence.end,
      sentence: sentence.text,
      role: claim.mentions.size === 0 && role !== 'rejects' ? 'states' : role,
    });
  }
  if (stance === 'rejected') claim.rejectionVerb ??= verb;
  else claim.reportingVerb ??= verb;
  if (stance === 'rejected' && claim.rivalOf) {
    const backers = actors.filter((actor) => !claim.rivalOf!.actors.some((item) => item.actor === actor));
    if (backers.length) attach(claim.rivalOf, sentence, backers, 'supported', verb, 'supports');
  }
  for (const actor of actors) {
    if (claim.actors.some((item) => item.actor === actor)) continue;
    const assertedEarlier = claim.actors.some(
      (item) => item.stance === 'asserted' && item.sentence < sentence.index,
    );
    claim.actors.push({
      actor,
      stance: stance === 'asserted' && assertedEarlier ? 'repeated' : stance,
      quote: sentence.text,
      sentence: sentence.index,
    });
  }
}

function toCandidate(claim: ClaimDraft): ExtractedCandidate {
  const mentions = [...claim.mentions.values()].sort((a, b) => a.start - b.start);
  const first = mentions[0] ?? {
    start: claim.stated.start,
    end: claim.stated.end,
    sentence: claim.stated.text,
  };
  const { checkworthiness, features } = scoreClaim({
    content: claim.content,
    sentence: claim.stated.text,
    attributed: claim.actors.length > 0,
    namedSpeaker: claim.actors.some((item) => item.actor.kind !== 'group' && item.stance !== 'rejected'),
    vagueSpeaker: claim.vagueSpeaker,
    hedgedVerb: claim.hedged,
    elaboration: claim.elaboration,
    reportingVerb: claim.reportingVerb,
    rejectionVerb: claim.rejectionVerb,
  });
  const proposedActors: ProposedActor[] = claim.actors.map((item) => ({
    name: item.actor.name,
    kind: item.actor.kind,
    title: item.actor.title,
    country: item.actor.country,
    stance: item.stance,
    quote: item.quote,
  }));
  return {
    sentence: first.sentence,
    start: first.start,
    end: first.end,
    text: claim.text,
    mentions,
    proposedActors,
    checkworthiness,
    features: features as CheckworthinessFeatures,
  };
}

const keywordOf = (word: Word) => [...keywordsOf(word.text)][0] ?? '';

export function keywordsOf(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 2 && !STOPWORDS.has(word)),
  );
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * The country the article is about: the one its speakers are described by most often, else the
 * one it names most often, when one clearly leads.
 */
function articleCountry(sentences: AnalysedSentence[], attributions: Attribution[][]): string | null {
  // Among speakers, a tie goes to the first speaker's country: the article leads with its own side.
  const leader = (words: Word[][], lead: string | null = null) => {
    const counts = new Map<string, number>();
    for (const part of words)
      for (const mention of findCountries(part))
        if (!insideWorldBody(part, mention.from))
          counts.set(mention.country.code, (counts.get(mention.country.code) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (ranked.length === 0) return null;
    const tied = ranked.filter(([, count]) => count === ranked[0][1]).map(([code]) => code);
    if (tied.length === 1) return tied[0];
    return lead && tied.includes(lead) ? lead : null;
  };
  // ("Observers from the Organization of American States" tell nothing of the article's country.)
  const speakers = attributions
    .flat()
    .map((attribution) => attribution.speaker)
    .filter((speaker) => speaker.length > 0 && !international(speaker));
  const first = speakers[0] ? findCountries(speakers[0]) : [];
  const lead = first.length === 1 ? first[0].country.code : null;
  return leader(speakers, lead) ?? leader(sentences.map((sentence) => sentence.words));
}

/** "American" in "Organization of American States" names no country of the article. */
function insideWorldBody(words: Word[], at: number): boolean {
  for (let from = Math.max(0, at - 4); from <= at; from++) if (worldBodyAt(words, from) > at) return true;
  return false;
}

function properNames(sentences: AnalysedSentence[]): string[] {
  const names: string[] = [];
  const pattern = /\p{Lu}[\p{L}’'-]*(?:\s+(?:(?:of|for|and|the)\s+)?\p{Lu}[\p{L}’'-]*)+/gu;
  for (const sentence of sentences) for (const match of sentence.text.matchAll(pattern)) names.push(match[0]);
  return names;
}
