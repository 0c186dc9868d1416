import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_TYPES, NotificationType } from '../notification-types';

export class NotificationActorView {
  @ApiProperty({ enum: ['user', 'api_key'] })
  kind: 'user' | 'api_key';

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: 'Ana Lučić' })
  name: string | null;
}

/** A notification as the list and the live stream show it. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: NOTIFICATION_TYPES, example: 'claim.assigned' })
  type: NotificationType;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  claimId: string | null;

  @ApiProperty({
    type: NotificationActorView,
    nullable: true,
    description: 'Who caused it; null for reminders the system sends by itself.',
  })
  actor: NotificationActorView | null;

  @ApiProperty({
    example:
      'Ana Lučić assigned you “Mercenaries from Albania, Kosovo and Bosnia are being sent to fight in…”',
  })
  text: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] })
  items: NotificationView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class ReadAllResult {
  @ApiProperty({ description: 'How many notifications were unread and are now read.', example: 3 })
  marked: number;
}

/** The row shape the service reads; `seq` orders it. */
export interface NotificationRow {
  id: string;
  seq: string;
  recipient_id: string;
  type: NotificationType;
  claim_id: string | null;
  actor_kind: 'user' | 'api_key' | null;
  actor_id: string | null;
  actor_name: string | null;
  text: string;
  created_at: Date;
  read_at: Date | null;
}

export const NOTIFICATION_COLUMNS = `id, seq::text AS seq, recipient_id, type, claim_id, actor_kind, actor_id,
  actor_name, text, created_at, read_at`;

export function toNotificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    type: row.type,
    claimId: row.claim_id,
    actor:
      row.actor_kind && row.actor_id
        ? { kind: row.actor_kind, id: row.actor_id, name: row.actor_name }
        : null,
    text: row.text,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}
