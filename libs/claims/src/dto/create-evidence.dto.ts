import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import {
  EVIDENCE_KINDS,
  EVIDENCE_RELATIONS,
  EvidenceKind,
  EvidenceRelation,
  RELIABILITIES,
  Reliability,
} from '../evidence.entity';
import { IsHttpUrl, Nullable } from './validators';

export class CreateEvidenceDto {
  @ApiProperty({ enum: EVIDENCE_KINDS, example: 'official_statement' })
  @IsIn(EVIDENCE_KINDS)
  kind: EvidenceKind;

  @ApiProperty({
    maxLength: 2000,
    example: 'The defence ministry of Albania denied that any of its citizens were recruited.',
  })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'summary must not be blank' })
  summary: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, example: 'https://mod.example.gov/statement' })
  @Nullable()
  @IsHttpUrl()
  url?: string | null;

  @ApiProperty({ enum: EVIDENCE_RELATIONS, example: 'refutes' })
  @IsIn(EVIDENCE_RELATIONS)
  relation: EvidenceRelation;

  @ApiPropertyOptional({ enum: RELIABILITIES, nullable: true, example: 'high' })
  @Nullable()
  @IsIn(RELIABILITIES)
  reliability?: Reliability | null;
}
