import { ApiPropertyOptional } from '@nestjs/swagger';
import { CreateStanceDto, Present } from '@claimdesk/claims';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';

/** Turns a candidate into a claim; both fields override what the candidate proposed. */
export class AcceptCandidateDto {
  @ApiPropertyOptional({
    minLength: 10,
    maxLength: 2000,
    description: "The claim's text; the candidate's proposed text when left out.",
    example: 'Mercenaries from Albania, Kosovo and Bosnia are being sent to fight in Ukraine.',
  })
  @Present()
  @IsString()
  @Length(10, 2000)
  @Matches(/\S/, { message: 'text must not be blank' })
  text?: string;

  @ApiPropertyOptional({
    type: () => [CreateStanceDto],
    maxItems: 50,
    description:
      "The claim's stances; when left out, the candidate's actors that have a stance guess become its stances.",
  })
  @Present()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CreateStanceDto)
  actors?: CreateStanceDto[];
}
