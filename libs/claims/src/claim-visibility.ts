import type { HistoryEntry } from '@claimdesk/events';
import { Audience, presentVersion, PublishedVersion } from '@claimdesk/publications';
import type { ClaimListItemView, ClaimSummaryView, ClaimView } from './dto/claim.view';

/**
 * What each caller may see of a claim: the one place that decides it for the claim view, the list,
 * the history and webhooks. The desk sees everything. The public (newsroom keys, webhooks) sees the
 * claim registry and what was published: no draft review, working evidence status, comment, note
 * or desk user id. Rules are per field, so a field added later is reviewed here, not leaked.
 */
type Rules<View> = {
  [Field in keyof View]?: (view: View, published: PublishedVersion | null) => View[Field];
};

const SUMMARY_RULES: Rules<ClaimSummaryView> = {
  // Submitting a review sets the working status to the draft's; the public sees the published one.
  evidenceStatus: (_, published) =>
    (published?.evidenceStatus ?? 'unverified') as ClaimSummaryView['evidenceStatus'],
  verdict: (_, published) => published?.verdict ?? null,
  assigneeId: () => null,
  createdBy: () => null,
  stances: (view) => view.stances.map((stance) => ({ ...stance, createdBy: null })),
};

const VIEW_RULES: Rules<ClaimView> = {
  ...(SUMMARY_RULES as Rules<ClaimView>),
  evidence: (view) => view.evidence.map((item) => ({ ...item, createdBy: null })),
  notesCount: () => 0,
  currentReview: () => null,
  publishedReviews: () => [],
  publishedReview: (_, published) => (published ? presentVersion(published, 'public') : null),
  allowedActions: () => [],
  allowedEdits: () => [],
};

function apply<View extends object>(
  view: View,
  rules: Rules<View>,
  published: PublishedVersion | null,
): View {
  const shown = { ...view };
  for (const field of Object.keys(rules) as (keyof View)[]) shown[field] = rules[field]!(view, published);
  return shown;
}

/** The claim view for `audience`, given its latest published version (or null). */
export function visibleClaim<View extends ClaimView>(
  view: View,
  published: PublishedVersion | null,
  audience: Audience,
): View {
  if (audience === 'desk')
    return { ...view, publishedReview: published ? presentVersion(published, 'desk') : null };
  return apply<View>(view, VIEW_RULES as Rules<View>, published);
}

/** A claim in a list for `audience`. */
export function visibleListItem(
  item: ClaimListItemView,
  published: PublishedVersion | null,
  audience: Audience,
): ClaimListItemView {
  return audience === 'desk' ? item : apply(item, SUMMARY_RULES as Rules<ClaimListItemView>, published);
}

type Changes = Record<string, unknown>;

const pick = (value: unknown, keys: readonly string[]): Changes => {
  const source = (value ?? {}) as Changes;
  return Object.fromEntries(keys.filter((key) => key in source).map((key) => [key, source[key]]));
};
const withoutCreator = (value: unknown) => {
  const { createdBy: _, ...rest } = (value ?? {}) as Changes;
  return rest;
};
const onlyVersion = (changes: Changes) => pick(changes, ['version']);
const PUBLIC_FIELDS = ['text', 'summary', 'tags', 'priority', 'dueAt'];

/**
 * The events the public may see and what of each: an allow-list, so an event type or payload key
 * added later stays desk-only until someone puts it here. Workflow steps show that they happened
 * (the claim's status is public) but not their verdicts, comments or people; `claim.published`
 * carries the version it published.
 */
const PUBLIC_EVENTS: Partial<
  Record<HistoryEntry['type'], (changes: Changes, published: PublishedVersion | undefined) => Changes | null>
> = {
  'claim.created': (changes) => ({
    ...onlyVersion(changes),
    claim: pick(changes.claim, ['text', 'summary', 'language', 'tags', 'priority', 'sourceId']),
    stances: Array.isArray(changes.stances)
      ? changes.stances.map((stance) => pick(stance, ['id', 'type', 'actor']))
      : [],
  }),
  'claim.updated': (changes) => {
    const before = pick(changes.before, PUBLIC_FIELDS);
    if (!Object.keys(before).length) return null;
    return { ...onlyVersion(changes), before, after: pick(changes.after, PUBLIC_FIELDS) };
  },
  'claim.triaged': (changes) => pick(changes, ['version', 'priority', 'dueAt']),
  'claim.assigned': onlyVersion,
  'claim.review_started': onlyVersion,
  'claim.submitted': onlyVersion,
  'claim.sent_back': onlyVersion,
  'claim.published': (changes, published) =>
    published ? { ...onlyVersion(changes), publishedVersion: presentVersion(published, 'public') } : null,
  'claim.reopened': onlyVersion,
  'claim.dismissed': onlyVersion,
  'claim.stance_added': (changes) => ({ ...onlyVersion(changes), stance: withoutCreator(changes.stance) }),
  'claim.stance_removed': (changes) => ({ ...onlyVersion(changes), stance: withoutCreator(changes.stance) }),
  'claim.evidence_added': (changes) => ({
    ...onlyVersion(changes),
    evidence: withoutCreator(changes.evidence),
  }),
  'claim.evidence_removed': (changes) => ({
    ...onlyVersion(changes),
    evidence: withoutCreator(changes.evidence),
  }),
};

/** The event types the public may see at all (the history filters on them before paging). */
export const PUBLIC_EVENT_TYPES = Object.keys(PUBLIC_EVENTS) as HistoryEntry['type'][];

/**
 * A history entry for `audience`, or null when it is hidden. `versions` are the claim's published
 * versions by review id: a `claim.published` entry shows the version it published.
 */
export function visibleEvent(
  entry: HistoryEntry,
  audience: Audience,
  versions: ReadonlyMap<string, PublishedVersion>,
): HistoryEntry | null {
  if (audience === 'desk') return entry;
  const rule = PUBLIC_EVENTS[entry.type];
  if (!rule) return null;
  const reviewId = typeof entry.changes.reviewId === 'string' ? entry.changes.reviewId : '';
  const changes = rule(entry.changes, versions.get(reviewId));
  // Who did it: desk user ids are the desk's; another newsroom's key is not this one's business.
  return changes ? { ...entry, actor: null, changes } : null;
}
