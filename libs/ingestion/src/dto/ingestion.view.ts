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

export class CandidateActorView {
  @ApiProperty({ example: 'Sergei Lavrov' })
  name: string;

  @ApiProperty({ enum: ACTOR_KINDS })
  kind: ActorKind;

  @ApiProperty({ type: String, nullable: true })
  title: string | null;

  @ApiProperty({ type: String, nullable: true })
  country: string | null;

  @ApiProperty({
    enum: STANCE_TYPES,
    nullable: true,
    description:
      'Guessed from the sentence: `asserted` for the speaker of a reporting verb, `rejected` for deny/reject/dismiss. Null: named in the sentence but not its speaker (not turned into a stance on accept).',
  })
  stance: StanceType | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The known actor whose name or alias appears in the sentence; null for a proposed new actor.',
  })
  actorId: string | null;
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

  @ApiProperty({ description: 'Proposed claim text.' })
  text: string;

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
