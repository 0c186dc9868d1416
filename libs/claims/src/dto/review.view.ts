import { ApiProperty } from '@nestjs/swagger';
import { EVIDENCE_STATUSES, EvidenceStatus, VERDICTS, Verdict } from '../claim.entity';

export const REVIEW_OUTCOMES = ['pending', 'sent_back', 'published'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** One submitted review of a claim (one round of the workflow) and what became of it. */
export class ReviewView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 1, description: 'Counts the submissions of this claim: 1, 2, …' })
  round: number;

  @ApiProperty({ enum: VERDICTS, example: 'false' })
  verdict: Verdict;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1,
    description: 'The verdict on the 7 (true) … 1 (false) scale; null for `unproven`.',
  })
  rating: number | null;

  @ApiProperty({ example: 'No recruitment of Albanian, Kosovar or Bosnian citizens has been documented.' })
  summary: string;

  @ApiProperty({ enum: EVIDENCE_STATUSES, example: 'debunked' })
  evidenceStatus: EvidenceStatus;

  @ApiProperty({ format: 'uuid', description: 'The user who submitted the review.' })
  submittedBy: string;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty({
    enum: REVIEW_OUTCOMES,
    description: '`pending` while it awaits an editor, then `sent_back` or `published`.',
  })
  outcome: ReviewOutcome;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The editor who sent it back or published it.',
  })
  decidedBy: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The editor’s comment when sending it back.' })
  decisionComment: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Set on a published correction: the earlier published review it corrects.',
  })
  correctsReviewId: string | null;
}
