import { ApiProperty } from '@nestjs/swagger';
import { ACTOR_KINDS, ActorKind, STANCE_TYPES, StanceType } from '@claimdesk/actors';
import {
  CLAIM_STATUSES,
  ClaimStatus,
  EVIDENCE_STATUSES,
  EvidenceStatus,
  SimilarClaimView,
  SourceView,
  VERDICTS,
  Verdict,
} from '@claimdesk/claims';
import { CANDIDATE_STATUSES, CandidateStatus } from '../claim-candidate.entity';
import type { MentionRole } from '../extraction/types';

export const MENTION_ROLES: MentionRole[] = ['states', 'attributes', 'repeats', 'supports', 'rejects'];

export class CandidateActorView {
  @ApiProperty({ example: 'Sergei Lavrov' })
  name: string;

  @ApiProperty({ enum: ACTOR_KINDS })
  kind: ActorKind;

  @ApiProperty({ type: String, nullable: true, example: 'Foreign Minister' })
  title: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'ISO 3166-1 alpha-2 (XK: Kosovo).',
    example: 'RU',
  })
  country: string | null;

  @ApiProperty({
    enum: STANCE_TYPES,
    nullable: true,
    description:
      '`asserted`: made the claim first; `repeated`: carried, echoed or cited it; `supported`: backed it with their own authority; `rejected`: denied, dismissed, disputed it or said there was no evidence. Null only on candidates stored before stances were proposed.',
  })
  stance: StanceType | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The known actor with this name or alias (case and accents ignored); null for a new actor.',
  })
  actorId: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The sentence in which the actor took the stance: the stance’s quote on accept.',
  })
  quote?: string | null;
}

export class CandidateMentionView {
  @ApiProperty({ example: 0 })
  start: number;

  @ApiProperty({ example: 151 })
  end: number;

  @ApiProperty({ description: 'Exactly `text.slice(start, end)` of the ingested article.' })
  sentence: string;

  @ApiProperty({
    enum: MENTION_ROLES,
    description:
      'What the sentence does with the claim: states it, attributes it to someone, repeats, supports or rejects it.',
  })
  role: MentionRole;
}

export class CandidateFeaturesView {
  @ApiProperty({ example: 18 })
  words: number;

  @ApiProperty({ type: String, nullable: true, example: 'said' })
  reportingVerb: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'denied' })
  rejectionVerb: string | null;

  @ApiProperty({ example: 1 })
  numbers: number;

  @ApiProperty()
  percentage: boolean;

  @ApiProperty({ example: 3, description: 'Capitalised name-like sequences.' })
  namedEntities: number;

  @ApiProperty()
  quotation: boolean;

  @ApiProperty()
  firstPersonOpinion: boolean;

  @ApiProperty()
  question: boolean;

  @ApiProperty()
  tooShort: boolean;

  @ApiProperty({ required: false, description: 'Someone is named as its source.' })
  attributed?: boolean;

  @ApiProperty({
    required: false,
    description: 'A named person, body or outlet (not "some analysts") made, repeated or backed it.',
  })
  namedSpeaker?: boolean;

  @ApiProperty({ required: false, description: 'A verb in the past or perfect: something happened.' })
  eventVerb?: boolean;

  @ApiProperty({ required: false, description: '"caused", "because of", "driven by"…' })
  causal?: boolean;

  @ApiProperty({ required: false, description: '"may", "could", "likely", "warned", "some said".' })
  hedged?: boolean;

  @ApiProperty({ required: false, description: '"will", "would", "plans to", "next week".' })
  prediction?: boolean;

  @ApiProperty({ required: false, description: 'Evaluation or exhortation: "best", "must", "proved".' })
  opinion?: boolean;

  @ApiProperty({ required: false, description: 'Meetings, visits, reviews: news of procedure.' })
  procedural?: boolean;

  @ApiProperty({ required: false, description: 'Detail given by someone answering another claim.' })
  elaboration?: boolean;

  @ApiProperty({
    required: false,
    type: Object,
    additionalProperties: { type: 'number' },
    description:
      'How much each feature added to (or took from) the score; they sum to it before clamping to [0, 1].',
    example: { base: 0.15, attributed: 0.3, numbers: 0.15 },
  })
  contributions?: Record<string, number>;
}

export class CandidateView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The sentence exactly as `text.slice(start, end)` of the ingested article.' })
  sentence: string;

  @ApiProperty({ example: 120 })
  start: number;

  @ApiProperty({ example: 231 })
  end: number;

  @ApiProperty({
    description:
      'The proposed claim: the proposition without its reporting frame ("Mercenaries … are being sent …", not "Lavrov said that …"). `sentence`, `start` and `end` are its first mention.',
  })
  text: string;

  @ApiProperty({
    type: [CandidateMentionView],
    description:
      'Every sentence of the article that states, attributes, repeats, supports or rejects the claim, in reading order.',
  })
  mentions: CandidateMentionView[];

  @ApiProperty({ type: [CandidateActorView] })
  actors: CandidateActorView[];

  @ApiProperty({ type: [SimilarClaimView], description: 'Existing claims that look like this one.' })
  similar: SimilarClaimView[];

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.75 })
  checkworthiness: number;

  @ApiProperty({ type: CandidateFeaturesView, description: 'What the score is made of.' })
  features: CandidateFeaturesView;

  @ApiProperty({ enum: CANDIDATE_STATUSES })
  status: CandidateStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  claimId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class IngestResultView {
  @ApiProperty({ type: SourceView })
  source: SourceView;

  @ApiProperty({ type: [CandidateView], description: 'Best first.' })
  candidates: CandidateView[];
}

export class SourceClaimView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  text: string;

  @ApiProperty({ enum: CLAIM_STATUSES })
  status: ClaimStatus;

  @ApiProperty({ enum: EVIDENCE_STATUSES })
  evidenceStatus: EvidenceStatus;

  @ApiProperty({ enum: VERDICTS, nullable: true })
  verdict: Verdict | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class SourceDetailView extends SourceView {
  @ApiProperty({
    type: [SourceClaimView],
    description: 'Claims found in this source, newest first (at most 100).',
  })
  claims: SourceClaimView[];

  @ApiProperty({ type: [CandidateView], description: 'Open candidates, best first.' })
  candidates: CandidateView[];
}
