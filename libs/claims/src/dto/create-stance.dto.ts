import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreateActorDto, STANCE_TYPES, StanceType } from '@claimdesk/actors';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsActorReference, IsHttpUrl, IsIsoDate, Nullable } from './validators';

/** Who took which position on the claim: an existing actor by id, or one described inline (found or created by name). */
export class CreateStanceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing actor. Send this or `actor`, not both.' })
  @IsActorReference()
  actorId?: string;

  @ApiPropertyOptional({
    type: () => CreateActorDto,
    description:
      'An actor described inline. An existing actor whose name or alias matches (ignoring case and accents) is reused; otherwise one is created.',
  })
  @ValidateIf((_: unknown, value: unknown) => value !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => CreateActorDto)
  actor?: CreateActorDto;

  @ApiProperty({ enum: STANCE_TYPES, example: 'asserted' })
  @IsIn(STANCE_TYPES)
  type: StanceType;

  @ApiPropertyOptional({ format: 'date-time', example: '2022-05-06T09:30:00Z', nullable: true })
  @Nullable()
  @IsIsoDate()
  statedAt?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, description: 'The words the actor used.' })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  quote?: string | null;

  @ApiPropertyOptional({
    maxLength: 2000,
    nullable: true,
    example: 'https://news.example.org/2022/05/06/briefing',
  })
  @Nullable()
  @IsHttpUrl()
  sourceUrl?: string | null;
}
