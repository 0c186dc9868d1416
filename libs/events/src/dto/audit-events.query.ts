import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@claimdesk/platform';
import { ACCOUNT_EVENT_TYPES, AccountEventType } from '../event-types';

/** `GET /v1/audit-events?type=&limit=&cursor=` */
export class AuditEventsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ACCOUNT_EVENT_TYPES, example: 'user.updated' })
  @IsOptional()
  @IsIn(ACCOUNT_EVENT_TYPES, { message: `type must be one of: ${ACCOUNT_EVENT_TYPES.join(', ')}` })
  type?: AccountEventType;
}
