import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { EVIDENCE_STATUSES, EvidenceStatus, PRIORITIES, Priority } from '../claim.entity';
import { IsIsoDate, IsTag, Nullable, Present } from './validators';

/** Fields to change; those left out stay as they are. `summary` and `dueAt` may be sent as null to clear them. */
export class UpdateClaimDto {
  @ApiPropertyOptional({ minLength: 10, maxLength: 2000 })
  @Present()
  @IsString()
  @Length(10, 2000)
  @Matches(/\S/, { message: 'text must not be blank' })
  text?: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  summary?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['ukraine', 'balkans'] })
  @Present()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsTag()
  tags?: string[];

  @ApiPropertyOptional({ enum: PRIORITIES })
  @Present()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, example: '2022-05-08T17:00:00Z' })
  @Nullable()
  @IsIsoDate()
  dueAt?: string | null;

  @ApiPropertyOptional({ enum: EVIDENCE_STATUSES })
  @Present()
  @IsIn(EVIDENCE_STATUSES)
  evidenceStatus?: EvidenceStatus;
}
