import { BEST_RATING, Verdict, WORST_RATING } from '@claimdesk/workflow';
import type { PublishedVersion } from '@claimdesk/publications';
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

/** What a ClaimReview is built from: nothing but published versions. */
export type ReviewedVersion = Pick<
  PublishedVersion,
  | 'version'
  | 'publishedAt'
  | 'language'
  | 'text'
  | 'summary'
  | 'verdict'
  | 'rating'
  | 'stances'
  | 'appearances'
  | 'correction'
>;

export interface Publisher {
  name: string;
  url: string;
  /** The public address of a fact-check, `{id}` standing for the claim id. */
  urlTemplate: string;
}

function claimAuthor(actor: ReviewedVersion['stances'][number]['actor']): Person | Organization {
  if (actor.kind === 'person') {
    return { '@type': 'Person', name: actor.name, ...(actor.title ? { jobTitle: actor.title } : {}) };
  }
  // Governments, organisations, media outlets and groups are all organisations to schema.org.
  return { '@type': 'Organization', name: actor.name };
}

function rating(version: ReviewedVersion): Rating {
  return {
    '@type': 'Rating',
    // `unproven` is no judgement of accuracy: it carries its label but no point on the scale.
    ...(version.rating === null ? {} : { ratingValue: version.rating }),
    bestRating: BEST_RATING,
    worstRating: WORST_RATING,
    alternateName: VERDICT_LABELS[version.verdict],
  };
}

function appearance(item: ReviewedVersion['appearances'][number]): CreativeWork {
  return {
    '@type': 'CreativeWork',
    url: item.url,
    ...(item.title ? { headline: item.title } : {}),
    ...(item.outlet ? { publisher: { '@type': 'Organization', name: item.outlet } } : {}),
    ...(item.publishedAt ? { datePublished: item.publishedAt } : {}),
  };
}

/**
 * One `CorrectionComment` per correction, dated when it was published. Its text is the reason the
 * desk gave when reopening (so republishing an unchanged verdict still says what was corrected);
 * its name says which rating it replaced.
 */
function correction(version: ReviewedVersion): CorrectionComment {
  const previous = version.correction!;
  const before = VERDICT_LABELS[previous.previousVerdict];
  return {
    '@type': 'CorrectionComment',
    datePublished: version.publishedAt,
    name: `Previously rated "${before}" (published ${previous.previousPublishedAt})`,
    text: previous.reason ?? `Verdict corrected from "${before}" to "${VERDICT_LABELS[version.verdict]}".`,
  };
}

/** The item of a ClaimReview, without its `@context` (a feed states it once). */
export type ClaimReviewItem = Exclude<ClaimReview, string>;

/**
 * schema.org ClaimReview of a claim's published versions (oldest first), as Google's fact-check
 * markup expects: everything shown is the latest version; `datePublished` is the first
 * publication, `dateModified` the latest correction, and `correction` lists each correction.
 */
export function claimReviewItem(
  claimId: string,
  versions: readonly ReviewedVersion[],
  publisher: Publisher,
): ClaimReviewItem {
  const first = versions[0];
  const latest = versions[versions.length - 1];
  const asserted = latest.stances.find((stance) => stance.type === 'asserted');
  const claimDate = asserted?.statedAt ?? latest.appearances.find((item) => item.publishedAt)?.publishedAt;
  const itemReviewed: Claim = {
    '@type': 'Claim',
    ...(asserted ? { author: claimAuthor(asserted.actor) } : {}),
    ...(latest.appearances.length ? { appearance: latest.appearances.map(appearance) } : {}),
    ...(claimDate ? { datePublished: claimDate } : {}),
  };
  const corrections = versions
    .slice(1)
    .filter((version) => version.correction)
    .map(correction);
  return {
    '@type': 'ClaimReview',
    url: publisher.urlTemplate.replace(/\{id\}/g, claimId),
    inLanguage: latest.language,
    claimReviewed: latest.text,
    reviewBody: latest.summary,
    reviewRating: rating(latest),
    itemReviewed,
    author: { '@type': 'Organization', name: publisher.name, url: publisher.url },
    datePublished: first.publishedAt,
    ...(versions.length > 1 ? { dateModified: latest.publishedAt } : {}),
    ...(corrections.length ? { correction: corrections } : {}),
  };
}

/** A ClaimReview as a standalone JSON-LD document. */
export function buildClaimReview(
  claimId: string,
  versions: readonly ReviewedVersion[],
  publisher: Publisher,
): WithContext<ClaimReview> {
  return {
    '@context': 'https://schema.org',
    ...claimReviewItem(claimId, versions, publisher),
  } as WithContext<ClaimReview>;
}
