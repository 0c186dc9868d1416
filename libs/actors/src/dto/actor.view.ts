import { ApiProperty } from '@nestjs/swagger';
import { CLAIM_STATUSES, type ClaimStatus, VERDICTS, type Verdict } from '@claimdesk/workflow';
import { ACTOR_KINDS, ActorKind } from '../actor.entity';

/** How many stances an actor's detail view lists; prolific actors are paged through the claims list (`actorId=`). */
export const ACTOR_CLAIMS_LIMIT = 100;
export const STANCE_TYPES = ['asserted', 'repeated', 'supported', 'rejected'] as const;
export type StanceType = (typeof STANCE_TYPES)[number];

export class ActorView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Sergei Lavrov' })
  name: string;

  @ApiProperty({ enum: ACTOR_KINDS, example: 'person' })
  kind: ActorKind;

  @ApiProperty({ type: String, nullable: true, example: 'Minister of Foreign Affairs' })
  title: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Russia' })
  country: string | null;

  @ApiProperty({ type: [String], example: ['Sergey Lavrov'] })
  aliases: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ example: 1 })
  version: number;
}

export class ActorPage {
  @ApiProperty({ type: [ActorView] })
  items: ActorView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor: string | null;
}

/** The claim side of one of the actor's stances. */
export class ActorClaimSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Mercenaries from Albania, Kosovo and Bosnia are being sent to fight in Ukraine.' })
  text: string;

  @ApiProperty({ enum: CLAIM_STATUSES, example: 'submitted' })
  status: ClaimStatus;

  @ApiProperty({ example: 'unverified' })
  evidenceStatus: string;

  @ApiProperty({ enum: VERDICTS, nullable: true, example: null })
  verdict: Verdict | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ActorStanceView {
  @ApiProperty({ format: 'uuid', description: 'The stance id.' })
  stanceId: string;

  @ApiProperty({ enum: STANCE_TYPES, example: 'asserted' })
  type: StanceType;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  statedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  quote: string | null;

  @ApiProperty({ type: String, nullable: true })
  sourceUrl: string | null;

  @ApiProperty({ type: ActorClaimSummary })
  claim: ActorClaimSummary;
}

export class ActorDetailView extends ActorView {
  @ApiProperty({
    type: [ActorStanceView],
    description: `The claims this actor asserted, repeated, supported or rejected, newest stance first (at most ${ACTOR_CLAIMS_LIMIT}).`,
  })
  claims: ActorStanceView[];

  @ApiProperty({ description: 'True when the actor has more stances than `claims` lists.' })
  claimsTruncated: boolean;
}
