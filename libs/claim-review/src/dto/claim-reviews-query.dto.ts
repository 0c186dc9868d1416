import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@claimdesk/platform';
import { IsISO8601, IsOptional } from 'class-validator';

export class ClaimReviewsQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-01-01T00:00:00Z',
    description: 'Only fact-checks published (or corrected) at or after this time.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date-time' })
  since?: string;
}
