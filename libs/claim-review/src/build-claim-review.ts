import { BEST_RATING, Verdict, verdictRating, WORST_RATING } from '@claimdesk/workflow';
import type {
  Claim,
  ClaimReview,
  CorrectionComment,
  CreativeWork,
  Organization,
  Person,
  Rating,
  WithContext,
} from 'schema-dts';

/** How a verdict reads in `reviewRating.alternateName`: "Mostly false", "True", "Unproven". */
export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  true: 'True',
  mostly_true: 'Mostly true',
  mixed: 'Mixed',
  misleading: 'Misleading',
  mostly_false: 'Mostly false',
  false: 'False',
  unproven: 'Unproven',
};

export interface PublishedReview {
  id: string;
  verdict: Verdict;
  summary: string;
  publishedAt: Date;
}

export interface ClaimAuthor {
  name: string;
  kind: string;
  title: string | null;
}

/** Everything one ClaimReview is made of, read from the claim, its stances, source and reviews. */
export interface ClaimReviewInput {
  claimId: string;
  claimText: string;
  /** The published review in force (the latest). */
  review: PublishedReview;
  /** Earlier published reviews of the claim that later ones corrected, oldest first. */
  corrected: PublishedReview[];
  /** The actor of the first `asserted` stance, if any. */
  author: ClaimAuthor | null;
  /** When the claim was made: the asserting stance's date, else the source's publication date. */
  claimDate: Date | null;
  /** Where the claim appeared: the source URL and the stances' source URLs, without repeats. */
  appearances: string[];
}

export interface Publisher {
  name: string;
  url: string;
  /** The public address of a fact-check, `{id}` standing for the claim id. */
  urlTemplate: string;
}

function claimAuthor(author: ClaimAuthor): Person | Organization {
  if (author.kind === 'person') {
    return {
      '@type': 'Person',
      name: author.name,
      ...(author.title ? { jobTitle: author.title } : {}),
    };
  }
  // Governments, organisations, media outlets and groups are all organisations to schema.org.
  return { '@type': 'Organization', name: author.name };
}

function rating(verdict: Verdict): Rating {
  const value = verdictRating(verdict);
  return {
    '@type': 'Rating',
    // `unproven` is no judgement of accuracy: it carries its label but no point on the scale.
    ...(value === null ? {} : { ratingValue: value }),
    bestRating: BEST_RATING,
    worstRating: WORST_RATING,
    alternateName: VERDICT_LABELS[verdict],
  };
}

/**
 * The correction history: one schema.org `CorrectionComment` per correction, dated when the
 * correcting review was published, naming the verdict it replaced and the one that replaced it.
 */
function corrections(input: ClaimReviewInput): CorrectionComment[] {
  const chain = [...input.corrected, input.review];
  return chain.slice(1).map((later, index) => {
    const earlier = chain[index];
    return {
      '@type': 'CorrectionComment',
      datePublished: later.publishedAt.toISOString(),
      text: `Verdict corrected from "${VERDICT_LABELS[earlier.verdict]}" (published ${earlier.publishedAt.toISOString()}) to "${VERDICT_LABELS[later.verdict]}".`,
    };
  });
}

/**
 * schema.org ClaimReview of a claim's published review, as Google's fact-check markup expects:
 * `datePublished` is the first publication of a verdict on the claim, `dateModified` the latest
 * correction; `correction` lists each correction.
 */
export function buildClaimReview(input: ClaimReviewInput, publisher: Publisher): WithContext<ClaimReview> {
  const first = input.corrected[0] ?? input.review;
  const appearance: CreativeWork[] = input.appearances.map((url) => ({ '@type': 'CreativeWork', url }));
  const itemReviewed: Claim = {
    '@type': 'Claim',
    ...(input.author ? { author: claimAuthor(input.author) } : {}),
    ...(appearance.length ? { appearance } : {}),
    ...(input.claimDate ? { datePublished: input.claimDate.toISOString() } : {}),
  };
  const history = corrections(input);
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: publisher.urlTemplate.replace(/\{id\}/g, input.claimId),
    claimReviewed: input.claimText,
    reviewBody: input.review.summary,
    reviewRating: rating(input.review.verdict),
    itemReviewed,
    author: { '@type': 'Organization', name: publisher.name, url: publisher.url },
    datePublished: first.publishedAt.toISOString(),
    ...(history.length ? { dateModified: input.review.publishedAt.toISOString(), correction: history } : {}),
  };
}
