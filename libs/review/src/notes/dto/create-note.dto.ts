import { Trim } from '@claimdesk/platform';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export const MAX_NOTE_LENGTH = 10000;

export class CreateNoteDto {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_NOTE_LENGTH,
    example: '@ana_lucic the ministry denied this on 7 May, see the evidence I attached.',
    description:
      'The note. `@handle` or `@local-part-of-email` mentions an active member of the desk (case-insensitive); surrounding whitespace is dropped.',
  })
  // Trimmed before validation so a body of only spaces counts as empty.
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'body must not be empty' })
  @MaxLength(MAX_NOTE_LENGTH)
  body: string;
}
