import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@claimdesk/platform';
import { IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  CLAIM_STATUSES,
  ClaimStatus,
  EVIDENCE_STATUSES,
  EvidenceStatus,
  VERDICTS,
  Verdict,
} from '../claim.entity';
import { Present, TAG_PATTERN } from './validators';

/** Filters combine with AND; the list is newest first, keyset-paged. */
export class ListClaimsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @Present()
  @IsIn(CLAIM_STATUSES)
  status?: ClaimStatus;

  @ApiPropertyOptional({ enum: EVIDENCE_STATUSES })
  @Present()
  @IsIn(EVIDENCE_STATUSES)
  evidenceStatus?: EvidenceStatus;

  @ApiPropertyOptional({ enum: VERDICTS })
  @Present()
  @IsIn(VERDICTS)
  verdict?: Verdict;

  @ApiPropertyOptional({ format: 'uuid' })
  @Present()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Claims on which this actor took any stance.' })
  @Present()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'balkans', maxLength: 40 })
  @Present()
  @IsString()
  @MaxLength(40)
  @Matches(TAG_PATTERN, { message: 'tag must be lowercase letters, digits and "-"' })
  tag?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'mercenaries albania',
    description:
      'Full-text search over text and summary (web-search syntax: "quoted phrase", -exclude, or). English words match their other forms; any language matches word for word. Ignores case and accents.',
  })
  @Present()
  @IsString()
  @MaxLength(200)
  q?: string;
}
