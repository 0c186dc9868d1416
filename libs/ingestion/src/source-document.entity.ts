import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The text of an article as it was ingested; candidates' offsets point into it. */
@Entity({ name: 'source_documents' })
export class SourceDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text', nullable: true })
  language: string | null;

  @Column({ name: 'ingested_by_kind', type: 'text', nullable: true })
  ingestedByKind: 'user' | 'api_key' | null;

  @Column({ name: 'ingested_by_id', type: 'uuid', nullable: true })
  ingestedById: string | null;

  @Column({ name: 'ingested_at', type: 'timestamptz' })
  ingestedAt: Date;
}
