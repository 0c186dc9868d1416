import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, QueryBoolean } from '@claimdesk/platform';
import { IsBoolean, IsOptional } from 'class-validator';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread notifications.', example: true })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}
