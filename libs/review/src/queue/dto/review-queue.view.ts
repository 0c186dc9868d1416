import { ApiProperty } from '@nestjs/swagger';
import {
  CLAIM_STATUSES,
  ClaimStatus,
  EVIDENCE_STATUSES,
  EvidenceStatus,
  PRIORITIES,
  Priority,
} from '@claimdesk/claims';

/** A claim in the review queue: what a dashboard row needs, no stances or evidence. */
export class ReviewQueueItemView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  text: string;

  @ApiProperty({ enum: CLAIM_STATUSES })
  status: ClaimStatus;

  @ApiProperty({ enum: PRIORITIES })
  priority: Priority;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt: string | null;

  @ApiProperty({ type: [String], example: ['ukraine', 'balkans'] })
  tags: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  assigneeId: string | null;

  @ApiProperty({ enum: EVIDENCE_STATUSES })
  evidenceStatus: EvidenceStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'The due date has passed.' })
  overdue: boolean;

  @ApiProperty({ example: 3 })
  version: number;
}

export class ReviewQueuePage {
  @ApiProperty({
    type: [ReviewQueueItemView],
    description: 'Urgent first, then by due date (claims without one last), then oldest first.',
  })
  items: ReviewQueueItemView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` (with the same scope) for the next page; null on the last.',
  })
  nextCursor: string | null;
}

export class StatusCountsView {
  @ApiProperty({ example: 4 }) submitted: number;
  @ApiProperty({ example: 7 }) triaged: number;
  @ApiProperty({ example: 3 }) assigned: number;
  @ApiProperty({ example: 5 }) in_review: number;
  @ApiProperty({ example: 2 }) in_approval: number;
  @ApiProperty({ example: 40 }) published: number;
  @ApiProperty({ example: 6 }) dismissed: number;
}

/** One person's open work. */
export class AssigneeWorkloadView {
  @ApiProperty({ format: 'uuid' })
  assigneeId: string;

  @ApiProperty({ example: 'Ana Lučić' })
  name: string;

  @ApiProperty({ example: 'ana_lucic' })
  handle: string;

  @ApiProperty({ example: 1, description: 'Assigned, not started.' })
  assigned: number;

  @ApiProperty({ example: 2 })
  inReview: number;

  @ApiProperty({ example: 1, description: 'Submitted, awaiting an editor.' })
  inApproval: number;

  @ApiProperty({ example: 1, description: 'Of the above, past their due date.' })
  overdue: number;
}

export class ReviewQueueStatsView {
  @ApiProperty({ type: StatusCountsView, description: 'Claims per workflow status.' })
  byStatus: StatusCountsView;

  @ApiProperty({ example: 2, description: 'Open claims (triaged to in approval) past their due date.' })
  overdue: number;

  @ApiProperty({ example: 7, description: 'Triaged claims nobody has taken.' })
  unassigned: number;

  @ApiProperty({
    type: [AssigneeWorkloadView],
    description: 'Everyone with open work, by name.',
  })
  assignees: AssigneeWorkloadView[];

  @ApiProperty({
    format: 'date-time',
    description: 'When these numbers were read (one consistent snapshot).',
  })
  generatedAt: string;
}
