import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CheckworthinessFeatures, Mention } from './extract-candidates';

export const CANDIDATE_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

/** A claim found in an ingested article, proposed until someone accepts or rejects it. */
@Entity({ name: 'claim_candidates' })
export class ClaimCandidate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ type: 'text' })
  sentence: string;

  @Column({ name: 'start_offset', type: 'int' })
  start: number;

  @Column({ name: 'end_offset', type: 'int' })
  end: number;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'jsonb' })
  actors: unknown[];

  @Column({ type: 'jsonb' })
  mentions: Mention[];

  @Column({ type: 'real' })
  checkworthiness: number;

  @Column({ type: 'jsonb' })
  features: CheckworthinessFeatures;

  @Column({ type: 'text' })
  status: CandidateStatus;

  @Column({ name: 'claim_id', type: 'uuid', nullable: true })
  claimId: string | null;

  @Column({ name: 'decided_by_kind', type: 'text', nullable: true })
  decidedByKind: 'user' | 'api_key' | null;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
