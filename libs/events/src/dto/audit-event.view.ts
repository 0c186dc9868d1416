import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_EVENT_TYPES, AccountEventType } from '../event-types';

export class AuditActorView {
  @ApiProperty({ enum: ['user', 'api_key'] })
  kind: 'user' | 'api_key';

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: 'Ana Lučić' })
  name: string | null;
}

export class AuditEventView {
  @ApiProperty({ example: '42', description: 'The event id; increases with time.' })
  id: string;

  @ApiProperty({ enum: ACCOUNT_EVENT_TYPES, example: 'user.updated' })
  type: AccountEventType;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({
    type: AuditActorView,
    nullable: true,
    description:
      'Who made the change; null for the start-up admin bootstrap and changes made outside the API.',
  })
  actor: AuditActorView | null;

  @ApiProperty({
    type: Object,
    description:
      'What changed. user.created / user.bootstrapped: the new user (no password); user.updated: ' +
      '`{userId, email, version, changed, before, after}` with only the changed fields, and ' +
      '`passwordChanged: true` instead of any password; api_key.issued / api_key.revoked: ' +
      '`{id, name, prefix, role}`, never the key or its hash.',
    example: {
      userId: '0b9f7c1e-4a4e-4f4b-9a57-1f0c2f1f9e11',
      email: 'ana@desk.example',
      version: 3,
      changed: ['roles', 'password'],
      before: { roles: ['fact_checker'] },
      after: { roles: ['editor'] },
      passwordChanged: true,
    },
  })
  changes: Record<string, unknown>;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventView], description: 'Newest first.' })
  items: AuditEventView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor: string | null;
}
