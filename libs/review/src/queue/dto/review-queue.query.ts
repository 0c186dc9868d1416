import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@claimdesk/platform';
import { IsIn, ValidateIf } from 'class-validator';

export const QUEUE_SCOPES = ['mine', 'unassigned', 'overdue', 'all'] as const;
export type QueueScope = (typeof QUEUE_SCOPES)[number];

export class ReviewQueueQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: QUEUE_SCOPES,
    default: 'mine',
    description:
      '`mine`: claims assigned to the caller and not yet published (assigned, in review, in approval). ' +
      '`unassigned`: triaged claims nobody has taken. `overdue`: open claims past their due date. ' +
      '`all`: every open claim, triaged to in approval (submitted claims await triage: see GET /v1/claims?status=submitted).',
  })
  // Validated when sent, null included, so `scope=` is an error rather than the default.
  @ValidateIf((_: unknown, value: unknown) => value !== undefined)
  @IsIn(QUEUE_SCOPES)
  scope: QueueScope = 'mine';
}
