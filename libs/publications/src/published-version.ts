import type { Verdict } from '@claimdesk/workflow';

/** Who read a claim: the desk sees everything; everyone else (newsroom keys, webhooks, the public) what was published. */
export type Audience = 'desk' | 'public';

/** Only signed-in people are the desk; API keys, webhooks and anonymous readers are the public. */
export function audienceOf(principal: { kind: 'user' | 'api_key' } | null | undefined): Audience {
  return principal?.kind === 'user' ? 'desk' : 'public';
}

export interface PublishedActor {
  id: string;
  name: string;
  kind: string;
  title: string | null;
  country: string | null;
}

export interface PublishedStance {
  type: string;
  quote: string | null;
  statedAt: string | null;
  sourceUrl: string | null;
  actor: PublishedActor;
}

export interface PublishedEvidence {
  kind: string;
  summary: string;
  url: string | null;
  relation: string;
  reliability: string | null;
}

export interface PublishedAppearance {
  url: string;
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
}

export interface PublishedCorrection {
  /** The reopen reason; null only for versions reconstructed when the table was introduced. */
  reason: string | null;
  previousVerdict: Verdict;
  previousRating: number | null;
  previousPublishedAt: string;
}

export interface DeskPerson {
  id: string;
  name: string;
}

/** One published version of a claim's fact-check, exactly as it was published. */
export interface PublishedVersion {
  claimId: string;
  reviewId: string;
  version: number;
  publishedAt: string;
  language: string;
  text: string;
  summary: string;
  verdict: Verdict;
  rating: number | null;
  evidenceStatus: string;
  stances: PublishedStance[];
  evidence: PublishedEvidence[];
  appearances: PublishedAppearance[];
  correction: PublishedCorrection | null;
  submittedBy: DeskPerson;
  approvedBy: DeskPerson;
}

/** A version as the API shows it to `audience`: the desk also sees who submitted and approved it. */
export type PublishedVersionOutput = Omit<
  PublishedVersion,
  'claimId' | 'reviewId' | 'submittedBy' | 'approvedBy'
> & {
  submittedBy?: DeskPerson;
  approvedBy?: DeskPerson;
};

export function presentVersion(version: PublishedVersion, audience: Audience): PublishedVersionOutput {
  const { claimId: _claim, reviewId: _review, submittedBy, approvedBy, ...published } = version;
  return audience === 'desk' ? { ...published, submittedBy, approvedBy } : published;
}
