import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@claimdesk/platform';
import { IsString, MaxLength, ValidateIf } from 'class-validator';

export class ListActorsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Matches name and aliases, ignoring case and accents; tolerates small misspellings.',
    maxLength: 200,
    example: 'lavrov',
  })
  @ValidateIf((_: unknown, value: unknown) => value !== undefined)
  @IsString()
  @MaxLength(200)
  q?: string;
}
