import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type WebhookMessageStatus = 'pending' | 'delivered' | 'failed';

/**
 * One message per (event, endpoint): the body is fixed when the event is fanned out and `msgId`
 * is the `webhook-id` header, the same on every attempt. `dispatchSeq` counts its dispatches and
 * `dispatchBatch` names the latest one's batch (and job), so a stale job (superseded by a newer
 * dispatch) knows to do nothing.
 */
@Entity({ name: 'webhook_messages' })
export class WebhookMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'msg_id', type: 'text' })
  msgId: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId: string;

  @Column({ name: 'event_id', type: 'bigint', nullable: true })
  eventId: string | null;

  @Column({ name: 'claim_id', type: 'uuid', nullable: true })
  claimId: string | null;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', default: 'pending' })
  status: WebhookMessageStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'dispatch_seq', type: 'int', default: 0 })
  dispatchSeq: number;

  @Column({ name: 'dispatch_batch', type: 'bigint', nullable: true })
  dispatchBatch: string | null;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
