import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ACTOR_KINDS, ActorKind, STANCE_TYPES, StanceType } from '@claimdesk/actors';
import { CreateStanceDto, Present } from '@claimdesk/claims';
import { plainToInstance, Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const optional = () => ValidateIf((_: unknown, value: unknown) => value !== undefined && value !== null);

/** A candidate's actor as the candidate shows it, sent back unchanged or edited. */
export class CandidateActorInputDto {
  @ApiProperty({ example: 'Sergei Lavrov', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: ACTOR_KINDS })
  @IsIn(ACTOR_KINDS)
  kind: ActorKind;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'Foreign Minister' })
  @optional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'RU' })
  @optional()
  @IsString()
  @MaxLength(100)
  country?: string | null;

  @ApiProperty({ enum: STANCE_TYPES })
  @IsIn(STANCE_TYPES)
  stance: StanceType;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The known actor to reuse.',
  })
  @optional()
  @IsUUID()
  actorId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    description: 'Defaults to the sentence.',
  })
  @optional()
  @IsString()
  @MaxLength(2000)
  quote?: string | null;
}

/** Each item is read as the candidate's own actor shape when it has `stance`, else as a stance. */
const asActorOrStance = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? value.map((item: unknown) =>
        item !== null && typeof item === 'object' && !Array.isArray(item)
          ? 'stance' in item
            ? plainToInstance(CandidateActorInputDto, item)
            : plainToInstance(CreateStanceDto, item)
          : item,
      )
    : value;

/** Turns a candidate into a claim; both fields override what the candidate proposed. */
@ApiExtraModels(CandidateActorInputDto, CreateStanceDto)
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
    type: 'array',
    maxItems: 50,
    items: {
      oneOf: [{ $ref: getSchemaPath(CandidateActorInputDto) }, { $ref: getSchemaPath(CreateStanceDto) }],
    },
    description:
      "The claim's stances: the candidate's `actors` (edited or not: an actor left out gets no stance and is not created), or stances as `POST /v1/claims` takes them. When left out, every actor of the candidate becomes a stance, quoted from the sentence it was found in, with the source URL.",
  })
  @Present()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @Transform(asActorOrStance)
  @ValidateNested({ each: true })
  actors?: (CandidateActorInputDto | CreateStanceDto)[];
}
