import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ACTOR_KINDS, ActorKind } from '../actor.entity';

/** Optional, but when present it must not be null: null would reach NOT NULL columns. */
const Present = () => ValidateIf((_: unknown, value: unknown) => value !== undefined);
const NOT_BLANK = /\S/;

/** An actor as clients describe it: on its own (`POST /v1/actors`) or inline in a stance. */
export class CreateActorDto {
  @ApiProperty({ example: 'Sergei Lavrov', minLength: 1, maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: ACTOR_KINDS, example: 'person' })
  @IsIn(ACTOR_KINDS)
  kind: ActorKind;

  @ApiPropertyOptional({ example: 'Minister of Foreign Affairs', maxLength: 200, nullable: true })
  @ValidateIf((_: unknown, value: unknown) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @ApiPropertyOptional({ example: 'Russia', maxLength: 100, nullable: true })
  @ValidateIf((_: unknown, value: unknown) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(100)
  country?: string | null;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    example: ['Sergey Lavrov', 'Lavrov'],
    description: 'Other spellings; matching ignores case and accents.',
  })
  @Present()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @Matches(NOT_BLANK, { each: true, message: 'each alias must not be blank' })
  aliases?: string[];
}
