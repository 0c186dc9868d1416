import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PRIORITIES, Priority } from '../claim.entity';
import { CreateStanceDto } from './create-stance.dto';
import { SourceInputDto } from './source-input.dto';
import { IsTag, LANGUAGE_PATTERN, Nullable, Present } from './validators';

export class CreateClaimDto {
  @ApiProperty({
    minLength: 10,
    maxLength: 2000,
    example: 'Mercenaries recruited in Albania, Kosovo and Bosnia are being sent to fight in Ukraine.',
  })
  @IsString()
  @Length(10, 2000)
  @Matches(/\S/, { message: 'text must not be blank' })
  text: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  summary?: string | null;

  @ApiPropertyOptional({ default: 'en', example: 'en', maxLength: 35, description: 'BCP 47 language tag.' })
  @Present()
  @IsString()
  @MaxLength(35)
  @Matches(LANGUAGE_PATTERN, { message: 'language must be a language tag such as en or pt-BR' })
  language?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    example: ['ukraine', 'balkans'],
    description: 'Up to 20 tags of at most 40 characters: lowercase letters, digits and "-".',
  })
  @Present()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsTag()
  tags?: string[];

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' })
  @Present()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ type: () => SourceInputDto, nullable: true })
  @Nullable()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceInputDto)
  source?: SourceInputDto | null;

  @ApiPropertyOptional({ type: () => [CreateStanceDto], maxItems: 50 })
  @Present()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CreateStanceDto)
  stances?: CreateStanceDto[];
}
