import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsHttpUrl, IsIsoDate, LANGUAGE_PATTERN, Nullable } from './validators';

/** Where the claim was found; sources are shared by URL (tracking parameters and fragments ignored). */
export class SourceInputDto {
  @ApiProperty({ example: 'https://news.example.org/2022/05/06/briefing', maxLength: 2000 })
  @IsHttpUrl()
  url: string;

  @ApiPropertyOptional({ example: 'Foreign minister’s briefing', maxLength: 500, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(500)
  title?: string | null;

  @ApiPropertyOptional({ example: 'Example News', maxLength: 200, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(200)
  outlet?: string | null;

  @ApiPropertyOptional({ example: '2022-05-06T09:30:00Z', format: 'date-time', nullable: true })
  @Nullable()
  @IsIsoDate()
  publishedAt?: string | null;

  @ApiPropertyOptional({ example: 'en', maxLength: 35, nullable: true, description: 'BCP 47 language tag.' })
  @Nullable()
  @IsString()
  @MaxLength(35)
  @Matches(LANGUAGE_PATTERN, { message: 'language must be a language tag such as en or pt-BR' })
  language?: string | null;
}
