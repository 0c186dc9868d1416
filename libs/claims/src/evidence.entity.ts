import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CreatorKind } from './claim.entity';

export const EVIDENCE_KINDS = [
  'document',
  'official_statement',
  'data',
  'media',
  'expert',
  'report',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_RELATIONS = ['supports', 'refutes', 'context'] as const;
export type EvidenceRelation = (typeof EVIDENCE_RELATIONS)[number];

export const RELIABILITIES = ['high', 'medium', 'low'] as const;
export type Reliability = (typeof RELIABILITIES)[number];

/** A piece of evidence for or against a claim, or context for it. */
@Entity({ name: 'evidence' })
export class Evidence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @Column({ type: 'text' })
  kind: EvidenceKind;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ type: 'text' })
  relation: EvidenceRelation;

  @Column({ type: 'text', nullable: true })
  reliability: Reliability | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by_kind', type: 'text', nullable: true })
  createdByKind: CreatorKind | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;
}
