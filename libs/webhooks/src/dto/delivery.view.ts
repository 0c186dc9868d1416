import { ApiProperty } from '@nestjs/swagger';

export class DeliveryAttemptView {
  @ApiProperty({ example: 1 })
  attempt: number;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiProperty({ type: Number, nullable: true, example: 500, description: 'Null when no response came.' })
  statusCode: number | null;

  @ApiProperty({ example: 42 })
  durationMs: number;

  @ApiProperty({ type: String, nullable: true, description: 'The first KiB of the response body.' })
  responseSnippet: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'connect ECONNREFUSED 203.0.113.7:443' })
  error: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextRetryAt: string | null;
}

/** One message (an event for this endpoint) with every attempt to deliver it. */
export class DeliveryView {
  @ApiProperty({ format: 'uuid', description: 'The delivery id, for `…/deliveries/:deliveryId/retry`.' })
  id: string;

  @ApiProperty({ example: 'msg_2b1f0c7e9d8a4f5b8c3d2e1f0a9b8c7d', description: 'The `webhook-id` header.' })
  webhookId: string;

  @ApiProperty({ example: 'claim.published' })
  eventType: string;

  @ApiProperty({ type: String, nullable: true, example: '42' })
  eventId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  claimId: string | null;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] })
  status: 'pending' | 'delivered' | 'failed';

  @ApiProperty({ example: 1 })
  attemptCount: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt: string | null;

  @ApiProperty({ type: [DeliveryAttemptView], description: 'Oldest first.' })
  attempts: DeliveryAttemptView[];
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryView] })
  items: DeliveryView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
