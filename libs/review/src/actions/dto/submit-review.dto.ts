import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { EVIDENCE_STATUSES, EvidenceStatus } from '@claimdesk/claims';
import { VERDICTS, Verdict } from '@claimdesk/workflow';

export class SubmitReviewDto {
  @ApiProperty({ enum: VERDICTS, example: 'false' })
  @IsIn(VERDICTS)
  verdict: Verdict;

  @ApiProperty({
    maxLength: 10000,
    example:
      'No recruitment of Albanian, Kosovar or Bosnian citizens has been documented; the defence ministries named deny it.',
    description: 'The review’s findings, as readers will see them once published.',
  })
  @IsString()
  @MaxLength(10000)
  @Matches(/\S/, { message: 'summary must not be blank' })
  summary: string;

  @ApiProperty({
    enum: EVIDENCE_STATUSES,
    example: 'debunked',
    description: 'Becomes the claim’s evidence status when the review is submitted.',
  })
  @IsIn(EVIDENCE_STATUSES)
  evidenceStatus: EvidenceStatus;
}
