import { ApiPropertyOptional } from '@nestjs/swagger';
import { Trim } from '@claimdesk/platform';
import { IsString, Length } from 'class-validator';
import { Present } from './validators';

/** `DELETE …/stances/:id?reason=` and `…/evidence/:id?reason=`: why it goes, kept in the history. */
export class RemovalQuery {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 500,
    description: 'Why it is removed; the history shows it with who removed it.',
    example: 'The quote is from a parody account.',
  })
  @Present()
  @Trim()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
