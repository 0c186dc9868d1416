import type { ClaimView, ReviewRow } from '@claimdesk/claims';
import type { DeskPerson, PublicationInput, PublishedAppearance } from '@claimdesk/publications';

/**
 * What `publish` freezes: the claim as the desk sees it at that moment and the approved review.
 * Appearances are where the claim was made or spread (its source, then the stances' sources); a
 * rejection's source is not an appearance of the claim.
 */
export function publicationSnapshot(
  claim: ClaimView,
  review: ReviewRow,
  people: { submittedBy: DeskPerson; approvedBy: DeskPerson },
  correctionReason: string | null,
): PublicationInput {
  const appearances: PublishedAppearance[] = [];
  const add = (appearance: PublishedAppearance) => {
    if (!appearances.some((known) => known.url === appearance.url)) appearances.push(appearance);
  };
  if (claim.source) {
    const { url, title, outlet, publishedAt } = claim.source;
    add({ url, title, outlet, publishedAt });
  }
  for (const stance of claim.stances) {
    if (stance.type !== 'rejected' && stance.sourceUrl) {
      add({ url: stance.sourceUrl, title: null, outlet: null, publishedAt: stance.statedAt });
    }
  }
  return {
    claimId: claim.id,
    reviewId: review.id,
    language: claim.language,
    text: claim.text,
    summary: review.summary,
    verdict: review.verdict,
    evidenceStatus: review.evidence_status,
    stances: claim.stances.map(({ type, quote, statedAt, sourceUrl, actor }) => ({
      type,
      quote,
      statedAt,
      sourceUrl,
      actor: { id: actor.id, name: actor.name, kind: actor.kind, title: actor.title, country: actor.country },
    })),
    evidence: claim.evidence.map(({ kind, summary, url, relation, reliability }) => ({
      kind,
      summary,
      url,
      relation,
      reliability,
    })),
    appearances,
    correctionReason,
    ...people,
  };
}
