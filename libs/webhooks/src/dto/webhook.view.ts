import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES } from '../webhook-event-types';

export class WebhookOwnerView {
  @ApiProperty({ enum: ['user', 'api_key'] })
  kind: 'user' | 'api_key';

  @ApiProperty({ format: 'uuid' })
  id: string;
}

/** An endpoint as the API shows it: never its secret. */
export class WebhookView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'https://newsroom.example.org/hooks/claimdesk' })
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  events: string[];

  @ApiProperty({ type: [String], description: 'Claim tag filter; empty means every claim.' })
  tags: string[];

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ description: 'false when paused, or disabled after 410 Gone or days of failures.' })
  active: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  disabledReason: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Since when every attempt has failed; null while deliveries succeed.',
  })
  failingSince: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when the previous secret still signs (after a rotation).',
  })
  previousSecretExpiresAt: string | null;

  @ApiProperty({ type: WebhookOwnerView })
  owner: WebhookOwnerView;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class CreatedWebhookView extends WebhookView {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Shown once: `whsec_` + base64 of 32 random bytes. Verify deliveries with it.',
  })
  secret: string;
}

export class RotatedSecretView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The new secret, shown once.',
  })
  secret: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Until then deliveries carry signatures from both the old and the new secret.',
  })
  previousSecretExpiresAt: string;
}

export class WebhookPage {
  @ApiProperty({ type: [WebhookView] })
  items: WebhookView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
