import { ApiProperty } from '@nestjs/swagger';
import { SourceInputDto } from '@claimdesk/claims';
import { IsString, Matches, MaxLength } from 'class-validator';

export const MAX_ARTICLE_LENGTH = 200_000;

/** An article to mine for claims: where it was published, and its text. */
export class IngestSourceDto extends SourceInputDto {
  @ApiProperty({
    maxLength: MAX_ARTICLE_LENGTH,
    description: 'The article text as plain text; candidate offsets index into it.',
    example:
      'Sergei Lavrov said on Monday that mercenaries from Albania, Kosovo and Bosnia were being sent to fight in Ukraine.',
  })
  @IsString()
  @MaxLength(MAX_ARTICLE_LENGTH)
  @Matches(/\S/, { message: 'text must not be blank' })
  text: string;
}
