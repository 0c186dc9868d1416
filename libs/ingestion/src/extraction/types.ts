/** The extractor's output: claims with their mentions and actors, before anything is stored. */

export type ActorKind = 'person' | 'government' | 'organization' | 'media_outlet' | 'group';
export type StanceType = 'asserted' | 'repeated' | 'supported' | 'rejected';
export type MentionRole = 'states' | 'attributes' | 'repeats' | 'supports' | 'rejects';

export interface ProposedActor {
  name: string;
  kind: ActorKind;
  title: string | null;
  /** ISO 3166-1 alpha-2 (XK for Kosovo). */
  country: string | null;
  stance: StanceType;
  /** The sentence in which the actor took this stance: the stance's quote on accept. */
  quote: string;
}

export interface Mention {
  start: number;
  end: number;
  sentence: string;
  role: MentionRole;
}

export interface CheckworthinessFeatures {
  words: number;
  reportingVerb: string | null;
  rejectionVerb: string | null;
  attributed: boolean;
  namedSpeaker: boolean;
  numbers: number;
  percentage: boolean;
  namedEntities: number;
  eventVerb: boolean;
  causal: boolean;
  hedged: boolean;
  prediction: boolean;
  opinion: boolean;
  procedural: boolean;
  elaboration: boolean;
  quotation: boolean;
  firstPersonOpinion: boolean;
  question: boolean;
  tooShort: boolean;
  /** How each feature moved the score, so a reader can see why. */
  contributions: Record<string, number>;
}

export interface ExtractedCandidate {
  /** The first sentence that states or attributes the claim, exactly as `text.slice(start, end)`. */
  sentence: string;
  start: number;
  end: number;
  /** The proposition, without the reporting frame. */
  text: string;
  mentions: Mention[];
  proposedActors: ProposedActor[];
  checkworthiness: number;
  features: CheckworthinessFeatures;
}
