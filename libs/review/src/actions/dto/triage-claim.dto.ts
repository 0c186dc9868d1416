import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsIsoDate, Nullable, Present, PRIORITIES, Priority } from '@claimdesk/claims';

/** Triage may set the claim's priority and due date in the same step; what is left out stays. */
export class TriageClaimDto {
  @ApiPropertyOptional({ enum: PRIORITIES, example: 'high' })
  @Present()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2022-05-08T17:00:00Z',
    description: 'When the review is due; null clears it.',
  })
  @Nullable()
  @IsIsoDate()
  dueAt?: string | null;
}
