import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StanceType } from '@claimdesk/actors';
import type { CreatorKind } from './claim.entity';

/** One actor's position on one claim: who asserted it, who repeated it, who rejected it. */
@Entity({ name: 'stances' })
export class Stance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ type: 'text' })
  type: StanceType;

  @Column({ name: 'stated_at', type: 'timestamptz', nullable: true })
  statedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  quote: string | null;

  @Column({ name: 'source_url', type: 'text', nullable: true })
  sourceUrl: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by_kind', type: 'text', nullable: true })
  createdByKind: CreatorKind | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;
}
