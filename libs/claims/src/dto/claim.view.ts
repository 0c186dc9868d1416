import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { historyEntrySchema } from '@claimdesk/events';
import { ACTOR_KINDS, ActorKind, STANCE_TYPES, StanceType } from '@claimdesk/actors';
import { CLAIM_EDITS, ClaimEdit, WORKFLOW_ACTIONS, WorkflowAction } from '@claimdesk/workflow';
import {
  CLAIM_STATUSES,
  ClaimStatus,
  CreatorKind,
  EVIDENCE_STATUSES,
  EvidenceStatus,
  PRIORITIES,
  Priority,
  VERDICTS,
  Verdict,
} from '../claim.entity';
import {
  EVIDENCE_KINDS,
  EVIDENCE_RELATIONS,
  EvidenceKind,
  EvidenceRelation,
  RELIABILITIES,
  Reliability,
} from '../evidence.entity';
import { PublishedVersionView } from '@claimdesk/publications';
import { ReviewView } from './review.view';

export class CreatorView {
  @ApiProperty({ enum: ['user', 'api_key'] })
  kind: CreatorKind;

  @ApiProperty({ format: 'uuid' })
  id: string;
}

export class SourceView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'https://news.example.org/2022/05/06/briefing' })
  url: string;

  @ApiProperty({ type: String, nullable: true })
  title: string | null;

  @ApiProperty({ type: String, nullable: true })
  outlet: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  language: string | null;
}

export class StanceActorView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Sergei Lavrov' })
  name: string;

  @ApiProperty({ enum: ACTOR_KINDS })
  kind: ActorKind;

  @ApiProperty({ type: String, nullable: true })
  title: string | null;

  @ApiProperty({ type: String, nullable: true })
  country: string | null;
}

export class StanceView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: STANCE_TYPES })
  type: StanceType;

  @ApiProperty({ type: StanceActorView })
  actor: StanceActorView;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  statedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  quote: string | null;

  @ApiProperty({ type: String, nullable: true })
  sourceUrl: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: CreatorView, nullable: true })
  createdBy: CreatorView | null;
}

export class EvidenceView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: EVIDENCE_KINDS })
  kind: EvidenceKind;

  @ApiProperty()
  summary: string;

  @ApiProperty({ type: String, nullable: true })
  url: string | null;

  @ApiProperty({ enum: EVIDENCE_RELATIONS })
  relation: EvidenceRelation;

  @ApiProperty({ enum: RELIABILITIES, nullable: true })
  reliability: Reliability | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: CreatorView, nullable: true })
  createdBy: CreatorView | null;
}

/** The fields every representation of a claim carries. */
export class ClaimSummaryView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  text: string;

  @ApiProperty({ type: String, nullable: true })
  summary: string | null;

  @ApiProperty({ example: 'en' })
  language: string;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ enum: PRIORITIES })
  priority: Priority;

  @ApiProperty({ enum: CLAIM_STATUSES })
  status: ClaimStatus;

  @ApiProperty({
    enum: EVIDENCE_STATUSES,
    description:
      'The desk’s working evidence status. Newsroom keys see the published version’s, `unverified` until one is published.',
  })
  evidenceStatus: EvidenceStatus;

  @ApiProperty({ enum: VERDICTS, nullable: true })
  verdict: Verdict | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for newsroom keys.' })
  assigneeId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt: string | null;

  @ApiProperty({ type: SourceView, nullable: true })
  source: SourceView | null;

  @ApiProperty({ type: [StanceView] })
  stances: StanceView[];

  @ApiProperty({ type: CreatorView, nullable: true })
  createdBy: CreatorView | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ example: 1, description: 'Changes with every write; sent as the ETag.' })
  version: number;
}

/** A claim in a list: its stances and source, counts instead of evidence. */
export class ClaimListItemView extends ClaimSummaryView {
  @ApiProperty({ example: 2 })
  evidenceCount: number;
}

export class ClaimPage {
  @ApiProperty({ type: [ClaimListItemView] })
  items: ClaimListItemView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor: string | null;
}

/** A claim as `GET /v1/claims/:id` shows it. */
export class ClaimView extends ClaimSummaryView {
  @ApiProperty({ type: [EvidenceView] })
  evidence: EvidenceView[];

  @ApiProperty({
    example: 0,
    description: 'How many notes the claim has (0 for newsroom keys: notes are the desk’s).',
  })
  notesCount: number;

  @ApiProperty({
    type: ReviewView,
    nullable: true,
    description:
      'The latest review (pending, sent back or published); null while the claim has none. Shown to desk members only: newsroom keys get null.',
  })
  currentReview: ReviewView | null;

  @ApiProperty({
    type: PublishedVersionView,
    nullable: true,
    description:
      'The latest published version, exactly as it was published (GET /v1/claims/:id/published-versions lists them all); null until one is published.',
  })
  publishedReview: PublishedVersionView | null;

  @ApiProperty({
    type: [ReviewView],
    description:
      'Every review ever published, oldest first; each correction names the review it corrects in `correctsReviewId`. Desk members only: newsroom keys get [] and read the published versions instead.',
  })
  publishedReviews: ReviewView[];

  @ApiProperty({
    enum: WORKFLOW_ACTIONS,
    isArray: true,
    description:
      'The workflow actions the caller may take now, from the workflow table (role, status, assignee and four-eyes rules). Always empty for newsroom keys.',
    example: ['assign', 'dismiss'],
  })
  allowedActions: WorkflowAction[];

  @ApiProperty({
    enum: CLAIM_EDITS,
    isArray: true,
    description:
      'What the caller may change now (fields of PATCH, and `stances`, `evidence`, `notes`), from the same workflow table as `allowedActions`. Always empty for newsroom keys.',
    example: ['text', 'stances', 'evidence', 'notes'],
  })
  allowedEdits: ClaimEdit[];
}

export class SimilarClaimView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  text: string;

  @ApiProperty({ example: 0.62, description: 'Trigram similarity of the folded texts, 0–1.' })
  score: number;
}

export class CreatedClaimView extends ClaimView {
  @ApiProperty({
    type: [SimilarClaimView],
    description: 'Existing claims that look like the same claim (possible duplicates), most similar first.',
  })
  similar: SimilarClaimView[];
}

export class HistoryActorView {
  @ApiProperty({ enum: ['user', 'api_key'] })
  kind: 'user' | 'api_key';

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true })
  name: string | null;
}

/** One entry of a claim's history; the document describes each event type's entry (history-entry.schema.ts). */
export class HistoryEntryView {
  id: string;
  type: string;
  at: string;
  actor: HistoryActorView | null;
  changes: Record<string, unknown>;
}

@ApiExtraModels(HistoryActorView)
export class HistoryPage {
  @ApiProperty({
    type: 'array',
    items: historyEntrySchema(getSchemaPath(HistoryActorView)),
    description: 'Oldest first. Each entry’s `changes` is the payload of its `type`.',
  })
  items: HistoryEntryView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor: string | null;
}
