import { Trim } from '@claimdesk/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '../webhook-event-types';

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://newsroom.example.org/hooks/claimdesk',
    maxLength: 2048,
    description:
      'http or https. Must resolve to public addresses (no loopback, private, link-local, CGNAT…) unless the server allows private networks.',
  })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  @Matches(/^https?:\/\//i, { message: 'url must be an http or https URL' })
  url: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    example: ['claim.published', 'claim.reopened'],
    description: 'The event types to receive (`webhook.test` is always sent by the test route).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, {
    each: true,
    message: `each value in events must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
  })
  events: WebhookEventType[];

  @ApiPropertyOptional({
    type: [String],
    example: ['ukraine'],
    description: 'Only claims carrying at least one of these tags; empty or absent means every claim.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(64, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ example: 'Verdicts for the live blog', maxLength: 500 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  description?: string;
}
